"""Login limits on top of django-axes: per username from one address, and per address across
usernames.

- A username tried from one address is paused after ``ONWARD_LOGIN_FAILURE_LIMIT`` wrong
  passwords (axes itself, ``AXES_LOCKOUT_PARAMETERS``). The pause is for that pair only: an
  attacker elsewhere cannot lock the owner out of their own account.
- One address is paused after ``ONWARD_LOGIN_IP_FAILURE_LIMIT`` wrong passwords across all
  usernames: password spraying (one password against many names) is limited too. The price:
  people who share that address (an office or campus network) are paused together while it
  lasts, which is why that limit is higher.

Both pauses last ``AXES_COOLOFF_TIME`` after the last failure.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


class LoginLimitsHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials: dict | None = None) -> int:
        failures = super().get_failures(request, credentials)
        limit = get_failure_limit(request, credentials)
        if failures < limit and self.address_failures(request) >= (
            settings.ONWARD_LOGIN_IP_FAILURE_LIMIT
        ):
            return limit  # the address is paused, whichever username it tries
        return failures

    def address_failures(self, request) -> int:
        recent = AccessAttempt.objects.filter(
            ip_address=request.axes_ip_address,
            attempt_time__gte=get_cool_off_threshold(request),
        )
        return recent.aggregate(total=Sum("failures_since_start"))["total"] or 0
