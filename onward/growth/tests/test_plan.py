"""The learning plan: items with a safe link, a target date that sets one reminder, and a
status that settles it."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from onward.accounts.models import profile_for
from onward.core.reminders.models import Reminder
from onward.growth.models import LearningItem
from onward.testing import make_learning_item, make_skill_gap

pytestmark = pytest.mark.django_db


def add(client, **fields):
    data = {"title": "System design course", "kind": "course", **fields}
    return client.post(reverse("growth:item_add"), data)


def reminders(item):
    return list(Reminder.objects.for_target(item))


def test_it_adds_an_item_to_the_plan(alice_client, alice):
    gap = make_skill_gap(alice)

    response = add(
        alice_client,
        skill_gap=str(gap.pk),
        url="https://learn.example/design",
        notes="Modules 1–4",
    )

    assert response.status_code == 302 and response.url == reverse("growth:skills")
    item = LearningItem.objects.get(user=alice)
    assert (item.skill_gap, item.status, item.url) == (
        gap,
        "planned",
        "https://learn.example/design",
    )
    assert reminders(item) == []  # no target date, no reminder


@pytest.mark.parametrize(
    "url, error",
    [
        ("ftp://files.example/course.zip", "starts with http:// or https://"),
        ("javascript:alert(1)", "Enter a valid URL."),
    ],
)
def test_it_refuses_a_link_that_is_not_a_web_address(alice_client, alice, url, error):
    response = add(alice_client, url=url)

    assert response.status_code == 400
    assert error in response.content.decode()
    assert not LearningItem.objects.exists()


def test_it_refuses_a_target_date_in_the_past(alice_client, alice):
    response = add(alice_client, target_date="2024-05-14")

    assert response.status_code == 400
    assert "That date has passed" in response.content.decode()
    assert not LearningItem.objects.exists()


def test_it_keeps_a_target_date_that_has_since_passed_when_editing_other_fields(
    alice_client, alice
):
    item = make_learning_item(alice, target_date=date(2024, 5, 1))

    response = alice_client.post(
        reverse("growth:item_edit", args=[item.pk]),
        {"title": "Renamed", "kind": "book", "target_date": "2024-05-01"},
    )

    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.title, item.target_date) == ("Renamed", date(2024, 5, 1))


def test_it_refuses_someone_elses_skill_gap(alice_client, alice, bob):
    response = add(alice_client, skill_gap=str(make_skill_gap(bob).pk))

    assert response.status_code == 400
    assert not LearningItem.objects.exists()


def test_it_sets_one_reminder_for_the_target_date_and_moves_it(alice_client, alice):
    profile = profile_for(alice)
    profile.time_zone = "Europe/Berlin"
    profile.save(update_fields=["time_zone"])
    berlin = ZoneInfo("Europe/Berlin")

    add(alice_client, target_date="2024-06-01")
    item = LearningItem.objects.get(user=alice)
    (reminder,) = reminders(item)
    assert reminder.kind == "learning_target"
    assert reminder.due_at == datetime(2024, 6, 1, 9, tzinfo=berlin)
    assert reminder.link == item.get_absolute_url()

    alice_client.post(
        reverse("growth:item_edit", args=[item.pk]),
        {"title": "Design course", "kind": "course", "target_date": "2024-06-10"},
    )

    (moved,) = reminders(item)
    assert moved.pk == reminder.pk
    assert moved.due_at == datetime(2024, 6, 10, 9, tzinfo=berlin)
    assert "Design course" in moved.title


def test_it_removes_the_reminder_when_the_date_is_cleared(alice_client, alice):
    add(alice_client, target_date="2024-06-01")
    item = LearningItem.objects.get(user=alice)

    alice_client.post(
        reverse("growth:item_edit", args=[item.pk]),
        {"title": "Design course", "kind": "course", "target_date": ""},
    )

    assert reminders(item) == []


def test_it_settles_the_reminder_when_the_item_is_done_and_reopens_it_if_not(alice_client, alice):
    add(alice_client, target_date="2024-06-01")
    item = LearningItem.objects.get(user=alice)
    url = reverse("growth:item_status", args=[item.pk])

    alice_client.post(url, {"status": "done"})

    item.refresh_from_db()
    (reminder,) = reminders(item)
    assert item.status == "done" and item.done_at is not None
    assert reminder.done_at is not None

    alice_client.post(url, {"status": "in_progress"})

    item.refresh_from_db()
    (reminder,) = reminders(item)
    assert item.done_at is None and reminder.done_at is None


def test_it_refuses_an_unknown_status(alice_client, alice):
    item = make_learning_item(alice)

    response = alice_client.post(reverse("growth:item_status", args=[item.pk]), {"status": "x"})

    assert response.status_code == 400
    assert "Choose planned, in progress or done." in response.content.decode()


def test_it_renders_typed_html_inert(alice_client, alice):
    item = make_learning_item(alice, title="<img src=x onerror=alert(1)>", notes="<i>n</i>")

    for url in (reverse("growth:skills"), item.get_absolute_url()):
        content = alice_client.get(url).content.decode()
        assert "<img src=x onerror=alert(1)>" not in content
        assert "&lt;img src=x onerror=alert(1)&gt;" in content


def test_it_removes_an_item_and_its_reminder(alice_client, alice):
    add(alice_client, target_date="2024-06-01")
    item = LearningItem.objects.get(user=alice)

    alice_client.post(reverse("growth:item_delete", args=[item.pk]))

    assert not LearningItem.objects.exists()
    assert not Reminder.objects.exists()


def test_it_shows_errors_on_the_gap_page_when_added_from_there(alice_client, alice):
    gap = make_skill_gap(alice, name="Kubernetes basics")

    response = add(alice_client, skill_gap=str(gap.pk), url="ftp://x.example/", from_gap="1")

    assert response.status_code == 400
    assert response.templates[0].name == "growth/skill_gap_detail.html"
    assert "starts with http:// or https://" in response.content.decode()


def test_it_returns_to_the_gap_after_adding_from_there(alice_client, alice):
    gap = make_skill_gap(alice)

    response = add(alice_client, skill_gap=str(gap.pk), from_gap="1")

    assert response.status_code == 302 and response.url == gap.get_absolute_url()


def test_the_plan_lists_dated_items_soonest_first_and_undated_ones_last(alice):
    undated = make_learning_item(alice, "Someday: read SICP")
    later = make_learning_item(alice, "Mock interview", target_date=date(2030, 5, 1))
    sooner = make_learning_item(alice, "SQL course", target_date=date(2030, 3, 1))
    assert list(LearningItem.objects.for_user(alice)) == [sooner, later, undated]


def test_the_skills_page_shows_the_plan_in_that_order_with_its_hours(alice_client, alice):
    make_learning_item(alice, "Someday: read SICP")
    make_learning_item(alice, "Mock interview", target_date=date(2030, 5, 1))
    make_learning_item(alice, "SQL course", target_date=date(2030, 3, 1))
    # The page sums the hours logged per item: a grouped query, which drops Meta.ordering.
    html = alice_client.get(reverse("growth:skills")).content.decode()
    positions = [html.index(t) for t in ("SQL course", "Mock interview", "Someday: read SICP")]
    assert positions == sorted(positions)
