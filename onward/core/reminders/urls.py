from django.urls import path

from . import feed, views

app_name = "reminders"
urlpatterns = [
    path("due/", views.due, name="due"),
    path("reminders/<int:reminder_id>/done/", views.reminder_done, name="reminder_done"),
    path("reminders/<int:reminder_id>/snooze/", views.reminder_snooze, name="reminder_snooze"),
    path("reminders/<int:reminder_id>/reopen/", views.reminder_reopen, name="reminder_reopen"),
    path("calendar/", feed.calendar_settings, name="calendar_settings"),
    path("calendar/regenerate/", feed.calendar_regenerate, name="calendar_regenerate"),
    path("calendar/<str:token>.ics", feed.calendar_feed, name="calendar_feed"),
]
