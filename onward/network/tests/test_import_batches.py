"""A big import writes in short batches, so it never locks other users out: between batches
no transaction is open and anyone else can write; an import cut short is finished by running
it again."""

import io

import pytest
from django.db import connection

from onward.network import importing
from onward.network.linkedin import import_connections
from onward.network.models import Contact
from onward.testing import another_writer_gets_in, make_user

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"


def connections_csv(n: int) -> bytes:
    rows = (
        f"Person,Number {i},https://www.linkedin.com/in/person-{i},,Company {i % 97},"
        f"Engineer,04 Jul 2023\r\n"
        for i in range(n)
    )
    return (HEADER + "".join(rows)).encode()


@pytest.mark.django_db(transaction=True)
def test_between_batches_the_database_is_free_for_other_writers(monkeypatch):
    monkeypatch.setattr(importing, "BATCH_SIZE", 200)
    monkeypatch.setattr(importing, "CHUNK_SIZE", 4096)  # read in many small pieces
    user = make_user("alice")
    data = connections_csv(1000)
    seen = []

    def progress(_bytes):
        # Called as the file is read: batches already written must be committed, and the
        # lock free, for another user's write to get in at once.
        seen.append((connection.in_atomic_block, another_writer_gets_in(), Contact.objects.count()))

    report = import_connections(user, io.BytesIO(data), progress=progress)

    assert report.created == 1000
    assert all(not in_transaction and free for in_transaction, free, _ in seen)
    # The rows arrived batch by batch, not all at once at the end.
    assert 0 < max(count for *_, count in seen) < 1000


@pytest.mark.django_db(transaction=True)
def test_an_import_cut_short_is_finished_by_importing_again(monkeypatch):
    monkeypatch.setattr(importing, "BATCH_SIZE", 100)
    monkeypatch.setattr(importing, "CHUNK_SIZE", 4096)
    user = make_user("alice")
    data = connections_csv(600)
    read = []

    def crash_half_way(n):
        read.append(n)
        if sum(read) > len(data) // 2:
            raise KeyboardInterrupt  # the process stopped mid-import

    with pytest.raises(KeyboardInterrupt):
        import_connections(user, io.BytesIO(data), progress=crash_half_way)
    part = Contact.objects.filter(user=user).count()
    assert 0 < part < 600

    report = import_connections(user, io.BytesIO(data))
    assert (report.created, report.unchanged) == (600 - part, part)
    assert Contact.objects.filter(user=user).count() == 600


@pytest.mark.django_db(transaction=True)
def test_a_file_that_cannot_be_read_still_writes_nothing(monkeypatch):
    monkeypatch.setattr(importing, "BATCH_SIZE", 10)
    user = make_user("alice")
    junk = b"".join(b"not,a,linkedin,file,%d\r\n" % i for i in range(100))
    report = import_connections(user, io.BytesIO(junk))
    assert report.error
    assert not Contact.objects.filter(user=user).exists()
