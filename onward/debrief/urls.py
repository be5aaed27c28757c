from django.urls import path

from . import views

app_name = "debrief"
urlpatterns = [
    path("debriefs/", views.debrief_list, name="debrief_list"),
    path("debriefs/lessons/", views.lessons, name="lessons"),
    path("debriefs/<int:debrief_id>/", views.debrief_detail, name="debrief_detail"),
    path("debriefs/<int:debrief_id>/reflect/", views.debrief_reflect, name="debrief_reflect"),
    path("debriefs/<int:debrief_id>/reason/", views.debrief_reason, name="debrief_reason"),
    path("debriefs/<int:debrief_id>/feedback/", views.debrief_feedback, name="debrief_feedback"),
    path("debriefs/<int:debrief_id>/steps/<slug:habit>/", views.debrief_step, name="debrief_step"),
    path("debriefs/<int:debrief_id>/lessons/", views.lesson_add, name="lesson_add"),
    path("debriefs/<int:debrief_id>/complete/", views.debrief_complete, name="debrief_complete"),
    path("debriefs/<int:debrief_id>/dismiss/", views.debrief_dismiss, name="debrief_dismiss"),
    path("debriefs/<int:debrief_id>/reopen/", views.debrief_reopen, name="debrief_reopen"),
    path(
        "debriefs/<int:debrief_id>/drafts/<slug:kind>/", views.debrief_draft, name="debrief_draft"
    ),
    path("lessons/<int:lesson_id>/delete/", views.lesson_delete, name="lesson_delete"),
    path(
        "applications/<int:application_id>/debrief/start/",
        views.debrief_start,
        name="debrief_start",
    ),
    path("drafts/templates/", views.template_list, name="template_list"),
    path("drafts/templates/<slug:kind>/", views.template_edit, name="template_edit"),
    path(
        "debriefs/<int:debrief_id>/stay-in-touch/",
        views.debrief_stay_in_touch,
        name="stay_in_touch",
    ),
]
