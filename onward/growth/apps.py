from django.apps import AppConfig


class GrowthConfig(AppConfig):
    name = "onward.growth"
    label = "growth"
    verbose_name = "Growth"

    def ready(self) -> None:
        from onward.debrief.panels import register_habit_page
        from onward.debrief.taxonomy import Habit

        register_habit_page(Habit.UPSKILL, "growth:skills")

        from django.db.models.signals import post_save

        from onward.pipeline.models import Application

        from .receivers import read_posting_skills

        post_save.connect(read_posting_skills, sender=Application, dispatch_uid="growth-skills")
