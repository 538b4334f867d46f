"""Security events in the log, without identifying data: accounts appear as a short digest."""

import hashlib
import logging

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

logger = logging.getLogger("wholebody.security")


def account_digest(username):
    """Stable enough to see repeated attempts on one account, without naming it."""
    return hashlib.sha256((username or "").encode("utf-8")).hexdigest()[:12]


@receiver(user_login_failed)
def log_failed_login(sender, credentials, request=None, **kwargs):
    logger.warning("login failed account=%s", account_digest(credentials.get("username")))


@receiver(user_logged_in)
def log_login(sender, request, user, **kwargs):
    logger.info("login user=%s", user.pk)
