"""Reminders that reach a phone without email: every event of the calendar feed carries an
alarm at the lead time the user chose, and the feed's addresses are the ones the user opened
Onward at when ONWARD_SITE_URL is not set."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from icalendar import Calendar

from onward.core.reminders.models import CalendarFeed
from onward.testing import (
    make_application,
    make_company,
    make_debrief,
    make_interview,
    make_reminder,
)

NOW = datetime(2024, 6, 10, 12, 0, tzinfo=UTC)


def feed_path(user) -> str:
    """A new address for the user's feed (only a digest is stored, so each call makes one)."""
    return reverse("reminders:calendar_feed", args=[CalendarFeed.for_owner(user).regenerate()])


def alarms(client, user) -> dict[str, list[timedelta]]:
    """Each event's summary -> the triggers of its alarms."""
    calendar = Calendar.from_ical(client.get(feed_path(user)).content)
    return {
        str(event["summary"]): [alarm.decoded("trigger") for alarm in event.walk("VALARM")]
        for event in calendar.walk("VEVENT")
    }


@pytest.fixture
def search(alice):
    with time_machine.travel(NOW, tick=False):
        application = make_application(alice, "Interviewing", title="Data engineer")
        make_interview(application, round_name="Panel", starts_at=NOW + timedelta(days=2))
        make_reminder(alice, title="Follow up with Ada", due_at=NOW + timedelta(days=1))
        # A rejection: the debrief's thank-you is due within a day.
        make_debrief(alice, title="Analyst", company=make_company(alice, "Initech"))
    return alice


@time_machine.travel(NOW, tick=False)
def test_every_event_alarms_an_hour_before_by_default(client, search):
    found = alarms(client, search)
    assert any(summary.startswith("Panel") for summary in found)  # the interview
    assert "Follow up with Ada" in found
    assert "Thank Initech for letting you know" in found  # the debrief's deadline
    assert len(found) == 3
    assert all(triggers == [timedelta(hours=-1)] for triggers in found.values()), found


@time_machine.travel(NOW, tick=False)
def test_the_user_chooses_the_lead_time_or_none(client, alice_client, search):
    response = alice_client.post(reverse("reminders:calendar_settings"), {"alarm_minutes": "15"})
    assert response.status_code == 302
    assert all(t == [timedelta(minutes=-15)] for t in alarms(client, search).values())

    alice_client.post(reverse("reminders:calendar_settings"), {"alarm_minutes": ""})
    assert all(triggers == [] for triggers in alarms(client, search).values())


def test_a_lead_time_not_offered_is_refused(alice_client, alice):
    response = alice_client.post(reverse("reminders:calendar_settings"), {"alarm_minutes": "7"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert CalendarFeed.for_owner(alice).alarm_minutes == 60


def test_addresses_follow_the_address_onward_was_opened_at(alice_client, alice, settings):
    settings.SITE_URL = ""
    settings.ALLOWED_HOSTS = ["onward.home.arpa"]
    response = alice_client.post(
        reverse("reminders:calendar_regenerate"), HTTP_HOST="onward.home.arpa:8123"
    )
    page = response.content.decode()
    path = response.context["feed_url"].split(":8123", 1)[1]
    assert path.startswith("/calendar/") and path.endswith(".ics")
    assert "http://onward.home.arpa:8123" + path in page
    assert "webcal://onward.home.arpa:8123" + path in page
    assert ":8000" not in page


@time_machine.travel(NOW, tick=False)
def test_links_inside_the_feed_use_the_address_it_was_fetched_at(client, search, settings):
    settings.SITE_URL = ""
    settings.ALLOWED_HOSTS = ["onward.home.arpa"]
    body = client.get(feed_path(search), HTTP_HOST="onward.home.arpa:8123").content.decode()
    assert "URL:http://onward.home.arpa:8123/applications/" in body
    assert "8000" not in body


def test_onward_site_url_wins_when_set(alice_client, alice, settings):
    settings.SITE_URL = "https://onward.example.org"
    response = alice_client.post(reverse("reminders:calendar_regenerate"))
    assert response.context["feed_url"].startswith("https://onward.example.org/calendar/")
    assert response.context["feed_url"] in response.content.decode()
