from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from onward.debrief.models import Debrief
from onward.strategy.models import TitleGroup
from onward.testing import bulk_applications

from .conftest import at

HISTORIES = [
    [("Applied", at(1, 5)), ("Screening", at(1, 9)), ("Rejected", at(1, 20))],
    [("Applied", at(1, 6)), ("Ghosted", at(2, 20))],
    [("Applied", at(2, 1)), ("Screening", at(2, 3)), ("Interviewing", at(2, 9))],
    [("Wishlist", at(2, 1))],
    [("Applied", at(3, 20))],
]


def grow_to(user, n):
    histories = [HISTORIES[i % len(HISTORIES)] for i in range(n)]
    apps = bulk_applications(user, histories[: n // 2], source="referral", resume_version="v1")
    apps += bulk_applications(user, histories[n // 2 :], source="job_board", title="Backend dev")
    rejected = [a for a in apps if a.stage.name == "Rejected"]
    Debrief.objects.bulk_create(
        Debrief(user=user, application=a, stage_reached="screen", reason_category="experience")
        for a in rejected
    )


def queries_for(client, params):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("insights:index"), params).status_code == 200
    return len(captured)


def test_it_runs_the_same_number_of_queries_at_10_and_100_applications(alice_client, alice, frozen):
    TitleGroup.objects.create(user=alice, name="Backend", keywords="backend")
    every_section = [{"section": name} for name in ("findings", "breakdown", "timing", "reasons")]
    for params in (
        {},
        {"by": "title_group", "start": "2026-01-01"},
        {"by": "month"},
        {"full": "1", "by": "month"},
        *every_section,
    ):
        grow_to(alice, 10)
        small = queries_for(alice_client, params)
        grow_to(alice, 90)
        large = queries_for(alice_client, params)
        assert small == large, params
