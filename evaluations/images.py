"""Exercise pictures: re-encoded to a bounded size on upload, removed when nothing uses them."""

import io

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image, ImageOps

from evaluations.models import Exercise

# Twice the widest a handout prints it (about 8 cm at 300 dpi), and plenty for a screen.
MAX_SIDE = 1600


def bounded_image(upload):
    """The upload re-encoded at most MAX_SIDE pixels on its long side: PNG if it has
    transparency or came as PNG (line drawings), else JPEG; metadata (GPS, names) dropped."""
    upload.seek(0)
    with Image.open(upload) as original:
        image = ImageOps.exif_transpose(original)
        as_png = original.format == "PNG" or "transparency" in original.info
        image.thumbnail((MAX_SIDE, MAX_SIDE))
        output = io.BytesIO()
        if as_png:
            image.save(output, "PNG", optimize=True)
        else:
            image.convert("RGB").save(output, "JPEG", quality=85, optimize=True)
    extension, content_type = ("png", "image/png") if as_png else ("jpg", "image/jpeg")
    return SimpleUploadedFile(f"illustration.{extension}", output.getvalue(), content_type)


def discard_unused_images(names):
    """Delete these stored pictures once the transaction commits, unless an exercise still
    shows one (a clinic's copy shares its picture with the shared exercise it came from)."""
    names = {name for name in names if name}

    def discard():
        used = set(Exercise.objects.filter(image__in=names).values_list("image", flat=True))
        for name in names - used:
            default_storage.delete(name)

    if names:
        transaction.on_commit(discard)
