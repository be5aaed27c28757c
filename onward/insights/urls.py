from django.urls import path

from . import views

app_name = "insights"
urlpatterns = [
    path("insights/", views.index, name="index"),
    path("insights/report/", views.report, name="report"),
    path("insights/applications/", views.application_list, name="applications"),
]
