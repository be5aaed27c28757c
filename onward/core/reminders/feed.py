"""The calendar feed: interviews (the pipeline registers them as a source) and open reminders
(follow-ups, thank-yous due within a day of a rejection, debrief steps) as an iCalendar
(RFC 5545) subscription, built with ``icalendar``.

The feed's address carries a long random token and needs no login, because calendar apps
cannot log in. It shows only the token owner's events, and regenerating the token makes the old
address a 404. Only the token's digest is stored, so the address is shown once, when it is
made. Times are UTC (``Z``); UIDs are stable across fetches, so calendar apps update events in
place instead of duplicating them.
"""

from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from icalendar import Alarm, Calendar, Event, vDuration, vText

from onward.core.http import never_compressed, site_url
from onward.core.text import lines_of_text, one_line

from .models import CalendarFeed, Reminder

PRODID = "-//Onward//Onward job search companion//EN"
REMINDER_MINUTES = 15
REFRESH = timedelta(hours=1)


def utc(moment):
    return moment.astimezone(UTC)


def new_calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # A TEXT value by name (icalendar escapes those); as an unknown property it went out raw,
    # and a line break in it broke the file.
    calendar.add("x-wr-calname", vText(one_line(name)))
    # How often subscribers should fetch again (RFC 7986, and the older Microsoft/Apple name).
    calendar.add("refresh-interval", vDuration(REFRESH), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))
    return calendar


def reminder_event(reminder: Reminder, stamp) -> Event:
    event = Event()
    starts = utc(reminder.next_due)
    event.add("uid", f"reminder-{reminder.pk}@onward")
    event.add("dtstamp", stamp)
    event.add("dtstart", starts)
    event.add("dtend", starts + timedelta(minutes=REMINDER_MINUTES))
    event.add("summary", one_line(reminder.title))
    lines = [reminder.get_kind_display() + "."]
    if reminder.notes:
        lines.append(reminder.notes)
    link = reminder.link
    if link:
        url = link if "://" in link else site_url(link)
        lines.append(url)
        if url.startswith(("http://", "https://")):
            event.add("url", url)
    event.add("description", lines_of_text("\n".join(lines)))
    event.add("categories", ["Onward", reminder.get_kind_display()])
    event.add("transp", "TRANSPARENT")  # a to-do, not a meeting: it doesn't make you busy
    return event


def feed_reminders(user):
    return (
        Reminder.objects.for_user(user).open().prefetch_related("target").order_by("due_at", "pk")
    )


# Other apps add their own dated things to the feed (the pipeline its interviews): each source
# takes (user, now, stamp) and returns the events to add.
EventSource = Callable[[object, datetime, datetime], Iterable[Event]]
_sources: dict[str, EventSource] = {}


def register_source(name: str, source: EventSource) -> None:
    _sources[name] = source


def add_alarm(event: Event, minutes: int) -> None:
    """A VALARM, so the subscribed calendar (a phone's too) notifies ``minutes`` before."""
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", str(event.get("summary", "Onward")))
    alarm.add("trigger", timedelta(minutes=-minutes))
    event.add_component(alarm)


def build_feed(user, now=None, alarm_minutes: int | None = None) -> bytes:
    """The whole calendar of ``user``: what the registered sources add (their interviews),
    then their open reminders, each with an alarm ``alarm_minutes`` before (None: no alarm)."""
    now = now or timezone.now()
    stamp = utc(now)
    calendar = new_calendar("Onward")
    events = [event for source in _sources.values() for event in source(user, now, stamp)]
    events += [reminder_event(reminder, stamp) for reminder in feed_reminders(user)]
    for event in events:
        if alarm_minutes is not None:
            add_alarm(event, alarm_minutes)
        calendar.add_component(event)
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
    feed = CalendarFeed.for_token(token)
    if feed is None or not feed.user.is_active:
        return HttpResponse(status=404)
    body = build_feed(feed.user, alarm_minutes=feed.alarm_minutes)
    return ics_response(body, "onward.ics", attachment=False)


def feed_urls(token: str) -> dict[str, str]:
    """The subscription's address for a token just made, and its webcal:// twin."""
    url = site_url(reverse("reminders:calendar_feed", args=[token]))
    return {"feed_url": url, "webcal_url": "webcal://" + url.split("://", 1)[-1]}


class AlarmForm(forms.ModelForm):
    class Meta:
        model = CalendarFeed
        fields = ["alarm_minutes"]


@login_required
@require_http_methods(["GET", "POST"])
def calendar_settings(request):
    feed = CalendarFeed.for_owner(request.user)
    form = AlarmForm(request.POST or None, instance=feed)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Saved. Your calendar app shows it after its next refresh.")
        return redirect("reminders:calendar_settings")
    return TemplateResponse(request, "reminders/calendar.html", {"feed": feed, "form": form})


@login_required
@require_POST
@never_compressed  # it shows the feed's new secret address
def calendar_regenerate(request):
    """Make a new address and show it, this once: it is not stored, so it is not redirected
    to and cannot be shown again."""
    feed = CalendarFeed.for_owner(request.user)
    token = feed.regenerate()
    return TemplateResponse(
        request,
        "reminders/calendar.html",
        {"feed": feed, "form": AlarmForm(instance=feed), **feed_urls(token)},
    )
