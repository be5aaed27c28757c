"""Sessions signed in before Onward had its own authentication backend name Django's
ModelBackend, which is no longer listed; Django would treat them as logged out. Point them at
UserBackend (the same backend, reading the profile with the user), so nobody is signed out by
an upgrade."""

from django.db import migrations
from django.utils import timezone

OLD = "django.contrib.auth.backends.ModelBackend"
NEW = "onward.accounts.backends.UserBackend"
BACKEND_KEY = "_auth_user_backend"  # django.contrib.auth.BACKEND_SESSION_KEY


def forwards(apps, schema_editor):
    from django.contrib.sessions.backends.db import SessionStore

    Session = apps.get_model("sessions", "Session")
    store = SessionStore()
    changed = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        data = store.decode(session.session_data)
        if data.get(BACKEND_KEY) == OLD:
            data[BACKEND_KEY] = NEW
            session.session_data = store.encode(data)
            changed.append(session)
        if len(changed) >= 500:
            Session.objects.bulk_update(changed, ["session_data"])
            changed = []
    Session.objects.bulk_update(changed, ["session_data"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_profile_email_reminders"),
        ("sessions", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
