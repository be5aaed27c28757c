import email
import email.header
import email.policy
import re
import socket
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from onward.core import drafts, outbox
from onward.core.drafts import Draft, DraftTemplate
from onward.debrief.personalise import make_draft
from onward.testing import link_contact, make_application, make_contact, make_interview, move

pytestmark = pytest.mark.django_db


@pytest.fixture
def rejected(alice):
    """A rejection after a technical round, with a recruiter and an interviewer on file."""
    alice.first_name, alice.last_name = "Alice", "Moreau"
    alice.save()
    application = make_application(alice, "Interviewing", title="Backend engineer")
    application.company.name = "Zürich Analytics"
    application.company.save()
    recruiter = make_contact(alice, "Priya Natarajan", email="priya@zurich-analytics.example")
    interviewer = make_contact(alice, "Tomás Ruiz", email="tomas@zurich-analytics.example")
    link_contact(application, recruiter, "recruiter")
    link_contact(application, interviewer, "hiring_manager")
    make_interview(
        application,
        round_name="Technical interview",
        interviewers=[interviewer],
        notes="Their plan to move billing onto event sourcing.\nAsked about on-call.",
    )
    move(application, "Rejected")
    application.debrief.refresh_from_db()
    return application.debrief, recruiter, interviewer


def test_it_drafts_a_thank_you_with_every_required_part(rejected):
    debrief, recruiter, _ = rejected
    debrief.thank_you_detail = "your plan to move billing onto event sourcing"
    draft = make_draft(debrief, "thank_you", recruiter)
    body = draft.body.lower()
    assert draft.to == recruiter.email
    assert "Priya" in draft.body  # addressed to the person
    assert "thank you" in body and "letting me know" in body  # thanks, and for telling
    assert "backend engineer" in body and "zürich analytics" in body  # role and company
    assert "event sourcing" in body  # the one detail the user chose to share
    assert "Technical interview on" in draft.body  # specific without the notes
    assert "interest in zürich analytics" in body  # continued interest
    assert "future" in body and "considered" in body  # future roles
    assert draft.body.rstrip().endswith("Alice Moreau")
    assert "{" not in draft.body and "{" not in draft.subject


def test_it_leaves_out_the_detail_line_when_there_are_no_notes(alice):
    application = make_application(alice, "Screening")
    move(application, "Rejected")
    draft = make_draft(application.debrief, "thank_you", None)
    assert "stayed with me" not in draft.body
    assert "Hi there," in draft.body
    assert "\n\n\n" not in draft.body


def test_it_drafts_a_feedback_request_that_is_optional_and_does_not_contest(rejected):
    debrief, _, manager = rejected
    draft = make_draft(debrief, "feedback_request", manager)
    body = draft.body.lower()
    assert "Tomás" in draft.body
    assert "feedback" in body
    assert "not asking you to revisit" in body or "respect the decision" in body
    assert "no problem" in body  # clearly optional


def test_it_drafts_a_status_check_for_a_ghosted_application(alice):
    application = make_application(alice, "Interviewing")
    make_interview(application, round_name="Panel interview")
    move(application, "Ghosted")
    draft = make_draft(application.debrief, "status_check", None)
    assert "where things stand" in draft.body
    assert "Panel interview" in draft.body
    assert "thank you for letting me know" not in draft.body.lower()


def test_it_substitutes_placeholders_as_plain_text_in_one_pass():
    text = drafts.render(
        "Hi {recipient_first_name} at {company}",
        {"recipient_first_name": "{company}", "company": "Acme"},
    )
    assert text == "Hi {company} at Acme\n"


@pytest.mark.parametrize(
    "template",
    [
        "Hi {{ user.password }}",
        "{% load static %}Hi",
        "Hi {unknown}",
        "Hi {company.__class__}",
        "Hi {",
    ],
)
def test_it_refuses_template_code_and_unknown_placeholders(template):
    with pytest.raises(ValidationError) as caught:
        drafts.validate_template(template)
    message = " ".join(caught.value.messages)
    assert "{company}" in message and "{recipient_name}" in message  # the allowed list


def test_it_rejects_a_bad_template_in_the_form_naming_the_allowed_ones(alice_client, alice):
    url = reverse("debrief:template_edit", args=["thank_you"])
    response = alice_client.post(url, {"subject": "Thanks {{ user }}", "body": "Hi {nope}"})
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "{my_name}" in errors["subject"][0]
    assert "{nope}" in errors["body"][0] and "{detail}" in errors["body"][0]
    assert not DraftTemplate.objects.exists()


def test_it_uses_the_users_own_template(alice_client, alice, rejected):
    debrief, recruiter, _ = rejected
    url = reverse("debrief:template_edit", args=["thank_you"])
    response = alice_client.post(
        url,
        {"subject": "Thanks from {my_name}", "body": "Dear {recipient_name}, thanks! {company}"},
    )
    assert response.status_code == 302
    draft = make_draft(debrief, "thank_you", recruiter)
    assert draft.subject == "Thanks from Alice Moreau"
    assert draft.body == "Dear Priya Natarajan, thanks! Zürich Analytics\n"
    # Another user keeps the default.
    assert DraftTemplate.objects.template_for(debrief.user, "feedback_request")[0].startswith(
        "A short"
    )
    # The reset button skips the browser's checks: an emptied subject must not block it.
    page = alice_client.get(url).content.decode()
    assert re.search(r'<button[^>]*value="reset"[^>]*formnovalidate', page)
    alice_client.post(url, {"action": "reset"})
    assert not DraftTemplate.objects.exists()


def test_it_lists_templates_and_placeholders(alice_client):
    response = alice_client.get(reverse("debrief:template_list"))
    assert response.status_code == 200
    assert "{recipient_first_name}" in response.text
    assert alice_client.get(reverse("debrief:template_edit", args=["nope"])).status_code == 404


def _draft(**fields):
    values = {
        "to": "priya@example.org",
        "to_name": "Priya Natarajan",
        "subject": "Merci – Backend engineer at Zürich",
        "body": "Hi Priya,\n\nThank you – it was a pleasure. Grüße!\n",
        "from_email": "alice@example.org",
    }
    return Draft(**(values | fields))


def test_it_builds_an_eml_that_opens_as_a_utf8_draft():
    raw = drafts.build_eml(_draft())
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message["From"] == "alice@example.org"
    assert message["To"] == "Priya Natarajan <priya@example.org>"
    assert message["Subject"] == "Merci – Backend engineer at Zürich"
    assert message["Date"]
    assert message["Message-ID"].startswith("<") and message["Message-ID"].endswith(">")
    assert message["X-Unsent"] == "1"
    assert message["MIME-Version"] == "1.0"
    assert message.get_content_type() == "text/plain"
    assert message.get_content_charset() == "utf-8"
    assert message.get_content() == "Hi Priya,\r\n\r\nThank you – it was a pleasure. Grüße!\r\n"


def test_it_writes_the_eml_with_crlf_lines_and_a_subject_without_a_leading_space():
    subject = "Thank you – Senior product designer at Nordlicht Studio, Berlin office"
    raw = drafts.build_eml(_draft(subject=subject, body="Hi Jonas,\n\nThanks.\n"))
    assert b"\n" not in raw.replace(b"\r\n", b"")  # every line ends in CRLF (RFC 5322)
    for policy in (email.policy.default, email.policy.compat32):
        message = email.message_from_bytes(raw, policy=policy)
        decoded = str(email.header.make_header(email.header.decode_header(message["Subject"])))
        assert decoded == subject


def test_it_builds_a_percent_encoded_mailto_link():
    url = drafts.mailto_url(_draft(subject="Q&A = fun?", body="Line one\nLine two & more"))
    parts = urlsplit(url)
    assert parts.scheme == "mailto"
    assert unquote(parts.path) == "priya@example.org"
    query = parse_qs(parts.query)
    assert query["subject"] == ["Q&A = fun?"]
    assert query["body"] == ["Line one\r\nLine two & more"]
    assert " " not in url and "\n" not in url


@pytest.mark.parametrize(
    "fields",
    [
        {"to": "priya@example.org\r\nBcc: victim@example.org"},
        {"to": "priya@example.org\nBcc: victim@example.org"},
        {"subject": "Hello\r\nBcc: victim@example.org"},
        {"subject": "Hello\nX-Evil: 1"},
        {"to_name": "Priya\rBcc: victim@example.org"},
        # Every line boundary the email package knows, not only CR and LF (a 500 before).
        {"subject": "Hello\x0bBcc: victim@example.org"},
        {"subject": "Hello\x0cBcc: victim@example.org"},
        {"subject": "Hello\u2028Bcc: victim@example.org"},
        {"to_name": "Priya\x85Bcc: victim@example.org"},
        {"subject": "Hello\x00"},
    ],
)
def test_it_refuses_line_breaks_in_headers(fields):
    draft = _draft(**fields)
    for use in (drafts.build_eml, drafts.mailto_url, drafts.Draft.email_message):
        with pytest.raises(ValidationError):
            use(draft)


@pytest.mark.parametrize(
    "address", ["noreply@acme.example", "no-reply@acme.example", "do-not-reply@x.example"]
)
def test_it_refuses_no_reply_addresses(address):
    with pytest.raises(ValidationError):
        drafts.validate_recipient(address)


def test_it_never_offers_a_no_reply_contact(alice_client, alice):
    application = make_application(alice, "Screening")
    robot = make_contact(alice, "Careers Team", email="no-reply@acme.example")
    person = make_contact(alice, "Sam Lee", email="sam@acme.example")
    link_contact(application, robot, "recruiter")
    link_contact(application, person, "interviewer")
    move(application, "Rejected")
    url = reverse("debrief:debrief_draft", args=[application.debrief.pk, "thank_you"])
    response = alice_client.get(url)
    assert "no-reply@acme.example" not in response.text
    assert response.context["form"].initial["to"] == "sam@acme.example"


def test_it_refuses_header_injection_in_the_draft_form(alice_client, rejected):
    debrief, _, _ = rejected
    url = reverse("debrief:debrief_draft", args=[debrief.pk, "thank_you"])
    response = alice_client.post(
        url,
        {
            "to": "priya@example.org",
            "subject": "Hi\r\nBcc: x@example.org",
            "body": "Hi",
            "action": "eml",
        },
    )
    assert response.status_code == 400
    assert "line break" in response.context["form"].errors["subject"][0]
    response = alice_client.post(
        url,
        {"to": "a@example.org\nBcc: x@example.org", "subject": "Hi", "body": "Hi", "action": "eml"},
    )
    assert response.status_code == 400
    assert "to" in response.context["form"].errors


def test_it_downloads_the_draft_as_eml(alice_client, rejected):
    debrief, _, _ = rejected
    url = reverse("debrief:debrief_draft", args=[debrief.pk, "thank_you"])
    page = alice_client.get(url)
    assert page.status_code == 200
    assert page.context["mailto"].startswith("mailto:priya@zurich-analytics.example?subject=")
    form = page.context["form"].initial
    response = alice_client.post(
        url, {**form, "body": form["body"] + "\nP.S. Edited.", "action": "eml"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "message/rfc822"
    assert "attachment;" in response["Content-Disposition"]
    message = email.message_from_bytes(response.content, policy=email.policy.default)
    assert message["To"] == "Priya Natarajan <priya@zurich-analytics.example>"
    assert message.get_content().rstrip().endswith("P.S. Edited.")
    debrief.refresh_from_db()
    assert debrief.thank_you_sent_at is None  # downloading is not sending


def test_it_records_the_date_when_marked_as_sent(alice_client, rejected):
    debrief, _, _ = rejected
    url = reverse("debrief:debrief_draft", args=[debrief.pk, "thank_you"])
    form = alice_client.get(url).context["form"].initial
    response = alice_client.post(url, {**form, "action": "mark_sent"})
    assert response.status_code == 302
    debrief.refresh_from_db()
    assert debrief.thank_you_sent_at is not None
    step = debrief.step("stay_gracious")
    assert step.state == "done" and step.state_changed_on is not None
    assert not debrief.reminders.open().filter(kind="thank_you").exists()


def test_it_offers_no_thank_you_draft_to_a_ghosted_debrief(alice_client, alice):
    application = make_application(alice, "Screening")
    move(application, "Ghosted")
    url = reverse("debrief:debrief_draft", args=[application.debrief.pk, "thank_you"])
    assert alice_client.get(url).status_code == 404
    status_check = reverse("debrief:debrief_draft", args=[application.debrief.pk, "status_check"])
    assert alice_client.get(status_check).status_code == 200


def test_it_does_not_send_without_an_smtp_server(alice_client, rejected, settings):
    settings.ONWARD_SMTP_ENABLED = False
    debrief, _, _ = rejected
    url = reverse("debrief:debrief_draft", args=[debrief.pk, "thank_you"])
    form = alice_client.get(url).context["form"].initial
    response = alice_client.post(url, {**form, "action": "send"})
    assert response.status_code == 400
    debrief.refresh_from_db()
    assert debrief.thank_you_sent_at is None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Sink

    class Collect(Sink):
        def __init__(self):
            self.envelopes = []

        async def handle_DATA(self, server, session, envelope):
            self.envelopes.append(envelope)
            return "250 OK"

    handler = Collect()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.ONWARD_SMTP_ENABLED = True
    settings.DEFAULT_FROM_EMAIL = "onward@example.org"
    yield handler
    controller.stop()


def test_it_sends_through_a_real_smtp_server(smtp_server, alice):
    outbox.send(alice, _draft())
    [envelope] = smtp_server.envelopes
    assert envelope.rcpt_tos == ["priya@example.org"]
    message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
    assert message["Subject"] == "Merci – Backend engineer at Zürich"
    # SMTP carries lines ending in CRLF; the text itself arrives intact.
    body = message.get_content().replace("\r\n", "\n")
    assert body == "Hi Priya,\n\nThank you – it was a pleasure. Grüße!\n"
    assert "X-Unsent" not in message


def test_it_sends_from_the_draft_page_and_records_it(alice_client, rejected, smtp_server):
    debrief, recruiter, _ = rejected
    debrief.thank_you_detail = "your plan to move billing onto event sourcing"
    debrief.save(update_fields=["thank_you_detail"])
    url = reverse("debrief:debrief_draft", args=[debrief.pk, "thank_you"])
    form = alice_client.get(url).context["form"].initial
    response = alice_client.post(url, {**form, "action": "send"})
    assert response.status_code == 302
    [envelope] = smtp_server.envelopes
    message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
    assert message["From"] == "onward@example.org"
    assert message["Reply-To"] == "alice@example.org"
    assert "event sourcing" in message.get_content()
    debrief.refresh_from_db()
    assert debrief.thank_you_sent_at is not None
    # Sent means logged: the recipient was contacted today, about this application.
    [interaction] = recruiter.interactions.all()
    assert interaction.application == debrief.application and interaction.channel == "email"


def test_it_reports_a_refusing_smtp_server_as_a_form_error(alice_client, rejected, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", _free_port()  # nothing listens
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 2
    settings.ONWARD_SMTP_ENABLED = True
    debrief, _, _ = rejected
    url = reverse("debrief:debrief_draft", args=[debrief.pk, "thank_you"])
    form = alice_client.get(url).context["form"].initial
    response = alice_client.post(url, {**form, "action": "send"})
    assert response.status_code == 400
    assert "mail server" in str(response.context["form"].non_field_errors())


def test_line_breaks_in_names_and_titles_become_spaces_not_a_broken_page(alice_client, alice):
    """Header injection is refused when typed into a draft; data that merely holds a line break
    (a pasted title, a name) is flattened instead, so the draft pages still open."""
    application = make_application(alice, "Interviewing", title="Engineer\r\nX-Evil: 1")
    contact = make_contact(alice, "Bo\nBcc: x@example.org", email="bo@example.org")
    link_contact(application, contact, "hiring_manager")
    move(application, "Rejected")
    draft = make_draft(application.debrief, "thank_you", contact)
    assert "\n" not in draft.subject + draft.to_name and "\r" not in draft.subject
    assert draft.to_name == "Bo Bcc: x@example.org"
    page = alice_client.get(
        reverse("debrief:debrief_draft", args=[application.debrief.pk, "thank_you"])
    )
    assert page.status_code == 200
    network_page = alice_client.get(
        reverse("pipeline:contact_draft", args=[contact.pk, "ask_advice"])
    )
    assert network_page.status_code == 200


@pytest.mark.parametrize("action", ["eml", "send"])
def test_a_vertical_tab_in_the_subject_injects_no_header(
    alice_client, rejected, mailoutbox, action, settings
):
    """A vertical tab is a line break to the email package: it was a 500 on .eml and on send."""
    settings.ONWARD_SMTP_ENABLED = True
    debrief, _, _ = rejected
    url = reverse("debrief:debrief_draft", args=[debrief.pk, "thank_you"])
    form = alice_client.get(url).context["form"].initial
    subject = "Thanks\x0bBcc: victim@example.org"

    response = alice_client.post(url, {**form, "subject": subject, "action": action})

    assert response.status_code == 400
    assert "line break" in response.context["form"].errors["subject"][0]
    assert mailoutbox == []


def test_control_characters_in_the_users_data_leave_the_draft_usable(alice_client, alice):
    application = make_application(alice, "Interviewing", title="Engineer\x0bBcc: x\x01")
    contact = make_contact(alice, "Bo\x1cLee", email="bo@example.org")
    link_contact(application, contact, "hiring_manager")
    move(application, "Rejected")
    url = reverse("debrief:debrief_draft", args=[application.debrief.pk, "thank_you"])

    page = alice_client.get(url)
    form = page.context["form"].initial
    download = alice_client.post(url, {**form, "action": "eml"})

    assert page.status_code == 200
    assert "Engineer Bcc: x" in form["subject"] and form["to_name"] == "Bo Lee"
    message = email.message_from_bytes(download.content, policy=email.policy.default)
    assert message["Bcc"] is None and "Engineer Bcc: x" in message["Subject"]
