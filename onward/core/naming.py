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


# Honorifics and titles that may open a person's name ("Dr. Elena Rossi"). Compared without
# the dot and case-insensitively.
TITLES = {
    "dr", "prof", "professor", "mr", "mrs", "ms", "miss", "mx", "sir", "dame", "lady", "lord",
    "rev", "fr", "herr", "frau", "mme", "mlle", "sr", "sra", "srta", "dott", "dottssa",
    "ing", "mag",
}  # fmt: skip


def _is_title(word: str) -> bool:
    return word.rstrip(".").casefold() in TITLES


def greeting_name(name: str) -> str:
    """How a draft greets someone: their first name ("Dr. Elena Rossi" is "Elena"), or their
    title with the surname when that is all that is known ("Dr. Rossi"), never a title alone.
    Empty when the name gives nothing to greet (the draft then says "Hi there")."""
    words = name.split()
    titles = []
    while words and _is_title(words[0]):
        titles.append(words.pop(0))
    if not words:
        return ""
    if len(words) == 1 and titles:
        return f"{titles[-1]} {words[0]}"
    return words[0]
