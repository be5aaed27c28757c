"""Merging an export into an account that already holds a search: what is already there is
kept as it is and not added twice, the rest is added; a second import adds nothing."""

import io
import json
import zipfile
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from hypothesis import HealthCheck, given, settings

from onward.network.models import Contact, Interaction
from onward.pipeline.models import Application, Company, Note, Stage, StageChange
from onward.portability.catalogue import specs
from onward.portability.exporting import owned
from onward.portability.importing import ArchiveError, import_account
from onward.testing import make_application, make_company, make_contact

from .helpers import build_zip, contents, export_bytes
from .test_import_checks import files, fuzzed_archive, snapshot
from .test_web import upload


def counts(user) -> dict[str, int]:
    return {s.label: owned(s, user).count() for s in specs()}


@pytest.fixture
def archive(alice):
    """Alice's search: two applications at one company (one with a note), a contact."""
    nordlicht = make_company(alice, "Nordlicht GmbH")
    backend = make_application(
        alice, "Interviewing", company=nordlicht, title="Backend Engineer",
        applied_on=date(2024, 3, 1), notes="Alice's notes",
    )  # fmt: skip
    Note.objects.create(application=backend, body="Second round on Friday")
    make_application(alice, "Applied", company=make_company(alice, "Quayside"), title="SRE")
    jo = make_contact(alice, "Jo March", email="jo@example.org")
    Interaction.objects.create(contact=jo, summary="Coffee chat")
    return export_bytes(alice)


def test_it_keeps_what_is_already_there_and_adds_the_rest(archive, bob):
    # Bob already applied for the same role (company spelled differently), and knows Jo.
    mine = make_application(
        bob, "Offer", company=make_company(bob, "nordlicht gmbh"), title="Backend  engineer",
        applied_on=date(2024, 3, 1), notes="Bob's own notes",
    )  # fmt: skip
    jo = make_contact(bob, "Josephine March", email="JO@example.org")
    stages = Stage.objects.for_user(bob).count()

    report = import_account(bob, io.BytesIO(archive), merge=True)

    assert report.created["pipeline.Application"] == 1  # the SRE role
    assert report.skipped["pipeline.Application"] == 1
    assert report.skipped["pipeline.Company"] == 1 and report.created["pipeline.Company"] == 1
    assert report.skipped["network.Contact"] == 1 and report.created["network.Contact"] == 0
    # The matched records are kept as they were.
    mine.refresh_from_db()
    assert (mine.stage.name, mine.notes, mine.title) == ("Offer", "Bob's own notes", mine.title)
    assert Application.objects.for_user(bob).count() == 2
    assert Company.objects.for_user(bob).count() == 2
    assert Contact.objects.get(user=bob) == jo and jo.name == "Josephine March"
    # What belongs to them in the export is added to them, pointing at bob's records.
    assert Note.objects.get(application__user=bob).application == mine
    assert Interaction.objects.get(contact__user=bob).contact == jo
    # Stages are matched by name; the account's settings are its own.
    assert Stage.objects.for_user(bob).count() == stages
    assert not StageChange.objects.for_user(bob).exclude(to_stage__user=bob).exists()


def test_importing_the_same_export_twice_adds_nothing_the_second_time(archive, bob):
    first = import_account(bob, io.BytesIO(archive), merge=True)
    assert first.total > 0
    before, exported = counts(bob), contents(export_bytes(bob))
    second = import_account(bob, io.BytesIO(archive), merge=True)
    assert second.total == 0
    assert second.total_skipped == first.total + first.total_skipped
    assert counts(bob) == before
    assert contents(export_bytes(bob)) == exported


def test_merging_the_demo_account_into_itself_adds_nothing(db):
    call_command("demo", password="demo pass phrase 1")
    from django.contrib.auth import get_user_model

    demo = get_user_model().objects.get(username="demo")
    before = counts(demo)
    report = import_account(demo, io.BytesIO(export_bytes(demo)), merge=True)
    assert report.total == 0
    assert counts(demo) == before


def test_a_merge_preview_counts_and_saves_nothing(archive, bob):
    make_application(bob, "Applied", title="Something else")
    before = counts(bob)
    report = import_account(bob, io.BytesIO(archive), merge=True, dry_run=True)
    assert report.created["pipeline.Application"] == 2
    assert report.skipped["accounts.Profile"] == 1  # the account's own profile stays
    assert counts(bob) == before


def test_a_bad_archive_changes_nothing_when_merging(archive, bob):
    make_application(bob, "Applied")
    before = counts(bob)
    with zipfile.ZipFile(io.BytesIO(archive)) as zipped:
        files = {n: zipped.read(n) for n in zipped.namelist()}
    name = "records/pipeline.application.jsonl"
    rows = [json.loads(line) for line in files[name].splitlines()]
    rows[-1]["title"] = " "  # the SRE role, new to bob, comes last
    files[name] = "\n".join(json.dumps(row) for row in rows) + "\n"
    with pytest.raises(ArchiveError, match="Give the role a title"):
        import_account(bob, build_zip(files), merge=True)
    assert counts(bob) == before


def test_the_command_line_merges_only_when_asked(archive, bob, tmp_path, capsys):
    make_application(bob, "Applied", title="Mine")
    path = tmp_path / "alice.zip"
    path.write_bytes(archive)
    with pytest.raises(CommandError, match="--merge"):
        call_command("import", path, user="bob")
    call_command("import", path, user="bob", merge=True, dry_run=True)
    assert "Would import" in capsys.readouterr().out
    assert Application.objects.for_user(bob).count() == 1
    call_command("import", path, user="bob", merge=True)
    assert Application.objects.for_user(bob).count() == 3
    call_command("import", path, user="bob", merge=True)
    out = capsys.readouterr().out
    assert "Imported 0 records" in out and "already there" in out


def test_the_api_previews_a_merge(archive, bob):
    from onward.api.tests.test_portability_api import post_file

    make_application(bob, "Applied", title="Mine")
    assert post_file(bob, archive).status_code == 400  # not without merge
    response = post_file(bob, archive, merge="true", dry_run="true")
    assert response.status_code == 200
    body = response.json()
    assert body["merge"] is True and body["created"]["pipeline.Application"] == 2
    assert body["skipped"]["accounts.Profile"] == 1 and body["already_there"] >= 1
    assert Application.objects.for_user(bob).count() == 1
    response = post_file(bob, archive, merge="true")
    assert response.status_code == 200 and Application.objects.for_user(bob).count() == 3


def test_the_web_page_shows_what_a_merge_adds_then_merges(archive, bob, client):
    make_application(bob, "Applied", title="Mine")
    client.force_login(bob)
    page = client.get(reverse("portability:index"))
    assert b"so an export is merged into it" in page.content
    response = client.post(reverse("portability:import_preview"), {"file": upload(archive)})
    assert response.status_code == 200
    assert b"Merging it into your account adds" in response.content
    assert b"Already here" in response.content
    assert Application.objects.for_user(bob).count() == 1  # nothing saved yet
    response = client.post(reverse("portability:import_confirm"))
    assert response.status_code == 302
    assert Application.objects.for_user(bob).count() == 3


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(files=files)
def test_a_merge_never_crashes_nor_half_saves_on_random_archives(bob, files):
    if not Application.objects.for_user(bob).exists():
        make_application(bob, "Applied", title="Already here")
    before = snapshot(bob)
    try:
        report = import_account(bob, fuzzed_archive(files), merge=True)
    except ArchiveError as error:
        assert str(error)
        assert snapshot(bob) == before
    else:
        # Accepted: the account grew by exactly the records it says it added.
        after = snapshot(bob)
        for label, n in report.created.items():
            assert len(after[label]) == len(before[label]) + n
        for label, n in report.created.items():
            if n:
                owned(next(s for s in specs() if s.label == label), bob).exclude(
                    pk__in=before[label]
                ).delete()


def test_a_merge_costs_a_few_queries_a_kind_of_record_not_one_a_record(
    alice, bob, django_assert_max_num_queries
):
    for i in range(40):
        application = make_application(alice, "Applied", title=f"Analyst {i}")
        Note.objects.create(application=application, body=f"Note {i}")
        make_contact(alice, f"Person {i}")
    data = export_bytes(alice)
    make_application(bob, "Applied", title="Analyst 3")
    # Per kind: one read of what the account holds, one INSERT a batch (and the savepoints).
    with django_assert_max_num_queries(4 * len(specs()) + 20):
        report = import_account(bob, io.BytesIO(data), merge=True)
    assert report.created["pipeline.Note"] == 40


def test_an_import_outside_a_request_moves_the_data_version_on(archive, bob):
    """The import writes in bulk, without save signals: Today's cached counts must not outlive
    it (onward.accounts.freshness). A dry run on PostgreSQL is one transaction rolled back,
    which nobody saw: the version stays. On SQLite it writes batch by batch and deletes again,
    and a page may have counted the rows meanwhile: the version moves on."""
    from django.db import connection

    from onward.accounts.models import Profile

    def version() -> int:
        return Profile.objects.get(user=bob).data_version

    before = version()
    import_account(bob, io.BytesIO(archive), merge=True, dry_run=True)
    if connection.vendor == "postgresql":
        assert version() == before
    else:
        assert version() > before
    before = version()
    import_account(bob, io.BytesIO(archive), merge=True)
    assert version() > before


def test_a_large_import_refreshes_postgresqls_statistics(archive, bob, monkeypatch):
    """Planned on the statistics from before the import, exporting right after it scanned
    every application once per stage change (12 s instead of 2 at 10,000 applications)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from onward.portability import importing

    monkeypatch.setattr(importing, "ANALYZE_AFTER", 1)
    with CaptureQueriesContext(connection) as captured:
        import_account(bob, io.BytesIO(archive), merge=True)
    analyzed = [q["sql"] for q in captured if q["sql"].startswith("ANALYZE")]
    if connection.vendor == "postgresql":
        assert 'ANALYZE "pipeline_stagechange"' in analyzed
    else:
        assert analyzed == []
