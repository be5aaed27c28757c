"""Demo debriefs for ``onward demo``: realistic, deterministic and safe to run again."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from onward.pipeline.models import Application, LossType, StageKind

from .models import Debrief, FeedbackState, Lesson
from .taxonomy import Habit

# (went well, to improve, stumped by, reason given, reason category)
REFLECTIONS = [
    (
        "My introduction was tight and I had two good stories about migrations.",
        "I rushed the system design question and never asked about scale.",
        "How would you shard the events table once it outgrows one node?",
        "We've decided to go with a candidate with more distributed-systems experience.",
        "experience",
    ),
    (
        "Good rapport with the hiring manager; my questions about the roadmap landed.",
        "My salary answer was vague; I named a range too late.",
        "What is the biggest mistake you made as a team lead?",
        "",
        "no_reason",
    ),
    (
        "The take-home was solid and the reviewers said so.",
        "In the debrief of the take-home I got defensive about a trade-off.",
        "Why not use a queue here instead of polling?",
        "The team felt another candidate was a closer match for the role.",
        "stronger_candidate",
    ),
]

# (text, category, what to do next time)
LESSONS = [
    [
        (
            "System design came up and I froze on scale questions.",
            "problem_solving",
            "Two mock design sessions before the next technical round.",
        ),
        (
            "Ask about the scale and constraints before drawing anything.",
            "communication",
            "Open with three clarifying questions.",
        ),
    ],
    [
        (
            "Have a salary range ready, researched, and say it first.",
            "salary_logistics",
            "Write the range on the prep sheet.",
        ),
    ],
    [
        (
            "Defending a trade-off is fine; sounding defensive is not.",
            "communication",
            "Say what I'd change with more time before they ask.",
        ),
        (
            "System design again: they wanted a queue, I reached for polling.",
            "problem_solving",
            "Review messaging patterns.",
        ),
    ],
]

FEEDBACK = [
    (
        FeedbackState.RECEIVED,
        "You were strong on the product side. The other finalist had run a similar "
        "platform at larger scale, and that tipped it.",
        "experience",
    ),
    (FeedbackState.DECLINED, "", ""),
    (FeedbackState.ASKED, "", ""),
]

CHECK_INS = [
    (2, 3, "Flat today. This one hurt more than I expected."),
    (3, 3, "Disappointed, but the notes make it feel useful."),
    (4, 4, "Fine. Already applying elsewhere."),
]

RATINGS = {
    "preparation": 4,
    "role_skills": 3,
    "problem_solving": 2,
    "communication": 3,
    "examples": 4,
    "motivation_fit": 4,
    "questions_asked": 3,
    "salary_logistics": 2,
}


@transaction.atomic
def add_demo_debriefs(user) -> list[Debrief]:
    """Debriefs for the user's rejected and ghosted applications: the first ones finished,
    the later ones in progress. Re-running changes nothing."""
    lost = (
        Application.objects.for_user(user)
        .filter(
            stage__kind=StageKind.LOST,
            stage__loss_type__in=[LossType.REJECTED, LossType.GHOSTED],
        )
        .select_related("stage")
        .order_by("pk")
    )
    debriefs = []
    for index, application in enumerate(lost):
        debrief = Debrief.open_for(
            application, flow=application.stage.loss_type, when=application.stage_changed_at
        )
        variant = index % 3
        _fill(debrief, variant, finish=index < 3)
        debriefs.append(debrief)
    return debriefs


def _fill(debrief: Debrief, variant: int, *, finish: bool) -> None:
    went_well, to_improve, stumped_by, reason, category = REFLECTIONS[variant]
    if not (debrief.went_well or debrief.to_improve):
        debrief.save_reflection(
            ratings={key: max(1, value - (variant == 2)) for key, value in RATINGS.items()},
            went_well=went_well,
            to_improve=to_improve,
            stumped_by=stumped_by,
        )
    if debrief.flow == LossType.REJECTED and not debrief.reason_category:
        debrief.reason_given = reason
        debrief.reason_category = category
        debrief.save(update_fields=["reason_given", "reason_category"])

    ended = timezone.localdate(debrief.ended_at)
    today = timezone.localdate()
    if debrief.flow == LossType.REJECTED and debrief.feedback_state == FeedbackState.NOT_ASKED:
        state, text, feedback_category = FEEDBACK[variant]
        contact = next(iter(debrief.interviewers()), None)
        debrief.record_feedback(
            FeedbackState.ASKED, on=min(ended + timedelta(days=1), today), contact=contact
        )
        if state != FeedbackState.ASKED:
            debrief.record_feedback(
                state,
                on=min(ended + timedelta(days=4), today),
                text=text,
                category=feedback_category,
            )
        if debrief.thank_you_sent_at is None:
            debrief.record_sent("thank_you", when=min(debrief.ended_at, timezone.now()))

    if debrief.flow == LossType.GHOSTED and debrief.status_check_sent_at is None:
        sent = min(debrief.ended_at + timedelta(days=1), timezone.now())
        debrief.record_sent("status_check", when=sent)

    for text, lesson_category, next_time in LESSONS[variant]:
        Lesson.objects.get_or_create(
            user=debrief.user,
            debrief=debrief,
            text=text,
            defaults={
                "category": lesson_category,
                "stage": debrief.stage_reached,
                "next_time": next_time,
                # Written a couple of days after the rejection, as a real debrief would be.
                "created_at": min(debrief.ended_at + timedelta(days=2), timezone.now()),
            },
        )
    debrief.mark_step_done(Habit.LEARN)

    mood, energy, note = CHECK_INS[variant]
    # Through the relation: the check-in model belongs to wellbeing, above this app.
    debrief.check_ins.get_or_create(
        user=debrief.user,
        note=note,
        defaults={"mood": mood, "energy": energy, "created_at": debrief.ended_at},
    )
    debrief.mark_step_done(Habit.STAY_POSITIVE)

    if finish:
        debrief.mark_step_done(Habit.KEEP_SEARCHING)
        debrief.complete(now=min(debrief.ended_at + timedelta(days=3), timezone.now()))
