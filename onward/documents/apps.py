from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "onward.documents"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from onward.pipeline.panels import Panel, register_panel

        from . import models, views

        post_delete.connect(models.remove_file, sender=models.Document)
        register_panel(
            Panel("documents", "documents/_application_panel.html", views.application_panel)
        )
