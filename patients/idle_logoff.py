"""Automatic logoff after SESSION_IDLE_SECONDS without a request, for one session write a minute.

The session's expiry in the database is what ends an idle clinician's session on the server.
Restarting it on every request (SESSION_SAVE_EVERY_REQUEST) made every page, however small,
pay a transaction that rewrites the session row. Here the clock is restarted only once the
last restart is IDLE_CLOCK_STEP_SECONDS old, and the expiry is set that step later, so the
session still ends between SESSION_IDLE_SECONDS and SESSION_IDLE_SECONDS + one step after the
last request: never before the page's own warning and logoff (static/js/session.js), never
more than a minute after.

This module is both the session engine (SESSION_ENGINE) and the middleware that restarts
the clock (IdleLogoffClockMiddleware, listed after the authentication middleware).
"""

import datetime

from django.conf import settings
from django.contrib.sessions.backends import db
from django.utils import timezone


def now():
    """The clock of the idle logoff; a test replaces it to move time on."""
    return timezone.now()


class SessionStore(db.SessionStore):
    """Database sessions that remember when they expire and expire one clock step late."""

    expires_at = None

    def _get_session_from_db(self):
        stored = super()._get_session_from_db()
        self.expires_at = stored.expire_date if stored is not None else None
        return stored

    def get_session_cookie_age(self):
        return settings.SESSION_COOKIE_AGE + settings.IDLE_CLOCK_STEP_SECONDS

    def get_expiry_date(self, **kwargs):
        kwargs.setdefault("modification", now())
        return super().get_expiry_date(**kwargs)


def clock_is_due(session, at):
    """Whether the session's expiry must move: it was set a clock step ago or more, or it is
    unknown (a new session) or nearer than the idle time (changed outside this middleware)."""
    expires_at = getattr(session, "expires_at", None)
    if expires_at is None:
        return True
    idle = datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    return expires_at - at <= idle


class IdleLogoffClockMiddleware:
    """Restarts a logged-in user's idle clock, writing the session at most once a step."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        # A logged-out request has nothing to keep alive (and logout has just ended it).
        if user is not None and user.is_authenticated and clock_is_due(request.session, now()):
            # SessionMiddleware saves a modified session, with a new expiry, on the way out.
            request.session.modified = True
        return response
