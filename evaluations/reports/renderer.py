"""HTML to PDF bytes with WeasyPrint. Knows nothing of HTTP requests or of evaluations.

Documents link their font and pictures as `/static/…` (or `/media/…` for an uploaded
exercise picture). They are resolved against a host that cannot exist, and the fetcher below
serves those two folders from disk and refuses every other address: nothing is fetched over
the network, and markup typed into a free-text field cannot read local files.
"""

import logging
import mimetypes
from urllib.parse import unquote, urlsplit

from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)
# WeasyPrint logs every layout step at INFO; the server log needs only its warnings.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

# RFC 2606 reserves .invalid: this host never resolves, so a leak could not go anywhere.
ASSET_HOST = "assets.wholebody.invalid"
BASE_URL = f"https://{ASSET_HOST}/"
# Documents name their assets by these fixed paths, whatever STATIC_URL or a CDN says.
STATIC_PREFIX, MEDIA_PREFIX = "/static/", "/media/"
# What a document may embed: its font and pictures, nothing executable or nested.
ALLOWED_SUFFIXES = (".ttf", ".otf", ".woff", ".woff2", ".svg", ".png", ".jpg", ".jpeg", ".gif")


class RenderError(Exception):
    """WeasyPrint could not make the PDF."""


class RefusedURL(ValueError):
    """The document asked for something outside the project's static and media files."""


def local_file(url):
    """The file on disk behind an asset URL of a document, or None when it is not one."""
    parts = urlsplit(url)
    if parts.scheme != "https" or parts.netloc != ASSET_HOST:
        return None
    path = unquote(parts.path)
    if ".." in path.split("/") or "\\" in path or "\x00" in path:
        return None
    if not path.lower().endswith(ALLOWED_SUFFIXES):
        return None
    try:
        if path.startswith(STATIC_PREFIX):
            return finders.find(path.removeprefix(STATIC_PREFIX)) or None
        if path.startswith(MEDIA_PREFIX):
            name = path.removeprefix(MEDIA_PREFIX)
            return default_storage.path(name) if default_storage.exists(name) else None
    except (SuspiciousFileOperation, NotImplementedError):
        return None
    return None


class StaticFilesFetcher(URLFetcher):
    """Serves the project's own static and media files from disk; refuses everything else."""

    def fetch(self, url, headers=None):
        path = local_file(url)
        if path is None:
            logger.warning("pdf asset refused url=%.200s", url)
            raise RefusedURL(f"Not a project asset: {url[:200]}")
        with open(path, "rb") as handle:
            body = handle.read()
        content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, {"Content-Type": content_type})


def static_asset(path):
    """The document URL of a static file, e.g. `fonts/DejaVuSans.ttf`."""
    return f"{STATIC_PREFIX}{path}"


def media_asset(name):
    """The document URL of an uploaded file, by its storage name."""
    return f"{MEDIA_PREFIX}{name}"


def render_pdf(html):
    """The PDF of an HTML string whose assets are `/static/…` or `/media/…` paths."""
    try:
        document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesFetcher())
        return document.write_pdf(font_config=FontConfiguration())
    except Exception as error:
        raise RenderError(str(error)) from error
