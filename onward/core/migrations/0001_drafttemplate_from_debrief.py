# DraftTemplate moves from the debrief app to the bottom layer (the drafting machinery lives
# there, so the network's drafts can use it too). Only Django's state moves: the table keeps
# its name (Meta.db_table) and its rows.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("debrief", "0001_debrief_lessons_mood_drafts"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="DraftTemplate",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("kind", models.CharField(max_length=40)),
                        ("subject", models.CharField(max_length=200)),
                        ("body", models.TextField()),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "db_table": "debrief_drafttemplate",
                        "ordering": ["kind"],
                        "constraints": [
                            models.UniqueConstraint(fields=("user", "kind"), name="draft_template_unique_kind")
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
