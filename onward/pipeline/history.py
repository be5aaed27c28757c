"""How far an application got, computed from its stage history by the database.

The insights count thousands of applications by their furthest step on every page view, so this
is shaped for speed: a subquery per application that the (application, to_stage) index answers
alone, with the stage positions written into the SQL instead of joined in."""

from itertools import chain

from django.db.models import Expression, F, Func, IntegerField, OuterRef, Subquery

from .models import StageChange


class StagePosition(Expression):
    """``CASE <stage column> WHEN <id> THEN <position> ... END`` (NULL for any other stage), from
    {stage id: position}. Written out directly: the same CASE from ``When()`` objects costs
    ~0.1 ms per stage to build, on every page view, more than the database takes to run it."""

    output_field = IntegerField()

    def __init__(self, stage, positions: dict[int, int]):
        super().__init__()
        self.stage, self.positions = stage, positions

    def get_source_expressions(self):
        return [self.stage]

    def set_source_expressions(self, exprs):
        (self.stage,) = exprs

    def as_sql(self, compiler, connection):
        if not self.positions:
            return "NULL", []
        sql, params = compiler.compile(self.stage)
        whens = " ".join(["WHEN %s THEN %s"] * len(self.positions))
        return f"CASE {sql} {whens} END", [*params, *chain.from_iterable(self.positions.items())]


def furthest_position(positions: dict[int, int]) -> Subquery:
    """Expression: the furthest step in an application's history, whatever the order or dates
    of the moves: the highest position among the stages it moved into, ``positions`` mapping
    the user's non-lost stages to their positions (``Stage.objects...progress_positions()``).
    NULL when the history holds no such stage.

    A subquery per application rather than a join grouped by application, so that the query
    around it stays ungrouped (the insights count applications by it in one GROUP BY)."""
    # MAX as a plain SQL function rather than the Max aggregate, which would add a GROUP BY
    # that SQLite pays for: the WHERE already makes one group, the application's history.
    highest = Func(StagePosition(F("to_stage"), positions), function="MAX")
    history = StageChange.objects.filter(application=OuterRef("pk")).order_by()
    return Subquery(history.values(m=highest), output_field=IntegerField())
