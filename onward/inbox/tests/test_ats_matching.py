"""Mail from applicant-tracking systems: matched by the company and role it names, not by the
sender's domain (a no-reply address at the system's domain)."""

from datetime import UTC, datetime, timedelta

from onward.inbox.jobs import check_inboxes
from onward.inbox.models import InboxSignal
from onward.testing import make_application, make_company

from .conftest import NOW, mail, make_mailbox

GREENHOUSE = "Lumen Robotics Hiring Team <no-reply@us.greenhouse-mail.io>"


def test_an_ats_rejection_is_matched_by_the_company_it_names(server, alice):
    lumen = make_company(alice, "Lumen Robotics", website="https://lumenrobotics.com")
    application = make_application(alice, "Applied", company=lumen, title="Backend Engineer")
    make_mailbox(alice)
    server.deliver(
        mail(
            GREENHOUSE,
            "Your application to Lumen Robotics",
            "Hi Alice,\n\nThank you for your interest in the Backend Engineer position. We've "
            "decided to move ahead with candidates whose experience is a closer fit.\n\n"
            "The Lumen Robotics Recruiting Team",
        )
    )
    check_inboxes(now=NOW)
    signal = InboxSignal.objects.get()
    assert (signal.kind, signal.company, signal.application) == ("rejection", lumen, application)
    assert (signal.company_name, signal.role) == ("Lumen Robotics", "Backend Engineer")
    assert not signal.uncertain


def test_of_two_applications_the_role_named_decides(server, alice):
    atlas = make_company(alice, "Atlas Analytics")
    make_application(alice, "Applied", company=atlas, title="Data Engineer")
    scientist = make_application(alice, "Screening", company=atlas, title="Data Scientist")
    make_mailbox(alice)
    server.deliver(
        mail(
            "Atlas Analytics <atlas@myworkday.com>",
            "Atlas Analytics: Interview Availability Request",
            "Dear Alice,\n\nThe hiring team for Data Scientist would like to schedule an "
            "interview with you on Monday, 9 March 2026 at 10:30.",
            when=NOW - timedelta(days=1),
        )
    )
    check_inboxes(now=NOW)
    signal = InboxSignal.objects.get()
    assert (signal.kind, signal.application) == ("interview", scientist)
    assert signal.mentioned_at is not None
    assert signal.mentioned_at.astimezone(UTC) == datetime(2026, 3, 9, 10, 30, tzinfo=UTC)


def test_ats_mail_about_a_company_the_user_does_not_track_is_not_kept(server, alice):
    make_company(alice, "Acme")
    make_mailbox(alice)
    server.deliver(
        mail(
            "Other Corp <no-reply@hire.lever.co>",
            "Other Corp - Designer",
            "Unfortunately we will not be moving forward with your application.",
        )
    )
    check_inboxes(now=NOW)
    assert not InboxSignal.objects.exists()


def test_an_acknowledgement_of_an_untracked_application_is_kept_to_add_it(server, alice):
    make_mailbox(alice)
    server.deliver(
        mail(
            "Kestrel Labs <no-reply@hire.lever.co>",
            "Thanks for applying to Kestrel Labs",
            "Hi Alice,\n\nThanks for applying for the Senior Data Engineer position. Your "
            "application has been received and we will review it right away.",
        )
    )
    check_inboxes(now=NOW)
    signal = InboxSignal.objects.get()
    assert signal.kind == "acknowledgement" and signal.application is None
    assert (signal.company_name, signal.role) == ("Kestrel Labs", "Senior Data Engineer")


def test_a_job_alert_naming_the_company_is_not_kept(server, alice):
    lumen = make_company(alice, "Lumen Robotics")
    make_application(alice, "Applied", company=lumen, title="Backend Engineer")
    make_mailbox(alice)
    server.deliver(
        mail(
            "LinkedIn Job Alerts <jobalerts-noreply@linkedin.com>",
            "12 new jobs for you",
            "Backend Engineer - Lumen Robotics - Berlin\nSee all jobs. Unsubscribe.",
        )
    )
    check_inboxes(now=NOW)
    assert not InboxSignal.objects.exists()


def test_a_reply_in_a_thread_is_classified_on_its_own_words(server, alice):
    corvid = make_company(alice, "Corvid", website="https://corvid.ai")
    make_application(alice, "Interviewing", company=corvid, title="ML Engineer")
    make_mailbox(alice)
    server.deliver(
        mail(
            "Priya Raman <priya.raman@corvid.ai>",
            "Re: Following up",
            "Hi Alice,\n\nThanks for checking in. The team decided to go with someone who has "
            "more production experience, so we won't be moving you on to the final round.\n\n"
            "Priya\n\nOn Mon, 9 Feb 2026 at 10:14, Alice <alice@example.org> wrote:\n"
            "> I'd love to hear about next steps and to schedule the next interview.",
        )
    )
    check_inboxes(now=NOW)
    signal = InboxSignal.objects.get()
    assert signal.kind == "rejection"
    assert "schedule the next interview" not in signal.snippet
