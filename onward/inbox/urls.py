from django.urls import path

from . import views

app_name = "inbox"
urlpatterns = [
    path("settings/inbox/", views.mailbox_settings, name="settings"),
    path("settings/inbox/check/", views.mailbox_check, name="check"),
    path("settings/inbox/disconnect/", views.mailbox_disconnect, name="disconnect"),
    path("inbox/", views.signal_list, name="signal_list"),
    path("inbox/<int:signal_id>/act/", views.signal_act, name="signal_act"),
    path("inbox/<int:signal_id>/choose/", views.signal_choose, name="signal_choose"),
    path("inbox/<int:signal_id>/undo/", views.signal_undo, name="signal_undo"),
    path("inbox/<int:signal_id>/log/", views.signal_log, name="signal_log"),
    path("inbox/<int:signal_id>/dismiss/", views.signal_dismiss, name="signal_dismiss"),
]
