"""The calendar feed's token is kept only as a SHA-256 digest. Existing addresses keep working:
each stored token is replaced by its digest, and the feed looks tokens up by digest."""

import hashlib

from django.db import migrations, models


def hash_tokens(apps, schema_editor):
    CalendarFeed = apps.get_model("reminders", "CalendarFeed")
    for feed in CalendarFeed.objects.exclude(token="").only("pk", "token").iterator():
        digest = hashlib.sha256(feed.token.encode()).hexdigest()
        CalendarFeed.objects.filter(pk=feed.pk).update(digest=digest)


class Migration(migrations.Migration):

    dependencies = [
        ("reminders", "0007_merge_0006_apply_by_kind_0006_calendar_feed_alarm"),
    ]

    operations = [
        migrations.AddField(
            model_name="calendarfeed",
            name="digest",
            field=models.CharField(editable=False, max_length=64, null=True, unique=True),
        ),
        # Not reversible: a digest cannot be turned back into its token.
        migrations.RunPython(hash_tokens, migrations.RunPython.noop, elidable=False),
        migrations.RemoveField(model_name="calendarfeed", name="token"),
    ]
