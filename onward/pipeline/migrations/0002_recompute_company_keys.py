"""Company names are compared by a normalised key; the normalisation learned accents, "&",
a leading "The" and more suffixes ("GmbH & Co. KG"), so the stored keys are computed again."""

from django.db import migrations


def recompute(apps, schema_editor):
    from onward.pipeline.models import company_key

    Company = apps.get_model("pipeline", "Company")
    taken = set(Company.objects.values_list("user_id", "name_key"))
    for company in Company.objects.order_by("pk").iterator():
        key = company_key(company.name)
        # Two companies whose names now read the same keep their old keys rather than clash;
        # the user can merge them by hand.
        if key != company.name_key and (company.user_id, key) not in taken:
            taken.discard((company.user_id, company.name_key))
            taken.add((company.user_id, key))
            company.name_key = key
            company.save(update_fields=["name_key"])


class Migration(migrations.Migration):
    dependencies = [("pipeline", "0001_initial")]

    operations = [migrations.RunPython(recompute, migrations.RunPython.noop)]
