"""Names reduced for matching, shared by the apps that compare company names."""

import re
import unicodedata

# Legal-form words dropped when comparing company names ("Acme, Inc." is "acme").
LEGAL_SUFFIXES = {
    "inc", "incorporated", "ltd", "limited", "llc", "llp", "plc", "gmbh", "ag", "sa", "sas",
    "sarl", "bv", "nv", "srl", "spa", "oy", "ab", "as", "aps", "kg", "co", "corp",
    "corporation", "company", "pty", "pte", "kk", "se",
}  # fmt: skip

COMPANY_KEY_LENGTH = 200


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
    return " ".join(words)[:COMPANY_KEY_LENGTH]
