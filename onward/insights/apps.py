from django.apps import AppConfig


class InsightsConfig(AppConfig):
    """Strategy insights: plain metric functions over querysets. No models of its own."""

    name = "onward.insights"
    label = "insights"

    def ready(self) -> None:
        from onward.debrief.panels import register_habit_page
        from onward.debrief.taxonomy import Habit
        from onward.strategy.comparison import set_compare

        from .experiments import compare

        # An experiment's page judges it with the insights' before/after comparison.
        set_compare(compare)

        # "Evaluate and adjust your strategy": the insights page is where that happens.
        register_habit_page(Habit.ADJUST_STRATEGY, "insights:index")
