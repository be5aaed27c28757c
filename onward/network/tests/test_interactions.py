from datetime import date

import pytest
import time_machine
from django.urls import reverse

from onward.network.models import Interaction
from onward.testing import make_application, make_contact


def log_url(contact):
    return reverse("network:interaction_create", args=[contact.pk])


@time_machine.travel("2024-06-10 12:00Z", tick=False)
def test_it_logs_an_interaction_on_the_timeline(alice_client, alice):
    ada = make_contact(alice, "Ada")
    application = make_application(alice, "Interviewing", title="Data engineer")
    response = alice_client.post(
        log_url(ada),
        {
            "happened_on": "2024-06-09",
            "channel": "coffee",
            "summary": "Talked about the team's roadmap",
            "application": application.pk,
        },
    )
    assert response.status_code == 302
    interaction = Interaction.objects.get(contact=ada)
    assert (interaction.happened_on, interaction.channel) == (date(2024, 6, 9), "coffee")
    assert interaction.application == application
    page = alice_client.get(ada.get_absolute_url()).content.decode()
    assert "Talked about the team&#x27;s roadmap" in page
    assert "Sun 9 Jun 2024" in page  # last contacted, derived
    assert "Data engineer" in page


@time_machine.travel("2024-06-10 12:00Z", tick=False)
@pytest.mark.parametrize(
    ("day", "message"),
    [
        ("2024-06-11", "cannot be in the future"),
        ("1949-12-31", "too far in the past"),
        ("not a date", "Enter a valid date"),
        ("", "This field is required"),
    ],
)
def test_it_refuses_impossible_dates(alice_client, alice, day, message):
    ada = make_contact(alice, "Ada")
    response = alice_client.post(log_url(ada), {"happened_on": day, "channel": "email"})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Interaction.objects.exists()


def test_it_refuses_another_users_application(alice_client, alice, bob):
    ada = make_contact(alice, "Ada")
    theirs = make_application(bob, "Applied")
    response = alice_client.post(
        log_url(ada),
        {"happened_on": "2020-01-01", "channel": "email", "application": theirs.pk},
    )
    assert response.status_code == 400
    assert not Interaction.objects.exists()


def test_it_refuses_an_unknown_channel(alice_client, alice):
    ada = make_contact(alice, "Ada")
    response = alice_client.post(log_url(ada), {"happened_on": "2020-01-01", "channel": "fax"})
    assert response.status_code == 400


@time_machine.travel("2024-06-10 12:00Z", tick=False)
def test_editing_and_deleting_an_interaction_moves_the_follow_up(alice_client, alice):
    ada = make_contact(alice, "Ada")
    ada.set_cadence(2)
    interaction = ada.log_interaction(happened_on=date(2024, 6, 10), channel="call")
    assert ada.next_follow_up().due_at.date() == date(2024, 6, 24)

    edit = reverse("network:interaction_edit", args=[interaction.pk])
    assert alice_client.get(edit).status_code == 200
    response = alice_client.post(edit, {"happened_on": "2024-06-12", "channel": "call"})
    assert response.status_code == 400  # in the future
    alice_client.post(edit, {"happened_on": "2024-06-03", "channel": "video", "summary": "x"})
    interaction.refresh_from_db()
    assert interaction.channel == "video"
    # The clock counts from the later of the last contact and the day the rhythm was set.
    assert ada.next_follow_up().due_at.date() == date(2024, 6, 24)

    alice_client.post(reverse("network:interaction_delete", args=[interaction.pk]))
    assert not Interaction.objects.exists()
    assert ada.next_follow_up().due_at.date() == date(2024, 6, 24)


def test_delete_needs_a_post(alice_client, alice):
    interaction = make_contact(alice, "Ada").log_interaction(
        happened_on=date(2020, 1, 1), channel="email"
    )
    url = reverse("network:interaction_delete", args=[interaction.pk])
    assert alice_client.get(url).status_code == 405
    assert Interaction.objects.exists()
