"""Each clinic's own time zone for every date and time shown during its members' requests."""

from django.utils import timezone


class ClinicTimeZoneMiddleware:
    """Shows dates and times in the time zone of the logged-in user's clinic.

    Outside a clinic (logged out, or a superuser without a membership) the server's
    TIME_ZONE applies.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        clinic = request.user.clinic if request.user.is_authenticated else None
        if clinic is None:
            return self.get_response(request)
        with timezone.override(clinic.zone):
            return self.get_response(request)
