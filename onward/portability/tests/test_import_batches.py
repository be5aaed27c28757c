"""Importing a whole export never locks other people out. SQLite has one writer at a time, so
there the import writes in short batches, each its own transaction, and takes everything away
again when it fails or when it was only a check; PostgreSQL locks rows, so there it is one
transaction. Either way the account ends as it was or with the whole export.

transaction=True: pytest-django's usual test transaction would make every batch a savepoint
inside it, which is what these tests must see is not so."""

import io
import json
import zipfile

import pytest
from django.db import connection, connections

from onward.accounts.models import Profile
from onward.pipeline.models import Application, Company, Note, Stage
from onward.portability import importing, trackers
from onward.portability.importing import ArchiveError, import_account
from onward.testing import another_writer_gets_in, make_application, make_contact, make_user

from .helpers import build_zip, export_bytes

pytestmark = pytest.mark.django_db(transaction=True)

APPLICATIONS = "records/pipeline.application.jsonl"


@pytest.fixture
def export():
    """An export of 120 applications, each with its moves, and a few contacts."""
    owner = make_user("olga")
    for i in range(120):
        application = make_application(owner, "Applied", title=f"Engineer {i}")
        application.move_to(Stage.objects.get(user=owner, name="Interviewing"))
    for i in range(5):
        make_contact(owner, f"Person {i}")
    return export_bytes(owner)


def with_last_application_broken(data: bytes) -> io.BytesIO:
    """The export with its last application refused (a work mode Onward does not know): the
    import fails after writing everything before it."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    rows = [json.loads(line) for line in files[APPLICATIONS].decode().splitlines()]
    rows[-1]["work_mode"] = "on the moon"
    files[APPLICATIONS] = "".join(json.dumps(row) + "\n" for row in rows).encode()
    return build_zip(files)


def account_state(user) -> dict:
    """What the user could see of their account: its rows by kind and its starting points as
    they set them up."""
    return {
        "applications": Application.objects.filter(user=user).count(),
        "stages": list(Stage.objects.filter(user=user).order_by("pk").values_list("pk", "name")),
        "profile": Profile.objects.filter(user=user).values_list("pk", "signature").get(),
    }


def test_between_batches_other_writers_get_in_on_sqlite(export, monkeypatch):
    monkeypatch.setattr(importing, "BATCH", 25)
    user = make_user("alice")
    seen = []

    def progress(_records):
        seen.append((connection.in_atomic_block, another_writer_gets_in()))

    report = import_account(user, io.BytesIO(export), progress=progress)

    assert report.created["pipeline.Application"] == 120
    if connection.vendor == "sqlite":
        # Read and checked outside any transaction; written a batch at a time.
        assert seen and all(not in_transaction and free for in_transaction, free in seen)
    else:
        # One transaction, which locks only the rows it writes.
        assert all(in_transaction for in_transaction, _ in seen)


def test_a_late_failure_leaves_the_account_as_the_user_had_set_it_up(export, monkeypatch):
    monkeypatch.setattr(importing, "BATCH", 25)
    user = make_user("alice")
    Stage.objects.filter(user=user, name="Applied").update(name="Sent")
    Profile.objects.filter(user=user).update(signature="Ally, from my kitchen table")
    before = account_state(user)

    with pytest.raises(ArchiveError, match="work_mode"):
        import_account(user, with_last_application_broken(export))

    # The applications written before the bad one are gone again, and the stages and
    # profile the export was to replace are back as they were (same rows, same names).
    assert account_state(user) == before
    assert not Application.objects.filter(user=user).exists()


def test_a_failed_merge_takes_away_only_what_it_added(export, monkeypatch):
    monkeypatch.setattr(importing, "BATCH", 25)
    user = make_user("alice")
    mine = make_application(user, "Applied", title="My own application")
    before = account_state(user)

    with pytest.raises(ArchiveError):
        import_account(user, with_last_application_broken(export), merge=True)

    assert account_state(user) == before
    assert list(Application.objects.filter(user=user)) == [mine]


def test_a_note_added_to_an_imported_application_meanwhile_goes_with_it(export, monkeypatch):
    """The undo deletes with plain DELETEs; one row pointing at an imported record (the user
    wrote a note on it while the import ran) must not stop it."""
    monkeypatch.setattr(importing, "BATCH", 25)
    user = make_user("alice")
    before = account_state(user)
    written = []

    def note_on_the_first_application(_records):
        first = Application.objects.filter(user=user).order_by("pk").first()
        if first is not None and not written:
            written.append(Note.objects.create(application=first, body="Call them Monday"))

    with pytest.raises(ArchiveError):
        import_account(
            user, with_last_application_broken(export), progress=note_on_the_first_application
        )

    assert written
    assert account_state(user) == before
    assert not Note.objects.filter(application__user=user).exists()


def test_a_dry_run_checks_everything_and_leaves_nothing(export, monkeypatch):
    monkeypatch.setattr(importing, "BATCH", 25)
    user = make_user("alice")
    Profile.objects.filter(user=user).update(signature="Ally, from my kitchen table")
    before = account_state(user)

    report = import_account(user, io.BytesIO(export), dry_run=True)

    assert report.created["pipeline.Application"] == 120
    assert account_state(user) == before
    # And the real import still goes in whole afterwards.
    import_account(user, io.BytesIO(export))
    assert Application.objects.filter(user=user).count() == 120


def committed_applications(user) -> int:
    """The user's applications as another connection sees them: only what is committed."""
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute(
                "SELECT COUNT(*) FROM pipeline_application WHERE user_id = %s", [user.pk]
            )
            return cursor.fetchone()[0]
    finally:
        other.close()


def spreadsheet(n: int) -> trackers.Table:
    """n rows; the same few companies again and again, so batches share them."""
    rows = [[f"Company {i % 7}", f"Engineer {i}", "Applied"] for i in range(n)]
    return trackers.Table(headers=["Company", "Role", "Status"], rows=rows)


def import_spreadsheet(user, table, **options):
    mapping = {0: "company", 1: "title", 2: "status"}
    stage_map = {"Applied": Stage.objects.get(user=user, name="Applied").pk}
    return trackers.import_table(user, table, mapping, stage_map, **options)


def test_a_big_spreadsheet_is_saved_in_short_transactions(monkeypatch):
    monkeypatch.setattr(trackers, "ROWS_PER_TRANSACTION", 50)
    user = make_user("alice")
    committed_at = {}
    plan_row = trackers.plan_row

    def watched(number, *args):
        committed_at[number] = committed_applications(user)
        return plan_row(number, *args)

    monkeypatch.setattr(trackers, "plan_row", watched)

    report = import_spreadsheet(user, spreadsheet(200))

    assert report.created == 200
    # Rows are numbered from 2 (the header is row 1): each batch of 50 is committed before
    # the next is read, not all 200 at the end.
    assert [committed_at[n] for n in (2, 51, 52, 102, 201)] == [0, 0, 50, 100, 150]
    assert committed_applications(user) == 200


def test_a_spreadsheet_dry_run_over_several_batches_saves_nothing(monkeypatch):
    monkeypatch.setattr(trackers, "ROWS_PER_TRANSACTION", 50)
    user = make_user("alice")

    report = import_spreadsheet(user, spreadsheet(120), dry_run=True)

    assert report.created == 120
    assert not Application.objects.filter(user=user).exists()
    assert not Company.objects.filter(user=user).exists()
    # Nor did the companies it would add stay behind; the real import still adds them all.
    assert import_spreadsheet(user, spreadsheet(120)).created == 120
    assert Application.objects.filter(user=user).values("company").distinct().count() == 7
