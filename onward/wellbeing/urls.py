from django.urls import path

from . import views

app_name = "wellbeing"
urlpatterns = [
    path("wellbeing/", views.home, name="home"),
    path("wellbeing/mood/", views.mood_add, name="mood_add"),
    path("debriefs/<int:debrief_id>/mood/", views.debrief_mood_add, name="debrief_mood_add"),
    path("wellbeing/mood/<int:check_in_id>/delete/", views.check_in_delete, name="check_in_delete"),
    path("wellbeing/wins/", views.win_add, name="win_add"),
    path("wellbeing/wins/<int:win_id>/delete/", views.win_delete, name="win_delete"),
    path("wellbeing/wins/suggestions/", views.suggestion_decide, name="suggestion_decide"),
    path("wellbeing/burnout/dismiss/", views.burnout_dismiss, name="burnout_dismiss"),
]
