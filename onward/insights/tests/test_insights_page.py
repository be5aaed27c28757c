import re

from django.urls import reverse


def test_it_shows_the_funnel_sankey_and_findings(alice_client, search):
    response = alice_client.get(reverse("insights:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="sankey"' in html
    assert 'id="sankey-table"' in html
    assert 'name="start"' in html and 'name="end"' in html
    assert "onward/vendor/chart-onward.min.js" in html
    # No script or style from another site (a random token may hold the letters "cdn").
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    # The reply rate with its counts: 7 of 9, and its interval.
    assert "7&nbsp;of&nbsp;9" in html
    assert "What stands out" in html


def test_it_greys_out_small_samples(alice_client, search):
    html = alice_client.get(reverse("insights:index")).content.decode()
    # Interviewing -> Final round: 2 of 3, below the minimum of 5.
    assert '2&nbsp;of&nbsp;3 <span class="badge">too little data</span>' in html


def test_it_ignores_bad_filters_with_a_message(alice_client, search):
    response = alice_client.get(
        reverse("insights:index"), {"start": "2026-03-01", "end": "2026-02-01"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "The end date is before the start date." in html
    assert "ignored" in html
    assert "7&nbsp;of&nbsp;9" in html  # unfiltered numbers

    response = alice_client.get(reverse("insights:index"), {"start": "yesterday", "by": "nope"})
    assert response.status_code == 200


def test_it_applies_the_date_range(alice_client, search):
    html = alice_client.get(
        reverse("insights:index"), {"start": "2026-03-01", "end": "2026-03-31"}
    ).content.decode()
    # Only a4 (sent 25 March), still too early to tell: no reply rate yet.
    assert "no data yet" in html


def test_it_breaks_down_by_each_dimension(alice_client, search):
    for by in ("source", "resume", "work_mode", "title_group", "company", "month"):
        response = alice_client.get(reverse("insights:index"), {"by": by})
        assert response.status_code == 200, by
        response = alice_client.get(reverse("insights:index"), {"by": by, "section": "breakdown"})
        assert response.status_code == 200, by
    html = alice_client.get(
        reverse("insights:index"), {"by": "month", "section": "breakdown"}
    ).content.decode()
    assert "Jan 2026" in html and "Feb 2026" in html and "Mar 2026" in html


def test_it_shows_nothing_to_draw_for_a_new_user(bob_client):
    response = bob_client.get(reverse("insights:index"))
    assert response.status_code == 200
    assert "Nothing to draw yet" in response.content.decode()


def test_it_keeps_another_users_applications_out(bob_client, search):
    html = bob_client.get(reverse("insights:index")).content.decode()
    assert "Nothing to draw yet" in html


def test_it_needs_a_login(client):
    response = client.get(reverse("insights:index"))
    assert response.status_code == 302


def test_the_filter_form_shows_what_was_asked(alice_client, search):
    html = alice_client.get(
        reverse("insights:index"),
        {"start": "2026-02-01", "end": "2026-01-01", "include_wishlist": "on", "by": "month"},
    ).content.decode()
    assert 'name="start" id="id_start" value="2026-02-01"' in html
    assert 'id="id_include_wishlist" checked' in html
    assert '<option value="month" selected>' in html
    # The error sits by its field, and the field says so to assistive technology.
    assert (
        'id="id_end" value="2026-01-01" aria-invalid="true" aria-describedby="id_end_error"' in html
    )
    assert '<ul class="errorlist" id="id_end_error"><li>The end date is before' in html


def test_the_filter_form_starts_empty(alice_client):
    html = alice_client.get(reverse("insights:index")).content.decode()
    assert 'name="start" id="id_start" value=""' in html
    assert "checked" not in html and "selected" not in html and "aria-invalid" not in html


def test_a_choice_it_does_not_know_is_marked_on_its_field(alice_client):
    html = alice_client.get(reverse("insights:index"), {"by": "<salary>"}).content.decode()
    assert 'id="id_by" aria-invalid="true" aria-describedby="id_by_error"' in html
    assert '<ul class="errorlist" id="id_by_error"><li>Select a valid choice.' in html
    assert "<salary>" not in html
