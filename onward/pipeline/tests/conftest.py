from unittest import mock

import pytest

from onward.pipeline.signals import application_moved


@pytest.fixture
def debrief_answers():
    """Receivers of application_moved answer with a debrief URL for moves into a lost stage."""

    def send(sender, application, change):
        return [(None, "/debriefs/42/" if change.to_stage.is_lost else None)]

    with mock.patch.object(application_moved, "send", side_effect=send):
        yield "/debriefs/42/"


@pytest.fixture
def no_debrief():
    """No receiver answers with a page to see next (the debrief app stays out of the way)."""
    with mock.patch.object(application_moved, "send", return_value=[]):
        yield


@pytest.fixture
def paris(alice):
    """Alice lives in Paris (UTC+1 in winter, UTC+2 in summer)."""
    profile = alice.profile
    profile.time_zone = "Europe/Paris"
    profile.save()
    return profile.zone
