"""Asking a logged-in person for their password again (signing a note, changing the password).

The check goes through authenticate(), so django-axes counts a wrong password here as it
counts one at the login page and locks the account the same way. Each failure is logged
(ids only) and audited, and after MAX_FAILURES in one session the session ends: a session
left open on a shared computer cannot be used to guess the password.
"""

import logging

from auditlog.models import LogEntry
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, logout

logger = logging.getLogger("wholebody.security")

# One below the login throttle's limit: the session ends with this module's message, and the
# next wrong password anywhere (the login page included) locks the account as usual.
MAX_FAILURES = max(1, settings.AXES_FAILURE_LIMIT - 1)
FAILURES_KEY = "wrong_password_count"
SESSION_ENDED = (
    "Too many wrong passwords: you have been logged out to protect the records. "
    "Log in again to continue."
)
PASSWORD_CHECK_FAILED = "password check failed"


def password_confirmed(request, password):
    """True when the password is the logged-in user's, counted by the login throttle."""
    user = request.user
    again = authenticate(request, username=user.get_username(), password=password or "")
    return again is not None and again.pk == user.pk


def note_wrong_password(request, *, purpose, obj=None):
    """Log and audit one wrong password; end the session after too many. True when ended."""
    user = request.user
    count = request.session.get(FAILURES_KEY, 0) + 1
    request.session[FAILURES_KEY] = count
    logger.warning("%s purpose=%s user=%s count=%d", PASSWORD_CHECK_FAILED, purpose, user.pk, count)
    detail = {"event": PASSWORD_CHECK_FAILED, "purpose": purpose, "count": count}
    if obj is not None and hasattr(obj, "get_additional_data"):
        detail |= obj.get_additional_data()
    LogEntry.objects.log_create(
        obj if obj is not None else user,
        force_log=True,
        action=LogEntry.Action.ACCESS,
        actor=user,
        additional_data=detail,
    )
    if count < MAX_FAILURES:
        return False
    logout(request)
    messages.error(request, SESSION_ENDED)
    return True
