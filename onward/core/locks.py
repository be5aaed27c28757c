"""Taking turns on a name: two requests that must not both act on one thing that has no row of
its own yet (an email address about to get mail, a sign-up link about to become an account)."""

import hashlib

from django.db import connection


def lock_name(name: str) -> None:
    """Hold a lock on ``name`` until the current transaction ends: a second holder waits here.

    Call it first thing inside ``transaction.atomic()``. On PostgreSQL this is an advisory
    lock on the name's hash; SQLite needs nothing more, because its IMMEDIATE transactions
    (settings) take the database's write lock up front and so already take turns.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("lock_name() holds its lock until the transaction ends: open one first.")
    if connection.vendor == "postgresql":
        key = int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])
