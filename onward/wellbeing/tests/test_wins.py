"""The wins journal: the user's own wins, and suggestions accepted or dismissed for good."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from onward.testing import (
    bulk_applications,
    make_activity,
    make_application,
    make_company,
    make_goals,
    make_interview,
    make_win,
)
from onward.wellbeing.models import Win, WinStatus

pytestmark = pytest.mark.django_db

NOW = datetime(2024, 5, 20, 12, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def suggested(client) -> dict[str, str]:
    return {s.key: s.title for s in client.get(reverse("wellbeing:home")).context["suggestions"]}


def decide(client, key, decision):
    return client.post(reverse("wellbeing:suggestion_decide"), {"key": key, "decision": decision})


def test_it_suggests_nothing_without_data(alice_client):
    assert suggested(alice_client) == {}


def test_it_notices_firsts_offers_referral_replies_and_goals_met(alice_client, alice):
    acme = make_company(alice, "Acme")
    application = make_application(alice, company=acme, when=NOW - timedelta(days=20))
    make_interview(application, round_name="Recruiter screen", kind="phone_screen",
                   starts_at=NOW - timedelta(days=15))  # fmt: skip
    make_interview(application, round_name="Final", kind="final", starts_at=NOW - timedelta(days=9))
    [offer] = bulk_applications(
        alice,
        [[("Applied", NOW - timedelta(days=30)), ("Offer", NOW - timedelta(days=3))]],
        company=make_company(alice, "Birch"),
    )
    [referral] = bulk_applications(
        alice,
        [[("Applied", NOW - timedelta(days=12)), ("Screening", NOW - timedelta(days=5))]],
        company=make_company(alice, "Cedar"),
        source="referral",
    )
    zero = dict(applications=0, touches=0, follow_ups=0, learning_hours=0)
    make_goals(alice, date(2024, 1, 1), practice=1, **zero)
    make_activity(alice, "practice", on=date(2024, 5, 14))
    assert suggested(alice_client) == {
        "first-interview": "Your first interview of this search: Recruiter screen at Acme",
        "first-final-round": "Your first final round: Acme",
        f"offer:{offer.pk}": f"An offer from Birch ({offer.title})",
        f"referral-reply:{referral.pk}": "Your referral at Cedar got a reply: on to Screening",
        "goals-met:2024-05-13": "Every weekly goal met, week of 13 May: 1 practice session",
    }


def test_a_dismissed_suggestion_never_comes_back(alice_client, alice):
    application = make_application(alice, when=NOW - timedelta(days=20))
    make_interview(application, starts_at=NOW - timedelta(days=2))
    response = decide(alice_client, "first-interview", "dismiss")
    assert response.status_code == 302
    assert "first-interview" not in suggested(alice_client)
    # A later interview would make the same suggestion: the stored key keeps it away.
    make_interview(application, starts_at=NOW - timedelta(days=1))
    assert "first-interview" not in suggested(alice_client)
    assert Win.objects.get(user=alice).status == WinStatus.DISMISSED
    assert not alice_client.get(reverse("wellbeing:home")).context["wins"]


def test_an_accepted_suggestion_joins_the_journal_once(alice_client, alice):
    application = make_application(alice, when=NOW - timedelta(days=20))
    make_interview(application, starts_at=NOW - timedelta(days=2))
    decide(alice_client, "first-interview", "accept")
    decide(alice_client, "first-interview", "accept")
    win = Win.objects.get(user=alice)
    assert win.status == WinStatus.ACCEPTED and win.happened_on == date(2024, 5, 18)
    assert list(alice_client.get(reverse("wellbeing:home")).context["wins"]) == [win]
    # Removing an accepted suggestion keeps its key, so it is not suggested again.
    alice_client.post(reverse("wellbeing:win_delete", args=[win.pk]))
    assert "first-interview" not in suggested(alice_client)


def test_an_unknown_or_foreign_suggestion_is_a_404(alice_client, alice, bob):
    application = make_application(bob, when=NOW - timedelta(days=20))
    make_interview(application, starts_at=NOW - timedelta(days=2))
    assert decide(alice_client, "first-interview", "accept").status_code == 404
    assert decide(alice_client, "offer:999", "dismiss").status_code == 404
    assert decide(alice_client, "", "maybe").status_code == 400
    assert not Win.objects.exists()


def test_it_adds_and_removes_the_users_own_wins(alice_client, alice):
    response = alice_client.post(
        reverse("wellbeing:win_add"),
        {"title": "Asked <b>for</b> the referral", "happened_on": "2024-05-19"},
    )
    assert response.status_code == 302
    win = Win.objects.get(user=alice)
    page = alice_client.get(reverse("wellbeing:home")).content.decode()
    assert "Asked &lt;b&gt;for&lt;/b&gt; the referral" in page
    alice_client.post(reverse("wellbeing:win_delete", args=[win.pk]))
    assert not Win.objects.exists()


def test_it_refuses_a_win_without_a_title_or_in_the_future(alice_client):
    for data in ({"title": "", "happened_on": "2024-05-19"},
                 {"title": "Later", "happened_on": "2024-06-19"}):  # fmt: skip
        assert alice_client.post(reverse("wellbeing:win_add"), data).status_code == 400
    assert not Win.objects.exists()


def test_another_user_cannot_remove_a_win(bob_client, alice):
    win = make_win(alice)
    assert bob_client.post(reverse("wellbeing:win_delete", args=[win.pk])).status_code == 404
    assert Win.objects.filter(pk=win.pk).exists()


def test_the_page_runs_as_many_queries_with_many_suggestions_as_with_few(alice_client, alice):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from onward.testing import move

    def referral_replies(n):
        for _ in range(n):
            application = make_application(
                alice, "Applied", source="referral", when=NOW - timedelta(days=10)
            )
            move(application, "Screening", when=NOW - timedelta(days=5))

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            alice_client.get(reverse("wellbeing:home"))
        return len(queries)

    referral_replies(2)
    count()  # the first visit creates the user's routine settings
    few = count()
    referral_replies(6)
    assert len(suggested(alice_client)) >= 8
    assert count() == few
