"""Where to grow: areas to develop, read from what the debriefs already hold.

Three sources, each a single SQL aggregate whatever the amount of data:
- the competencies the user rates lowest on average (``CompetencyRating``),
- lesson categories that recur across debriefs,
- debriefs whose reason, or the feedback, was a skills gap.
Nothing is stated on fewer than ``MIN_DATA_POINTS`` debriefs; instead the page says what is
missing.
"""

from dataclasses import dataclass, field

from django.db.models import Avg, Count, Q

from onward.debrief.models import CompetencyRating, Debrief, DebriefStatus, Lesson
from onward.debrief.taxonomy import LESSON_CATEGORY_LABELS, Competency, ReasonCategory

MIN_DATA_POINTS = 2
# Averages below this (on 1 to 5) are worth working on; 3 is "fine, not a strength".
WORTH_WORK_BELOW = 3.5
MAX_COMPETENCIES = 3
MAX_SKILLS_GAP_DEBRIEFS = 5


@dataclass(frozen=True)
class Area:
    """One suggested area, stated with its numbers, ready to become a skill gap."""

    key: str
    name: str
    text: str
    competency: str = ""


@dataclass
class Areas:
    competencies: list[Area] = field(default_factory=list)
    competencies_missing: str = ""
    lessons: list[Area] = field(default_factory=list)
    lessons_missing: str = ""
    skills_gap: Area | None = None
    skills_gap_missing: str = ""
    skills_gap_debriefs: list[Debrief] = field(default_factory=list)

    @property
    def any(self) -> bool:
        return bool(self.competencies or self.lessons or self.skills_gap)


def lower_first(label: str) -> str:
    return label[:1].lower() + label[1:]


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def lowest_competencies(ratings) -> tuple[list[Area], str]:
    """The competencies rated lowest on average, each over at least two debriefs."""
    rows = list(
        ratings.values("competency")
        .annotate(average=Avg("rating"), debriefs=Count("debrief", distinct=True))
        .order_by("average", "competency")
    )
    most = max((row["debriefs"] for row in rows), default=0)
    if most < MIN_DATA_POINTS:
        rated = "in no debrief yet" if not most else "in 1 debrief so far"
        return [], (
            f"You have rated yourself {rated}. Once a competency has ratings from "
            f"{MIN_DATA_POINTS} debriefs, the lowest ones show here (the ratings are in each "
            "debrief's reflection step)."
        )
    areas = []
    for row in rows:
        if row["debriefs"] < MIN_DATA_POINTS or row["average"] >= WORTH_WORK_BELOW:
            continue
        label = Competency(row["competency"]).label
        areas.append(
            Area(
                key=f"competency:{row['competency']}",
                name=label,
                text=f"You rated {lower_first(label)} {row['average']:.1f} on average over "
                f"{row['debriefs']} debriefs.",
                competency=row["competency"],
            )
        )
    if not areas:
        return [], (
            f"Every competency you have rated in {MIN_DATA_POINTS} or more debriefs averages "
            f"{WORTH_WORK_BELOW} or higher: none stands out as weak."
        )
    return areas[:MAX_COMPETENCIES], ""


def recurring_lessons(lessons) -> tuple[list[Area], str]:
    """Lesson categories that came up in at least two debriefs."""
    rows = list(
        lessons.values("category")
        .annotate(lessons=Count("pk"), debriefs=Count("debrief", distinct=True))
        .order_by("-debriefs", "-lessons", "category")
    )
    areas = []
    for row in rows:
        if row["debriefs"] < MIN_DATA_POINTS:
            continue
        category = row["category"]
        label = LESSON_CATEGORY_LABELS.get(category, category)
        areas.append(
            Area(
                key=f"lesson:{category}",
                name=label,
                text=f"{label} came up in {plural(row['lessons'], 'lesson')} from "
                f"{row['debriefs']} different debriefs.",
                competency=category if category in Competency.values else "",
            )
        )
    if areas:
        return areas, ""
    total = sum(row["lessons"] for row in rows)
    return [], (
        f"You have written {plural(total, 'lesson')} so far, and no category has come up in "
        f"{MIN_DATA_POINTS} debriefs yet. Recurring themes show here once one does."
    )


def skills_gap_reasons(debriefs) -> tuple[Area | None, str, int]:
    """How many debriefs ended on a skills gap, by the reason given or the feedback."""
    skills_gap = Q(reason_category=ReasonCategory.SKILLS_GAP) | Q(
        feedback_category=ReasonCategory.SKILLS_GAP
    )
    figures = debriefs.aggregate(total=Count("pk"), gap=Count("pk", filter=skills_gap))
    total, gap = figures["total"], figures["gap"]
    if gap < MIN_DATA_POINTS:
        said = "none" if not gap else "1"
        return (
            None,
            f"A skills gap was the reason, given or in feedback, in {said} of your "
            f"{plural(total, 'debrief')}. If it comes up in {MIN_DATA_POINTS}, it shows here.",
            gap,
        )
    return (
        Area(
            key="reason:skills_gap",
            name="The skills employers said were missing",
            text=f"A skills gap was the reason, given or in feedback, in {gap} of your "
            f"{plural(total, 'debrief')}.",
        ),
        "",
        gap,
    )


def areas_for(user) -> Areas:
    """Where to grow, in four queries whatever the amount of data."""
    debriefs = Debrief.objects.for_user(user).counted()
    ratings = CompetencyRating.objects.for_user(user).exclude(
        debrief__status=DebriefStatus.DISMISSED
    )
    lessons = Lesson.objects.for_user(user).exclude(debrief__status=DebriefStatus.DISMISSED)
    result = Areas()
    result.competencies, result.competencies_missing = lowest_competencies(ratings)
    result.lessons, result.lessons_missing = recurring_lessons(lessons)
    result.skills_gap, result.skills_gap_missing, gap_count = skills_gap_reasons(debriefs)
    if gap_count:
        result.skills_gap_debriefs = list(
            debriefs.filter(
                Q(reason_category=ReasonCategory.SKILLS_GAP)
                | Q(feedback_category=ReasonCategory.SKILLS_GAP)
            ).select_related("application__company")[:MAX_SKILLS_GAP_DEBRIEFS]
        )
    return result
