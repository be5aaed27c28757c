"""Tell what kind of message a matched email is, from a few phrases in its subject and text.

Deliberately small and predictable: a rejection is looked for first (a rejection often thanks
you "for interviewing"), then an invitation to talk; anything else is a reply. The user always
decides what to do with it.
"""

import re

from .models import SignalKind

# Phrases as written in lower case; the text is case-folded and its spacing collapsed first.
REJECTION_PHRASES = (
    "not moving forward",
    "not be moving forward",
    "not to move forward",
    "won't be moving forward",
    "will not be progressing",
    "not progressing",
    "decided to proceed with other",
    "decided to pursue other",
    "other candidates",
    "another candidate",
    "unfortunately",
    "regret to inform",
    "we regret",
    "position has been filled",
    "role has been filled",
    "not been successful",
    "were unsuccessful",
    "not selected",
    "no longer under consideration",
    "closer match",
)
INTERVIEW_PHRASES = (
    "interview",
    "schedule",
    "availability",
    "available times",
    "book a time",
    "calendly",
    "phone screen",
    "meet the team",
    "next round",
    "next step",
    "set up a call",
    "time to chat",
)


def normalise(text: str) -> str:
    return " ".join(text.casefold().replace("’", "'").split())


def _contains_any(text: str, phrases: tuple[str, ...]) -> bool:
    return any(re.search(rf"(?<!\w){re.escape(p)}", text) for p in phrases)


def classify(subject: str, body: str = "") -> SignalKind:
    """``rejection``, ``interview`` or ``reply`` for a message with this subject and text."""
    text = normalise(f"{subject}\n{body}")
    if _contains_any(text, REJECTION_PHRASES):
        return SignalKind.REJECTION
    if _contains_any(text, INTERVIEW_PHRASES):
        return SignalKind.INTERVIEW
    return SignalKind.REPLY
