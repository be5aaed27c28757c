"""Demo debriefs for ``onward demo``: realistic, deterministic and safe to run again."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from onward.pipeline.models import Application, LossType, StageKind

from .models import Debrief, FeedbackState, Lesson
from .taxonomy import Habit, StageReached

# By how far the application got: (went well, to improve, stumped by, reason given, reason
# category, the line the user chose to share in a thank-you). Nothing here mentions a round
# the application never reached.
REFLECTIONS = {
    StageReached.APPLICATION: [
        ("The CV was tailored to the posting and sent within two days of it opening.",
         "The summary line still read like my last job, not this one.", "",
         "We received many strong applications and won't be taking yours further.",
         "stronger_candidate", ""),
        ("I applied through a referral this time.",
         "The cover note never said why this company; it could have gone anywhere.", "", "",
         "no_reason", ""),
    ],
    StageReached.SCREEN: [
        ("The recruiter call was friendly and my introduction stayed under two minutes.",
         "I hesitated when asked why I was leaving, and it showed.",
         "Why this role, and why now?",
         "The hiring team is looking for someone with more platform experience.",
         "experience", "how the platform team came together"),
        ("I had researched their product launches and it came up naturally.",
         "I gave my notice period as 'it depends' instead of a date.",
         "When could you start?", "", "no_reason", "your plans for the new market"),
    ],
    StageReached.TECHNICAL: [
        ("My migration stories landed and the pairing exercise felt collaborative.",
         "I rushed the design question and never asked about scale.",
         "How would you shard the events table once it outgrows one node?",
         "We've decided to go with a candidate with more distributed-systems experience.",
         "experience", "the way the team reviews designs together"),
        ("The take-home was solid and the reviewers said so.",
         "In the walkthrough of the take-home I got defensive about a trade-off.",
         "Why not use a queue here instead of polling?",
         "The team felt another candidate was a closer match for the role.",
         "stronger_candidate", "the discussion about the billing rewrite"),
    ],
    StageReached.FINAL: [
        ("Good rapport with the hiring manager; my questions about the roadmap landed.",
         "My salary answer was vague and came too late.",
         "What is the biggest mistake you made as a team lead?",
         "It was very close; the other finalist had led a larger team.",
         "experience", "your thoughts on growing the team next year"),
    ],
}  # fmt: skip

# Lessons by how far the application got: (text, category, what to do next time). Each is
# used once, so the Lessons page reads like a real person's notes, not a loop.
LESSONS = {
    StageReached.APPLICATION: [
        ("Tailor the first three lines of the CV to the posting, not just the skills list.",
         "preparation", "Rewrite the summary for every application."),
        ("Applications without a referral rarely got a reply.", "stronger_candidate",
         "Ask someone at the company before applying."),
        ("A cover note that names the company's problem gets read.", "motivation_fit",
         "One paragraph on why them, in their words."),
        ("Senior titles at small companies asked for more than I showed.", "experience",
         "Lead with the biggest team and budget I handled."),
        ("Applying on the first day the role opens seems to matter.", "preparation",
         "Check saved searches every morning."),
        ("Roles outside my time zone went nowhere.", "location",
         "Filter for EU hours before applying."),
        ("Generic job-board applications cost an hour each and returned nothing.",
         "other", "Spend that hour on one targeted application."),
    ],
    StageReached.SCREEN: [
        ("Have a one-sentence answer for why I'm leaving.", "motivation_fit",
         "Practise it aloud before every screen."),
        ("Say the notice period as a date, not a maybe.", "salary_logistics",
         "Put the date on the prep sheet."),
        ("Have a researched salary range ready and say it first.", "salary_logistics",
         "Check two salary surveys for each role."),
        ("Recruiters liked concrete numbers in my introduction.", "examples",
         "Open with one measurable result."),
    ],
    StageReached.TECHNICAL: [
        ("Ask about scale and constraints before drawing any design.", "problem_solving",
         "Open with three clarifying questions."),
        ("Defending a trade-off is fine; sounding defensive is not.", "communication",
         "Say what I'd change with more time before they ask."),
        ("Messaging patterns came up and I reached for polling.", "role_skills",
         "Review queues and event-driven designs."),
        ("Think out loud when stuck; silence read as being lost.", "communication",
         "Narrate the next step even when unsure."),
        ("My examples lacked results: what changed because of my work?", "examples",
         "Add a number to every story."),
        ("The live coding went better once I wrote tests first.", "role_skills",
         "Start every exercise with a failing test."),
        ("They probed on-call experience I barely had.", "skills_gap",
         "Volunteer for the incident rota at the meetup project."),
    ],
    StageReached.FINAL: [
        ("Final rounds weigh leadership stories more than technical ones.", "examples",
         "Prepare two stories about growing people."),
        ("Ask the final panel about the team's hardest problem this year.", "questions_asked",
         "Write three questions for each interviewer."),
        ("Close the final round by saying plainly that I want the job.", "motivation_fit",
         "End with one sentence on why this team."),
        ("Know the company's numbers before meeting the director.", "preparation",
         "Read the last annual report or funding news."),
    ],
}  # fmt: skip

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
        .order_by("stage_changed_at", "pk")
    )
    debriefs = []
    used: dict[str, int] = {}  # how many of each stage's reflections and lessons are taken
    for index, application in enumerate(lost):
        debrief = Debrief.open_for(
            application, flow=application.stage.loss_type, when=application.stage_changed_at
        )
        turn = used.get(debrief.stage_reached, 0)
        used[debrief.stage_reached] = turn + 1
        _fill(debrief, index % 3, turn, finish=index < 3)
        debriefs.append(debrief)
    return debriefs


def _fill(debrief: Debrief, variant: int, turn: int, *, finish: bool) -> None:
    stage = StageReached(debrief.stage_reached)
    reflections = REFLECTIONS[stage]
    went_well, to_improve, stumped_by, reason, category, shared = reflections[
        turn % len(reflections)
    ]
    if not (debrief.went_well or debrief.to_improve):
        debrief.save_reflection(
            ratings={key: max(1, value - (variant == 2)) for key, value in RATINGS.items()},
            went_well=went_well,
            to_improve=to_improve,
            stumped_by=stumped_by,
            thank_you_detail=shared,
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

    pool = LESSONS[stage]
    # One lesson each (two after an interview), never one already used for another debrief.
    count = 1 if stage in (StageReached.APPLICATION, StageReached.SCREEN) else 2
    mine = [pool[(turn * count + i) % len(pool)] for i in range(count)]
    for text, lesson_category, next_time in mine:
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
