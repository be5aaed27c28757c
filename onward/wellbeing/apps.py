from django.apps import AppConfig


class WellbeingConfig(AppConfig):
    name = "onward.wellbeing"
    label = "wellbeing"
    verbose_name = "Wellbeing"

    def ready(self) -> None:
        from onward.debrief import panels
        from onward.debrief.taxonomy import Habit
        from onward.pipeline.signals import search_won

        from . import views
        from .models import keep_the_win

        search_won.connect(keep_the_win, dispatch_uid="wellbeing.keep_the_win")

        # The debrief's page shows perspective at the top and the mood check-in as a step.
        panels.register_panel(
            panels.Panel(
                "perspective",
                "wellbeing/_debrief_perspective.html",
                views.debrief_perspective,
                slot="top",
            )
        )
        panels.register_panel(
            panels.Panel("mood", "wellbeing/_debrief_mood.html", views.debrief_panels)
        )
        panels.register_habit_page(Habit.STAY_POSITIVE, "wellbeing:home")
