"""The page answers with its main sections first; the heavier ones load as fragments of the
same template (htmx asks for ``?section=<name>``), and ``?full=1`` renders them all at once."""

import re
from html import unescape
from unittest import mock
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from onward.debrief.models import Debrief, Lesson
from onward.insights import page

SECTIONS = ["findings", "breakdown", "timing", "reasons"]


def get(client, **params):
    response = client.get(reverse("insights:index"), params)
    assert response.status_code == 200
    return response.content.decode()


def fragment_urls(html: str) -> dict[str, dict]:
    """{section: its query} for every placeholder htmx will load."""
    urls = [unescape(url) for url in re.findall(r'hx-get="([^"]+)"', html)]
    queries = [parse_qs(urlsplit(url).query) for url in urls]
    return {query["section"][0]: query for query in queries}


@pytest.fixture
def lesson(alice, search):
    debrief = Debrief.objects.get(application=search["a6"])
    Lesson.objects.create(user=alice, debrief=debrief, text="Rehearse the system design story")


@pytest.mark.parametrize("section", SECTIONS)
def test_it_renders_each_fragment_as_on_the_full_page(alice_client, lesson, section):
    fragment = get(alice_client, section=section, by="month")
    assert fragment.strip().startswith("<section")
    assert "<html" not in fragment
    assert fragment.strip() in get(alice_client, full="1", by="month")


def test_it_leaves_the_heavy_sections_out_of_the_first_response(alice_client, lesson):
    heavy = [
        "onward.insights.durations.days_in_stage",
        "onward.insights.durations.days_to_first_reply",
        "onward.insights.durations.days_to_first_reply_by_group",
        "onward.insights.debriefs.lessons_by_stage",
        "onward.insights.debriefs.recent_lessons",
        "onward.insights.debriefs.rejection_reasons",
        "onward.insights.diagnosis.diagnose",
    ]
    patches = [mock.patch(name, side_effect=AssertionError(name)) for name in heavy]
    for patch in patches:
        patch.start()
    try:
        html = get(alice_client)
    finally:
        for patch in patches:
            patch.stop()
    assert "7&nbsp;of&nbsp;9" in html and 'id="sankey"' in html
    assert set(fragment_urls(html)) == set(SECTIONS)
    assert "Loading…" in html and "htmx-indicator" in html
    assert "Rehearse the system design story" not in html
    for link in ("Show what stands out", "Show the breakdowns", "Show the time spent at each step"):
        assert link in html
    assert "full=1" in html


def test_the_first_response_runs_fewer_queries_than_the_full_page(alice_client, search):
    with CaptureQueriesContext(connection) as first:
        get(alice_client)
    with CaptureQueriesContext(connection) as full:
        get(alice_client, full="1")
    assert len(first) < len(full)


def test_the_full_version_renders_every_section_without_javascript(alice_client, lesson):
    html = get(alice_client, full="1")
    for section in ('id="findings"', 'id="breakdown"', 'id="timing"', 'id="reasons"'):
        assert section in html
    assert 'id="sankey"' in html and "hx-get" not in html
    assert "Rehearse the system design story" in html


def test_it_carries_the_filters_into_the_fragments(alice_client, search):
    html = get(
        alice_client, start="2026-02-01", end="2026-02-28", include_wishlist="on", by="month"
    )
    for section, query in fragment_urls(html).items():
        assert query["start"] == ["2026-02-01"], section
        assert query["end"] == ["2026-02-28"], section
        assert query["include_wishlist"] == ["on"], section
        assert query["by"] == ["month"], section
    fragment = get(alice_client, section="breakdown", start="2026-02-01", by="month")
    assert "Feb 2026" in fragment and "Jan 2026" not in fragment


def test_each_fragment_shows_only_the_users_own_applications(alice_client, bob, lesson):
    bob_client = Client()  # the client fixture is alice's here
    bob_client.force_login(bob)
    assert "Referral" in get(alice_client, section="breakdown")
    assert "No applications match these filters." in get(bob_client, section="breakdown")
    assert "Rehearse the system design story" in get(alice_client, section="reasons")
    assert "No debriefs for these applications yet" in get(bob_client, section="reasons")
    assert "(n=7)" in get(alice_client, section="timing")  # seven finished stays in Applied
    assert "(n=" not in get(bob_client, section="timing")
    assert "1 application(s) have no source recorded" in get(alice_client, section="findings")
    assert "0 application(s) have had time for a reply" in get(bob_client, section="findings")


def test_it_refuses_an_unknown_section(alice_client):
    response = alice_client.get(reverse("insights:index"), {"section": "secrets"})
    assert response.status_code == 404


def test_it_needs_a_login_for_a_fragment(client):
    response = client.get(reverse("insights:index"), {"section": "breakdown"})
    assert response.status_code == 302


def test_every_lazy_section_has_a_partial():
    assert set(page.LAZY) == set(SECTIONS)
