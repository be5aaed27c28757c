"""The inbox check: what it reads, what it keeps, and that it keeps it once."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command

from onward.inbox import imap, jobs
from onward.inbox.jobs import check_inboxes
from onward.inbox.models import InboxSignal, Mailbox, SignalKind
from onward.testing import (
    link_contact,
    make_application,
    make_company,
    make_contact,
    make_user,
    run_at_once,
)

from .conftest import NOW, FakeServer, mail, make_mailbox

LATER = NOW + timedelta(minutes=10)


@pytest.fixture
def acme(alice):
    return make_company(alice, "Acme", website="https://www.acme.com/careers")


def test_it_keeps_mail_from_a_companys_domain_and_nothing_else(server, alice, acme):
    make_mailbox(alice)
    server.deliver(mail("Ana Ortiz <ana@acme.com>", "Your application"))
    server.deliver(mail("News <news@shop.example>", "50% off everything"))
    server.deliver(mail("Friend <pat@gmail.com>", "Dinner?"))

    assert check_inboxes(now=NOW) == "1 mailbox(es) checked, 1 new signal(s)"

    signal = InboxSignal.objects.get()
    assert (signal.user, signal.company, signal.contact) == (alice, acme, None)
    assert (signal.from_address, signal.from_name) == ("ana@acme.com", "Ana Ortiz")
    assert signal.subject == "Your application"
    assert signal.snippet == "Thanks for your time yesterday."
    assert not InboxSignal.objects.filter(subject__in=["50% off everything", "Dinner?"]).exists()


def test_a_subdomain_of_the_company_matches_but_a_lookalike_does_not(server, alice, acme):
    make_mailbox(alice)
    server.deliver(mail("Talent <no-reply@talent.acme.com>", "Received"))
    server.deliver(mail("Scam <hr@notacme.com>", "Job offer"))
    check_inboxes(now=NOW)
    assert list(InboxSignal.objects.values_list("subject", flat=True)) == ["Received"]


def test_it_matches_a_contacts_address_even_at_a_free_mail_domain(server, alice):
    ana = make_contact(alice, "Ana Ortiz", email="Ana.Ortiz@Gmail.com", company_name="Acme Inc.")
    acme = make_company(alice, "Acme")
    make_mailbox(alice)
    server.deliver(mail("Ana <ana.ortiz@gmail.com>", "Coffee next week?"))
    server.deliver(mail("Someone <someone@gmail.com>", "Hello"))
    check_inboxes(now=NOW)
    signal = InboxSignal.objects.get()
    assert (signal.contact, signal.company) == (ana, acme)


def test_a_company_whose_website_is_free_mail_matches_nothing(server, alice):
    make_company(alice, "Freelance client", website="https://gmail.com")
    make_mailbox(alice)
    server.deliver(mail("Pat <pat@gmail.com>", "Hi"))
    check_inboxes(now=NOW)
    assert not InboxSignal.objects.exists()


def test_it_matches_only_the_owners_contacts_and_companies(server, alice, bob):
    make_company(bob, "Acme", website="https://acme.com")
    make_contact(bob, "Ana", email="ana@acme.com")
    make_mailbox(alice)
    server.deliver(mail("Ana <ana@acme.com>", "Hi"))
    check_inboxes(now=NOW)
    assert not InboxSignal.objects.exists()


def test_it_picks_the_open_application_whose_role_the_message_names(server, alice, acme):
    make_application(
        alice, "Applied", title="Data Engineer", company=acme, when=NOW - timedelta(days=9)
    )
    named = make_application(
        alice, "Screening", title="Backend Engineer", company=acme, when=NOW - timedelta(days=2)
    )
    make_application(alice, "Rejected", title="Backend Engineer", company=acme)
    make_mailbox(alice)
    server.deliver(mail("HR <hr@acme.com>", "Update", "About the Backend Engineer role: hello"))
    check_inboxes(now=NOW)
    signal = InboxSignal.objects.get()
    assert signal.application == named and not signal.candidates.exists()


def test_with_two_open_applications_and_no_clue_the_user_chooses(server, alice, acme):
    first = make_application(
        alice, "Applied", title="Data Engineer", company=acme, when=NOW - timedelta(days=9)
    )
    second = make_application(
        alice, "Screening", title="Backend Engineer", company=acme, when=NOW - timedelta(days=2)
    )
    make_application(alice, "Rejected", title="Old one", company=acme)
    make_mailbox(alice)
    server.deliver(mail("HR <hr@acme.com>", "Update", "Thanks for your patience."))
    check_inboxes(now=NOW)
    signal = InboxSignal.objects.get()
    assert signal.application is None
    assert set(signal.candidates.all()) == {first, second}


def test_the_only_open_application_at_the_company_is_the_one(server, alice, acme):
    only = make_application(
        alice, "Applied", title="Data Engineer", company=acme, when=NOW - timedelta(days=9)
    )
    make_application(alice, "Rejected", title="Old one", company=acme)
    make_mailbox(alice)
    server.deliver(mail("HR <hr@acme.com>", "Update", "Thanks for your patience."))
    check_inboxes(now=NOW)
    assert InboxSignal.objects.get().application == only


def test_it_prefers_the_application_the_contact_is_linked_to(server, alice, acme):
    linked = make_application(alice, "Screening", company=acme, when=NOW - timedelta(days=9))
    make_application(alice, "Applied", company=acme, when=NOW - timedelta(days=1))
    ana = make_contact(alice, "Ana", email="ana@acme.com")
    link_contact(linked, ana, role="recruiter")
    make_mailbox(alice)
    server.deliver(mail("Ana <ana@acme.com>", "Next steps"))
    check_inboxes(now=NOW)
    signal = InboxSignal.objects.get()
    assert (signal.application, signal.contact) == (linked, ana)


def test_it_classifies_each_message(server, alice, acme):
    make_mailbox(alice)
    server.deliver(mail(subject="Your application", body="Unfortunately we went another way."))
    server.deliver(mail(subject="Interview", body="Please share your availability."))
    server.deliver(mail(subject="Re: hello", body="Thanks, got it."))
    check_inboxes(now=NOW)
    kinds = dict(InboxSignal.objects.values_list("subject", "kind"))
    assert kinds == {
        "Your application": SignalKind.REJECTION,
        "Interview": SignalKind.INTERVIEW,
        "Re: hello": SignalKind.OTHER,
    }


def test_the_first_check_reads_only_the_last_30_days(server, alice, acme):
    server.deliver(mail(subject="Old news", when=NOW - timedelta(days=40)),
                   on=(NOW - timedelta(days=40)).date())  # fmt: skip
    server.deliver(mail(subject="Recent", when=NOW - timedelta(days=3)),
                   on=(NOW - timedelta(days=3)).date())  # fmt: skip
    make_mailbox(alice)
    check_inboxes(now=NOW)
    assert ("SEARCH", "SINCE", "31-Jan-2026") in server.commands
    assert server.fetched == [2]
    assert list(InboxSignal.objects.values_list("subject", flat=True)) == ["Recent"]
    mailbox = Mailbox.objects.get()
    assert (mailbox.uid_validity, mailbox.last_uid) == (1000, 2)


def test_a_later_check_fetches_only_new_uids(server, alice, acme):
    make_mailbox(alice)
    server.deliver(mail(subject="First"))
    check_inboxes(now=NOW)
    server.fetched.clear()

    # Nothing new: the server still answers "n:*" with its newest message, which is skipped.
    assert check_inboxes(now=LATER) == "1 mailbox(es) checked, 0 new signal(s)"
    assert ("SEARCH", "UID", "2:*") in server.commands
    assert server.fetched == []

    server.deliver(mail(subject="Second"))
    check_inboxes(now=LATER + timedelta(minutes=10))
    assert server.fetched == [2]
    assert InboxSignal.objects.count() == 2
    assert Mailbox.objects.get().last_uid == 2


def test_it_opens_the_folder_read_only(server, alice, acme):
    make_mailbox(alice)
    server.deliver(mail())
    check_inboxes(now=NOW)
    assert ("SELECT", '"INBOX"', True) in server.commands


def test_a_new_uidvalidity_starts_over_without_storing_twice(server, alice, acme):
    make_mailbox(alice)
    server.deliver(mail(subject="Before"))
    server.deliver(mail(subject="Also before"))
    check_inboxes(now=NOW)
    server.messages = server.messages[1:]
    server.renumber(2000)  # "Also before" is UID 1 now
    server.deliver(mail(subject="After"))
    server.fetched.clear()

    assert check_inboxes(now=LATER) == "1 mailbox(es) checked, 1 new signal(s)"

    assert server.commands[-3][:2] == ("SEARCH", "SINCE")
    assert server.fetched == [1, 2]
    assert InboxSignal.objects.count() == 3
    mailbox = Mailbox.objects.get()
    assert (mailbox.uid_validity, mailbox.last_uid) == (2000, 2)


def test_running_it_twice_stores_each_message_once(server, alice, acme):
    mailbox = make_mailbox(alice)
    server.deliver(mail(subject="Once"))
    check_inboxes(now=NOW)
    # As if the position were lost (a second runner that read the same messages).
    Mailbox.objects.filter(pk=mailbox.pk).update(last_uid=0, uid_validity=None)
    assert check_inboxes(now=LATER) == "1 mailbox(es) checked, 0 new signal(s)"
    assert InboxSignal.objects.count() == 1


def test_a_mailbox_is_checked_at_most_every_few_minutes(server, alice, acme):
    make_mailbox(alice)
    check_inboxes(now=NOW)
    assert check_inboxes(now=NOW + timedelta(minutes=1)).startswith("0 mailbox(es) checked")
    assert check_inboxes(now=NOW + jobs.CHECK_EVERY).startswith("1 mailbox(es) checked")


def test_a_mailbox_claimed_by_another_runner_is_skipped(server, alice, acme):
    mailbox = make_mailbox(alice)
    Mailbox.objects.filter(pk=mailbox.pk).update(claimed_until=NOW + timedelta(minutes=5))
    server.deliver(mail())
    assert check_inboxes(now=NOW).startswith("0 mailbox(es) checked")
    # A runner that died releases its claim in time.
    assert check_inboxes(now=NOW + jobs.CLAIM_FOR).startswith("1 mailbox(es) checked")
    assert InboxSignal.objects.count() == 1


def test_a_paused_mailbox_is_not_checked(server, alice, acme):
    make_mailbox(alice, enabled=False)
    server.deliver(mail())
    assert check_inboxes(now=NOW).startswith("0 mailbox(es) checked")
    assert server.commands == []


def test_one_failing_mailbox_does_not_stop_the_others(servers, server, alice, bob, acme):
    make_mailbox(alice)
    broken = make_mailbox(bob, password="wrong")
    unreachable = make_mailbox(make_user("carl"), host="imap.nowhere.test")
    server.deliver(mail())

    summary = check_inboxes(now=NOW)

    assert (
        summary == "1 mailbox(es) checked, 1 new signal(s), 2 failed (see Settings → Inbox checks)"
    )
    assert InboxSignal.objects.filter(user=alice).count() == 1
    broken.refresh_from_db()
    assert broken.last_error == (
        "The server said: [AUTHENTICATIONFAILED] Invalid credentials (Failure)"
    )
    assert broken.checked_at == NOW and broken.claimed_until is None
    unreachable.refresh_from_db()
    assert "could not be found" in unreachable.last_error


def test_a_timeout_is_reported_in_plain_words(servers, alice):
    servers["imap.slow.test"] = FakeServer(down=TimeoutError("timed out"))
    mailbox = make_mailbox(alice, host="imap.slow.test")
    check_inboxes(now=NOW)
    mailbox.refresh_from_db()
    assert mailbox.last_error == imap.UNREACHABLE


def test_a_later_success_clears_the_error(server, alice, acme):
    mailbox = make_mailbox(alice, password="wrong")
    check_inboxes(now=NOW)
    mailbox.refresh_from_db()
    assert mailbox.last_error
    mailbox.set_password(server.password)
    mailbox.save()
    check_inboxes(now=LATER)
    mailbox.refresh_from_db()
    assert mailbox.last_error == ""


def test_onward_work_runs_it(server, alice, acme, capsys):
    make_mailbox(alice)
    server.deliver(mail())
    with time_machine.travel(NOW, tick=False):
        call_command("work")
    assert "check_inboxes: 1 mailbox(es) checked, 1 new signal(s)" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_store_each_message_once(server):
    users = [make_user(f"user{i}") for i in range(4)]
    for user in users:
        make_company(user, "Acme", website="https://acme.com")
        make_mailbox(user)
    server.deliver(mail(subject="One"))
    server.deliver(mail(subject="Two"))
    assert run_at_once(lambda: check_inboxes(now=NOW)) == []
    assert InboxSignal.objects.count() == 2 * len(users)
    # Each mailbox was read by one runner only.
    assert len(server.fetched) == 2 * len(users)
