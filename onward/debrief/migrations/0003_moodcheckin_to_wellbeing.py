# MoodCheckIn now belongs to wellbeing (see its 0002): the debrief forgets it in Django's state
# only; the table stays where it is.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("debrief", "0002_drafttemplate_to_core"),
        ("wellbeing", "0002_moodcheckin_from_debrief"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="MoodCheckIn")],
            database_operations=[],
        ),
    ]
