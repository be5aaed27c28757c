"""Deleting an account: password first, then nothing of the user remains."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from onward.accounts.models import ApiToken
from onward.coaching.models import CoachAccess
from onward.core.reminders.models import CalendarFeed
from onward.inbox.models import Mailbox
from onward.portability.catalogue import EXCLUDED, EXPORTED, belongs_to_a_user, owner_path
from onward.portability.deletion import delete_account
from onward.testing import PASSWORD, make_application, make_contact, make_user

User = get_user_model()


def rows_of_every_model() -> dict[str, set]:
    """Every row of every model that can belong to a user, by primary key."""
    found = {}
    for model in apps.get_models(include_auto_created=True):
        if belongs_to_a_user(model):
            found[model._meta.label] = set(model._base_manager.values_list("pk", flat=True))
    return found


def rows_of(user) -> dict[str, set]:
    found: dict[str, set] = {}
    known = frozenset(EXPORTED) | frozenset(EXCLUDED)
    for model in apps.get_models():
        # Every way a row names its user (a coach share names two: seeker and coach).
        paths = [f.name for f in model._meta.concrete_fields if f.related_model is User]
        paths = paths or [p for p in [owner_path(model, known)] if p]
        for path in paths:
            pks = set(model._base_manager.filter(**{path: user}).values_list("pk", flat=True))
            found.setdefault(model._meta.label, set()).update(pks)
    return found


def test_it_deletes_everything_the_user_owns_and_nothing_else(demo, bob):
    ApiToken.issue(demo, "script")
    CalendarFeed.objects.create(user=demo)
    Mailbox.objects.create(user=demo, host="imap.example.org", username="demo")
    CoachAccess.objects.create(seeker=demo, coach=bob)
    CoachAccess.objects.create(seeker=bob, coach=demo)
    make_contact(bob, "Bob's friend")
    make_application(bob, "Applied")
    owned_by_demo = rows_of(demo)
    assert sum(len(pks) for pks in owned_by_demo.values()) > 500
    before = rows_of_every_model()
    demo.set_password("pass phrase of the demo")
    demo.save()

    delete_account(demo, "pass phrase of the demo")

    after = rows_of_every_model()
    assert not User.objects.filter(username="demo").exists()
    for label, pks in owned_by_demo.items():
        assert not pks & after.get(label, set()), f"{label} rows of the deleted user remain"
    # What went is exactly the user's: bob keeps all of his (but the coach share with demo).
    gone = {label: before[label] - after.get(label, set()) for label in before}
    for label, pks in gone.items():
        assert pks <= owned_by_demo.get(label, pks), label
    assert CoachAccess.objects.count() == 0
    assert rows_of(bob)["network.Contact"]
    assert rows_of(bob)["pipeline.Application"]
    # The many-to-many rows (a contact's tags, an interview's interviewers) went too.
    assert not apps.get_model("network.Contact_tags").objects.exists()


def test_it_wants_the_password_and_keeps_everything_without_it(alice):
    make_application(alice, "Applied")
    for wrong in ["", "not it"]:
        with pytest.raises(ValidationError, match="not your password"):
            delete_account(alice, wrong)
    assert User.objects.filter(pk=alice.pk).exists()
    assert rows_of(alice)["pipeline.Application"]


def test_it_forgets_the_log_in_attempts_kept_under_the_user_name(alice, client):
    client.post("/login/", {"username": "alice", "password": "wrong"})
    access_attempt = apps.get_model("axes.AccessAttempt")
    assert access_attempt.objects.filter(username="alice").exists()
    delete_account(alice, PASSWORD)
    assert not access_attempt.objects.filter(username="alice").exists()
    assert make_user("alice")  # the name is free again
