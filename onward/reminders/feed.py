"""The calendar feed: interviews and open reminders (follow-ups, thank-yous due within a day of
a rejection, debrief steps) as an iCalendar (RFC 5545) subscription, built with ``icalendar``.

The feed's address carries a long random token and needs no login, because calendar apps
cannot log in. It shows only the token owner's events, and regenerating the token makes the old
address a 404. Times are UTC (``Z``); UIDs are stable across fetches, so calendar apps update
events in place instead of duplicating them.
"""

from datetime import UTC, timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST
from icalendar import Calendar, Event, vDuration

from onward.pipeline.models import Interview

from .models import CalendarFeed, Reminder

PRODID = "-//Onward//Onward job search companion//EN"
# Past interviews stay in the feed this long; older ones are history, not plans.
INTERVIEWS_SINCE = timedelta(days=90)
REMINDER_MINUTES = 15
REFRESH = timedelta(hours=1)


def site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def utc(moment):
    return moment.astimezone(UTC)


def new_calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    # How often subscribers should fetch again (RFC 7986, and the older Microsoft/Apple name).
    calendar.add("refresh-interval", vDuration(REFRESH), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))
    return calendar


def interview_event(interview: Interview, stamp) -> Event:
    application = interview.application
    event = Event()
    event.add("uid", f"interview-{interview.pk}@onward")
    event.add("dtstamp", stamp)
    event.add("dtstart", utc(interview.starts_at))
    event.add("dtend", utc(interview.ends_at))
    event.add("summary", f"{interview.round_name}: {application.title} at {application.company}")
    lines = [f"{interview.get_kind_display()} interview, {interview.duration_minutes} minutes."]
    names = [person.name for person in interview.interviewers.all()]
    if names:
        lines.append("With " + ", ".join(names) + ".")
    url = site_url(application.get_absolute_url())
    lines.append(url)
    event.add("description", "\n".join(lines))
    event.add("url", url)
    if application.location:
        event.add("location", application.location)
    event.add("categories", ["Onward", "Interview"])
    return event


def reminder_event(reminder: Reminder, stamp) -> Event:
    event = Event()
    starts = utc(reminder.next_due)
    event.add("uid", f"reminder-{reminder.pk}@onward")
    event.add("dtstamp", stamp)
    event.add("dtstart", starts)
    event.add("dtend", starts + timedelta(minutes=REMINDER_MINUTES))
    event.add("summary", reminder.title)
    lines = [reminder.get_kind_display() + "."]
    if reminder.notes:
        lines.append(reminder.notes)
    link = reminder.link
    if link:
        url = link if "://" in link else site_url(link)
        lines.append(url)
        if url.startswith(("http://", "https://")):
            event.add("url", url)
    event.add("description", "\n".join(lines))
    event.add("categories", ["Onward", reminder.get_kind_display()])
    event.add("transp", "TRANSPARENT")  # a to-do, not a meeting: it doesn't make you busy
    return event


def feed_interviews(user, now):
    return (
        Interview.objects.for_user(user)
        .filter(starts_at__gte=now - INTERVIEWS_SINCE)
        .select_related("application__company")
        .prefetch_related("interviewers")
        .order_by("starts_at", "pk")
    )


def feed_reminders(user):
    return (
        Reminder.objects.for_user(user).open().prefetch_related("target").order_by("due_at", "pk")
    )


def build_feed(user, now=None) -> bytes:
    """The whole calendar of ``user``: their interviews, and their open reminders."""
    now = now or timezone.now()
    stamp = utc(now)
    calendar = new_calendar("Onward")
    for interview in feed_interviews(user, now):
        calendar.add_component(interview_event(interview, stamp))
    for reminder in feed_reminders(user):
        calendar.add_component(reminder_event(reminder, stamp))
    return calendar.to_ical()


def build_interview_ics(interview: Interview, now=None) -> bytes:
    calendar = new_calendar(str(interview))
    calendar.add_component(interview_event(interview, utc(now or timezone.now())))
    return calendar.to_ical()


def ics_response(body: bytes, filename: str, *, attachment: bool) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "private, no-cache"
    return response


# --- Views --------------------------------------------------------------------------------


@require_GET
def calendar_feed(request, token: str):
    """The subscription itself: no login, the token is the credential."""
    feed = get_object_or_404(CalendarFeed.objects.select_related("user"), token=token)
    if not feed.user.is_active:
        return HttpResponse(status=404)
    return ics_response(build_feed(feed.user), "onward.ics", attachment=False)


def feed_url(feed: CalendarFeed) -> str:
    return site_url(reverse("reminders:calendar_feed", args=[feed.token]))


@login_required
def calendar_settings(request):
    feed = CalendarFeed.for_owner(request.user)
    url = feed_url(feed)
    return TemplateResponse(
        request,
        "reminders/calendar.html",
        {"feed_url": url, "webcal_url": "webcal://" + url.split("://", 1)[-1]},
    )


@login_required
@require_POST
def calendar_regenerate(request):
    CalendarFeed.for_owner(request.user).regenerate()
    messages.success(
        request,
        "New address made. The old one no longer works: subscribe again with the new one.",
    )
    return redirect("reminders:calendar_settings")


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
