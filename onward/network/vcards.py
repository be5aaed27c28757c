"""vCard (.vcf): contacts out as vCard 3.0, and cards in from any address book (vobject).

A file is split into cards by their BEGIN:VCARD / END:VCARD lines before vobject reads each
one, so one broken card is reported by number and the others still import.
"""

from collections.abc import Callable, Iterable, Iterator

import vobject

from .importing import ImportReport, Record, read_lines, run_import
from .models import Contact

# A card longer than this is not a contact card (a huge embedded photo, or garbage).
MAX_CARD_CHARS = 256 * 1024


# --- Export -------------------------------------------------------------------------------


def split_name(name: str) -> tuple[str, str]:
    """(given, family): the last word is the family name, as a best guess."""
    words = name.split()
    if len(words) < 2:
        return name, ""
    return " ".join(words[:-1]), words[-1]


def contact_card(contact: Contact, tags: Iterable[str] = ()) -> str:
    """One contact as a vCard 3.0 (CRLF line ends, folded as the standard asks)."""
    card = vobject.vCard()
    card.add("uid").value = f"contact-{contact.pk}@onward"
    card.add("fn").value = contact.name
    given, family = split_name(contact.name)
    card.add("n").value = vobject.vcard.Name(family=family, given=given)
    if contact.email:
        email = card.add("email")
        email.value = contact.email
        email.type_param = "INTERNET"
    if contact.phone:
        card.add("tel").value = contact.phone
    if contact.company_name:
        card.add("org").value = [contact.company_name]
    if contact.title:
        card.add("title").value = contact.title
    if contact.linkedin_url:
        card.add("url").value = contact.linkedin_url
    if contact.notes:
        card.add("note").value = contact.notes
    tags = [t for t in tags if t]
    if tags:
        card.add("categories").value = list(tags)
    return card.serialize()


def export_cards(contacts: Iterable[Contact]) -> Iterator[str]:
    """vCards for ``contacts`` (each with its tags prefetched), one after the other."""
    for contact in contacts:
        yield contact_card(contact, [t.name for t in contact.tags.all()])


# --- Import -------------------------------------------------------------------------------


def split_cards(lines: Iterable[str], report: ImportReport) -> Iterator[tuple[int, int, str]]:
    """(card number, first line, text) for each BEGIN:VCARD … END:VCARD in ``lines``."""
    number = depth = start = size = 0
    parts: list[str] = []
    too_big = False
    for line_no, line in enumerate(lines, 1):
        word = line.strip().upper().replace(" ", "")
        if depth == 0:
            if word == "BEGIN:VCARD":
                number += 1
                depth, start, parts, size, too_big = 1, line_no, [line], len(line), False
            continue
        if word == "BEGIN:VCARD":
            depth += 1
        elif word == "END:VCARD":
            depth -= 1
        if not too_big:
            parts.append(line)
            size += len(line)
            if size > MAX_CARD_CHARS:
                too_big, parts = True, []
        if depth == 0:
            if too_big:
                report.skip(number, f"the card starting on line {start} is too large to read")
            else:
                yield number, start, "".join(parts)
    if depth:
        report.skip(number, f"the card starting on line {start} has no END:VCARD")


def text(value) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(text(v) for v in value if text(v))
    return str(value or "").strip()


def first_value(card, name: str, prefer: str = "") -> str:
    entries = card.contents.get(name, [])
    if prefer:
        entries = sorted(entries, key=lambda e: prefer not in _types(e))
    for entry in entries:
        value = text(entry.value)
        if value:
            return value
    return ""


def _types(entry) -> set[str]:
    types = entry.params.get("TYPE", [])
    return {part.strip().lower() for t in types for part in str(t).split(",")}


def card_record(number: int, card) -> Record:
    name = first_value(card, "fn")
    if not name and "n" in card.contents:
        n = card.n.value
        parts = [getattr(n, key, "") for key in ("prefix", "given", "additional", "family")]
        name = " ".join(text(p) for p in parts if text(p))
    org = ""
    for entry in card.contents.get("org", []):
        value = entry.value
        org = text(value[0] if isinstance(value, list) and value else value)
        if org:
            break
    linkedin = ""
    for key in ("url", "x-socialprofile"):
        for entry in card.contents.get(key, []):
            value = text(entry.value)
            if "linkedin." in value.lower():
                linkedin = value
                break
        if linkedin:
            break
    tags: list[str] = []
    for entry in card.contents.get("categories", []):
        value = entry.value
        tags.extend(text(v) for v in (value if isinstance(value, list) else str(value).split(",")))
    return Record(
        row=number,
        name=name,
        email=first_value(card, "email", prefer="pref"),
        phone=first_value(card, "tel", prefer="pref"),
        linkedin_url=linkedin,
        company_name=org,
        title=first_value(card, "title"),
        notes=first_value(card, "note"),
        tags=tags,
    )


def read_cards(binary, report: ImportReport, progress=None) -> Iterator[Record]:
    found = 0
    for number, start, chunk in split_cards(read_lines(binary, progress), report):
        found += 1
        try:
            card = vobject.readOne(chunk, ignoreUnreadable=False)
            record = card_record(number, card)
        except Exception as exc:  # noqa: BLE001 - vobject raises many kinds on bad input
            reason = " ".join(str(exc).split())[:120] or exc.__class__.__name__
            report.skip(number, f"the card starting on line {start} could not be read ({reason})")
            continue
        yield record
    if not found and not report.skipped_count:
        report.error = "No vCards were found in the file (each starts with BEGIN:VCARD)."


def import_vcards(user, binary, progress: Callable[[int], None] | None = None) -> ImportReport:
    """Import a .vcf file (an open binary file) for ``user``; see importing.py."""
    report = ImportReport(what="card", layout="vCard")
    return run_import(user, read_cards(binary, report, progress), report)
