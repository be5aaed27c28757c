"""The fixed vocabularies of a debrief. The insights app imports these; change them with care
(the values are stored in the database)."""

from django.db import models


class Habit(models.TextChoices):
    """The ten habits for when you don't get the job, in the order the debrief walks them."""

    REFLECT = "reflect", "Reflect on the experience"
    SEEK_FEEDBACK = "seek_feedback", "Seek feedback"
    STAY_GRACIOUS = "stay_gracious", "Stay professional and gracious"
    LEARN = "learn", "Learn from it"
    KEEP_NETWORKING = "keep_networking", "Keep building your network"
    KEEP_SEARCHING = "keep_searching", "Keep searching"
    LEAN_ON_SUPPORT = "lean_on_support", "Lean on your support"
    UPSKILL = "upskill", "Upskill"
    STAY_POSITIVE = "stay_positive", "Stay positive"
    ADJUST_STRATEGY = "adjust_strategy", "Evaluate and adjust your strategy"


class Competency(models.TextChoices):
    """What the user rates themselves on, 1 to 5."""

    PREPARATION = "preparation", "Preparation and company research"
    ROLE_SKILLS = "role_skills", "Role skills"
    PROBLEM_SOLVING = "problem_solving", "Problem solving"
    COMMUNICATION = "communication", "Communication"
    EXAMPLES = "examples", "Examples and stories"
    MOTIVATION_FIT = "motivation_fit", "Motivation and fit"
    QUESTIONS_ASKED = "questions_asked", "The questions you asked"
    SALARY_LOGISTICS = "salary_logistics", "Salary and logistics"


class ReasonCategory(models.TextChoices):
    """Why it ended: for the reason given and for feedback received."""

    STRONGER_CANDIDATE = "stronger_candidate", "Stronger or better-fit candidate"
    SKILLS_GAP = "skills_gap", "Skills gap"
    EXPERIENCE = "experience", "Experience or seniority"
    INTERVIEW_PERFORMANCE = "interview_performance", "Interview performance or communication"
    MOTIVATION_CULTURE = "motivation_culture", "Motivation or culture fit"
    COMPENSATION = "compensation", "Compensation"
    ROLE_FILLED = "role_filled", "Role filled or internal candidate"
    ROLE_CLOSED = "role_closed", "Role closed or hiring freeze"
    LOCATION = "location", "Location, language or work authorisation"
    NO_REASON = "no_reason", "No reason given"
    OTHER = "other", "Other"


class StageReached(models.TextChoices):
    """How far the application got before it ended; the reflection prompts depend on it."""

    APPLICATION = "application", "On the application"
    SCREEN = "screen", "After a screen"
    TECHNICAL = "technical", "After technical rounds"
    FINAL = "final", "After the final round"


# A lesson is filed under a competency or a reason; the two sets of values do not overlap.
LESSON_CATEGORY_CHOICES = [
    ("Competencies", Competency.choices),
    ("Reasons", ReasonCategory.choices),
]
LESSON_CATEGORY_LABELS = dict(Competency.choices) | dict(ReasonCategory.choices)
assert not set(Competency.values) & set(ReasonCategory.values)
