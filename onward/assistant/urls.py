from django.urls import path

from . import views

app_name = "assistant"
urlpatterns = [
    path("settings/assistant/", views.assistant_settings, name="settings"),
    path("assistant/polish/", views.polish, name="polish"),
    path("assistant/posting/fields/", views.posting_fields, name="posting_fields"),
    path("assistant/inbox/<int:signal_id>/kind/", views.email_kind, name="email_kind"),
    path(
        "assistant/debriefs/<int:debrief_id>/lesson/",
        views.lesson_suggestion,
        name="lesson_suggestion",
    ),
]
