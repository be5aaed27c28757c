# ApplicationContact now belongs to the pipeline (see its 0004): the network forgets it in
# Django's state only; the table stays where it is.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0005_fill_contact_keys"),
        ("pipeline", "0004_applicationcontact_from_network"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ApplicationContact")],
            database_operations=[],
        ),
    ]
