"""The burnout guard: lots of effort, few answers and a low mood, for two weeks running.

It triggers only when all of these hold over the last ``BURNOUT_WINDOW_DAYS`` (the 14 days
ending today, in the user's time zone, looked at as two 7-day halves):

- **activity is high**: applications sent plus networking touches reach
  ``BURNOUT_MIN_WEEKLY_ACTIVITY`` in *each* half (sustained, not one busy day);
- **replies are low**: employer replies (see ``events.replies``) are at most
  ``BURNOUT_MAX_REPLY_RATE`` of the applications sent in the window;
- **mood is low**: the average mood of at least ``BURNOUT_MIN_CHECK_INS`` check-ins in the
  window is at most ``BURNOUT_MAX_MOOD``.

It is shown until the user dismisses it, then stays quiet for ``BURNOUT_QUIET_DAYS``.
"""

from dataclasses import asdict, dataclass
from datetime import timedelta

from django.db.models import Avg, Count
from django.utils import timezone

from onward.accounts.freshness import cached_for
from onward.accounts.models import profile_for
from onward.routine.progress import Routine, daily_counts, local_midnight, user_today
from onward.wellbeing.models import MoodCheckIn

from .events import replies
from .models import BurnoutDismissal

BURNOUT_WINDOW_DAYS = 14
BURNOUT_MIN_WEEKLY_ACTIVITY = 8
BURNOUT_MAX_REPLY_RATE = 0.10
BURNOUT_MAX_MOOD = 2.5
BURNOUT_MIN_CHECK_INS = 3
BURNOUT_QUIET_DAYS = 60


@dataclass(frozen=True)
class BurnoutSignal:
    applications: int
    touches: int
    first_week_activity: int
    second_week_activity: int
    replies: int
    mood_average: float
    check_ins: int

    @property
    def reply_rate_percent(self) -> int:
        return round(100 * self.replies / self.applications) if self.applications else 0

    def numbers(self) -> dict:
        return asdict(self)


def measure(user, now=None, routine: Routine | None = None) -> BurnoutSignal:
    """``routine``: the page's routine, whose daily counts are used when they cover the window."""
    now = now or timezone.now()
    zone = profile_for(user).zone
    today = user_today(user, now)
    first_day = today - timedelta(days=BURNOUT_WINDOW_DAYS - 1)
    if routine and routine.today == today and routine.first_day and routine.first_day <= first_day:
        counts = {
            key: {day: n for day, n in days.items() if first_day <= day <= today}
            for key, days in routine.counts.items()
        }
    else:
        counts = daily_counts(user, zone, first_day, today)
    # Applications and touches are whole counts (only learning hours are Decimals): int() says
    # so to the type checker.
    halves = [0, 0]
    for key in ("applications", "touches"):
        for day, n in counts[key].items():
            halves[0 if (day - first_day).days < 7 else 1] += int(n)
    start = local_midnight(first_day, zone)
    mood = (
        MoodCheckIn.objects.for_user(user)
        .filter(created_at__gte=start)
        .aggregate(average=Avg("mood"), n=Count("pk"))
    )
    return BurnoutSignal(
        applications=int(sum(counts["applications"].values())),
        touches=int(sum(counts["touches"].values())),
        first_week_activity=halves[0],
        second_week_activity=halves[1],
        # Cached until the user's next write (onward.accounts.freshness): a big search's
        # moves out of its active stages are many.
        replies=cached_for(
            user, "replies", lambda: replies(user).filter(changed_at__gte=start).count(), start
        ),
        mood_average=round(float(mood["average"] or 0), 1),
        check_ins=mood["n"],
    )


def triggered(signal: BurnoutSignal) -> bool:
    return (
        min(signal.first_week_activity, signal.second_week_activity) >= BURNOUT_MIN_WEEKLY_ACTIVITY
        and signal.applications > 0
        and signal.replies <= BURNOUT_MAX_REPLY_RATE * signal.applications
        and signal.check_ins >= BURNOUT_MIN_CHECK_INS
        and signal.mood_average <= BURNOUT_MAX_MOOD
    )


def burnout_check(user, now=None, routine: Routine | None = None) -> BurnoutSignal | None:
    """The signal to show the user, or None (not triggered, or recently dismissed)."""
    now = now or timezone.now()
    quiet_since = now - timedelta(days=BURNOUT_QUIET_DAYS)
    if BurnoutDismissal.objects.for_user(user).filter(dismissed_at__gte=quiet_since).exists():
        return None
    signal = measure(user, now, routine)
    return signal if triggered(signal) else None
