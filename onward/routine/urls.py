from django.urls import path

from . import views

app_name = "routine"
urlpatterns = [
    path("routine/log/", views.activity_add, name="activity_add"),
    path("routine/activity/", views.activity_list, name="activity_list"),
    path(
        "routine/activity/<int:activity_id>/delete/",
        views.activity_delete,
        name="activity_delete",
    ),
    path("routine/settings/", views.routine_settings, name="settings"),
    path("routine/rest/", views.rest_add, name="rest_add"),
    path("routine/rest/<int:rest_period_id>/delete/", views.rest_delete, name="rest_delete"),
]
