from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine
from django.urls import reverse

from onward.core.reminders.models import Reminder, ReminderKind
from onward.network.models import Contact
from onward.testing import make_contact

UTC = ZoneInfo("UTC")


def follow_ups(contact):
    return Reminder.objects.for_target(contact).filter(kind=ReminderKind.FOLLOW_UP)


def due_contacts(user):
    return list(Contact.objects.for_user(user).overdue().values_list("name", flat=True))


def test_a_cadence_makes_a_follow_up_due_when_it_lapses(alice):
    with time_machine.travel("2024-03-01 10:00Z", tick=False):
        ada = make_contact(alice, "Ada")
        ada.set_cadence(4)
        reminder = ada.next_follow_up()
        assert reminder.due_at == datetime(2024, 3, 29, 9, 0, tzinfo=UTC)
        assert reminder.title == "Get in touch with Ada"
        assert due_contacts(alice) == []
    with time_machine.travel("2024-03-29 08:59Z", tick=False):
        assert due_contacts(alice) == []
    with time_machine.travel("2024-03-29 09:00Z", tick=False):
        assert due_contacts(alice) == ["Ada"]
        assert Reminder.objects.for_user(alice).due().filter(pk=reminder.pk).exists()


def test_logging_an_interaction_resets_the_clock(alice):
    with time_machine.travel("2024-03-01 10:00Z", tick=False):
        ada = make_contact(alice, "Ada")
        ada.set_cadence(2)
    with time_machine.travel("2024-03-20 10:00Z", tick=False):
        assert due_contacts(alice) == ["Ada"]
        ada.log_interaction(happened_on=date(2024, 3, 19), channel="coffee", summary="Caught up")
        assert due_contacts(alice) == []
        assert ada.next_follow_up().due_at.date() == date(2024, 4, 2)
        # One open follow-up, never a pile of them.
        assert follow_ups(ada).open().count() == 1
    with time_machine.travel("2024-04-02 09:00Z", tick=False):
        assert due_contacts(alice) == ["Ada"]


def test_an_older_interaction_does_not_move_the_follow_up_back(alice):
    with time_machine.travel("2024-03-01 10:00Z", tick=False):
        ada = make_contact(alice, "Ada")
        ada.log_interaction(happened_on=date(2024, 2, 20), channel="call")
        ada.set_cadence(4)
        ada.log_interaction(happened_on=date(2024, 1, 5), channel="email")
        assert ada.next_follow_up().due_at.date() == date(2024, 3, 29)


def test_syncing_again_changes_nothing(alice):
    with time_machine.travel("2024-03-01 10:00Z", tick=False):
        ada = make_contact(alice, "Ada")
        first = ada.set_cadence(8)
    with time_machine.travel("2024-03-10 10:00Z", tick=False):
        again = ada.set_cadence(8)
        assert again.pk == first.pk
        assert again.due_at == first.due_at
        assert follow_ups(ada).count() == 1


def test_a_follow_up_marked_done_stays_done_until_the_next_interaction(alice):
    with time_machine.travel("2024-03-01 10:00Z", tick=False):
        ada = make_contact(alice, "Ada")
        ada.set_cadence(2)
    with time_machine.travel("2024-03-16 10:00Z", tick=False):
        ada.next_follow_up().mark_done()
        ada.sync_follow_up()
        assert ada.next_follow_up() is None
        ada.log_interaction(happened_on=date(2024, 3, 16), channel="video")
        assert ada.next_follow_up().due_at.date() == date(2024, 3, 30)


def test_stopping_the_cadence_removes_the_open_follow_up(alice):
    with time_machine.travel("2024-03-01 10:00Z", tick=False):
        ada = make_contact(alice, "Ada")
        ada.set_cadence(2)
        ada.set_cadence(None)
        assert not follow_ups(ada).exists()
        assert ada.cadence_since is None


def test_changing_the_cadence_keeps_counting_from_the_same_start(alice):
    with time_machine.travel("2024-03-01 10:00Z", tick=False):
        ada = make_contact(alice, "Ada")
        ada.set_cadence(8)
    with time_machine.travel("2024-03-10 10:00Z", tick=False):
        ada.set_cadence(2)
        assert ada.next_follow_up().due_at.date() == date(2024, 3, 15)
        assert follow_ups(ada).open().count() == 1


def test_the_follow_up_falls_due_in_the_users_morning(alice):
    from onward.accounts.models import profile_for

    profile = profile_for(alice)
    profile.time_zone = "Europe/Berlin"
    profile.save()
    with time_machine.travel("2024-03-01 10:00Z", tick=False):
        ada = make_contact(alice, "Ada")
        ada.set_cadence(2)
    due = ada.next_follow_up().due_at.astimezone(ZoneInfo("Europe/Berlin"))
    assert (due.date(), due.hour) == (date(2024, 3, 15), 9)


@time_machine.travel("2024-03-01 10:00Z", tick=False)
def test_the_cadence_form_sets_a_common_or_a_custom_rhythm(alice_client, alice):
    ada = make_contact(alice, "Ada")
    url = reverse("network:contact_cadence", args=[ada.pk])
    response = alice_client.post(url, {"cadence": "4"})
    assert response.status_code == 302
    ada.refresh_from_db()
    assert ada.cadence_weeks == 4
    alice_client.post(url, {"cadence": "custom", "custom_weeks": "6"})
    ada.refresh_from_db()
    assert ada.cadence_weeks == 6
    assert ada.next_follow_up().due_at.date() == date(2024, 4, 12)
    page = alice_client.get(ada.get_absolute_url()).content.decode()
    assert 'id="next-follow-up"' in page and "Fri 12 Apr 2024" in page
    bad = alice_client.post(url, {"cadence": "custom", "custom_weeks": ""})
    assert bad.status_code == 400
    assert "Give the number of weeks" in bad.content.decode()
    assert alice_client.post(url, {"cadence": "3"}).status_code == 400
    alice_client.post(url, {"cadence": ""})
    ada.refresh_from_db()
    assert ada.cadence_weeks is None


@time_machine.travel("2024-03-01 10:00Z", tick=False)
def test_the_contact_form_sets_the_cadence_too(alice_client, alice):
    response = alice_client.post(
        reverse("network:contact_create"),
        {"name": "Ada", "cadence": "2", "tags_text": "mentor, Berlin, mentor"},
    )
    ada = Contact.objects.get(user=alice)
    assert response["Location"] == ada.get_absolute_url()
    assert ada.next_follow_up().due_at.date() == date(2024, 3, 15)
    assert [t.name for t in ada.tags.order_by("name")] == ["Berlin", "mentor"]
    form = alice_client.get(reverse("network:contact_edit", args=[ada.pk])).context["form"]
    assert form["cadence"].value() == "2"
    assert form["tags_text"].value() == "Berlin, mentor"


def test_the_page_says_when_a_follow_up_is_due(alice_client, alice):
    with time_machine.travel("2024-03-01 10:00Z", tick=False):
        ada = make_contact(alice, "Ada")
        ada.set_cadence(2)
    with time_machine.travel("2024-03-20 10:00Z", tick=False):
        page = alice_client.get(ada.get_absolute_url()).content.decode()
        assert "A follow-up is due" in page
        alice_client.post(
            reverse("network:interaction_create", args=[ada.pk]),
            {"happened_on": "2024-03-20", "channel": "call", "summary": "Quick call"},
        )
        page = alice_client.get(ada.get_absolute_url()).content.decode()
        assert "A follow-up is due" not in page
        assert "Wed 3 Apr 2024" in page


def test_deleting_a_contact_removes_its_follow_ups(alice_client, alice):
    ada = make_contact(alice, "Ada")
    ada.set_cadence(2)
    alice_client.post(reverse("network:contact_delete", args=[ada.pk]))
    assert not Reminder.objects.filter(user=alice, kind=ReminderKind.FOLLOW_UP).exists()


def test_the_due_page_links_the_follow_up_to_the_contact(alice_client, alice):
    with time_machine.travel(datetime.now(UTC) - timedelta(days=30), tick=False):
        ada = make_contact(alice, "Ada")
        ada.set_cadence(2)
    page = alice_client.get(reverse("reminders:due")).content.decode()
    assert "Get in touch with Ada" in page
    assert ada.get_absolute_url() in page
