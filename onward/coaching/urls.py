from django.urls import path

from . import views

app_name = "coaching"
urlpatterns = [
    path("coaching/", views.index, name="index"),
    path("coaching/invitations/", views.invite, name="invite"),
    path("coaching/invitations/<int:invitation_id>/withdraw/", views.withdraw, name="withdraw"),
    path("coaching/join/<str:token>/", views.join, name="join"),
    path("coaching/sharing/<int:grant_id>/stop/", views.revoke, name="revoke"),
    path("coaching/<int:seeker_id>/report/", views.report, name="report"),
]
