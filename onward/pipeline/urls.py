from django.urls import path

from . import (
    calendar,
    closeout_views,
    company_views,
    contact_views,
    history_views,
    offer_views,
    posting_views,
    stage_views,
    views,
)

app_name = "pipeline"
urlpatterns = [
    path("board/", views.board, name="board"),
    path(
        "applications/<int:application_id>/closeout/",
        closeout_views.closeout,
        name="closeout",
    ),
    path("offers/", offer_views.offer_compare, name="offer_compare"),
    path("applications/<int:application_id>/offer/", offer_views.offer_edit, name="offer_edit"),
    path("moves/<int:change_id>/", history_views.move_edit, name="move_edit"),
    path("moves/<int:change_id>/remove/", history_views.move_remove, name="move_remove"),
    path("applications/", views.application_list, name="application_list"),
    path("applications/new/", views.application_create, name="application_create"),
    path("applications/import/", posting_views.posting_import, name="posting_import"),
    path(
        "applications/import/bookmarklet/",
        posting_views.posting_bookmarklet,
        name="posting_bookmarklet",
    ),
    path("applications/<int:application_id>/", views.application_detail, name="application_detail"),
    path(
        "applications/<int:application_id>/edit/", views.application_edit, name="application_edit"
    ),
    path(
        "applications/<int:application_id>/delete/",
        views.application_delete,
        name="application_delete",
    ),
    path(
        "applications/<int:application_id>/move/", views.application_move, name="application_move"
    ),
    path(
        "applications/<int:application_id>/ghost/",
        views.application_ghost,
        name="application_ghost",
    ),
    path("applications/<int:application_id>/notes/", views.note_create, name="note_create"),
    path(
        "applications/<int:application_id>/interviews/new/",
        views.interview_create,
        name="interview_create",
    ),
    path("interviews/<int:interview_id>/edit/", views.interview_edit, name="interview_edit"),
    path(
        "interviews/<int:interview_id>/calendar.ics",
        calendar.interview_ics,
        name="interview_ics",
    ),
    path("interviews/<int:interview_id>/delete/", views.interview_delete, name="interview_delete"),
    path("companies/", company_views.company_list, name="company_list"),
    path("companies/new/", company_views.company_create, name="company_create"),
    path("companies/<int:company_id>/", company_views.company_detail, name="company_detail"),
    path("companies/<int:company_id>/edit/", company_views.company_edit, name="company_edit"),
    path("stages/", stage_views.stage_list, name="stage_list"),
    path("stages/<int:stage_id>/edit/", stage_views.stage_edit, name="stage_edit"),
    path("stages/<int:stage_id>/move/", stage_views.stage_move, name="stage_move"),
    path("stages/<int:stage_id>/delete/", stage_views.stage_delete, name="stage_delete"),
    path(
        "applications/<int:application_id>/contacts/",
        contact_views.application_contact_create,
        name="application_contact_create",
    ),
    path(
        "application-contacts/<int:link_id>/delete/",
        contact_views.application_contact_delete,
        name="application_contact_delete",
    ),
    path(
        "contacts/<int:contact_id>/drafts/<slug:kind>/",
        contact_views.contact_draft,
        name="contact_draft",
    ),
]
