import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from onward.pipeline.models import Stage
from onward.testing import make_application, stage

BOARD = reverse("pipeline:board")


def move_url(application):
    return reverse("pipeline:application_move", args=[application.pk])


def test_it_shows_a_column_per_stage_with_its_cards(alice_client, alice):
    make_application(alice, "Applied", title="Backend engineer")
    make_application(alice, "Interviewing", title="Data engineer")
    response = alice_client.get(BOARD)
    columns = response.context["columns"]
    by_name = {c["stage"].name: [a.title for a in c["cards"]] for c in columns}
    assert list(by_name) == [s.name for s in Stage.objects.for_user(alice)]
    assert by_name["Applied"] == ["Backend engineer"]
    assert by_name["Interviewing"] == ["Data engineer"]
    assert by_name["Screening"] == []


def test_each_card_shows_title_company_and_days_in_stage(alice_client, alice):
    application = make_application(
        alice, "Applied", title="Platform lead", when=timezone.now() - timedelta(days=4)
    )
    content = alice_client.get(BOARD).content.decode()
    assert "Platform lead" in content
    assert application.company.name in content
    assert "4 days in this stage" in content


def test_it_explains_what_to_do_first_when_empty(alice_client):
    content = alice_client.get(BOARD).content.decode()
    assert "No applications yet: add the first one" in content
    assert reverse("pipeline:application_create") in content


def test_it_marks_applications_without_reply_and_offers_ghosted(alice_client, alice):
    quiet = make_application(alice, "Applied", when=timezone.now() - timedelta(days=30))
    recent = make_application(alice, "Applied", when=timezone.now() - timedelta(days=3))
    response = alice_client.get(BOARD)
    content = response.content.decode()
    assert "no reply for 30 days" in content
    assert reverse("pipeline:application_ghost", args=[quiet.pk]) in content
    assert reverse("pipeline:application_ghost", args=[recent.pk]) not in content


def test_the_ghosting_threshold_is_the_users_setting(alice_client, alice):
    alice.profile.ghost_after_days = 5
    alice.profile.save()
    make_application(alice, "Applied", when=timezone.now() - timedelta(days=6))
    assert "no reply for 6 days" in alice_client.get(BOARD).content.decode()


def test_a_drag_records_the_move_and_answers_with_the_card(alice_client, alice):
    application = make_application(alice, "Applied")
    response = alice_client.post(
        move_url(application), {"stage": stage(alice, "Screening").pk}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert content.lstrip().startswith('<article class="board-card"')
    assert "<html" not in content
    application.refresh_from_db()
    assert application.stage.name == "Screening"
    assert [c.to_stage.name for c in application.stage_changes.all()] == ["Applied", "Screening"]


def test_a_drag_into_a_lost_stage_prompts_for_the_debrief(alice_client, alice, debrief_answers):
    application = make_application(alice, "Interviewing")
    response = alice_client.post(
        move_url(application), {"stage": stage(alice, "Rejected").pk}, HTTP_HX_REQUEST="true"
    )
    content = response.content.decode()
    assert "Rejected: open the debrief" in content
    assert f'href="{debrief_answers}"' in content


def test_a_refused_drag_answers_400_with_the_reason(alice_client, alice, bob):
    application = make_application(alice, "Applied")
    response = alice_client.post(
        move_url(application), {"stage": stage(bob, "Screening").pk}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 400
    assert "errorlist" in response.content.decode()
    application.refresh_from_db()
    assert application.stage.name == "Applied"
    assert application.stage_changes.count() == 1


def test_the_move_to_control_records_the_move_and_returns_to_the_card(alice_client, alice):
    application = make_application(alice, "Applied")
    next_url = f"{BOARD}#card-{application.pk}"
    response = alice_client.post(
        move_url(application), {"stage": stage(alice, "Screening").pk, "next": next_url}
    )
    assert response.status_code == 302
    assert response["Location"] == next_url
    assert application.stage_changes.count() == 2


def test_the_move_to_control_goes_to_the_debrief_after_a_loss(alice_client, alice, debrief_answers):
    application = make_application(alice, "Interviewing")
    response = alice_client.post(
        move_url(application), {"stage": stage(alice, "Rejected").pk, "next": BOARD}
    )
    assert response["Location"] == debrief_answers


def test_it_ignores_a_next_url_on_another_site(alice_client, alice):
    application = make_application(alice, "Applied")
    response = alice_client.post(
        move_url(application),
        {"stage": stage(alice, "Screening").pk, "next": "https://evil.example/"},
    )
    assert response["Location"] == application.get_absolute_url()


def test_every_card_has_a_move_link_and_the_board_one_shared_move_menu(alice_client, alice):
    applications = [make_application(alice, "Applied") for _ in range(3)]
    content = alice_client.get(BOARD).content.decode()
    for application in applications:
        # Without scripts, the link leads to the application's own move form.
        assert f'href="{application.get_absolute_url()}#move" data-move>' in content
        assert f'data-move-url="{move_url(application)}"' in content
    # One select for the whole board, not one per card.
    assert content.count("<select") == 1
    assert content.count('<option value="') == Stage.objects.for_user(alice).count()
    assert 'id="move"' in alice_client.get(applications[0].get_absolute_url()).content.decode()
    assert "onward/board.js" in content


def test_the_board_script_posts_to_the_move_url_with_the_csrf_token(alice_client):
    from django.contrib.staticfiles import finders

    with open(finders.find("onward/board.js")) as handle:
        script = handle.read()
    assert "data-move-url" in script
    assert "hx-headers" in script and "X-CSRFToken" in script
    assert "dragstart" in script and "drop" in script


def count_board_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(BOARD).status_code == 200
    return len(queries)


def test_the_board_runs_the_same_queries_for_10_and_200_applications(alice_client, alice):
    stages = ["Applied", "Screening", "Interviewing", "Rejected", "Offer"]
    old = timezone.now() - timedelta(days=40)
    for i in range(10):
        make_application(alice, stages[i % 5], when=old if i % 2 else None)
    with_10 = count_board_queries(alice_client)
    for i in range(190):
        make_application(alice, stages[i % 5], when=old if i % 2 else None)
    assert count_board_queries(alice_client) == with_10


def test_bob_cannot_move_alices_application(bob_client, alice):
    application = make_application(alice, "Applied")
    response = bob_client.post(move_url(application), {"stage": stage(alice, "Screening").pk})
    assert response.status_code == 404
    assert application.stage_changes.count() == 1


def test_bob_sees_only_his_own_board(bob_client, alice):
    make_application(alice, "Applied", title="Secret role of Alice")
    response = bob_client.get(BOARD)
    assert "Secret role of Alice" not in response.content.decode()
    assert not any(column["cards"] for column in response.context["columns"])


def test_it_caps_each_column_and_loads_the_rest_on_demand(alice_client, alice, monkeypatch):
    from onward.pipeline import views

    monkeypatch.setattr(views, "BOARD_COLUMN_LIMIT", 3)
    base = timezone.now() - timedelta(days=30)
    made = [
        make_application(alice, "Applied", title=f"Role {i}", when=base + timedelta(days=i))
        for i in range(5)
    ]
    make_application(alice, "Screening", title="Elsewhere")
    response = alice_client.get(BOARD)
    applied = next(c for c in response.context["columns"] if c["stage"].name == "Applied")
    # The most recently moved cards first; the column still counts all of them.
    newest_first = [a.pk for a in reversed(made)]
    assert [a.pk for a in applied["cards"]] == newest_first[:3]
    assert applied["total"] == 5
    content = response.content.decode()
    applied_id = stage(alice, "Applied").pk
    assert "Showing 3 of 5" in content
    assert f"?stage={applied_id}" in content  # the table, without scripts
    assert f"{BOARD}?stage={applied_id}&amp;shown=3" in content

    more = alice_client.get(BOARD, {"stage": applied_id, "shown": 3}, HTTP_HX_REQUEST="true")
    html = more.content.decode()
    assert re.findall(r'id="card-(\d+)"', html) == [str(pk) for pk in newest_first[3:]]
    assert "<html" not in html
    assert "Elsewhere" not in html
    assert "Show more" not in html  # nothing left


def test_asking_for_more_of_another_users_column_shows_nothing_of_theirs(bob_client, alice):
    make_application(alice, "Applied", title="Secret role of Alice")
    response = bob_client.get(
        BOARD, {"stage": stage(alice, "Applied").pk, "shown": 0}, HTTP_HX_REQUEST="true"
    )
    assert "Secret role of Alice" not in response.content.decode()


def test_the_board_renders_a_bounded_number_of_cards(alice_client, alice, monkeypatch):
    from onward.pipeline import views

    monkeypatch.setattr(views, "BOARD_COLUMN_LIMIT", 2)
    for i in range(7):
        make_application(alice, ["Applied", "Screening"][i % 2])
    content = alice_client.get(BOARD).content.decode()
    assert content.count('class="board-card"') == 4


@pytest.mark.parametrize(
    "params",
    [
        {"stage": "9" * 5000, "shown": "0"},
        {"stage": "1", "shown": "9" * 5000},
        {"stage": "x", "shown": "10"},
        {"stage": "1", "shown": "-3"},
    ],
)
def test_a_strange_show_more_request_is_never_an_error(alice_client, alice, params):
    make_application(alice, "Applied")
    params = {**params, "stage": params["stage"].replace("1", str(stage(alice, "Applied").pk))}
    response = alice_client.get(BOARD, params, HTTP_HX_REQUEST="true")
    assert response.status_code == 200


def test_folded_columns_load_their_cards_only_when_unfolded(alice_client, alice):
    """Won and lost columns start folded; their cards are not rendered until the user opens
    the column (htmx asks for them), and without scripts the table lists them."""
    make_application(alice, "Applied", title="Still open")
    lost = make_application(alice, "Rejected", title="Lost role")
    rejected = stage(alice, "Rejected")
    response = alice_client.get(BOARD)
    column = next(c for c in response.context["columns"] if c["stage"] == rejected)
    assert column["folded"] and column["total"] == 1 and column["cards"] == []
    content = response.content.decode()
    assert "Lost role" not in content and "Still open" in content
    assert f'hx-get="{BOARD}?stage={rejected.pk}&amp;shown=0"' in content
    table = reverse("pipeline:application_list")
    assert f'href="{table}?stage={rejected.pk}">See them in the table' in content
    # An empty folded column has nothing to load.
    assert f"{BOARD}?stage={stage(alice, 'Ghosted').pk}&amp;shown=0" not in content

    cards = alice_client.get(BOARD, {"stage": rejected.pk, "shown": 0}, HTTP_HX_REQUEST="true")
    assert re.findall(r'id="card-(\d+)"', cards.content.decode()) == [str(lost.pk)]


def test_open_unfolds_a_folded_column_with_its_cards(alice_client, alice):
    lost = make_application(alice, "Rejected", title="Lost role")
    rejected = stage(alice, "Rejected")
    response = alice_client.get(BOARD, {"open": rejected.pk})
    column = next(c for c in response.context["columns"] if c["stage"] == rejected)
    assert not column["folded"] and column["cards"] == [lost]
    assert f'id="card-{lost.pk}"' in response.content.decode()
    # Anything else there is no error, and unfolds nothing.
    for strange in ["x", "9" * 40, str(stage(alice, "Applied").pk)]:
        response = alice_client.get(BOARD, {"open": strange})
        assert response.status_code == 200
        assert f'id="card-{lost.pk}"' not in response.content.decode()


def test_the_ghosted_move_returns_to_the_card_in_its_unfolded_column(alice_client, alice):
    quiet = make_application(alice, "Applied", when=timezone.now() - timedelta(days=30))
    ghosted = stage(alice, "Ghosted")
    content = alice_client.get(BOARD).content.decode()
    assert f'value="{BOARD}?open={ghosted.pk}#card-{quiet.pk}"' in content
