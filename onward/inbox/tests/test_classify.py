"""The classifier: six kinds in four languages, measured on the held-out corpus."""

import string
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onward.inbox.classify import KINDS, UNSURE_BELOW, classify, classify_text
from onward.inbox.corpus import load
from onward.inbox.models import SignalKind
from onward.inbox.parsing import parse_message

FETCHED = datetime(2026, 3, 11, tzinfo=UTC)


def figures(split: str) -> tuple[dict[str, tuple[float, float]], float]:
    """Precision and recall per kind, and accuracy, going from raw bytes as a check does."""
    pairs = []
    for i, sample in enumerate(load(split)):
        parsed = parse_message(sample.as_bytes(i), fetched_at=FETCHED)
        assert parsed is not None
        pairs.append((sample.kind, classify(parsed.subject, parsed.text)))
    per_kind = {}
    for kind in KINDS:
        hits = sum(1 for want, got in pairs if want == got == kind)
        predicted = sum(1 for _, got in pairs if got == kind) or 1
        actual = sum(1 for want, _ in pairs if want == kind) or 1
        per_kind[kind] = (hits / predicted, hits / actual)
    return per_kind, sum(1 for want, got in pairs if want == got) / len(pairs)


def test_the_corpus_is_big_enough_in_every_language_and_kind():
    samples = load("train") + load("test")
    assert len(samples) >= 400
    assert {s.language for s in samples} == {"en", "de", "fr", "es"}
    assert {s.kind for s in samples} == set(KINDS)
    assert len(load("test")) >= 100
    # No email is in both parts.
    assert not {s.body for s in load("train")} & {s.body for s in load("test")}


def test_on_the_held_out_emails_it_meets_the_targets():
    """The issue's targets (rejections 0.90, interviews 0.85, accuracy 0.85) as a floor; the
    figures at the time of writing are in bench/README.md."""
    per_kind, accuracy = figures("test")
    assert per_kind["rejection"][0] >= 0.90 and per_kind["rejection"][1] >= 0.90
    assert per_kind["interview"][0] >= 0.85 and per_kind["interview"][1] >= 0.85
    assert accuracy >= 0.85


def test_on_the_emails_it_was_written_against_it_is_nearly_perfect():
    per_kind, accuracy = figures("train")
    assert accuracy >= 0.95
    assert min(min(pair) for pair in per_kind.values()) >= 0.85


@pytest.mark.parametrize(
    "subject, body",
    [
        ("Update", "We've decided to move ahead with candidates whose experience is a closer fit."),
        ("Your application", "The position has been filled internally."),
        ("Role update", "We have paused hiring for this role. We'll keep your CV on file."),
        ("Ihre Bewerbung", "Leider können wir Ihre Bewerbung nicht berücksichtigen."),
        ("Ihre Bewerbung", "Die Stelle wurde inzwischen anderweitig besetzt."),
        ("Votre candidature", "Nous ne pourrons pas donner suite à votre candidature."),
        ("Candidature", "Votre candidature n'a pas été retenue."),
        ("Tu candidatura", "No continuaremos con tu candidatura para este puesto."),
    ],
)
def test_it_recognises_soft_and_foreign_rejections(subject, body):
    assert classify(subject, body) == SignalKind.REJECTION


@pytest.mark.parametrize(
    "subject, body",
    [
        ("Payment failed", "Unfortunately we could not charge your card for your subscription."),
        ("Bouncing back", "Read our article on handling rejection. Unsubscribe."),
        ("Saved job", "A job you saved is no longer accepting applications. Similar jobs below."),
        ("Your talk", "Unfortunately the program committee could not accept your talk."),
        ("Reference request", "Sam listed you as a reference for a role. Could we call?"),
    ],
)
def test_look_alikes_are_not_rejections(subject, body):
    assert classify(subject, body) == SignalKind.OTHER


def test_an_interviewer_rescheduling_is_about_an_interview_not_a_rejection():
    body = "Sorry, I need to reschedule our interview tomorrow. Would Friday at 10:00 work?"
    assert classify("Our call", body) == SignalKind.INTERVIEW


def test_each_other_kind():
    assert (
        classify("Thanks for applying", "We have received your application.") == "acknowledgement"
    )
    assert (
        classify("Offer", "We are delighted to offer you the role. Offer letter attached.")
        == "offer"
    )
    assert (
        classify("Next step", "Please complete the take-home exercise by 18 March.") == "assessment"
    )


def test_a_thin_message_is_uncertain_and_a_clear_one_is_not():
    clear = classify_text(
        "Your application to Acme",
        "Unfortunately we have decided not to move forward with your application.",
    )
    assert clear.kind == "rejection" and not clear.uncertain
    thin = classify_text("Re: Backend role", "Unfortunately I can't make Tuesday.")
    assert thin.uncertain and thin.confidence < UNSURE_BELOW


def test_the_kinds_are_the_models():
    assert set(KINDS) == set(SignalKind.values)


@given(st.text(), st.text())
def test_it_never_raises_and_is_deterministic(subject, body):
    verdict = classify_text(subject, body)
    assert verdict.kind in KINDS and 0 <= verdict.confidence <= 1
    assert classify_text(subject, body) == verdict


ascii_text = st.text(alphabet=string.printable, max_size=200)


@given(
    ascii_text, st.sampled_from(["not moving forward", "interview", "offer letter", ""]), ascii_text
)
def test_case_does_not_matter(before, phrase, after):
    text = f"{before} {phrase} {after}"
    assert classify(text.upper()) == classify(text.lower()) == classify(text.swapcase())
