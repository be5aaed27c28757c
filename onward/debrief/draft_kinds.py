"""The debrief's kinds of draft: thanks after a rejection, asking for feedback, a status check
and a closing note when nobody answers."""

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
            "the process for the {role} role. I appreciated the chance to meet you.\n"
            "\n"
            "One thing that stayed with me from the {round}: {detail}.\n"
            "\n"
            "Of course I'm disappointed, but my interest in {company} hasn't changed. If a "
            "role opens up that suits my background, I'd be very glad to be considered for "
            "it in the future.\n"
            "\n"
            "All the best,\n"
            "{my_name}"
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
            "{my_name}"
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
            "{my_name}"
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
            "{my_name}"
        ),
    ),
)
