from django.urls import path

from . import views

app_name = "network"
urlpatterns = [
    path("contacts/", views.contact_list, name="contact_list"),
    path("contacts/new/", views.contact_create, name="contact_create"),
    path("contacts/<int:contact_id>/", views.contact_detail, name="contact_detail"),
    path("contacts/<int:contact_id>/edit/", views.contact_edit, name="contact_edit"),
    path("contacts/<int:contact_id>/delete/", views.contact_delete, name="contact_delete"),
    path(
        "applications/<int:application_id>/contacts/",
        views.application_contact_create,
        name="application_contact_create",
    ),
    path(
        "application-contacts/<int:link_id>/delete/",
        views.application_contact_delete,
        name="application_contact_delete",
    ),
]
