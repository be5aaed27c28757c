# MoodCheckIn moves from the debrief app to wellbeing, where mood belongs. Only Django's state
# moves: the table keeps its name (Meta.db_table) and its rows.

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("wellbeing", "0001_wins_and_burnout_guard"),
        ("debrief", "0002_drafttemplate_to_core"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="MoodCheckIn",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("mood", models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(5)])),
                        ("energy", models.PositiveSmallIntegerField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(5)])),
                        ("note", models.TextField(blank=True)),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                        ("debrief", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="check_ins", to="debrief.debrief")),
                        ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "db_table": "debrief_moodcheckin",
                        "ordering": ["-created_at", "-pk"],
                        "constraints": [
                            models.CheckConstraint(condition=models.Q(("mood__gte", 1), ("mood__lte", 5)), name="mood_check_in_mood_range"),
                            models.CheckConstraint(condition=models.Q(("energy__isnull", True), models.Q(("energy__gte", 1), ("energy__lte", 5)), _connector="OR"), name="mood_check_in_energy_range"),
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
