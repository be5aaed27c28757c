"""Company names are compared by a normalised key; the normalisation learned accents, "&",
a leading "The" and more suffixes ("GmbH & Co. KG"), so the stored keys are computed again."""

import re
import unicodedata

from django.db import migrations

# A frozen copy of the app's company key as it was when this migration was written: a
# migration must not import app code, or a later change to the app would rewrite history.
LEGAL_SUFFIXES = {
    "inc", "incorporated", "ltd", "limited", "llc", "llp", "plc", "gmbh", "ag", "sa", "sas",
    "sarl", "bv", "nv", "srl", "spa", "oy", "ab", "as", "aps", "kg", "co", "corp",
    "corporation", "company", "pty", "pte", "kk", "se",
}  # fmt: skip


def company_key(name: str) -> str:
    """A company name reduced for matching: case, accents, punctuation, "&"/"and", a leading
    "The" and legal suffixes ignored ("The Acme Company, S.A." and "acme" match)."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    # Dots and apostrophes join ("S.A." is "sa", "O'Neil" is "oneil"); other punctuation splits.
    folded = re.sub(r"[.'’]", "", folded.replace("&", " and "))
    words = re.sub(r"[^\w\s]|_", " ", folded).split()
    if len(words) > 1 and words[0] == "the":
        words.pop(0)
    # "GmbH & Co. KG": the "and" left between two suffixes goes with them.
    while len(words) > 1 and (words[-1] in LEGAL_SUFFIXES or words[-1] == "and"):
        words.pop()
    # Normalising can lengthen a name ("&" becomes "and"); the key must fit its column.
    return " ".join(words)[:200]



def recompute(apps, schema_editor):
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
