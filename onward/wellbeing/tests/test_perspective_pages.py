"""The perspective statement on the debrief page and, after a recent rejection, on Today."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from onward.testing import make_application, make_debrief

pytestmark = pytest.mark.django_db


def test_the_debrief_shows_it_from_the_users_numbers(alice_client, alice):
    debrief = make_debrief(alice)
    make_application(alice, "Screening")
    make_application(alice, "Interviewing")
    content = alice_client.get(debrief.get_absolute_url()).content.decode()
    assert 'id="perspective"' in content
    assert "This was one application: 2 other applications are in progress." in content


def test_the_debrief_stays_silent_with_too_little_data(alice_client, alice):
    debrief = make_debrief(alice)
    content = alice_client.get(debrief.get_absolute_url()).content.decode()
    assert 'id="perspective"' not in content


def test_today_shows_it_after_a_recent_rejection_only(alice_client, alice):
    make_application(alice, "Screening")
    assert 'id="perspective"' not in alice_client.get(reverse("today:today")).content.decode()
    make_debrief(alice)
    content = alice_client.get(reverse("today:today")).content.decode()
    assert "1 other application is in progress" in content


def test_today_drops_it_two_weeks_after_the_rejection(alice_client, alice):
    make_application(alice, "Screening")
    debrief = make_debrief(alice)
    debrief.ended_at = timezone.now() - timedelta(days=15)
    debrief.save(update_fields=["ended_at"])
    assert 'id="perspective"' not in alice_client.get(reverse("today:today")).content.decode()
