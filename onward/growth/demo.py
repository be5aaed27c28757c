"""Demo growth for ``onward demo``: two skill gaps drawn from the demo debriefs, a learning
plan of four items in different states, and some time logged on them.

Deterministic (fixed content, dates relative to today) and idempotent: running it again
replaces what it added before with the same rows. It runs after the routine's demo, which
clears the activity log, so the hours logged here stay.
"""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from onward.debrief.models import Lesson
from onward.debrief.taxonomy import Competency
from onward.routine.models import ActivityLog
from onward.routine.progress import user_today

from .models import GapStatus, ItemStatus, LearningItem, LearningKind, SkillGap

# (title, kind, url, status, target date in days from today or None, notes,
#  gap index or None, [(days ago, hours), ...])
ITEMS = [
    (
        "System design fundamentals, an online course",
        LearningKind.COURSE,
        "https://learn.example/system-design-fundamentals",
        ItemStatus.IN_PROGRESS,
        21,
        "Modules 1–4 cover scale and partitioning: the questions that stumped me.",
        0,
        [(12, "1.5"), (9, "1"), (4, "2"), (1, "1.5")],
    ),
    (
        "Two timed mock design sessions with a friend",
        LearningKind.PRACTICE,
        "",
        ItemStatus.PLANNED,
        10,
        "45 minutes each, out loud, with a whiteboard. Ask about constraints first.",
        0,
        [],
    ),
    (
        "A book on negotiation: the chapters on salary",
        LearningKind.BOOK,
        "",
        ItemStatus.DONE,
        None,
        "Takeaway: research the range, say it first, and stop talking.",
        1,
        [(30, "2"), (26, "1.5")],
    ),
    (
        "Cloud architecture certification (associate level)",
        LearningKind.CERTIFICATION,
        "https://cloud.example/certifications/architect-associate",
        ItemStatus.PLANNED,
        None,
        "Later, once the design course is done.",
        None,
        [],
    ),
]


@transaction.atomic
def add_demo_growth(user) -> list[LearningItem]:
    ActivityLog.objects.filter(user=user, learning_log__learning_item__user=user).delete()
    LearningItem.objects.filter(user=user).delete()  # their reminders go with them
    SkillGap.objects.filter(user=user).delete()

    today = user_today(user)
    now = timezone.now()
    design_lesson = (
        Lesson.objects.for_user(user)
        .filter(category=Competency.PROBLEM_SOLVING)
        .select_related("debrief__application__company")
        .order_by("created_at", "pk")
        .first()
    )
    if design_lesson is not None:
        design, _ = SkillGap.from_lesson(design_lesson)
        design.name = "System design at scale"
        design.save(update_fields=["name"])
    else:
        design = SkillGap.objects.create(
            user=user,
            name="System design at scale",
            why="Scale questions keep stumping me in technical rounds.",
            competency=Competency.PROBLEM_SOLVING,
        )
    design.move_to(GapStatus.WORKING, now=now)
    salary = SkillGap.objects.create(
        user=user,
        name="Talking about salary with confidence",
        why="I named a range too late, and vaguely. I want a researched number, said first.",
        competency=Competency.SALARY_LOGISTICS,
        created_at=now - timedelta(days=35),
    )
    gaps = [design, salary]

    items = []
    for title, kind, url, status, target_in, notes, gap, logged in ITEMS:
        item = LearningItem.objects.create(
            user=user,
            title=title,
            kind=kind,
            url=url,
            notes=notes,
            skill_gap=gaps[gap] if gap is not None else None,
            target_date=today + timedelta(days=target_in) if target_in is not None else None,
            created_at=now - timedelta(days=40),
        )
        for days_ago, hours in logged:
            item.log_time(Decimal(hours), today - timedelta(days=days_ago))
        if item.status != status:
            item.move_to(status, now=now - timedelta(days=20) if status == "done" else now)
        item.sync_reminder()
        items.append(item)
    return items
