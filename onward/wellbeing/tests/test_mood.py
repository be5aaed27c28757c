"""Mood check-ins on the wellbeing page and Today, and the mood chart with its events."""

import html
import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from onward.testing import make_application, make_check_in, make_debrief, make_interview, move
from onward.wellbeing.models import MoodCheckIn

pytestmark = pytest.mark.django_db

NOW = datetime(2024, 5, 20, 12, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def test_it_records_a_check_in_without_a_debrief(alice_client, alice):
    response = alice_client.post(
        reverse("wellbeing:mood_add"), {"mood": "2", "energy": "3", "note": "Tired"}
    )
    assert response.status_code == 302 and response.url == reverse("wellbeing:home")
    check_in = MoodCheckIn.objects.get(user=alice)
    assert (check_in.mood, check_in.energy, check_in.debrief) == (2, 3, None)


def test_it_goes_back_to_today_from_the_daily_prompt(alice_client):
    response = alice_client.post(
        reverse("wellbeing:mood_add"), {"mood": "4", "next": reverse("today:today")}
    )
    assert response.url == reverse("today:today")
    evil = alice_client.post(
        reverse("wellbeing:mood_add"), {"mood": "4", "next": "https://evil.example/"}
    )
    assert evil.url == reverse("wellbeing:home")


@pytest.mark.parametrize("data", [{"mood": "7"}, {"mood": ""}, {"mood": "3", "energy": "0"}])
def test_it_refuses_a_mood_out_of_range(alice_client, data):
    response = alice_client.post(reverse("wellbeing:mood_add"), data)
    assert response.status_code == 400
    assert response.context["mood_form"].errors
    assert not MoodCheckIn.objects.exists()


def test_it_draws_the_chart_with_the_events_and_a_table(alice_client, alice):
    application = make_application(alice, when=NOW - timedelta(days=20))
    make_interview(application, starts_at=NOW - timedelta(days=10))
    move(application, "Rejected", when=NOW - timedelta(days=5))
    make_check_in(alice, mood=2, note="After <the> news", created_at=NOW - timedelta(days=5))
    make_check_in(alice, mood=4, energy=4, created_at=NOW - timedelta(days=1))
    response = alice_client.get(reverse("wellbeing:home"))
    content = response.content.decode()
    assert 'id="mood-chart"' in content
    assert "onward/vendor/chart-onward.min.js" in content
    # No address on another site (a random token may hold the letters "cdn": once it did).
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", content)
    figure = html.unescape(content)  # the figure travels as JSON in an attribute
    assert '"label":"Rejection"' in figure and '"label":"Interview"' in figure
    assert "<script>" not in content.split("<body")[1]  # data only, no inline script
    assert 'id="mood-table"' in content
    assert "After &lt;the&gt; news" in content
    assert "1 application sent, 1 interview, 1 rejection, 0 offers." in content


def test_without_check_ins_it_explains_instead_of_drawing(alice_client):
    content = alice_client.get(reverse("wellbeing:home")).content.decode()
    assert 'id="mood-chart"' in content
    assert "No check-ins yet" in content
    assert "chart-onward" not in content and "data-chart" not in content


def test_the_debriefs_check_ins_show_on_the_chart(alice_client, alice):
    debrief = make_debrief(alice)
    alice_client.post(reverse("wellbeing:debrief_mood_add", args=[debrief.pk]), {"mood": "2"})
    assert len(alice_client.get(reverse("wellbeing:home")).context["check_ins"]) == 1


def test_it_removes_a_check_in_and_another_user_gets_a_404(client, alice, bob):
    check_in = make_check_in(alice)
    url = reverse("wellbeing:check_in_delete", args=[check_in.pk])
    client.force_login(bob)
    assert client.post(url).status_code == 404
    client.force_login(alice)
    assert client.post(url).status_code == 302
    assert not MoodCheckIn.objects.exists()


def test_its_pages_need_a_login(client):
    response = client.get(reverse("wellbeing:home"))
    assert response.status_code == 302 and "login" in response.url
