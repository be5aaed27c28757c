"""What each feature asks the local model, built only from the text the feature names (the
page shows it before anything is sent)."""

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
