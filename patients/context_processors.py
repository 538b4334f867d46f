from django.conf import settings


def current_clinic(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"current_clinic": user.clinic, "session_idle_seconds": settings.SESSION_IDLE_SECONDS}
