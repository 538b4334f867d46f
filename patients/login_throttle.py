"""Login throttling on top of django-axes: a lock per account and address, a higher one per
address, and the client's address as the trusted TLS proxy saw it."""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


def client_address(request):
    """The address the proxy saw, which it appends last to X-Forwarded-For; anything to
    its left came from the client and may be forged. Without a proxy, the peer's address."""
    forwarded_for = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if settings.BEHIND_TLS_PROXY and forwarded_for.strip():
        return forwarded_for.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR")


class AccountAndAddressHandler(AxesDatabaseHandler):
    """Locks an account at one address after AXES_FAILURE_LIMIT failures, and a whole
    address after LOGIN_FAILURES_PER_ADDRESS failures across accounts.

    django-axes checks every lockout parameter set against its one failure limit, so the
    second, higher limit cannot be a parameter set; the address count is added here.
    """

    def get_failures(self, request, credentials=None):
        failures = super().get_failures(request, credentials)
        if self._failures_from_address(request) >= settings.LOGIN_FAILURES_PER_ADDRESS:
            # Reported as at the limit, so axes locks the address the way it locks a pair.
            return max(failures, get_failure_limit(request, credentials))
        return failures

    def _failures_from_address(self, request):
        attempts = AccessAttempt.objects.filter(
            ip_address=request.axes_ip_address,
            attempt_time__gte=get_cool_off_threshold(request),
        )
        return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
