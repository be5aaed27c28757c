"""Saving a job from its posting on the web: read (an address, a pasted page, a saved page, the
bookmarklet's data), check the prefilled form, save. Reading never saves."""

from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from onward.core.reminders.models import Reminder, ReminderKind
from onward.pipeline.models import Application
from onward.pipeline.posting_views import SESSION_KEY
from onward.testing import make_application, make_company, move

from .test_posting_parser import CORPUS

IMPORT = reverse("pipeline:posting_import")
NEW = reverse("pipeline:application_create")


def page(name: str) -> str:
    return (CORPUS / name).read_bytes().decode("utf-8")


def test_it_fills_the_form_from_pasted_html_and_saves_nothing(alice_client):
    response = alice_client.post(IMPORT, {"pasted": page("greenhouse_escaped.html")})

    assert response.status_code == 302
    assert response.url == NEW + "?posting=0"
    assert not Application.objects.exists()
    form = alice_client.get(response.url)
    initial = form.context["form"].initial
    assert initial["title"] == "Research & Development Engineer"
    assert initial["new_company"] == "Lumen Robotics"
    assert (initial["salary_min"], initial["salary_max"]) == (62000, 78000)
    assert (initial["salary_currency"], initial["salary_period"]) == ("EUR", "YEAR")
    assert initial["deadline"] == date(2026, 10, 31)
    assert initial["location"] == "Rotterdam, South Holland, NL"
    assert initial["work_mode"] == "onsite"
    assert initial["stage"].name == "Wishlist"
    assert initial["description"].startswith("About the team\nWe build grippers")
    assert "Found a job posting" in form.content.decode()
    assert not Application.objects.exists()


@time_machine.travel("2026-10-20 12:00Z")
def test_saving_the_prefilled_form_keeps_the_posting_and_reminds_of_the_deadline(
    alice, alice_client
):
    alice_client.post(
        IMPORT,
        {"pasted": page("greenhouse_escaped.html"), "page_url": "https://boards.example.io/j/1"},
    )
    initial = alice_client.get(NEW + "?posting=0").context["form"].initial
    wishlist = alice.stage_set.get(name="Wishlist")
    data = {k: v for k, v in initial.items() if v is not None}
    response = alice_client.post(NEW, {**data, "stage": wishlist.pk})

    application = Application.objects.get(user=alice)
    assert response.status_code == 302
    assert (application.job_url, application.board) == (
        "https://boards.example.io/j/1",
        "boards.example.io",
    )
    assert application.deadline == date(2026, 10, 31)
    assert application.company.name == "Lumen Robotics"
    reminder = Reminder.objects.get(application=application)
    assert reminder.kind == ReminderKind.APPLY_BY
    assert reminder.due_at.date() == date(2026, 10, 28)
    assert SESSION_KEY not in alice_client.session


def test_an_uploaded_saved_page_is_read_in_its_declared_charset(alice_client):
    upload = SimpleUploadedFile(
        "offre.html", (CORPUS / "windows_1252.html").read_bytes(), content_type="text/html"
    )
    response = alice_client.post(IMPORT, {"file": upload})

    initial = alice_client.get(response.url).context["form"].initial
    assert initial["title"] == "Développeur Python (H/F)"
    assert initial["new_company"] == "Coopérative Élan"


def test_a_page_with_several_postings_offers_each(alice_client):
    alice_client.post(IMPORT, {"pasted": page("two_blocks.html")})

    first = alice_client.get(NEW + "?posting=0")
    second = alice_client.get(NEW + "?posting=1")

    assert first.context["form"].initial["title"] == "Frontend Developer"
    assert second.context["form"].initial["title"] == "Backend Developer"
    assert 'href="?posting=0"' in second.content.decode()
    assert alice_client.get(NEW + "?posting=7").context["posting"] is None


def test_a_page_without_a_posting_fills_from_its_meta_tags_and_says_so(alice_client):
    alice_client.post(IMPORT, {"pasted": page("unrecoverable.html")})

    response = alice_client.get(NEW + "?posting=0")

    assert response.context["form"].initial["title"] == "Senior Accountant"
    assert response.context["form"].initial["job_url"] == "https://careers.finch.example/jobs/4411"
    assert "Filled from the page's own title and description" in response.content.decode()


def test_a_page_with_nothing_to_read_says_so(alice_client):
    response = alice_client.post(IMPORT, {"pasted": page("next_app_shell.html")})

    assert response.status_code == 200
    assert "No job posting found on this page." in response.content.decode()
    assert SESSION_KEY not in alice_client.session


@pytest.mark.parametrize(
    "data, message",
    [
        ({}, "Give the posting&#x27;s address, paste the page, or upload it."),
        (
            {"url": "https://a.example/", "pasted": "x"},
            "Give only one of these: an address, a pasted page or a file.",
        ),
        ({"url": "ftp://a.example/job"}, "Only http:// and https:// addresses can be fetched."),
    ],
)
def test_bad_input_gets_a_clear_message(alice_client, data, message):
    response = alice_client.post(IMPORT, data)

    assert response.status_code == 200
    assert message in response.content.decode()


def test_it_refuses_to_fetch_a_local_address(alice_client, settings):
    settings.ONWARD_FETCH_ALLOW_PRIVATE = False
    response = alice_client.post(IMPORT, {"url": "http://127.0.0.1:9/job"})

    assert response.status_code == 200
    assert "private or local network" in response.content.decode()


def test_fetching_can_be_turned_off_and_pasting_still_works(alice_client, settings):
    settings.ONWARD_FETCH_POSTINGS = False

    refused = alice_client.post(IMPORT, {"url": "https://jobs.example.com/1"})
    pasted = alice_client.post(IMPORT, {"pasted": page("remote_only.html")})

    assert "Fetching pages is turned off on this server" in refused.content.decode()
    assert pasted.status_code == 302


def test_an_htmx_read_redirects_the_page(alice_client):
    response = alice_client.post(
        IMPORT, {"pasted": page("remote_only.html")}, headers={"HX-Request": "true"}
    )

    assert response.headers["HX-Redirect"] == NEW + "?posting=0"


def test_it_warns_of_a_posting_already_tracked(alice, alice_client):
    tracked = make_application(
        alice, "Applied", company=make_company(alice, "Ledgerly"), title="Staff Engineer, Payments"
    )
    alice_client.post(IMPORT, {"pasted": page("remote_only.html")})

    response = alice_client.get(NEW + "?posting=0")

    assert response.context["posting"]["duplicates"] == [tracked]
    assert f'href="{tracked.get_absolute_url()}"' in response.content.decode()
    assert "You already track this posting" in response.content.decode()


def test_a_duplicate_by_address_is_found_whatever_the_slash_and_fragment(alice):
    tracked = make_application(alice, job_url="https://Jobs.example.com/roles/42/")
    found = Application.objects.same_posting(alice, url="http://jobs.example.com/roles/42#apply")
    assert list(found) == [tracked]
    assert not Application.objects.same_posting(alice, url="https://jobs.example.com/roles/4")


def test_a_company_that_turned_you_down_shows_its_notice(alice, alice_client):
    earlier = make_application(alice, "Applied", company=make_company(alice, "Ledgerly"))
    move(earlier, "Rejected")
    alice_client.post(IMPORT, {"pasted": page("remote_only.html")})

    response = alice_client.get(NEW + "?posting=0")

    assert response.context["form"].initial["company"] == earlier.company
    assert "You applied here in" in response.content.decode()


def test_another_users_import_is_not_shown(alice_client, bob):
    """What was read waits in the reader's own session: Bob, elsewhere, sees none of it."""
    alice_client.post(IMPORT, {"pasted": page("remote_only.html")})
    other = Client()
    other.force_login(bob)

    response = other.get(NEW + "?posting=0")

    assert response.context["posting"] is None


def test_the_import_page_offers_the_bookmarklet(alice_client):
    response = alice_client.get(IMPORT)
    href = response.context["bookmarklet"]

    assert href.startswith("javascript:")
    assert "applications/import/bookmarklet/" in href
    assert 'id="bookmarklet"' in response.content.decode()


def test_the_import_pages_need_a_login(client):
    for url in (IMPORT, reverse("pipeline:posting_bookmarklet")):
        assert client.get(url).status_code == 302


def test_the_import_pages_cost_a_fixed_number_of_queries(
    alice, alice_client, django_assert_max_num_queries
):
    for i in range(5):
        make_application(alice, company=make_company(alice, f"Company {i}"), title="Developer")
    with django_assert_max_num_queries(6):
        alice_client.get(IMPORT)
    alice_client.post(IMPORT, {"pasted": page("two_blocks.html")})
    with django_assert_max_num_queries(14):
        alice_client.get(NEW + "?posting=0")
