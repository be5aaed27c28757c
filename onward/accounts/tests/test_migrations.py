from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse
from django.utils import timezone


def test_sessions_from_before_the_user_backend_stay_signed_in(transactional_db, settings):
    executor = MigrationExecutor(connection)
    executor.migrate([("accounts", "0002_profile_email_reminders")])
    # Only the user row: the live Profile model may have columns this old schema lacks (the
    # profile is created on first use, after the upgrade).
    user = get_user_model().objects.create_user(username="sam", password="x")
    old = SessionStore()
    old.update(
        {
            "_auth_user_id": str(user.pk),
            "_auth_user_backend": "django.contrib.auth.backends.ModelBackend",
            "_auth_user_hash": user.get_session_auth_hash(),
        }
    )
    old.set_expiry(timezone.now() + timedelta(days=1))
    old.create()

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    data = SessionStore(session_key=old.session_key).load()
    assert data["_auth_user_backend"] == "onward.accounts.backends.UserBackend"
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = old.session_key
    assert client.get(reverse("accounts:settings")).status_code == 200  # still signed in
