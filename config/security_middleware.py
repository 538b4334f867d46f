"""Middleware for requests the rest of the stack must never see, and responses no cache keeps."""

import codecs

from django.http import HttpResponseBadRequest
from django.utils.cache import patch_cache_control

ONLY_UTF8_BODIES = "This request was refused: form data must be sent as UTF-8."


def refuse_non_utf8_bodies(get_response):
    """Answers 400 to a body declared in another charset, before the CSRF check reads it:
    Django refuses such a form body with BadRequest, which a second read turns into a 500."""

    def middleware(request):
        charset = (request.content_params or {}).get("charset")
        if charset is not None and not _is_utf8(charset):
            return HttpResponseBadRequest(ONLY_UTF8_BODIES, content_type="text/plain")
        return get_response(request)

    return middleware


def _is_utf8(charset):
    try:
        return codecs.lookup(charset).name == "utf-8"
    except LookupError:
        return False


def private_pages_not_stored(get_response):
    """Tells browsers and proxies to keep no copy of what a logged-in user was shown, so
    nobody reads a patient's record from the cache of a shared computer. Static files never
    reach this middleware (WhiteNoise answers them first) and stay cacheable."""

    def middleware(request):
        response = get_response(request)
        if request.user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response

    return middleware
