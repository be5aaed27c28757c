from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from onward.core.reminders.models import Reminder
from onward.testing import make_application, make_reminder

pytestmark = pytest.mark.django_db
NOW = datetime(2025, 6, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def reminders(alice):
    application = make_application(alice, "Applied", when=NOW - timedelta(days=3))
    return {
        "overdue": make_reminder(
            alice, title="Overdue <thing>", due_at=NOW - timedelta(days=1), application=application
        ),
        "soon": make_reminder(alice, title="Soon thing", due_at=NOW + timedelta(days=3)),
        "far": make_reminder(alice, title="Far thing", due_at=NOW + timedelta(days=90)),
        "done": make_reminder(
            alice, title="Done thing", due_at=NOW - timedelta(days=2), done_at=NOW
        ),
    }


def test_it_lists_overdue_and_upcoming_reminders(alice_client, bob, reminders):
    make_reminder(bob, title="Bob's thing", due_at=NOW - timedelta(days=1))
    with time_machine.travel(NOW, tick=False):
        response = alice_client.get(reverse("reminders:due"))
    assert [r.title for r in response.context["overdue"]] == ["Overdue <thing>"]
    assert [r.title for r in response.context["upcoming"]] == ["Soon thing"]
    assert "Overdue &lt;thing&gt;" in response.text
    assert "Bob" not in response.text and "Done thing" not in response.text


def test_it_links_each_reminder_to_its_object(alice_client, alice):
    from onward.testing import make_debrief

    with time_machine.travel(NOW, tick=False):
        debrief = make_debrief(alice)
    with time_machine.travel(NOW + timedelta(days=2), tick=False):
        response = alice_client.get(reverse("reminders:due"))
    assert f'href="{debrief.get_absolute_url()}"' in response.text


def test_it_marks_done_by_plain_post_and_by_htmx(alice_client, reminders):
    url = reverse("reminders:reminder_done", args=[reminders["overdue"].pk])
    response = alice_client.post(url)
    assert response.status_code == 302 and response.url == reverse("reminders:due")
    reminders["overdue"].refresh_from_db()
    assert reminders["overdue"].done_at is not None

    url = reverse("reminders:reminder_done", args=[reminders["soon"].pk])
    response = alice_client.post(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "<html" not in response.text
    assert f'id="reminder-{reminders["soon"].pk}"' in response.text and "Undo" in response.text
    reminders["soon"].refresh_from_db()
    assert reminders["soon"].is_done

    response = alice_client.post(
        reverse("reminders:reminder_reopen", args=[reminders["soon"].pk]), HTTP_HX_REQUEST="true"
    )
    reminders["soon"].refresh_from_db()
    assert not reminders["soon"].is_done


def test_it_snoozes_by_plain_post_and_by_htmx(alice_client, reminders):
    overdue = reminders["overdue"]
    url = reverse("reminders:reminder_snooze", args=[overdue.pk])
    with time_machine.travel(NOW, tick=False):
        response = alice_client.post(url, {"days": "1"})
        assert response.status_code == 302
        overdue.refresh_from_db()
        assert overdue.snoozed_until == NOW + timedelta(days=1)
        assert not Reminder.objects.due().filter(pk=overdue.pk).exists()

        response = alice_client.post(url, {"days": "7"}, HTTP_HX_REQUEST="true")
        assert response.status_code == 200 and "(snoozed)" in response.text
        overdue.refresh_from_db()
        # Snoozing a reminder that is not due yet puts it off from its own date.
        assert overdue.snoozed_until == NOW + timedelta(days=8)
    with time_machine.travel(NOW + timedelta(days=8), tick=False):
        assert Reminder.objects.due().filter(pk=overdue.pk).exists()


def test_it_refuses_other_snooze_lengths(alice_client, reminders):
    url = reverse("reminders:reminder_snooze", args=[reminders["soon"].pk])
    assert alice_client.post(url, {"days": "365"}).status_code == 400
    assert alice_client.post(url).status_code == 400


def test_it_goes_back_to_a_local_next_url_only(alice_client, reminders):
    url = reverse("reminders:reminder_done", args=[reminders["overdue"].pk])
    response = alice_client.post(url, {"next": "/debriefs/"})
    assert response.url == "/debriefs/"
    url = reverse("reminders:reminder_done", args=[reminders["soon"].pk])
    response = alice_client.post(url, {"next": "https://evil.example/"})
    assert response.url == reverse("reminders:due")


def test_it_gives_another_user_a_404(bob_client, reminders):
    pk = reminders["overdue"].pk
    for name in ("reminder_done", "reminder_snooze", "reminder_reopen"):
        response = bob_client.post(reverse(f"reminders:{name}", args=[pk]), {"days": "1"})
        assert response.status_code == 404
    reminders["overdue"].refresh_from_db()
    assert reminders["overdue"].done_at is None and reminders["overdue"].snoozed_until is None


def test_it_refuses_get_on_changes(alice_client, reminders):
    url = reverse("reminders:reminder_done", args=[reminders["overdue"].pk])
    assert alice_client.get(url).status_code == 405


def test_it_creates_reminders_idempotently(alice, reminders):
    target = reminders["far"]
    first = Reminder.objects.ensure(
        user=alice, kind="custom", target=target, due_at=NOW, title="About far"
    )
    again = Reminder.objects.ensure(
        user=alice, kind="custom", target=target, due_at=NOW, title="About far"
    )
    assert first.pk == again.pk
    assert Reminder.objects.for_target(target).count() == 1
    assert Reminder.objects.settle(target, "custom") == 1
