"""A small search with answers worked out by hand (see the comments), frozen at 31 March 2026.

Steps (wishlist excluded): Applied, Screening, Interviewing, Final round, Offer, Accepted.
The no-reply threshold is the default 21 days, so "silent" means unchanged since 10 March.

    app  source     history (all back-dated)                           furthest     now
    a1   job_board  Applied 1 Feb, Rejected 5 Feb                      Applied      rejected
    a2   job_board  Applied 2 Feb, Ghosted 1 Mar                       Applied      ghosted
    a3   job_board  Applied 3 Feb                                       Applied      open, silent
    a4   job_board  Applied 25 Mar                                      Applied      open, too early
    a5   referral   Applied 1 Feb, Screening 8 Feb, Rejected 10 Feb     Screening    rejected
    a6   referral   Applied 1, Screening 3, Interviewing 10,            Final round  rejected
                    Final round 20, Rejected 25 Feb
    a7   referral   Applied 1, Screening 5, Interviewing 9,             Interviewing withdrawn
                    Screening 12 (backwards), Withdrawn 15 Feb
    a8   referral   Applied 1, Screening 2, Interviewing 4, Final 10,   Accepted     accepted
                    Offer 20, Accepted 22 Feb
    a9   linkedin   Applied 10 Jan, Screening 20 Jan                    Screening    open, silent
    a10  job_board  Wishlist 1 Mar (never applied)                      (excluded)
    a11  (none)     created straight into Rejected, applied_on 15 Feb   Applied      rejected
"""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.db import transaction

from onward.pipeline.models import Application
from onward.testing import make_application, make_user, stage

NOW = datetime(2026, 3, 31, 12, 0, tzinfo=UTC)


def at(month: int, day: int, year: int = 2026) -> datetime:
    return datetime(year, month, day, 9, 0, tzinfo=UTC)


def build_history(user, source, moves, **fields):
    """An application whose stage history is ``moves``: [(stage name, datetime), ...]."""
    (first, when), *rest = moves
    application = make_application(user, first, when=when, source=source, **fields)
    for name, moved_at in rest:
        application.move_to(stage(user, name), when=moved_at)
    return application


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture(scope="module")
def shared_search(django_db_setup, django_db_blocker):
    """The search, built once per test module (it took seconds, and ~50 tests read it): inside
    a transaction rolled back after the module, as TestCase.setUpTestData does; each test runs
    in a savepoint within it, so what a test writes is still undone after it. Yields the pks:
    (alice's, {name: application's})."""
    with django_db_blocker.unblock(), transaction.atomic():
        with time_machine.travel(NOW, tick=False):
            alice = make_user("alice")
            built = build_search(alice)
        yield alice.pk, {name: application.pk for name, application in built.items()}
        transaction.set_rollback(True)


@pytest.fixture
def search(shared_search, frozen, db):
    """Alice's applications, fresh from the database for each test (a test may change them)."""
    _, pks = shared_search
    applications = Application.objects.in_bulk(pks.values())
    return {name: applications[pk] for name, pk in pks.items()}


@pytest.fixture
def alice(request, db):
    """The search's owner in the tests that read the search; a new account in the others."""
    if "search" in request.fixturenames:
        user_pk, _ = request.getfixturevalue("shared_search")
        return get_user_model().objects.get(pk=user_pk)
    return make_user("alice")


def build_search(alice):
    apps = {
        "a1": [("Applied", at(2, 1)), ("Rejected", at(2, 5))],
        "a2": [("Applied", at(2, 2)), ("Ghosted", at(3, 1))],
        "a3": [("Applied", at(2, 3))],
        "a4": [("Applied", at(3, 25))],
        "a5": [("Applied", at(2, 1)), ("Screening", at(2, 8)), ("Rejected", at(2, 10))],
        "a6": [
            ("Applied", at(2, 1)),
            ("Screening", at(2, 3)),
            ("Interviewing", at(2, 10)),
            ("Final round", at(2, 20)),
            ("Rejected", at(2, 25)),
        ],
        "a7": [
            ("Applied", at(2, 1)),
            ("Screening", at(2, 5)),
            ("Interviewing", at(2, 9)),
            ("Screening", at(2, 12)),
            ("Withdrawn", at(2, 15)),
        ],
        "a8": [
            ("Applied", at(2, 1)),
            ("Screening", at(2, 2)),
            ("Interviewing", at(2, 4)),
            ("Final round", at(2, 10)),
            ("Offer", at(2, 20)),
            ("Accepted", at(2, 22)),
        ],
        "a9": [("Applied", at(1, 10)), ("Screening", at(1, 20))],
    }
    sources = {"a1": "job_board", "a2": "job_board", "a3": "job_board", "a4": "job_board"}
    sources.update({f"a{i}": "referral" for i in range(5, 9)})
    sources["a9"] = "linkedin"
    built = {
        name: build_history(alice, sources[name], moves, title=f"Engineer {name}")
        for name, moves in apps.items()
    }
    built["a10"] = build_history(
        alice, "job_board", [("Wishlist", at(3, 1))], title="Dream job a10"
    )
    built["a11"] = build_history(
        alice, "", [("Rejected", at(2, 15))], title="Engineer a11", applied_on=date(2026, 2, 15)
    )
    return built
