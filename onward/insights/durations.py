"""How long things take: median days to a first reply and in each step, computed by the
database (one row comes back per group), from the same population as the funnel."""

from dataclasses import dataclass

from django.db import connections
from django.db.models import Case as CaseExpression
from django.db.models import (
    F,
    FloatField,
    Func,
    IntegerField,
    Min,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import Lead

from onward.pipeline.models import LossType, StageChange, StageKind

from .metrics import APPLIED_KINDS, Dimension, Step, sent_position
from .stats import min_n


@dataclass(frozen=True)
class Median:
    days: float | None
    n: int

    @property
    def too_small(self) -> bool:
        return self.n < min_n()


NO_MEDIAN = Median(None, 0)


class DaysBetween(Func):
    """Expression: days from ``earlier`` to ``later``, as a number, computed by the database.

    SQLite stores datetimes as text, so it subtracts Julian day numbers (to the millisecond);
    PostgreSQL subtracts the timestamps and takes the interval's seconds (to the microsecond), as
    a double precision number: ``date_part`` rather than ``EXTRACT``, whose numeric result is
    several times slower to sort.
    """

    arity = 2
    output_field = FloatField()

    def __init__(self, later, earlier, **extra):
        super().__init__(later, earlier, **extra)

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="(julianday(%(expressions)s))",
            arg_joiner=") - julianday(",
            **extra_context,
        )

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="(date_part('epoch', %(expressions)s) / 86400)",
            arg_joiner=" - ",
            **extra_context,
        )


# Medians by the database, so that one row per group comes back, never the measured rows.
# PostgreSQL has an exact median aggregate, percentile_cont(0.5); GROUPING SETS add the overall
# median to the same pass. SQLite has none (short of a Python aggregate called once per row, the
# very cost this avoids), so there the median is spelt with window functions, which SQLite 3.25+
# and PostgreSQL both run: number each group's values in order, keep the middle one (odd count)
# or two (even count), and average them. The overall median is one more partition, "whole" = 1.
# Both give the average of the two middle values for an even count, like statistics.median.
POSTGRESQL_MEDIANS_SQL = """
SELECT {whole}, {key},
    percentile_cont(0.5) WITHIN GROUP (ORDER BY median_days), COUNT(median_days)
FROM ({rows}) AS measured
WHERE median_days IS NOT NULL
GROUP BY GROUPING SETS ({sets})
"""
WINDOW_MEDIANS_SQL = """
WITH measured AS ({rows})
SELECT whole, median_key, AVG(median_days), MAX(n) FROM (
    SELECT whole, median_key, median_days,
        ROW_NUMBER() OVER (PARTITION BY whole, median_key ORDER BY median_days) AS rn,
        COUNT(*) OVER (PARTITION BY whole, median_key) AS n
    FROM ({partitions}) AS partitioned
    WHERE median_days IS NOT NULL
) AS ranked
WHERE rn IN ((n + 1) / 2, (n + 2) / 2)
GROUP BY whole, median_key
"""
BY_KEY = "SELECT 0 AS whole, median_key, median_days FROM measured"
OVERALL = "SELECT 1 AS whole, NULL AS median_key, median_days FROM measured"


def medians_sql(vendor: str, rows: str, *, by_key: bool, overall: bool) -> str:
    """The query for ``medians``, around the SQL of the measured rows."""
    if vendor == "postgresql":
        sets = ["(median_key)"] * by_key + ["()"] * overall
        whole, key = ("GROUPING(median_key)", "median_key") if by_key else ("1", "NULL")
        return POSTGRESQL_MEDIANS_SQL.format(whole=whole, key=key, rows=rows, sets=", ".join(sets))
    partitions = [BY_KEY] * by_key + [OVERALL] * overall
    return WINDOW_MEDIANS_SQL.format(rows=rows, partitions=" UNION ALL ".join(partitions))


def medians(qs: QuerySet, days, by=None, *, overall: bool = True) -> tuple[Median, dict]:
    """(Median of ``days`` over the rows of ``qs``, {key: Median for the rows with that key}),
    from one query. ``days`` and ``by`` are expressions; with ``by`` None there are no keys, and
    with ``overall`` False no overall median (NO_MEDIAN). A key without a measured row is left
    out."""
    key = Value(None, output_field=IntegerField()) if by is None else by
    rows = qs.annotate(median_days=days, median_key=key).values_list("median_key", "median_days")
    compiler = rows.query.get_compiler(using=rows.db)
    sql, params = compiler.as_sql()
    connection = connections[rows.db]
    query = medians_sql(connection.vendor, sql, by_key=by is not None, overall=overall)
    # The keys come back raw (a month as text on SQLite, say): convert them as Django would.
    key_column = next(col for col, _, alias in compiler.select if alias == "median_key")
    converters = compiler.get_converters([key_column])  # {0: ...}; the key is column 1 below
    converters = {1: converters[0]} if converters else {}
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        found = compiler.apply_converters(cursor.fetchall(), converters)
    whole, by_key = NO_MEDIAN, {}
    for is_whole, key, median, n in found:
        if median is None:  # PostgreSQL's overall row when nothing was measured
            continue
        if is_whole:
            whole = Median(float(median), n)
        else:
            by_key[key] = Median(float(median), n)
    return whole, by_key


def _first_reply_qs(qs: QuerySet, steps: list[Step], key=None) -> QuerySet:
    """Per application (and group): when it was first moved into an applied stage and when it
    first got a reply (one grouped pass over the history, like the funnel)."""
    reply = Q(stage_changes__to_stage__position__gt=sent_position(steps)) & ~Q(
        stage_changes__to_stage__kind=StageKind.LOST
    )
    columns = ["pk"]
    if key is not None:
        qs = qs.annotate(first_reply_key=key)
        columns.append("first_reply_key")
    return (
        qs.order_by()
        .values(*columns)
        .annotate(
            sent_at=Min(
                "stage_changes__changed_at",
                filter=Q(stage_changes__to_stage__kind__in=APPLIED_KINDS),
            ),
            replied_at=Min(
                "stage_changes__changed_at",
                filter=reply | Q(stage_changes__to_stage__loss_type=LossType.REJECTED),
            ),
        )
    )


def days_to_first_reply(qs: QuerySet, steps: list[Step]) -> Median:
    """Median days from sending to the first reply, over applications that got one."""
    return medians(_first_reply_qs(qs, steps), DaysBetween(F("replied_at"), F("sent_at")))[0]


def days_to_first_reply_by_group(
    qs: QuerySet, steps: list[Step], dim: Dimension
) -> tuple[Median, dict]:
    """The same median overall and for each group of a breakdown:
    (overall Median, {group key: Median}), from one query."""
    waits = DaysBetween(F("replied_at"), F("sent_at"))
    return medians(_first_reply_qs(qs, steps, dim.expression), waits, by=F("first_reply_key"))


def days_in_stage(qs: QuerySet, steps: list[Step]) -> dict[int, Median]:
    """Median days spent in each step before the next move ({step index: Median}).

    Only finished stays count: time in the current stage is still running. Stays in a lost
    stage are not measured (their key is NULL, and that group is dropped).
    """
    next_change = Window(
        Lead("changed_at"),
        partition_by=[F("application_id")],
        order_by=[F("changed_at").asc(), F("pk").asc()],
    )
    position = CaseExpression(
        When(to_stage__kind=StageKind.LOST, then=Value(None)),
        default=F("to_stage__position"),
        output_field=IntegerField(),
    )
    _, by_position = medians(
        StageChange.objects.filter(application__in=qs.values("pk")).order_by(),
        DaysBetween(next_change, F("changed_at")),
        by=position,
        overall=False,
    )
    positions = {step.position: i for i, step in enumerate(steps)}
    found = {positions[p]: m for p, m in by_position.items() if p in positions}
    return {i: found.get(i, NO_MEDIAN) for i in range(len(steps))}
