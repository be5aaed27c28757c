import string

from hypothesis import given
from hypothesis import strategies as st

from onward.inbox.classify import INTERVIEW_PHRASES, REJECTION_PHRASES, classify
from onward.inbox.models import SignalKind


def test_it_recognises_a_rejection():
    assert classify("Your application to Acme", "We will not be moving forward.") == "rejection"
    assert classify("Update", "We decided to proceed with other candidates.") == "rejection"
    assert classify("UNFORTUNATELY", "") == SignalKind.REJECTION


def test_a_rejection_after_interviews_is_still_a_rejection():
    body = "Thank you for interviewing with us. Unfortunately we chose another candidate."
    assert classify("Your interview", body) == SignalKind.REJECTION


def test_it_recognises_an_invitation_to_talk():
    assert classify("Interview with Acme", "") == SignalKind.INTERVIEW
    assert classify("Next steps", "Could you send me your availability?") == SignalKind.INTERVIEW
    assert classify("Re: hi", "Let's schedule a call.") == SignalKind.INTERVIEW


def test_anything_else_is_a_reply():
    assert classify("Re: your question", "Happy to help, here is the link.") == SignalKind.REPLY
    assert classify("", "") == SignalKind.REPLY


def test_a_word_inside_another_does_not_count():
    assert classify("Reschedules", "") == SignalKind.REPLY  # not "schedule"


@given(st.text(), st.text())
def test_it_never_raises(subject, body):
    assert classify(subject, body) in SignalKind.values


ascii_text = st.text(alphabet=string.printable, max_size=200)


@given(ascii_text, st.sampled_from(REJECTION_PHRASES + INTERVIEW_PHRASES + ("",)), ascii_text)
def test_case_does_not_matter(before, phrase, after):
    text = f"{before} {phrase} {after}"
    assert classify(text.upper()) == classify(text.lower()) == classify(text.swapcase())
