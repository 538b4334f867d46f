"""The app's URLs plus the floor: the cheapest page a logged-in clinician can be sent.

The floor goes through the whole middleware stack (session, authentication, login required,
clinic time zone, audit actor, CSP, axes …) and does nothing else, so every page's time is
reported as a multiple of it, measured side by side in the same run. It exists only here.
"""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as app_urlpatterns

FLOOR_PATH = "/bench/floor/"


def floor(request):
    """Logged in, through every middleware, nothing else (login is enforced by the stack)."""
    return HttpResponse("floor", content_type="text/plain")


urlpatterns = [path(FLOOR_PATH.strip("/") + "/", floor, name="bench_floor"), *app_urlpatterns]
