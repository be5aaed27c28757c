from datetime import UTC, datetime, timedelta

import time_machine
import vobject
from django.urls import reverse
from icalendar import Calendar

from onward.core.reminders.models import CalendarFeed
from onward.testing import (
    make_application,
    make_company,
    make_contact,
    make_interview,
    make_reminder,
)

NOW = datetime(2024, 6, 10, 12, 0, tzinfo=UTC)


def feed_path(user) -> str:
    """A new address for the user's feed (only a digest is stored, so each call makes one)."""
    return reverse("reminders:calendar_feed", args=[CalendarFeed.for_owner(user).regenerate()])


def fill(user):
    ada = make_contact(user, "Ada Interviewer")
    application = make_application(
        user, "Interviewing", title="Data engineer", company=make_company(user, "Globex"),
        location="Berlin",
    )  # fmt: skip
    interview = make_interview(
        application,
        round_name="Technical interview",
        starts_at=NOW + timedelta(days=2),
        duration_minutes=90,
        interviewers=[ada],
    )
    reminder = make_reminder(
        user, title="Send a thank-you to Ada", due_at=NOW + timedelta(hours=20)
    )
    done = make_reminder(user, title="Already done", due_at=NOW, done_at=NOW)
    ada.set_cadence(4)
    return interview, reminder, done, ada


def events(body: bytes) -> dict:
    calendar = Calendar.from_ical(body)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


@time_machine.travel(NOW, tick=False)
def test_the_feed_validates_with_two_parsers(client, alice):
    interview, reminder, done, ada = fill(alice)
    response = client.get(feed_path(alice))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content

    calendar = Calendar.from_ical(body)
    assert calendar["VERSION"] == "2.0"
    assert "Onward" in str(calendar["PRODID"])
    found = events(body)
    assert set(found) == {
        f"interview-{interview.pk}@onward",
        f"reminder-{reminder.pk}@onward",
        f"reminder-{ada.next_follow_up().pk}@onward",
    }
    for event in found.values():
        for prop in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
            assert prop in event, prop
        assert event.decoded("DTSTART").tzinfo is not None
        assert event.decoded("DTSTART").utcoffset() == timedelta(0)
    session = found[f"interview-{interview.pk}@onward"]
    assert session.decoded("DTSTART") == NOW + timedelta(days=2)
    assert session.decoded("DTEND") - session.decoded("DTSTART") == timedelta(minutes=90)
    assert str(session["SUMMARY"]) == "Technical interview: Data engineer at Globex"
    assert "Ada Interviewer" in str(session["DESCRIPTION"])
    assert str(session["LOCATION"]) == "Berlin"
    assert b"DTSTART:20240612T120000Z" in body

    parsed = vobject.readOne(body.decode(), validate=True)
    assert len(parsed.vevent_list) == 3
    assert {e.uid.value for e in parsed.vevent_list} == set(found)


@time_machine.travel(NOW, tick=False)
def test_uids_are_stable_across_fetches(client, alice):
    fill(alice)
    first = set(events(client.get(feed_path(alice)).content))
    second = set(events(client.get(feed_path(alice)).content))
    assert first == second


@time_machine.travel(NOW, tick=False)
def test_the_address_is_shown_once_and_the_old_one_is_a_404_after_regenerating(alice_client, alice):
    fill(alice)
    page = alice_client.get(reverse("reminders:calendar_settings")).content.decode()
    assert "Make my calendar address" in page and ".ics" not in page  # none made yet

    response = alice_client.post(reverse("reminders:calendar_regenerate"))
    assert response.status_code == 200
    old = response.context["feed_url"]
    assert old.startswith("http://testserver/") and old in response.content.decode()
    assert "Copy it now" in response.content.decode()
    assert alice_client.get(old).status_code == 200

    # Only its digest is kept: the page no longer shows it, and says so.
    page = alice_client.get(reverse("reminders:calendar_settings")).content.decode()
    assert old not in page and "shown only then" in page
    feed = CalendarFeed.for_owner(alice)
    token = old.rsplit("/", 1)[-1].removesuffix(".ics")
    assert token not in feed.digest and len(feed.digest) == 64

    new = alice_client.post(reverse("reminders:calendar_regenerate")).context["feed_url"]
    assert new != old
    assert alice_client.get(old).status_code == 404
    assert alice_client.get(new).status_code == 200


@time_machine.travel(NOW, tick=False)
def test_a_token_shows_only_its_owners_events(client, alice, bob):
    fill(alice)
    make_reminder(bob, title="Bob's own reminder", due_at=NOW)
    body = client.get(feed_path(bob)).content
    assert b"Bob's own reminder" in body
    assert b"Globex" not in body and b"thank-you" not in body
    assert len(events(body)) == 1


def test_unknown_tokens_are_404_and_the_feed_needs_no_login(client, alice):
    assert client.get(reverse("reminders:calendar_feed", args=["nope"])).status_code == 404
    assert client.get(feed_path(alice)).status_code == 200
    assert client.post(feed_path(alice)).status_code == 405


def test_tokens_are_long_and_random(alice, bob):
    tokens = {CalendarFeed.for_owner(alice).regenerate(), CalendarFeed.for_owner(bob).regenerate()}
    assert len(tokens) == 2
    assert all(len(t) >= 43 for t in tokens)


def test_an_inactive_users_feed_is_gone(client, alice):
    path = feed_path(alice)
    alice.is_active = False
    alice.save()
    assert client.get(path).status_code == 404


def test_the_settings_page_needs_a_login(client, db):
    response = client.get(reverse("reminders:calendar_settings"))
    assert response.status_code == 302
    assert client.post(reverse("reminders:calendar_regenerate")).status_code == 302
    assert not CalendarFeed.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_one_interview_downloads_as_ics(alice_client, alice):
    interview, *_ = fill(alice)
    url = reverse("pipeline:interview_ics", args=[interview.pk])
    response = alice_client.get(url)
    assert 'attachment; filename="interview-' in response["Content-Disposition"]
    assert set(events(response.content)) == {f"interview-{interview.pk}@onward"}
    vobject.readOne(response.content.decode(), validate=True)


@time_machine.travel(NOW, tick=False)
def test_line_breaks_and_control_characters_do_not_break_the_ics(alice_client, alice):
    """A round name with a line break was a 500 (the calendar's name went out unescaped)."""
    application = make_application(
        alice, "Interviewing", title="Data\x0bengineer", location="Ber\x01lin",
        company=make_company(alice, "Globex\nInc"),
    )  # fmt: skip
    interview = make_interview(
        application, round_name="Tech\nnical\r\nround\x1b", starts_at=NOW + timedelta(days=2)
    )
    make_reminder(alice, title="Write\nto Ada\x07", due_at=NOW + timedelta(hours=2))

    one = alice_client.get(reverse("pipeline:interview_ics", args=[interview.pk]))
    feed = alice_client.get(feed_path(alice))

    for body in (one.content, feed.content):
        assert not set(body.decode()) & {chr(c) for c in range(32) if c not in (9, 10, 13)}
        vobject.readOne(body.decode(), validate=True)
    calendar = Calendar.from_ical(one.content)
    assert str(calendar["X-WR-CALNAME"]).startswith("Tech nical round")
    [event] = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Tech nical round: Data engineer at Globex Inc"
    assert str(event["LOCATION"]) == "Berlin"
    summaries = {str(e["SUMMARY"]) for e in Calendar.from_ical(feed.content).walk("VEVENT")}
    assert "Write to Ada" in summaries
