from django.urls import path

from . import views

app_name = "strategy"
urlpatterns = [
    path("experiments/", views.experiment_list, name="experiment_list"),
    path("experiments/new/", views.experiment_create, name="experiment_create"),
    path("experiments/<int:experiment_id>/", views.experiment_detail, name="experiment_detail"),
    path("experiments/<int:experiment_id>/edit/", views.experiment_edit, name="experiment_edit"),
    path(
        "experiments/<int:experiment_id>/delete/",
        views.experiment_delete,
        name="experiment_delete",
    ),
    path("title-groups/", views.title_group_list, name="title_group_list"),
    path(
        "title-groups/<int:title_group_id>/edit/",
        views.title_group_edit,
        name="title_group_edit",
    ),
    path(
        "title-groups/<int:title_group_id>/delete/",
        views.title_group_delete,
        name="title_group_delete",
    ),
]
