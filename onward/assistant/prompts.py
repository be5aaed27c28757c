"""What each feature asks the local model, built only from the text the feature names (the
page shows it before anything is sent)."""

from onward.inbox.classify import (
    ACKNOWLEDGEMENT,
    ASSESSMENT,
    INTERVIEW,
    KINDS,
    OFFER,
    OTHER,
    REJECTION,
)

from .llm import Prompt

LESSON = (
    "You help a job seeker learn from an application that did not work out. From their own "
    "reflection below, write ONE lesson they can act on next time: a single sentence in the "
    "first person, under 250 characters, specific, kind and practical. Reply with the sentence "
    "only."
)

POLISH = (
    "You edit a short email a job seeker wrote. Keep its facts, names, dates and meaning; do "
    "not invent anything. Make it {tone} and {length}.{extra} Reply with the email body only, "
    "no subject line and no commentary."
)
TONES = {
    "warmer": "warmer and more personal",
    "formal": "more formal",
    "confident": "more confident, without overstating",
    "same": "keep its tone",
}
LENGTHS = {"shorter": "shorter", "same": "about the same length", "longer": "a little fuller"}


def lesson_prompt(debrief) -> Prompt:
    """The debrief's reflection (the user's own words, sent to the user's own model)."""
    parts = [
        ("The role", str(debrief.application)),
        ("How far I got", debrief.get_stage_reached_display()),
        ("What went well", debrief.went_well),
        ("What to improve", debrief.to_improve),
        ("Questions that stumped me", debrief.stumped_by),
        ("The reason they gave", debrief.reason_given),
    ]
    return Prompt(LESSON, "\n".join(f"{label}: {text.strip()}" for label, text in parts if text))


def has_reflection(debrief) -> bool:
    return any((debrief.went_well, debrief.to_improve, debrief.stumped_by, debrief.reason_given))


def polish_prompt(body: str, tone: str, length: str, extra: str = "") -> Prompt:
    """The draft's text as the user edited it, and what the user typed to add: nothing else
    (no notes, reflections or ratings: the draft is for someone else)."""
    addition = (
        f" Work in this point the writer wants to make, in their voice: {extra.strip()}"
        if extra.strip()
        else ""
    )
    instruction = POLISH.format(tone=TONES[tone], length=LENGTHS[length], extra=addition)
    return Prompt(instruction, body.strip())


POSTING = (
    "You read the text of a job posting page and fill in a job-application tracker. Reply with "
    "one JSON object only, with these keys: "
    '"title" (the role\'s title), "company" (the hiring company\'s name), "location" (where the '
    'job is, as the text says it), "work_mode" ("remote", "hybrid" or "onsite"), "salary_min" '
    'and "salary_max" (plain numbers), "salary_currency" (a three-letter ISO 4217 code such as '
    'EUR or USD), "salary_period" ("HOUR", "DAY", "WEEK", "MONTH" or "YEAR"), "deadline" (the '
    "last day to apply, as YYYY-MM-DD). Use null for anything the text does not say: do not "
    "guess and do not invent."
)


def posting_prompt(page_text: str, url: str = "") -> Prompt:
    """The page's visible text as it was read (and its address, when known): the user's own
    material, nothing else of theirs."""
    address = f"Page address: {url}\n\n" if url else ""
    return Prompt(POSTING, address + page_text.strip(), json_answer=True)


# What each of the inbox classifier's kinds means, in the model's words.
KIND_MEANINGS = {
    REJECTION: "they will not go ahead with the application",
    INTERVIEW: "an invitation to an interview, or arranging one",
    ACKNOWLEDGEMENT: "confirms that the application was received",
    OFFER: "a job offer",
    ASSESSMENT: "a test, exercise or take-home task to complete",
    OTHER: "anything else (a newsletter, a job alert, a recruiter's first message...)",
}

EMAIL_KIND = (
    "You sort the emails a job seeker receives about their applications. Say which one kind "
    "the email below is: {kinds}. Reply with one JSON object only: "
    '{{"kind": "<one of: {names}>", "reason": "<one short sentence saying why>"}}.'
)


def email_kind_prompt(signal) -> Prompt:
    """The email as Onward keeps it (the sender, the subject, the start of its text): nothing
    of the application or the contact it matched (their notes stay here)."""
    kinds = "; ".join(f'"{kind}" ({KIND_MEANINGS[kind]})' for kind in KINDS)
    instruction = EMAIL_KIND.format(kinds=kinds, names=", ".join(KINDS))
    sender = (
        f"{signal.from_name} <{signal.from_address}>" if signal.from_name else signal.from_address
    )
    lines = [f"From: {sender}", f"Subject: {signal.subject}", "", signal.snippet.strip()]
    return Prompt(instruction, "\n".join(lines).strip(), json_answer=True)
