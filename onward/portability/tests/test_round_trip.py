"""Export A, import into a new account B, export B: the same archive (but for its time)."""

import io

from onward.network.models import Contact
from onward.pipeline.models import Application, StageChange
from onward.portability.catalogue import specs
from onward.portability.exporting import owned
from onward.portability.importing import import_account
from onward.testing import make_user
from onward.wellbeing.models import Win

from .helpers import contents, export_bytes, records


def test_it_round_trips_the_demo_account_losslessly(demo, bob):
    before = export_bytes(demo)
    report = import_account(bob, io.BytesIO(before))
    after = export_bytes(bob)
    assert contents(after) == contents(before)
    assert report.total == sum(owned(s, demo).count() for s in specs())
    # The copy is bob's own: nothing of it points at the demo account's rows.
    assert Application.objects.for_user(bob).count() == Application.objects.for_user(demo).count()
    assert not StageChange.objects.for_user(bob).filter(to_stage__user=demo).exists()
    assert not Contact.objects.for_user(bob).filter(tags__user=demo).exists()


def test_it_exports_every_kind_of_record_the_demo_has(demo):
    data = export_bytes(demo)
    applications = records(data, "pipeline.application")
    changes = records(data, "pipeline.stagechange")
    assert len(applications) == Application.objects.for_user(demo).count()
    assert len(changes) == StageChange.objects.for_user(demo).count()
    # Links use the archive's own ids, 1, 2, ...: never the database's.
    assert [a["id"] for a in applications] == list(range(1, len(applications) + 1))
    assert {c["application"] for c in changes} <= {a["id"] for a in applications}


def test_it_maps_ids_written_inside_text_to_the_new_records(alice, bob):
    from onward.testing import make_application

    application = make_application(alice, "Offer")
    Win.objects.create(user=alice, title="An offer", key=f"offer:{application.pk}")
    data = export_bytes(alice)
    [win] = records(data, "wellbeing.win")
    assert win["key"] == "offer:1"  # the archive's id of the application
    import_account(bob, io.BytesIO(data))
    copy = Application.objects.get(user=bob)
    assert Win.objects.get(user=bob).key == f"offer:{copy.pk}"


def test_it_leaves_out_secrets_and_other_accounts(alice, bob):
    from onward.accounts.models import ApiToken
    from onward.coaching.models import CoachAccess

    _, raw = ApiToken.issue(alice, "script")
    CoachAccess.objects.create(seeker=alice, coach=bob)
    carol = make_user("carol")
    make_user("dave")
    from onward.testing import make_contact

    make_contact(carol, "Carol's friend")
    text = b"".join(contents_bytes(export_bytes(alice)))
    assert raw.encode() not in text
    assert ApiToken.objects.get(user=alice).digest.encode() not in text
    assert alice.password.encode() not in text
    assert b"Carol's friend" not in text
    assert b"bob" not in text


def contents_bytes(data: bytes):
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            yield archive.read(name)


def test_the_fields_other_features_added_round_trip(alice, bob):
    """The posting's deadline, board and salary period, the colours, the calendar alarm and
    the inbox's reading of a message all come back as they were."""
    from datetime import date, timedelta

    from django.utils import timezone

    from onward.core.reminders.models import CalendarFeed
    from onward.inbox.models import InboxSignal
    from onward.testing import make_application, make_reminder

    alice.profile.theme = "dark"
    alice.profile.save()
    feed = CalendarFeed.for_owner(alice)
    feed_token = feed.regenerate()
    feed.alarm_minutes = 15
    feed.save()
    posted = make_application(
        alice, "Applied", deadline=date(2026, 9, 21), board="jobs.example.org",
        salary_min=40, salary_max=55, salary_currency="EUR", salary_period="HOUR",
    )  # fmt: skip
    other = make_application(alice, "Applied")
    make_reminder(alice, kind="apply_by", title="Apply by 21 September", target=posted)
    signal = InboxSignal.objects.create(
        user=alice, message_id="<a1@example.org>", received_at=timezone.now(),
        from_address="jobs@example.org", kind="interview", confidence=0.87,
        company_name="Example GmbH", role="Backend engineer",
        mentioned_at=timezone.now() + timedelta(days=3), done={"moved": 4},
    )  # fmt: skip
    signal.candidates.set([posted, other])
    before = export_bytes(alice)

    import_account(bob, io.BytesIO(before))

    assert contents(export_bytes(bob)) == contents(before)
    assert type(alice.profile).objects.get(user=bob).theme == "dark"
    copy = CalendarFeed.objects.get(user=bob)
    # The settings travel; the address does not (bob makes his own).
    assert copy.alarm_minutes == 15 and copy.digest is None and not copy.has_address
    application = Application.objects.get(user=bob, board="jobs.example.org")
    assert (application.deadline, application.salary_period) == (date(2026, 9, 21), "HOUR")
    imported = InboxSignal.objects.get(user=bob)
    assert (imported.confidence, imported.role, imported.done) == (
        0.87,
        "Backend engineer",
        {"moved": 4},
    )
    assert set(imported.candidates.values_list("user", flat=True)) == {bob.pk}
    assert imported.candidates.count() == 2
    # The calendar address is a secret: never in the archive.
    archive = b"".join(contents_bytes(before))
    assert feed_token.encode() not in archive and feed.digest.encode() not in archive


def test_links_name_the_archive_ids_across_chunks_and_other_accounts_rows(alice, bob, monkeypatch):
    """The archive ids of linked records come from the database a chunk at a time: with other
    accounts' rows between the user's and chunks of two, every link still names its record."""
    from onward.pipeline.models import Stage
    from onward.portability import exporting
    from onward.testing import make_application

    monkeypatch.setattr(exporting, "CHUNK", 2)
    interviewing = Stage.objects.get(user=alice, name="Interviewing")
    for i in range(5):
        make_application(bob, "Applied", title=f"Bob's {i}")
        make_application(alice, "Applied", title=f"Alice's {i}").move_to(interviewing)
    data = export_bytes(alice)
    titles = {a["id"]: a["title"] for a in records(data, "pipeline.application")}
    assert list(titles) == [1, 2, 3, 4, 5]
    stages = {s["id"]: s["name"] for s in records(data, "pipeline.stage")}
    changes = [
        (titles[c["application"]], stages[c["to_stage"]])
        for c in records(data, "pipeline.stagechange")
    ]
    expected = StageChange.objects.for_user(alice).order_by("pk")
    assert changes == [(c.application.title, c.to_stage.name) for c in expected]
    assert ("Alice's 4", "Interviewing") in changes
