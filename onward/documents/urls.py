from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("documents/", views.library, name="library"),
    path("documents/export.zip", views.export, name="export"),
    path("documents/<int:document_id>/download/", views.download, name="download"),
    path("documents/<int:document_id>/delete/", views.delete, name="delete"),
    path("applications/<int:application_id>/documents/", views.attach, name="attach"),
    path("document-links/<int:document_link_id>/delete/", views.detach, name="detach"),
]
