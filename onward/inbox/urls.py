from django.urls import path

from . import views

app_name = "inbox"
urlpatterns = [
    path("settings/inbox/", views.mailbox_settings, name="settings"),
    path("settings/inbox/check/", views.mailbox_check, name="check"),
    path("settings/inbox/disconnect/", views.mailbox_disconnect, name="disconnect"),
    path("inbox/", views.signal_list, name="signal_list"),
    path("inbox/<int:signal_id>/reject/", views.signal_reject, name="signal_reject"),
    path("inbox/<int:signal_id>/log/", views.signal_log, name="signal_log"),
    path("inbox/<int:signal_id>/dismiss/", views.signal_dismiss, name="signal_dismiss"),
]
