"""Fill the matching keys of contacts saved before they existed (name_key; the company key
rules grew too), so imports and "do I know anyone here?" match old contacts."""

from django.db import migrations


def fill(apps, schema_editor):
    from onward.network.models import name_key, normalise_linkedin
    from onward.pipeline.models import company_key

    Contact = apps.get_model("network", "Contact")
    batch = []
    for contact in Contact.objects.all().iterator(chunk_size=1000):
        contact.name_key = name_key(contact.name)
        contact.company_key = company_key(contact.company_name)
        contact.email = contact.email.strip().lower()
        contact.linkedin_url = normalise_linkedin(contact.linkedin_url)
        batch.append(contact)
        if len(batch) >= 1000:
            Contact.objects.bulk_update(batch, ["name_key", "company_key", "email", "linkedin_url"])
            batch = []
    if batch:
        Contact.objects.bulk_update(batch, ["name_key", "company_key", "email", "linkedin_url"])


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0004_crm_fields_tags_cadence"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
