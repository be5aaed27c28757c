from django.urls import path

from . import views

app_name = "portability"
urlpatterns = [
    path("settings/data/", views.your_data, name="index"),
    path("settings/data/export/", views.export_download, name="export"),
    path("settings/data/import/", views.import_preview, name="import_preview"),
    path("settings/data/import/confirm/", views.import_confirm, name="import_confirm"),
    path("settings/data/delete/", views.delete_account_page, name="delete_account"),
    path("settings/data/spreadsheet/", views.spreadsheet_upload, name="spreadsheet_upload"),
    path("settings/data/spreadsheet/map/", views.spreadsheet_map, name="spreadsheet_map"),
]
