"""Demo routine for ``onward demo``: three months of goals, logged activity, mood check-ins,
wins and two past weekly reviews, laid over the demo user's existing applications.

Deterministic (a fixed seed, dates relative to today) and idempotent: running it again
replaces what it added before with the same rows.
"""

import random
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db import transaction

from onward.accounts.models import profile_for
from onward.routine.models import (
    ActivityKind,
    ActivityLog,
    Focus,
    RestPeriod,
    WeeklyGoals,
    WeeklyReview,
)
from onward.routine.models import settings_for as routine_settings_for
from onward.routine.progress import routine_for, user_today
from onward.wellbeing.models import MoodCheckIn

from .review import week_summary

WEEKS = 13
LEARNING = [
    "Course: designing data-intensive systems, chapter notes",
    "Kubernetes tutorial",
    "Read two system design case studies",
    "SQL window functions practice",
]
PRACTICE = [
    "Mock interview with Sam",
    "Timed coding kata",
    "Recorded myself answering behavioural questions",
    "STAR stories rehearsal",
]
EVENTS = ["Python meetup", "Local tech job fair", "Online DevOps panel"]
MOOD_NOTES = {
    1: "Rough day. Stayed away from job boards.",
    2: "Flat. Another silent week from most companies.",
    3: "",
    4: "Good chat with a recruiter.",
    5: "Felt sharp in practice today.",
}
OWN_WINS = [
    (80, "Rewrote my résumé summary and finally like it"),
    (60, "Asked a former colleague for a referral, which I'd been putting off"),
    (33, "Finished the first module of the system design course"),
    (12, "Explained a tricky trade-off clearly in a mock interview"),
]
REVIEWS = [
    (
        "A busy week, but I sent applications I didn't care much about.",
        Focus.APPLICATIONS,
        "Three applications, each tailored, at least one with a referral.",
    ),
    (
        "Better balance. The mock interview showed my system design answers ramble.",
        Focus.PRACTICE,
        "Two timed system design sessions before the next interview.",
    ),
]


@transaction.atomic
def add_demo_routine(user, seed: int = 2024) -> None:
    from onward.wellbeing.models import Win

    rng = random.Random(seed)
    zone = profile_for(user).zone
    today = user_today(user)
    routine_settings_for(user)
    for model in (ActivityLog, WeeklyGoals, RestPeriod, WeeklyReview, Win):
        model.objects.filter(user=user).delete()
    MoodCheckIn.objects.filter(user=user, debrief__isnull=True).delete()

    this_week = routine_settings_for(user).week_of(today)
    first_week = this_week - timedelta(weeks=WEEKS)
    WeeklyGoals.objects.create(
        user=user,
        starts_on=first_week,
        applications=5,
        touches=3,
        follow_ups=1,
        learning_hours=2,
        practice=1,
    )
    # Six weeks in, after a review: fewer, better-targeted applications and more practice.
    WeeklyGoals.objects.create(
        user=user,
        starts_on=first_week + timedelta(weeks=6),
        applications=3,
        touches=3,
        follow_ups=1,
        learning_hours=2,
        practice=2,
    )
    rest_start = first_week + timedelta(weeks=8)
    RestPeriod.objects.create(
        user=user, starts_on=rest_start, ends_on=rest_start + timedelta(days=6), note="Family visit"
    )

    day, mood = first_week, 3
    while day <= today:
        resting = rest_start <= day <= rest_start + timedelta(days=6)
        weekday = day.weekday()
        if not resting and weekday in (1, 3) and rng.random() < 0.85:
            ActivityLog.objects.create(
                user=user, kind=ActivityKind.PRACTICE, on=day, note=rng.choice(PRACTICE)
            )
        if not resting and weekday in (0, 2, 4) and rng.random() < 0.7:
            ActivityLog.objects.create(
                user=user,
                kind=ActivityKind.LEARNING,
                on=day,
                hours=Decimal(rng.choice(["0.5", "1", "1", "1.5"])),
                note=rng.choice(LEARNING),
            )
        if not resting and weekday == 3 and rng.random() < 0.3:
            ActivityLog.objects.create(
                user=user, kind=ActivityKind.EVENT, on=day, note=rng.choice(EVENTS)
            )
        if rng.random() < 0.45:
            mood = min(5, max(1, mood + rng.choice([-1, 0, 0, 1])))
            energy = min(5, max(1, mood + rng.choice([-1, 0, 1])))
            MoodCheckIn.objects.create(
                user=user,
                mood=mood,
                energy=energy,
                note=MOOD_NOTES[mood],
                created_at=datetime.combine(day, time(20, rng.choice([0, 15, 30])), tzinfo=zone),
            )
        day += timedelta(days=1)

    for days_ago, title in OWN_WINS:
        Win.objects.create(user=user, title=title, happened_on=today - timedelta(days=days_ago))

    weeks = routine_for(user, today=today, weeks=3).weeks
    for week, (reflection, focus, note) in zip(weeks[1:3], REVIEWS, strict=True):
        WeeklyReview.objects.create(
            user=user,
            week_starts_on=week.starts_on,
            summary=week_summary(user, week),
            reflection=reflection,
            focus=focus,
            focus_note=note,
        )
