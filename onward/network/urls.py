from django.urls import path

from . import views

app_name = "network"
urlpatterns = [
    path("contacts/", views.contact_list, name="contact_list"),
    path("contacts/new/", views.contact_create, name="contact_create"),
    path("contacts/support/", views.support, name="support"),
    path("contacts/import/", views.import_page, name="import_page"),
    path("contacts/import/linkedin/", views.import_linkedin, name="import_linkedin"),
    path("contacts/import/vcard/", views.import_vcard, name="import_vcard"),
    path("contacts/export.vcf", views.export_vcards, name="export_vcards"),
    path("contacts/<int:contact_id>/", views.contact_detail, name="contact_detail"),
    path("contacts/<int:contact_id>/edit/", views.contact_edit, name="contact_edit"),
    path("contacts/<int:contact_id>/delete/", views.contact_delete, name="contact_delete"),
    path("contacts/<int:contact_id>/cadence/", views.contact_cadence, name="contact_cadence"),
    path("contacts/<int:contact_id>/vcard.vcf", views.contact_vcard, name="contact_vcard"),
    path(
        "contacts/<int:contact_id>/interactions/",
        views.interaction_create,
        name="interaction_create",
    ),
    path(
        "interactions/<int:interaction_id>/edit/",
        views.interaction_edit,
        name="interaction_edit",
    ),
    path(
        "interactions/<int:interaction_id>/delete/",
        views.interaction_delete,
        name="interaction_delete",
    ),
]
