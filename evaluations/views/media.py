"""Uploaded exercise pictures, served behind login to the clinic whose library holds them."""

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from evaluations.library import visible_exercises


@require_GET
@cache_control(private=True, max_age=3600)
def exercise_image(request, name):
    # Only a name some exercise the user may see points at; anything else is a 404.
    if not visible_exercises(request.user).filter(image=name).exists():
        raise Http404
    try:
        return FileResponse(default_storage.open(name, "rb"))
    except FileNotFoundError as missing:
        raise Http404 from missing
