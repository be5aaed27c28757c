"""Private by design, over every kind of draft: a private sentence planted in every private
field (interview notes and questions, reflections, the reason, the feedback, lessons, step
notes, mood and win notes, application, company and contact notes) never reaches a draft,
whoever it goes to and wherever the application stands. Only the line the user chose to share
does. A kind of draft registered without being covered here fails the coverage test."""

import itertools

import pytest
from django.urls import reverse

from onward.core.drafts import DRAFT_KINDS
from onward.debrief import personalise
from onward.debrief.models import Debrief, FeedbackState
from onward.pipeline import support_drafts
from onward.pipeline.closeout import CLOSE_OUT_KINDS
from onward.pipeline.models import Note
from onward.testing import (
    link_contact,
    make_application,
    make_check_in,
    make_company,
    make_contact,
    make_interview,
    make_lesson,
    make_win,
    move,
)

pytestmark = pytest.mark.django_db

DEBRIEF_KINDS = [
    "thank_you",
    "feedback_request",
    "feedback_follow_up",
    "feedback_thanks",
    "status_check",
    "closing_note",
]
SUPPORT_KINDS = support_drafts.NETWORK_KINDS + CLOSE_OUT_KINDS
SHARED = "your plan to rebuild the onboarding flow"
_markers = itertools.count(1)


def secret(field: str) -> str:
    """A private sentence nobody else would write, naming the field it was planted in."""
    return f"PRIVATE-{field}-{next(_markers):04d}: stumbled on caching, Jonas was cold"


def test_it_covers_every_kind_of_draft():
    assert set(DRAFT_KINDS) == set(DEBRIEF_KINDS) | set(SUPPORT_KINDS)


@pytest.fixture
def planted(alice):
    """A final-round rejection at a company where Alice also knows a friend, with every
    private field filled with a marked sentence. Returns (debrief, people, markers)."""
    markers = []

    def plant(field):
        text = secret(field)
        markers.append(text)
        return text

    company = make_company(alice, "Nordlicht Studio", notes=plant("company.notes"))
    application = make_application(
        alice, "Interviewing", company=company, title="Senior product designer",
        notes=plant("application.notes"),
    )  # fmt: skip
    jonas = make_contact(
        alice, "Dr. Jonas Weber", email="jonas@nordlicht.example", company_name=company.name,
        notes=plant("contact.notes"), how_we_met=plant("contact.how_we_met")[:300],
    )  # fmt: skip
    recruiter = make_contact(alice, "Lea Brandt", email="lea@nordlicht.example")
    link_contact(application, jonas, "hiring_manager")
    link_contact(application, recruiter, "recruiter")
    make_interview(
        application, round_name="Final round", kind="final", interviewers=[jonas],
        notes=plant("interview.notes"), questions=plant("interview.questions"), self_rating=2,
    )  # fmt: skip
    Note.objects.create(application=application, body=plant("note.body"))
    move(application, "Final round")
    move(application, "Rejected")
    debrief = Debrief.objects.get(application=application)
    debrief.save_reflection(
        ratings={"communication": 2},
        went_well=plant("debrief.went_well"),
        to_improve=plant("debrief.to_improve"),
        stumped_by=plant("debrief.stumped_by"),
    )
    debrief.reason_given = plant("debrief.reason_given")
    debrief.save(update_fields=["reason_given"])
    debrief.record_feedback(FeedbackState.ASKED, on=debrief.ended_at.date(), contact=jonas)
    debrief.step("reflect").set_state("done", notes=plant("step.notes"))
    make_lesson(debrief, text=plant("lesson.text"), next_time=plant("lesson.next_time"))
    make_check_in(alice, debrief=debrief, note=plant("mood.note"))
    make_win(alice, note=plant("win.note"))
    friend = make_contact(
        alice, "Sam Okafor", email="sam@nordlicht.example", company_name=company.name,
        relationship="friend", support_circle=True, notes=plant("friend.notes"),
    )  # fmt: skip
    return debrief, [jonas, recruiter, None], friend, markers


def assert_private(text: str, markers: list[str]) -> None:
    assert "PRIVATE-" not in text, text
    for marker in markers:
        assert marker not in text


def every_debrief_draft(debrief, people):
    for kind in DEBRIEF_KINDS:
        for person in people:
            yield kind, personalise.make_draft(debrief, kind, person)


def test_no_debrief_draft_quotes_a_private_field(planted):
    debrief, people, _, markers = planted
    drafted = list(every_debrief_draft(debrief, people))
    assert len(drafted) == len(DEBRIEF_KINDS) * len(people)
    for _, draft in drafted:
        assert_private(draft.subject + draft.body + draft.to_name, markers)


def test_no_draft_quotes_private_text_even_once_feedback_came_back(planted):
    debrief, people, _, markers = planted
    debrief.record_feedback(
        FeedbackState.RECEIVED, on=debrief.ended_at.date(), text=secret("feedback_text")
    )
    markers.append(debrief.feedback_text)
    assert "feedback_thanks" in debrief.draft_kinds
    for _, draft in every_debrief_draft(debrief, people):
        assert_private(draft.subject + draft.body, markers)


def test_only_the_shared_line_reaches_the_thank_you(planted):
    debrief, people, _, markers = planted
    debrief.thank_you_detail = SHARED
    debrief.save(update_fields=["thank_you_detail"])
    draft = personalise.make_draft(debrief, "thank_you", people[0])
    assert SHARED in draft.body  # the control: a planted line that is shared does show
    assert_private(draft.body, markers)


@pytest.mark.parametrize("stage_name", ["Wishlist", "Applied", "Interviewing", "Offer", None])
def test_no_support_draft_quotes_a_private_field(planted, stage_name):
    """Advice and referral drafts, for every standing at the friend's company."""
    debrief, _, friend, markers = planted
    user = friend.user
    application = None
    if stage_name:
        application = make_application(
            user, stage_name, company=debrief.application.company,
            title="Design lead", notes=secret("application.notes"),
        )  # fmt: skip
        make_interview(application, notes=secret("interview.notes"))
        markers.extend([application.notes, application.interviews.get().notes])
    for kind in SUPPORT_KINDS:
        draft = support_drafts.make_draft(friend, kind, application)
        assert draft.body.strip()
        assert_private(draft.subject + draft.body, markers)


def test_no_draft_page_shows_a_private_field(client, planted):
    """The pages themselves (what the user copies or sends) hold nothing private either."""
    debrief, people, friend, markers = planted
    client.force_login(debrief.user)
    for kind in debrief.draft_kinds:
        for person in people[:2]:
            url = reverse("debrief:debrief_draft", args=[debrief.pk, kind])
            response = client.get(url, {"contact": person.pk})
            assert response.status_code == 200
            form = response.context["form"]
            assert_private(str(form.initial) + response.context["mailto"], markers)
    for kind in SUPPORT_KINDS:
        response = client.get(reverse("pipeline:contact_draft", args=[friend.pk, kind]))
        assert response.status_code == 200
        assert_private(response.content.decode(), markers)
