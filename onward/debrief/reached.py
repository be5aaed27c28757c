"""How far an application got, for a debrief: one of the taxonomy's stages reached."""

from onward.pipeline.models import Application, InterviewKind, Stage, StageKind

from .taxonomy import StageReached

# Interview kinds that show how far the process went.
INTERVIEW_LEVEL: dict[str, int] = {
    InterviewKind.PHONE_SCREEN: 1,
    InterviewKind.TECHNICAL: 2,
    InterviewKind.BEHAVIOURAL: 2,
    InterviewKind.CASE: 2,
    InterviewKind.PANEL: 2,
    InterviewKind.ONSITE: 3,
    InterviewKind.FINAL: 3,
}
LEVELS = [
    StageReached.APPLICATION,
    StageReached.SCREEN,
    StageReached.TECHNICAL,
    StageReached.FINAL,
]


def stage_reached_for(application: Application) -> str:
    """How far the application got, from the furthest stage in its history and its interviews.

    The user's active stages are read in order: the first is "applied", the second a screen,
    the third technical rounds, anything later (or an offer) the final round. An interview of a
    later kind than the stages show (a final round logged while the card sat in "Screening")
    wins. The user can correct the result on the debrief.
    """
    furthest = (
        Application.objects.with_furthest_position(application.user)
        .filter(pk=application.pk)
        .values_list("furthest_position", flat=True)
        .first()
    )
    level = 0
    if furthest is not None:
        progress = Stage.objects.for_user(application.user).filter(
            kind__in=[StageKind.ACTIVE, StageKind.OFFER, StageKind.WON], position__lte=furthest
        )
        active_reached = progress.filter(kind=StageKind.ACTIVE).count()
        if progress.exclude(kind=StageKind.ACTIVE).exists():
            level = 3
        else:
            level = min(max(active_reached - 1, 0), 3)
    kinds = application.interviews.values_list("kind", flat=True)
    level = max([level, *(INTERVIEW_LEVEL.get(kind, 0) for kind in kinds)])
    return LEVELS[level]
