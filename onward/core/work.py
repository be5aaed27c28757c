"""The background-work registry: apps register jobs; ``onward work`` runs them.

An app registers a job in its ``AppConfig.ready()``::

    from onward.core import work

    work.register(send_due_reminders)

A job is a function taking no arguments that does one pass of its work and returns a short
summary (or None). ``onward work`` may run twice at once (a cron job overlapping a systemd
timer, two containers), so a job must claim the rows it handles: on PostgreSQL with
``select_for_update(skip_locked=True)`` inside ``transaction.atomic()`` (a second runner skips
the rows the first one holds), on SQLite with a transaction, which our settings make
IMMEDIATE (a second writer waits for the first instead of both reading the same rows).
A job should also mark what it has done (a ``sent_at`` column) so a second pass skips it.
"""

from collections.abc import Callable

Job = Callable[[], object]

_jobs: dict[str, Job] = {}


def job_name(fn: Job) -> str:
    return f"{fn.__module__}.{fn.__qualname__}"


def register(fn: Job) -> Job:
    """Add a job to every pass of ``onward work``. Registering twice keeps one (usable as a
    decorator)."""
    _jobs[job_name(fn)] = fn
    return fn


def unregister(fn: Job) -> None:
    _jobs.pop(job_name(fn), None)


def registered_jobs() -> list[Job]:
    return list(_jobs.values())
