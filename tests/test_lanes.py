import os

from django.db import connection


def test_it_runs_on_the_database_its_lane_expects(db):
    """The lane runner names the database each lane must use; a mix-up fails loudly."""
    expected = os.environ.get("ONWARD_EXPECT_DB")
    if expected:
        assert connection.vendor == expected
    else:
        assert connection.vendor in {"sqlite", "postgresql"}
