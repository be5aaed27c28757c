# ApplicationContact (a person's part in one application) moves from the network app to the
# pipeline: applications link to people, never the reverse. Only Django's state moves: the table
# keeps its name (Meta.db_table) and its rows.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("pipeline", "0003_history_indexes"),
        ("network", "0005_fill_contact_keys"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ApplicationContact",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("role", models.CharField(choices=[("recruiter", "Recruiter"), ("hiring_manager", "Hiring manager"), ("interviewer", "Interviewer"), ("referrer", "Referrer")], max_length=20)),
                        ("application", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="contact_links", to="pipeline.application")),
                        ("contact", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="application_links", to="network.contact")),
                    ],
                    options={
                        "db_table": "network_applicationcontact",
                        "ordering": ["role", "contact__name"],
                        "constraints": [
                            models.UniqueConstraint(fields=("application", "contact", "role"), name="application_contact_unique_role")
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
