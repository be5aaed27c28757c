"""The lessons page's figures: plain functions over querysets, counted in SQL."""

from dataclasses import dataclass

from django.db.models import Count, Q

from .models import Debrief, Lesson
from .taxonomy import LESSON_CATEGORY_LABELS, ReasonCategory, StageReached

# No pattern is stated with fewer debriefs than this behind it.
MIN_DEBRIEFS_FOR_PATTERNS = 3
# ...nor for something that came up only once.
MIN_OCCURRENCES = 2


@dataclass(frozen=True)
class Pattern:
    text: str
    count: int
    out_of: int


def lessons_by_category(lessons) -> list[tuple[str, int]]:
    rows = lessons.values("category").annotate(n=Count("pk")).order_by("-n", "category")
    return [(LESSON_CATEGORY_LABELS.get(r["category"], r["category"]), r["n"]) for r in rows]


def lessons_by_stage(lessons) -> list[tuple[str, int]]:
    counts = dict(lessons.values_list("stage").annotate(n=Count("pk")).order_by())
    return [(label, counts.get(value, 0)) for value, label in StageReached.choices]


def debriefs_by_stage(debriefs) -> list[tuple[str, int]]:
    counts = dict(debriefs.values_list("stage_reached").annotate(n=Count("pk")).order_by())
    return [(label, counts.get(value, 0)) for value, label in StageReached.choices]


def lesson_patterns(debriefs, lessons) -> list[Pattern]:
    """A lesson category that keeps coming up in debriefs that got equally far:
    "Role skills came up in 3 of your 4 debriefs after technical rounds"."""
    totals = dict(debriefs.values_list("stage_reached").annotate(n=Count("pk")).order_by())
    rows = (
        lessons.filter(debrief__in=debriefs)
        .values("debrief__stage_reached", "category")
        .annotate(n=Count("debrief", distinct=True))
        .order_by()
    )
    patterns = []
    for row in rows:
        stage, count = row["debrief__stage_reached"], row["n"]
        out_of = totals.get(stage, 0)
        if out_of >= MIN_DEBRIEFS_FOR_PATTERNS and count >= MIN_OCCURRENCES:
            label = LESSON_CATEGORY_LABELS.get(row["category"], row["category"])
            where = StageReached(stage).label.lower()
            text = f"{label} came up in {count} of your {out_of} debriefs that ended {where}."
            patterns.append(Pattern(text, count, out_of))
    return sorted(patterns, key=lambda p: (-p.count / p.out_of, -p.count, p.text))


def reason_patterns(debriefs) -> list[Pattern]:
    """A reason (given, or in feedback) behind several endings:
    "Skills gap was the reason in 3 of your 5 debriefs"."""
    categories = [c for c in ReasonCategory.values if c != ReasonCategory.NO_REASON]
    figures = debriefs.aggregate(
        total=Count("pk"),
        **{
            category: Count(
                "pk", filter=Q(reason_category=category) | Q(feedback_category=category)
            )
            for category in categories
        },
    )
    total = figures.pop("total")
    if total < MIN_DEBRIEFS_FOR_PATTERNS:
        return []
    patterns = [
        Pattern(
            f"{ReasonCategory(category).label} was the reason, given or in feedback, "
            f"in {count} of your {total} debriefs.",
            count,
            total,
        )
        for category, count in figures.items()
        if count >= MIN_OCCURRENCES
    ]
    return sorted(patterns, key=lambda p: (-p.count, p.text))


def lessons_summary(user) -> dict:
    debriefs = Debrief.objects.for_user(user).counted()
    lessons = Lesson.objects.for_user(user).filter(debrief__in=debriefs)
    debrief_count = debriefs.count()
    enough = debrief_count >= MIN_DEBRIEFS_FOR_PATTERNS
    return {
        "debrief_count": debrief_count,
        "lesson_count": lessons.count(),
        "by_category": lessons_by_category(lessons),
        "by_stage": lessons_by_stage(lessons),
        "debriefs_by_stage": debriefs_by_stage(debriefs),
        "latest": list(lessons.select_related("debrief__application__company")[:10]),
        "enough_data": enough,
        "min_debriefs": MIN_DEBRIEFS_FOR_PATTERNS,
        "patterns": (lesson_patterns(debriefs, lessons) + reason_patterns(debriefs))
        if enough
        else [],
    }
