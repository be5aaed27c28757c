"""HTML and API answers are gzipped, except pages that show a lasting secret (BREACH)."""

import gzip

from django.urls import reverse

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def test_pages_are_compressed_for_browsers_that_accept_it(alice_client):
    response = alice_client.get(reverse("today:today"), **GZIP)
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert b"<!doctype html>" in gzip.decompress(response.content)


def test_nothing_is_compressed_for_a_client_that_does_not_ask(alice_client):
    response = alice_client.get(reverse("today:today"))
    assert not response.has_header("Content-Encoding")


def test_the_page_showing_a_new_calendar_address_is_never_compressed(alice_client):
    response = alice_client.post(reverse("reminders:calendar_regenerate"), **GZIP)
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")
    assert b".ics" in response.content


def test_the_page_showing_a_new_api_token_is_never_compressed(alice_client):
    response = alice_client.post(reverse("accounts:token_create"), {"name": "laptop"}, **GZIP)
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")
    assert response.context["new_token"].encode() in response.content
