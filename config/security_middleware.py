"""Middleware for requests the rest of the stack must never see, and responses no cache keeps."""

import codecs

from django.http import HttpResponseBadRequest

ONLY_UTF8_BODIES = "This request was refused: form data must be sent as UTF-8."


def refuse_non_utf8_bodies(get_response):
    """Answers 400 to a body declared in another charset, before the CSRF check reads it:
    Django refuses such a form body with BadRequest, which a second read turns into a 500."""

    def middleware(request):
        charset = request.content_params.get("charset")
        if charset is not None and not _is_utf8(charset):
            return HttpResponseBadRequest(ONLY_UTF8_BODIES, content_type="text/plain")
        return get_response(request)

    return middleware


def _is_utf8(charset):
    try:
        return codecs.lookup(charset).name == "utf-8"
    except LookupError:
        return False
