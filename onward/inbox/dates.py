"""The first date (and time, if given) an email mentions, in English, German, French or Spanish:
"Monday, 16 March 2026, 10:30", "March 11, 2026 2:00 PM", "17.03.2026 um 10:00 Uhr",
"le lundi 23 mars 2026 à 9h30", "el martes 17 de marzo a las 10:00". A date without a year is
the next one on or after the day the email came. Never raises on odd text.
"""

import re
import unicodedata
from datetime import date, datetime, time, tzinfo

MONTHS = {
    # English, German, French, Spanish (accents removed), full and short.
    "january": 1, "jan": 1, "januar": 1, "janvier": 1, "enero": 1,
    "february": 2, "feb": 2, "februar": 2, "fevrier": 2, "febrero": 2,
    "march": 3, "mar": 3, "marz": 3, "maerz": 3, "mars": 3, "marzo": 3,
    "april": 4, "apr": 4, "avril": 4, "abril": 4,
    "may": 5, "mai": 5, "mayo": 5,
    "june": 6, "jun": 6, "juni": 6, "juin": 6, "junio": 6,
    "july": 7, "jul": 7, "juli": 7, "juillet": 7, "julio": 7,
    "august": 8, "aug": 8, "aout": 8, "agosto": 8,
    "september": 9, "sep": 9, "sept": 9, "septembre": 9, "septiembre": 9,
    "october": 10, "oct": 10, "oktober": 10, "octobre": 10, "octubre": 10,
    "november": 11, "nov": 11, "novembre": 11, "noviembre": 11,
    "december": 12, "dec": 12, "dezember": 12, "decembre": 12, "diciembre": 12,
}  # fmt: skip
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|\.)?"
_YEAR = r"(?:,?\s+(?:de\s+)?(?P<year>20\d\d))?"
_DATE = re.compile(
    rf"\b{_DAY}\s+(?:de\s+)?(?P<month>{_MONTH})\.?\b{_YEAR}"  # 16 March 2026, 17 de marzo
    rf"|\b(?P<month2>{_MONTH})\.?\s+(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+(?P<year2>20\d\d))?"
    r"|\b(?P<nday>[0-3]?\d)[./](?P<nmonth>[01]?\d)[./](?P<nyear>20\d\d)\b"  # 17.03.2026
    r"|\b(?P<iyear>20\d\d)-(?P<imonth>[01]\d)-(?P<iday>[0-3]\d)\b"  # 2026-03-17
    r"|\b(?P<sday>[0-3]?\d)\.(?P<smonth>[01]?\d)\.(?!\d)"  # 17.03. (German, no year)
)
_TIME = re.compile(
    r"(?P<hour>[0-2]?\d)(?:[:.h](?P<minute>[0-5]\d))?\s*(?P<ampm>a\.?m\.?|p\.?m\.?)(?!\w)"
    r"|(?P<hour2>[0-2]?\d)[:.h](?P<minute2>[0-5]\d)(?!\d)"
    r"|(?P<hour3>[0-2]?\d)\s*(?:uhr|h)\b"
)
# How far after the date a time of day may be written ("16 March, 10:30", "... at 2.30pm").
TIME_WINDOW = 40


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if not unicodedata.combining(c))


def _day(match: re.Match[str], received: date) -> date | None:
    groups = match.groupdict()
    try:
        if groups["month"]:
            day, month, year = int(groups["day"]), MONTHS[groups["month"]], groups["year"]
        elif groups["month2"]:
            day, month, year = int(groups["day2"]), MONTHS[groups["month2"]], groups["year2"]
        elif groups["nmonth"]:
            day, month, year = int(groups["nday"]), int(groups["nmonth"]), groups["nyear"]
        elif groups["imonth"]:
            day, month, year = int(groups["iday"]), int(groups["imonth"]), groups["iyear"]
        else:
            day, month, year = int(groups["sday"]), int(groups["smonth"]), None
        if year is not None:
            return date(int(year), month, day)
        found = date(received.year, month, day)
        return found if found >= received else date(received.year + 1, month, day)
    except (ValueError, KeyError):  # 31 February, month 13
        return None


def _time(text: str) -> time | None:
    found = _TIME.search(text)
    if found is None:
        return None
    groups = found.groupdict()
    try:
        if groups["hour"] is not None:
            hour, minute = int(groups["hour"]), int(groups["minute"] or 0)
            if hour > 12:
                return None
            if groups["ampm"].startswith("p") and hour != 12:
                hour += 12
            elif groups["ampm"].startswith("a") and hour == 12:
                hour = 0
        elif groups["hour2"] is not None:
            hour, minute = int(groups["hour2"]), int(groups["minute2"])
        else:
            hour, minute = int(groups["hour3"]), 0
        return time(hour, minute)
    except ValueError:  # 25:00
        return None


def find_datetime(text: str, received: datetime, zone: tzinfo) -> datetime | None:
    """The first date the text names (with the time written near it, else 09:00), in ``zone``;
    None when it names no date. Dates before the email came are passed over."""
    folded = _fold(text)
    received_day = received.astimezone(zone).date()
    for match in _DATE.finditer(folded):
        day = _day(match, received_day)
        if day is None or day < received_day:
            continue
        at = _time(folded[match.end() : match.end() + TIME_WINDOW]) or time(9)
        return datetime.combine(day, at, tzinfo=zone)
    return None
