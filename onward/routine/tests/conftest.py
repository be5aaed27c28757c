import pytest

from onward.accounts.models import profile_for
from onward.routine.models import settings_for


@pytest.fixture
def in_zone():
    """Put a user in a time zone with a chosen first day of the week."""

    def setup(user, zone: str, week_start: int = 0):
        profile = profile_for(user)
        profile.time_zone = zone
        profile.save(update_fields=["time_zone"])
        routine = settings_for(user)
        routine.week_start = week_start
        routine.save(update_fields=["week_start"])
        return user

    return setup
