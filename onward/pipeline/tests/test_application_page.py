from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from onward.pipeline.models import Note
from onward.testing import (
    link_contact,
    make_application,
    make_company,
    make_contact,
    make_interview,
    stage,
)

XSS = '<script>alert("x")</script><b onmouseover="evil()">bold</b>'


def page(client, application):
    return client.get(application.get_absolute_url())


def test_it_shows_the_details(alice_client, alice):
    application = make_application(
        alice,
        "Applied",
        title="Site reliability engineer",
        location="Lisbon",
        salary_min=50000,
        salary_max=65000,
        salary_currency="EUR",
        resume_version="sre-v2",
        job_url="https://jobs.example/sre",
    )
    content = page(alice_client, application).content.decode()
    assert "Site reliability engineer" in content
    assert "Lisbon" in content
    assert "50,000–65,000 EUR" in content
    assert "sre-v2" in content
    assert 'href="https://jobs.example/sre"' in content


def test_the_timeline_holds_moves_interviews_and_notes_in_order(alice_client, alice):
    now = timezone.now()
    application = make_application(alice, "Applied", when=now - timedelta(days=10))
    Note.objects.create(
        application=application, body="Sent a thank-you", created_at=now - timedelta(days=3)
    )
    make_interview(application, round_name="Tech screen", starts_at=now - timedelta(days=5))
    application.move_to(stage(alice, "Interviewing"), when=now - timedelta(days=6))
    timeline = page(alice_client, application).context["timeline"]
    assert [(e["kind"], str(e["item"])[:13]) for e in timeline] == [
        ("move", "— → Applied ("),
        ("move", "Applied → Int"),
        ("interview", "Tech screen ("),
        ("note", "Sent a thank-"),
    ]


def test_it_lists_interviews_and_contacts(alice_client, alice):
    application = make_application(alice, "Interviewing")
    ada = make_contact(alice, "Ada Lovelace")
    make_interview(application, round_name="System design", interviewers=[ada])
    link_contact(application, make_contact(alice, "Grace Hopper"), role="recruiter")
    content = page(alice_client, application).content.decode()
    assert "System design" in content
    assert "Ada Lovelace" in content
    assert "Grace Hopper" in content and "Recruiter" in content


def test_it_lists_other_applications_at_the_company_with_outcomes(alice_client, alice):
    acme = make_company(alice, "Acme")
    old = make_application(alice, "Final round", company=acme, title="Old role")
    old.move_to(stage(alice, "Rejected"))
    application = make_application(alice, "Applied", company=acme)
    content = page(alice_client, application).content.decode()
    assert "Old role" in content
    assert "rejected after Final round" in content


def test_html_typed_by_the_user_renders_inert(alice_client, alice):
    application = make_application(alice, "Applied", title=XSS, notes=XSS, description=XSS)
    Note.objects.create(application=application, body=XSS)
    make_interview(application, round_name=XSS, questions=XSS, notes=XSS)
    application.move_to(stage(alice, "Screening"), note=XSS)
    for url in (
        application.get_absolute_url(),
        reverse("pipeline:board"),
        reverse("pipeline:application_list"),
        application.company.get_absolute_url(),
    ):
        content = alice_client.get(url).content.decode()
        assert "<script>alert" not in content, url
        assert "<b onmouseover" not in content, url
        assert "&lt;script&gt;" in content, url


def test_a_note_is_added_to_the_timeline(alice_client, alice):
    application = make_application(alice, "Applied")
    url = reverse("pipeline:note_create", args=[application.pk])
    response = alice_client.post(url, {"body": "  Called the recruiter  "})
    assert response["Location"].endswith("#timeline")
    assert application.notes_log.get().body == "Called the recruiter"


@pytest.mark.parametrize(
    ("body", "message"), [("", "required"), ("   ", "required"), ("x" * 10001, "10,000")]
)
def test_a_bad_note_is_refused_on_the_page(alice_client, alice, body, message):
    application = make_application(alice, "Applied")
    url = reverse("pipeline:note_create", args=[application.pk])
    response = alice_client.post(url, {"body": body})
    assert response.status_code == 200
    assert message in " ".join(response.context["note_form"].errors["body"])
    assert not application.notes_log.exists()


def test_the_move_form_records_a_back_dated_move_with_a_note(alice_client, alice):
    application = make_application(alice, "Applied", when=timezone.now() - timedelta(days=10))
    when = timezone.localtime() - timedelta(days=3)
    url = reverse("pipeline:application_move", args=[application.pk])
    alice_client.post(
        url,
        {
            "stage": stage(alice, "Screening").pk,
            "when": when.strftime("%Y-%m-%dT%H:%M"),
            "note": "Phone screen booked",
        },
    )
    last = application.stage_changes.last()
    assert last.to_stage.name == "Screening"
    assert last.note == "Phone screen booked"
    assert last.changed_at == when.replace(second=0, microsecond=0)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"when": "2999-01-01T09:00"}, "when", "in the future"),
        ({"when": "1900-01-01T09:00"}, "when", "too far in the past"),
        ({"when": "soon"}, "when", "Enter a valid date/time"),
        ({"note": "x" * 501}, "note", "at most 500 characters"),
        ({"stage": "999999"}, "stage", "Select a valid choice"),
        ({"stage": ""}, "stage", "required"),
    ],
)
def test_the_move_form_shows_bad_values_on_the_page(alice_client, alice, data, field, message):
    application = make_application(alice, "Applied")
    url = reverse("pipeline:application_move", args=[application.pk])
    response = alice_client.post(url, {"stage": stage(alice, "Screening").pk, **data})
    assert response.status_code == 200
    assert message in " ".join(response.context["move_form"].errors[field])
    assert application.stage_changes.count() == 1


def test_a_move_before_the_previous_one_is_a_form_error_on_the_page(alice_client, alice):
    application = make_application(alice, "Applied", when=timezone.now() - timedelta(days=2))
    url = reverse("pipeline:application_move", args=[application.pk])
    early = (timezone.localtime() - timedelta(days=4)).strftime("%Y-%m-%dT%H:%M")
    response = alice_client.post(url, {"stage": stage(alice, "Screening").pk, "when": early})
    assert "before the previous one" in " ".join(response.context["move_form"].errors["when"])
    assert "before the previous one" in response.content.decode()


def count_page_queries(client, application):
    with CaptureQueriesContext(connection) as queries:
        assert page(client, application).status_code == 200
    return len(queries)


def test_the_page_runs_the_same_queries_for_10_and_200_applications(alice_client, alice):
    acme = make_company(alice, "Acme")
    application = make_application(alice, "Applied", company=acme)

    def add(n):
        for i in range(n):
            other = make_application(alice, "Interviewing", company=acme if i % 2 else None)
            make_interview(other, interviewers=[make_contact(alice)])
            link_contact(other, make_contact(alice))

    add(9)
    for _ in range(2):
        make_interview(application, interviewers=[make_contact(alice), make_contact(alice)])
        link_contact(application, make_contact(alice), role="recruiter")
        Note.objects.create(application=application, body="note")
    with_10 = count_page_queries(alice_client, application)
    add(190)
    for _ in range(10):
        make_interview(application, interviewers=[make_contact(alice), make_contact(alice)])
        link_contact(application, make_contact(alice), role="referrer")
        Note.objects.create(application=application, body="note")
    assert count_page_queries(alice_client, application) == with_10


def test_bob_gets_404_for_alices_application(bob_client, alice):
    application = make_application(alice, "Applied")
    assert page(bob_client, application).status_code == 404
    note = reverse("pipeline:note_create", args=[application.pk])
    assert bob_client.post(note, {"body": "hi"}).status_code == 404
    assert not application.notes_log.exists()


def test_it_offers_relevant_and_recent_contacts_not_the_whole_address_book(
    alice_client, alice, monkeypatch
):
    from onward.pipeline import views
    from onward.testing import make_company, make_contact

    monkeypatch.setattr(views, "RECENT_CONTACT_CHOICES", 2)
    acme = make_company(alice, "Acme GmbH")
    application = make_application(alice, "Applied", company=acme)
    insider = make_contact(alice, "Ines Insider", company_name="ACME")
    old = [make_contact(alice, f"Old {i}") for i in range(3)]
    newest = make_contact(alice, "Nora Newest")
    offered = views.contact_choices(alice, application)
    assert insider in offered and newest in offered
    assert old[0] not in offered
    # The two forms that offer them, as the page loads them when opened.
    for name in ["pipeline:interview_create", "pipeline:application_contact_create"]:
        url = reverse(name, args=[application.pk])
        form = alice_client.get(url, HTTP_HX_REQUEST="true").content.decode()
        assert "Ines Insider" in form and "Nora Newest" in form
        assert "Old 0" not in form


def test_the_add_forms_load_when_opened_not_with_the_page(alice_client, alice, bob):
    """The page renders neither "Add an interview" nor "Link a person" (folded, and each
    lists the user's contacts): htmx loads them; without scripts, a link opens each on its
    own page."""
    from django.test import Client

    from onward.testing import make_contact

    bob_client = Client()
    bob_client.force_login(bob)
    application = make_application(alice, "Applied")
    make_contact(alice, "Pat Person")
    content = page(alice_client, application).content.decode()
    assert "Pat Person" not in content and 'name="round_name"' not in content
    for name, field in [
        ("pipeline:interview_create", 'name="round_name"'),
        ("pipeline:application_contact_create", 'name="new_name"'),
    ]:
        url = reverse(name, args=[application.pk])
        assert f'<p hx-get="{url}" hx-trigger="intersect once"' in content
        assert f'<a href="{url}">Open the form</a>' in content
        loaded = alice_client.get(url, HTTP_HX_REQUEST="true")
        assert loaded.status_code == 200
        html = loaded.content.decode()
        assert "<html" not in html and field in html and "Pat Person" in html
        assert f'action="{url}"' in html
        own_page = alice_client.get(url).content.decode()
        assert "<html" in own_page and field in own_page
        assert bob_client.get(url, HTTP_HX_REQUEST="true").status_code == 404
        assert bob_client.get(url).status_code == 404


def test_it_links_to_the_debrief_or_offers_to_start_one(alice_client, alice):
    from onward.testing import move

    rejected = make_application(alice, "Interviewing")
    move(rejected, "Rejected")
    page = alice_client.get(reverse("pipeline:application_detail", args=[rejected.pk]))
    assert rejected.debrief.get_absolute_url() in page.content.decode()

    withdrawn = make_application(alice, "Applied")
    move(withdrawn, "Withdrawn")
    page = alice_client.get(reverse("pipeline:application_detail", args=[withdrawn.pk]))
    assert reverse("debrief:debrief_start", args=[withdrawn.pk]) in page.content.decode()
