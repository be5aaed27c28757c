import pytest
from django.db import transaction

from onward.core.locks import lock_name


@pytest.mark.django_db(transaction=True)
def test_a_lock_outside_a_transaction_is_a_mistake_not_a_silent_no_op():
    # Outside a transaction PostgreSQL would drop the lock at once, protecting nothing.
    with pytest.raises(RuntimeError, match="open one first"):
        lock_name("anything")
    with transaction.atomic():
        lock_name("anything")
        lock_name("anything")  # the holder may take it again
