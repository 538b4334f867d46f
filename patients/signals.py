"""Security events in the log, without identifying data: accounts appear as a short digest."""

import logging

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.utils.crypto import salted_hmac

logger = logging.getLogger("wholebody.security")


def account_digest(username):
    """Stable enough to see repeated attempts on one account, without naming it; keyed with
    SECRET_KEY, since a plain hash of a user name is reversed by hashing a list of names."""
    digest = salted_hmac("wholebody.security.account", username or "", algorithm="sha256")
    return digest.hexdigest()[:12]


@receiver(user_login_failed)
def log_failed_login(sender, credentials, request=None, **kwargs):
    logger.warning("login failed account=%s", account_digest(credentials.get("username")))


@receiver(user_logged_in)
def log_login(sender, request, user, **kwargs):
    logger.info("login user=%s", user.pk)
