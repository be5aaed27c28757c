"""Whatever a user types is shown as text, never run: script tags typed into every kind of
field come back escaped on every page that shows them."""

from django.urls import reverse

from onward.pipeline.models import Note
from onward.testing import (
    link_contact,
    make_application,
    make_check_in,
    make_company,
    make_contact,
    make_debrief,
    make_interview,
    make_lesson,
    make_win,
    move,
)

ATTACK = '<script>alert("x")</script>'


def test_typed_html_renders_inert_everywhere(alice_client, alice):
    company = make_company(alice, f"Acme {ATTACK}")
    application = make_application(
        alice, "Interviewing", company=company, title=f"Engineer {ATTACK}", notes=ATTACK
    )
    contact = make_contact(alice, f"Ana {ATTACK}", company_name=company.name, notes=ATTACK)
    link_contact(application, contact, "interviewer")
    make_interview(application, notes=ATTACK, questions=ATTACK, interviewers=[contact])
    Note.objects.create(application=application, body=ATTACK)
    move(application, "Rejected")
    debrief = application.debrief
    make_lesson(debrief, text=ATTACK, next_time=ATTACK)
    make_debrief(alice)
    make_check_in(alice, mood=2, note=ATTACK)
    make_win(alice, title=ATTACK)

    pages = [
        reverse("today:today"),
        reverse("pipeline:board"),
        reverse("pipeline:application_list"),
        application.get_absolute_url(),
        company.get_absolute_url(),
        reverse("pipeline:company_list"),
        contact.get_absolute_url(),
        reverse("network:contact_list"),
        debrief.get_absolute_url(),
        reverse("debrief:debrief_list"),
        reverse("debrief:lessons"),
        reverse("debrief:debrief_draft", args=[debrief.pk, "thank_you"]),
        reverse("reminders:due"),
        reverse("wellbeing:home"),
        reverse("insights:index"),
        reverse("insights:report"),
    ]
    for url in pages:
        response = alice_client.get(url)
        assert response.status_code == 200, url
        content = response.content.decode()
        assert ATTACK not in content, f"raw HTML from the user on {url}"
    # ...and it is there, escaped, where it belongs.
    assert "&lt;script&gt;" in alice_client.get(application.get_absolute_url()).content.decode()
