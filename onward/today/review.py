"""The weekly review's summary: one week's numbers, kept with the review as they were."""

from datetime import date, timedelta

from django.db.models import Avg, Count
from django.urls import reverse

from onward.accounts.models import profile_for
from onward.debrief.models import Lesson
from onward.routine.progress import WeekProgress, local_midnight
from onward.strategy.models import Experiment
from onward.wellbeing.models import MoodCheckIn


def running_experiments(user, first_day: date, last_day: date) -> list[dict]:
    """The user's experiments running during the week."""
    rows = (
        Experiment.objects.filter(user=user, started_on__lte=last_day)
        .exclude(ended_on__lt=first_day)
        .values("pk", "title")
    )
    return [
        {
            "id": row["pk"],
            "title": row["title"],
            "url": reverse("strategy:experiment_detail", args=[row["pk"]]),
        }
        for row in rows
    ]


def _mood(user, start, end) -> tuple[float | None, int]:
    found = MoodCheckIn.objects.for_user(user).filter(created_at__gte=start, created_at__lt=end)
    result = found.aggregate(average=Avg("mood"), n=Count("pk"))
    average = round(float(result["average"]), 1) if result["average"] is not None else None
    return average, result["n"]


def week_summary(user, week: WeekProgress) -> dict:
    """A JSON-ready summary of ``week``: goals, outcomes, mood trend, lessons, wins."""
    from onward.wellbeing.events import job_events, replies
    from onward.wellbeing.models import Win

    zone = profile_for(user).zone
    start = local_midnight(week.starts_on, zone)
    end = local_midnight(week.starts_on + timedelta(days=7), zone)
    events = job_events(user, start, end)
    outcomes = {kind: 0 for kind in ("application", "interview", "rejection", "offer")}
    for event in events:
        outcomes[event.kind] += 1
    outcomes["reply"] = replies(user).filter(changed_at__gte=start, changed_at__lt=end).count()
    mood, check_ins = _mood(user, start, end)
    previous_mood, previous_check_ins = _mood(user, start - timedelta(days=7), start)
    lessons = Lesson.objects.for_user(user).filter(created_at__gte=start, created_at__lt=end)
    wins = Win.objects.for_user(user).journal()
    wins = wins.filter(happened_on__gte=week.starts_on, happened_on__lte=week.ends_on)
    return {
        "week_starts_on": week.starts_on.isoformat(),
        "rest_days": week.rest_days,
        "met": week.met,
        "goals": [
            {
                "key": g.key,
                "label": g.measure.label,
                "done": float(g.done_display),
                "target": g.target,
                "met": g.met,
            }
            for g in week.goals
        ],
        "outcomes": outcomes,
        "mood": {
            "average": mood,
            "check_ins": check_ins,
            "previous_average": previous_mood,
            "previous_check_ins": previous_check_ins,
        },
        "lessons": list(lessons.values_list("text", flat=True)[:20]),
        "wins": list(wins.values_list("title", flat=True)[:20]),
        "experiments": running_experiments(user, week.starts_on, week.ends_on),
    }


def mood_trend(mood: dict) -> str:
    """The mood trend in words, or "" when either week has no check-in."""
    now, before = mood.get("average"), mood.get("previous_average")
    if now is None or before is None:
        return ""
    if now > before:
        direction = "higher than"
    elif now < before:
        direction = "lower than"
    else:
        direction = "the same as"

    def check_ins(n: int) -> str:
        return f"{n} check-in" if n == 1 else f"{n} check-ins"

    return (
        f"Average mood {now}/5 over {check_ins(mood['check_ins'])}, {direction} the week "
        f"before ({before}/5 over {check_ins(mood['previous_check_ins'])})."
    )
