from django.contrib.auth import get_user_model
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse

from onward.core.reminders.models import CalendarFeed

BEFORE = ("reminders", "0007_merge_0006_apply_by_kind_0006_calendar_feed_alarm")


def test_calendar_addresses_from_before_hashing_keep_working(transactional_db):
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE])
    old_apps = executor.loader.project_state([BEFORE]).apps
    user = get_user_model().objects.create_user(username="sam", password="x")
    token = "an-old-plain-text-token-of-the-usual-length-1234"
    old_apps.get_model("reminders", "CalendarFeed").objects.create(user_id=user.pk, token=token)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    feed = CalendarFeed.objects.get(user=user)
    assert feed.has_address and token not in feed.digest
    assert CalendarFeed.for_token(token) == feed
    response = Client().get(reverse("reminders:calendar_feed", args=[token]))
    assert response.status_code == 200 and b"BEGIN:VCALENDAR" in response.content
