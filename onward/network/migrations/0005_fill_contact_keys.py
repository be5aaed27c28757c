"""Fill the matching keys of contacts saved before they existed (name_key; the company key
rules grew too), so imports and "do I know anyone here?" match old contacts."""

import re
import unicodedata
from urllib.parse import urlsplit

from django.db import migrations

# Frozen copies of the app's matching rules as they were when this migration was written: a
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


def name_key(name: str) -> str:
    """A person's name reduced for matching: case, accents and spacing ignored."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    return " ".join("".join(c for c in folded if not unicodedata.combining(c)).split())[:200]


def normalise_linkedin(url: str) -> str:
    """One spelling per LinkedIn profile: https, www host, lower case, no query or slash."""
    url = url.strip()
    if not url:
        return ""
    parts = urlsplit(url if "://" in url else f"https://{url}")
    host = (parts.hostname or "").lower()
    if not (host == "linkedin.com" or host.endswith(".linkedin.com")):
        return url
    path = re.sub(r"/+", "/", parts.path).rstrip("/").lower()
    return f"https://www.linkedin.com{path}"



def fill(apps, schema_editor):
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
