# DraftTemplate now belongs to onward.core (see core's 0001): the debrief forgets it in Django's
# state only; the table stays where it is.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("debrief", "0001_debrief_lessons_mood_drafts"),
        ("core", "0001_drafttemplate_from_debrief"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="DraftTemplate")],
            database_operations=[],
        ),
    ]
