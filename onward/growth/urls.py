from django.urls import path

from . import views

app_name = "growth"
urlpatterns = [
    path("growth/", views.skills, name="skills"),
    path("growth/gaps/add/", views.gap_add, name="gap_add"),
    path(
        "growth/gaps/from-lesson/<int:lesson_id>/",
        views.gap_from_lesson,
        name="gap_from_lesson",
    ),
    path("growth/asked/<slug:key>/gap/", views.gap_from_asked, name="gap_from_asked"),
    path("growth/gaps/<int:skill_gap_id>/", views.gap_detail, name="gap_detail"),
    path("growth/gaps/<int:skill_gap_id>/edit/", views.gap_edit, name="gap_edit"),
    path("growth/gaps/<int:skill_gap_id>/status/", views.gap_status, name="gap_status"),
    path("growth/gaps/<int:skill_gap_id>/delete/", views.gap_delete, name="gap_delete"),
    path("growth/plan/add/", views.item_add, name="item_add"),
    path("growth/plan/<int:learning_item_id>/", views.item_detail, name="item_detail"),
    path("growth/plan/<int:learning_item_id>/edit/", views.item_edit, name="item_edit"),
    path("growth/plan/<int:learning_item_id>/status/", views.item_status, name="item_status"),
    path("growth/plan/<int:learning_item_id>/log/", views.item_log, name="item_log"),
    path("growth/plan/<int:learning_item_id>/delete/", views.item_delete, name="item_delete"),
]
