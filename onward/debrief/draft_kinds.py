"""The debrief's kinds of draft: thanks after a rejection, asking for feedback (and following
it up, and thanking for it), a status check and a closing note when nobody answers.

None of them may quote the user's notes, questions or reflections: the only personal line is
{detail}, which the user wrote for this purpose."""

from onward.core.drafts import DraftKindSpec, register_kind

register_kind(
    "thank_you",
    DraftKindSpec(
        label="Thank-you after a rejection",
        help="Send it within a day of hearing back. It costs nothing and people remember it.",
        subject="Thank you – {role} at {company}",
        body=(
            "Hi {recipient_first_name},\n"
            "\n"
            "Thank you for letting me know, and for the time you and the team gave me during "
            "the process for the {role} role.\n"
            "I appreciated the {round} on {interview_date} and the chance to learn how the "
            "team works.\n"
            "\n"
            "One thing that stayed with me from the {round}: {detail}.\n"
            "\n"
            "Of course I'm disappointed, but my interest in {company} hasn't changed. If a "
            "role opens up that suits my background, I'd be very glad to be considered for "
            "it in the future.\n"
            "\n"
            "All the best,\n"
            "{signature}"
        ),
    ),
)
register_kind(
    "feedback_request",
    DraftKindSpec(
        label="Asking for feedback",
        help="Optional and short. You are asking how to improve, not asking them to reconsider.",
        subject="A short request – {role} at {company}",
        body=(
            "Hi {recipient_first_name},\n"
            "\n"
            "Thank you again for considering me for the {role} role. I respect the decision "
            "and I'm not asking you to revisit it.\n"
            "\n"
            "If you have a couple of minutes, I'd be grateful for any feedback on my "
            "application or interviews: one or two things I could do better next time would "
            "already help a lot. And if that's not possible, no problem at all.\n"
            "\n"
            "Thank you,\n"
            "{signature}"
        ),
    ),
)
register_kind(
    "status_check",
    DraftKindSpec(
        label="Status check (no reply yet)",
        help="A friendly nudge when you've heard nothing. Assume good faith: people get busy.",
        subject="Checking in – {role} at {company}",
        body=(
            "Hi {recipient_first_name},\n"
            "\n"
            "I hope you're well. I'm writing to ask where things stand with the {role} role; "
            "my last conversation with the team was the {round} on {interview_date}.\n"
            "\n"
            "I'm still very interested in {company}. If the process has moved on without me, "
            "a short note saying so would be appreciated, so I can plan accordingly.\n"
            "\n"
            "Thank you,\n"
            "{signature}"
        ),
    ),
)
register_kind(
    "closing_note",
    DraftKindSpec(
        label="Closing note (still no reply)",
        help="Closes the loop kindly after an unanswered status check, and keeps the door open.",
        subject="Closing the loop – {role} at {company}",
        body=(
            "Hi {recipient_first_name},\n"
            "\n"
            "As I haven't heard back about the {role} role, I'll assume the team has gone "
            "another way, and I'll close it on my side.\n"
            "\n"
            "Thank you for the time you spent with me. I'd be glad to stay in touch and to "
            "hear about future openings at {company}.\n"
            "\n"
            "Best wishes,\n"
            "{signature}"
        ),
    ),
)
register_kind(
    "feedback_follow_up",
    DraftKindSpec(
        label="Following up on the feedback request",
        help="One gentle reminder after a week or so of silence, then let it go.",
        subject="Following up – feedback on the {role} role",
        body=(
            "Hi {recipient_first_name},\n"
            "\n"
            "I'm following up on my note about the {role} role at {company}. I know you're "
            "busy, so no pressure: if you have a minute for one or two pointers on what I could "
            "do better, I'd be grateful.\n"
            "\n"
            "If not, no problem at all, and thank you again for your time.\n"
            "\n"
            "Best wishes,\n"
            "{signature}"
        ),
    ),
)
register_kind(
    "feedback_thanks",
    DraftKindSpec(
        label="Thanks for the feedback",
        help="Feedback takes effort and some risk to give. Thank them, and say you'll use it.",
        subject="Thank you for the feedback – {role} at {company}",
        body=(
            "Hi {recipient_first_name},\n"
            "\n"
            "Thank you for taking the time to share your feedback on my application for the "
            "{role} role. It's genuinely useful, and I'll put it to work in my next "
            "interviews.\n"
            "\n"
            "I'd be glad to stay in touch, and I hope our paths cross again.\n"
            "\n"
            "All the best,\n"
            "{signature}"
        ),
    ),
)
