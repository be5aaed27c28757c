from datetime import UTC, datetime

import pytest
import time_machine

# A Wednesday; the routine's week (starting Monday) began on 13 May.
NOW = datetime(2024, 5, 15, 12, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen(db):
    with time_machine.travel(NOW, tick=False):
        yield
