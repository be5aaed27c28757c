"""A bad archive changes nothing and says which record and why."""

import io
import json
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onward.network.models import Contact
from onward.pipeline.models import Application, Stage
from onward.portability.catalogue import specs
from onward.portability.exporting import FORMAT_VERSION, owned
from onward.portability.importing import ArchiveError, import_account
from onward.testing import make_application, make_contact

from .helpers import build_zip, export_bytes


def snapshot(user) -> dict[str, list]:
    return {s.label: sorted(owned(s, user).values_list("pk", flat=True)) for s in specs()}


def edited(data: bytes, name: str, change) -> io.BytesIO:
    """The archive with one file's records passed through ``change``."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        files = {n: archive.read(n) for n in archive.namelist()}
    lines = [json.loads(line) for line in files[name].decode().splitlines()]
    files[name] = "".join(json.dumps(r) + "\n" for r in change(lines)).encode()
    return build_zip(files)


@pytest.fixture
def archive(alice):
    for i in range(3):
        application = make_application(alice, "Applied", title=f"Engineer {i}")
        application.move_to(Stage.objects.get(user=alice, name="Interviewing"))
    make_contact(alice, "Dana Reyes")
    return export_bytes(alice)


def test_it_names_the_record_and_saves_nothing_when_one_is_invalid(archive, bob):
    before = snapshot(bob)

    def break_second(rows):
        rows[1]["work_mode"] = "on the moon"
        return rows

    with pytest.raises(ArchiveError) as error:
        import_account(bob, edited(archive, "records/pipeline.application.jsonl", break_second))
    message = str(error.value)
    assert "records/pipeline.application.jsonl line 2" in message
    assert "work_mode" in message
    assert snapshot(bob) == before
    # The starting stages were to be replaced: they are still there.
    assert Stage.objects.for_user(bob).count() == 10


@pytest.mark.parametrize(
    "name, field", [("pipeline.company", "name"), ("pipeline.application", "title")]
)
def test_a_null_where_a_value_is_required_is_named_not_a_crash(archive, bob, name, field):
    """Hypothesis found a company named null: its key was derived from it before any check."""
    before = snapshot(bob)

    def blank_first(rows):
        rows[0][field] = None
        return rows

    with pytest.raises(ArchiveError, match=f"line 1 .*{field}: this field cannot be null"):
        import_account(bob, edited(archive, f"records/{name}.jsonl", blank_first))
    assert snapshot(bob) == before


def test_it_refuses_a_link_to_a_record_not_in_the_archive(archive, bob):
    def dangle(rows):
        rows[0]["application"] = 999
        return rows

    with pytest.raises(ArchiveError, match=r"application points to pipeline.Application 999"):
        import_account(bob, edited(archive, "records/pipeline.stagechange.jsonl", dangle))
    assert not Application.objects.for_user(bob).exists()


def test_it_refuses_two_records_that_break_a_uniqueness_rule(archive, bob):
    def twice(rows):
        rows.append({**rows[0], "id": 99})
        return rows

    with pytest.raises(ArchiveError, match="another record has the same name"):
        import_account(bob, edited(archive, "records/pipeline.stage.jsonl", twice))


def test_it_refuses_a_newer_format_with_a_clear_message(archive, bob):
    with zipfile.ZipFile(io.BytesIO(archive)) as zipped:
        files = {n: zipped.read(n) for n in zipped.namelist()}
    manifest = json.loads(files["manifest.json"])
    manifest["format_version"] = FORMAT_VERSION + 1
    files["manifest.json"] = json.dumps(manifest).encode()
    with pytest.raises(ArchiveError, match="made by a newer Onward"):
        import_account(bob, build_zip(files))


def test_it_refuses_an_archive_missing_records_its_manifest_lists(archive, bob):
    with zipfile.ZipFile(io.BytesIO(archive)) as zipped:
        files = {n: zipped.read(n) for n in zipped.namelist()}
    del files["records/pipeline.stagechange.jsonl"]
    with pytest.raises(ArchiveError, match="has no records/pipeline.stagechange.jsonl"):
        import_account(bob, build_zip(files))
    assert not Application.objects.for_user(bob).exists()


def test_it_imports_only_into_an_account_without_job_search_data(archive, bob):
    make_contact(bob, "Someone bob knows")
    with pytest.raises(ArchiveError, match="already holds 1 contacts"):
        import_account(bob, io.BytesIO(archive))
    assert Contact.objects.for_user(bob).count() == 1


def test_it_previews_an_import_without_saving(archive, bob):
    report = import_account(bob, io.BytesIO(archive), dry_run=True)
    assert report.created["pipeline.Application"] == 3
    assert not Application.objects.for_user(bob).exists()
    assert Stage.objects.for_user(bob).count() == 10


@pytest.mark.parametrize(
    "data, message",
    [
        (b"not a zip at all", "not a zip file"),
        (build_zip({"hello.txt": "hi"}).getvalue(), "no manifest.json"),
        (build_zip({"manifest.json": "{"}).getvalue(), "manifest.json cannot be read"),
        (build_zip({"manifest.json": '{"format": "x"}'}).getvalue(), "not describe an Onward"),
    ],
    # Named by the message: a zip's bytes hold the time it was built, and two xdist workers that
    # collected on either side of a second would disagree on the ids and stop the run.
    ids=["not a zip", "no manifest", "broken manifest", "not an export"],
)
def test_it_says_why_a_file_is_not_an_export(bob, data, message):
    with pytest.raises(ArchiveError, match=message):
        import_account(bob, io.BytesIO(data))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 10**12) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=6,
)
record = st.fixed_dictionaries(
    {"id": st.integers(-1, 4)},
    optional={
        name: json_values
        for name in ["name", "title", "company", "stage", "kind", "position", "tags", "target"]
    },
)
# Each file: records as JSON lines, or bytes of anything; the manifest counts them.
contents = st.lists(record, max_size=4) | st.binary(max_size=40)
files = st.dictionaries(st.sampled_from([s.label for s in specs()[:9]]), contents, max_size=4)


def fuzzed_archive(files: dict) -> io.BytesIO:
    counts: dict[str, int] = {}
    members: dict[str, str | bytes] = {}
    for label, content in files.items():
        name = f"records/{label.lower()}.jsonl"
        if isinstance(content, bytes):
            counts[label], members[name] = 1, content
        else:
            counts[label] = len(content)
            members[name] = "".join(json.dumps(r) + "\n" for r in content)
    manifest = {"format": "onward-export", "format_version": 1, "records": counts}
    return build_zip({"manifest.json": json.dumps(manifest), **members})


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(files=files)
def test_it_never_crashes_nor_half_saves_on_random_archives(bob, files):
    before = snapshot(bob)
    try:
        report = import_account(bob, fuzzed_archive(files))
    except ArchiveError as error:
        assert str(error)
        assert snapshot(bob) == before
    else:
        # Accepted: the records it read are exactly what is now in the account.
        created = {label: n for label, n in report.created.items() if n}
        for label, n in created.items():
            assert len(snapshot(bob)[label]) == n
        # Leave the account empty for the next example.
        from onward.portability.deletion import delete_records

        delete_records(bob)
        from onward.accounts.models import start_account

        start_account(bob)


def test_the_id_map_keeps_consecutive_ids_as_runs_and_any_others_too():
    from onward.portability.importing import IdMap

    ids = IdMap()
    for local in range(1, 1001):
        ids[local] = 500 + local  # one batch: consecutive keys
    for local in range(1001, 1501):
        ids[local] = 9000 + local  # the next batch, after another user's rows
    ids[3000] = 7  # a gap in the archive's numbering
    ids[2000] = 8  # out of order
    assert len(ids.runs) == 3  # a few numbers, not two a record
    assert (ids.get(1), ids.get(1000), ids.get(1001), ids.get(1500)) == (501, 1500, 10001, 10500)
    assert (ids.get(3000), ids.get(2000)) == (7, 8)
    assert ids.get(0) is None and ids.get(1501) is None and 2500 not in ids


def test_it_names_the_records_the_database_refuses_and_saves_nothing(alice, bob):
    """Two wins with one suggestion key: a rule with a condition, which only the database checks
    (by INSERT on SQLite, by COPY on PostgreSQL)."""
    from onward.wellbeing.models import Win

    Win.objects.create(user=alice, title="First offer", key="milestone:first-offer")
    data = export_bytes(alice)
    before = snapshot(bob)

    def twice(rows):
        return [rows[0], {**rows[0], "id": 2}]

    with pytest.raises(ArchiveError) as error:
        import_account(bob, edited(data, "records/wellbeing.win.jsonl", twice))
    message = str(error.value)
    assert "records/wellbeing.win.jsonl (wellbeing.Win 1 to 2)" in message
    assert "database refused one of these records" in message
    assert snapshot(bob) == before
