"""A database that does not answer gets an honest 503 page, not a bare 500."""

import logging

from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

DATABASE_UNAVAILABLE = (
    "The database is not answering just now, so this page could not be loaded or saved. "
    "Nothing saved before is lost. Please try again in a minute."
)
# How long a browser (and the autosave's back-off) should wait before asking again.
RETRY_AFTER_SECONDS = 30
DATABASE_DOWN = (OperationalError, InterfaceError)


def database_unavailable(exception):
    # The exception's class only: its text can carry a query and the values in it.
    logger.error("database unavailable: %s", type(exception).__name__)
    # Rendered without the request: context processors would ask the database for the user.
    html = render_to_string("503.html", {"message": DATABASE_UNAVAILABLE})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class DatabaseOutageMiddleware:
    """Connects before anything reads the session or the user, and answers views that fail."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            connection.ensure_connection()
        except DATABASE_DOWN as exception:
            return database_unavailable(exception)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_DOWN):
            return database_unavailable(exception)
        return None
