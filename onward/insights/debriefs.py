"""What the debriefs say, by how far the application got (the debrief's own "stage reached").

Counts come from grouped SQL queries; the reason of a debrief is the category of the feedback
received when there is one (what the company actually said), else the category of the reason
they gave.
"""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf

from onward.debrief.models import Debrief, DebriefStatus, Lesson
from onward.debrief.taxonomy import LESSON_CATEGORY_LABELS, ReasonCategory, StageReached
from onward.pipeline.models import LossType

LATE_STAGES = [StageReached.TECHNICAL, StageReached.FINAL]
# Categories that name no cause the user could act on.
NOT_A_CAUSE = {"", ReasonCategory.NO_REASON, ReasonCategory.OTHER}


@dataclass
class StageTable:
    """Counts by category (rows) and stage reached (columns)."""

    stages: list[tuple[str, str]]
    rows: list[dict]
    total: int

    @property
    def is_empty(self) -> bool:
        return not self.total


def _table(counts: dict[tuple[str, str], int], labels: dict[str, str]) -> StageTable:
    categories = sorted(
        {category for _, category in counts},
        key=lambda c: -sum(n for (_, cat), n in counts.items() if cat == c),
    )
    rows = [
        {
            "category": category,
            "label": labels.get(category, "Not categorised") if category else "Not categorised",
            "cells": [counts.get((stage, category), 0) for stage, _ in StageReached.choices],
            "total": sum(n for (_, cat), n in counts.items() if cat == category),
        }
        for category in categories
    ]
    return StageTable(list(StageReached.choices), rows, sum(counts.values()))


def rejection_reasons(applications: QuerySet) -> StageTable:
    """Rejections by reason category and stage reached (dismissed debriefs left out)."""
    rows = (
        Debrief.objects.counted()
        .filter(application__in=applications.values("pk"), flow=LossType.REJECTED)
        .annotate(
            category=Coalesce(
                NullIf("feedback_category", Value("")),
                NullIf("reason_category", Value("")),
                Value(""),
            )
        )
        .order_by()
        .values("stage_reached", "category")
        .annotate(n=Count("pk"))
    )
    counts = {(row["stage_reached"], row["category"]): row["n"] for row in rows}
    return _table(counts, dict(ReasonCategory.choices))


def lessons_by_stage(applications: QuerySet) -> StageTable:
    rows = (
        Lesson.objects.filter(debrief__application__in=applications.values("pk"))
        .order_by()
        .values("stage", "category")
        .annotate(n=Count("pk"))
    )
    counts = {(row["stage"], row["category"]): row["n"] for row in rows}
    return _table(counts, LESSON_CATEGORY_LABELS)


def has_lessons(applications: QuerySet) -> bool:
    return Lesson.objects.filter(debrief__application__in=applications.values("pk")).exists()


def recent_lessons(applications: QuerySet, limit: int = 8) -> list[Lesson]:
    return list(
        Lesson.objects.filter(debrief__application__in=applications.values("pk"))
        .select_related("debrief__application__company")
        .order_by("-created_at", "-pk")[:limit]
    )


def late_stage_reasons(table: StageTable) -> tuple[dict[str, int], int]:
    """({category: count}, total) over late-stage rejections that name a cause."""
    late_columns = [i for i, (stage, _) in enumerate(table.stages) if stage in LATE_STAGES]
    counts = {
        row["category"]: sum(row["cells"][i] for i in late_columns)
        for row in table.rows
        if row["category"] not in NOT_A_CAUSE
    }
    counts = {category: n for category, n in counts.items() if n}
    return counts, sum(counts.values())


def rejection_filter(category: str, *, late: bool = False) -> Q:
    """Applications whose (counted) rejection debrief has this reason, as above."""
    q = (
        Q(debrief__flow=LossType.REJECTED)
        & ~Q(debrief__status=DebriefStatus.DISMISSED)
        & (
            Q(debrief__feedback_category=category)
            | Q(debrief__feedback_category="", debrief__reason_category=category)
        )
    )
    if late:
        q &= Q(debrief__stage_reached__in=LATE_STAGES)
    return q
