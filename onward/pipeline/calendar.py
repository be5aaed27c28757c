"""Interviews in the calendar: the subscription feed's interview events (a source registered
with the reminders' feed) and a single interview's .ics download."""

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404
from django.utils import timezone
from icalendar import Event

from onward.core.reminders.feed import ics_response, new_calendar, site_url, utc
from onward.core.text import lines_of_text, one_line

from .models import Interview

# Past interviews stay in the feed this long; older ones are history, not plans.
INTERVIEWS_SINCE = timedelta(days=90)


def interview_event(interview: Interview, stamp) -> Event:
    application = interview.application
    event = Event()
    event.add("uid", f"interview-{interview.pk}@onward")
    event.add("dtstamp", stamp)
    event.add("dtstart", utc(interview.starts_at))
    event.add("dtend", utc(interview.ends_at))
    # Text from the user without control characters (RFC 5545 allows none in TEXT but the
    # tab): icalendar escapes line breaks, not the rest.
    summary = f"{interview.round_name}: {application.title} at {application.company}"
    event.add("summary", one_line(summary))
    lines = [f"{interview.get_kind_display()} interview, {interview.duration_minutes} minutes."]
    names = [person.name for person in interview.interviewers.all()]
    if names:
        lines.append("With " + ", ".join(names) + ".")
    url = site_url(application.get_absolute_url())
    lines.append(url)
    event.add("description", lines_of_text("\n".join(lines)))
    event.add("url", url)
    if application.location:
        event.add("location", one_line(application.location))
    event.add("categories", ["Onward", "Interview"])
    return event


def feed_interviews(user, now):
    return (
        Interview.objects.for_user(user)
        .filter(starts_at__gte=now - INTERVIEWS_SINCE)
        .select_related("application__company")
        .prefetch_related("interviewers")
        .order_by("starts_at", "pk")
    )


def interview_events(user, now, stamp):
    """The feed source: the user's interviews from ``INTERVIEWS_SINCE`` ago onwards."""
    return [interview_event(interview, stamp) for interview in feed_interviews(user, now)]


def build_interview_ics(interview: Interview, now=None) -> bytes:
    calendar = new_calendar(str(interview))
    calendar.add_component(interview_event(interview, utc(now or timezone.now())))
    return calendar.to_ical()


@login_required
def interview_ics(request, interview_id: int):
    interview = get_object_or_404(
        Interview.objects.for_user(request.user)
        .select_related("application__company")
        .prefetch_related("interviewers"),
        pk=interview_id,
    )
    return ics_response(
        build_interview_ics(interview), f"interview-{interview.pk}.ics", attachment=True
    )
