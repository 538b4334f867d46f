"""The renderer fetches only the project's own files: no network, no local files."""

import socket
import time

import pytest

from evaluations.reports.renderer import (
    BASE_URL,
    RefusedURL,
    StaticFilesFetcher,
    local_file,
    render_pdf,
)
from tests.reports.helpers import text

REFUSED = [
    "file:///etc/passwd",
    "http://169.254.169.254/latest/meta-data/",
    "https://169.254.169.254/",
    "http://localhost:8000/static/fonts/DejaVuSans.ttf",
    "https://example.com/static/fonts/DejaVuSans.ttf",
    "data:image/svg+xml;base64,PHN2Zy8+",
    "ftp://assets.wholebody.invalid/static/fonts/DejaVuSans.ttf",
    f"{BASE_URL}static/../../../etc/passwd",
    f"{BASE_URL}static/%2e%2e/%2e%2e/config/settings.py",
    f"{BASE_URL}static/fonts/../../config/settings.py",
    f"{BASE_URL}etc/passwd",
    f"{BASE_URL}media/../db.sqlite3",
    f"{BASE_URL}static/js/evaluation.js",
    f"{BASE_URL}static/img/exercises/no_such_exercise.svg",
]


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the renderer tried to open a network connection")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)


@pytest.mark.parametrize("url", REFUSED)
def test_the_fetcher_refuses_anything_but_project_assets(url, no_network):
    assert local_file(url) is None
    with pytest.raises(RefusedURL):
        StaticFilesFetcher().fetch(url)


def test_the_fetcher_serves_the_vendored_font_and_the_exercise_drawings(no_network):
    font = StaticFilesFetcher().fetch(f"{BASE_URL}static/fonts/DejaVuSans.ttf")
    assert font.read()[:4] == b"\x00\x01\x00\x00"
    drawing = StaticFilesFetcher().fetch(f"{BASE_URL}static/img/exercises/bridge_hold.svg")
    assert drawing.content_type == "image/svg+xml" and b"<svg" in drawing.read()


def test_injected_references_leave_a_pdf_without_them_and_never_hang(no_network):
    html = (
        "<p>Before</p>"
        '<img src="file:///etc/passwd"><img src="http://169.254.169.254/latest/meta-data/">'
        '<img src="/static/img/exercises/missing.svg">'
        '<link rel="stylesheet" href="http://169.254.169.254/style.css">'
        "<style>@import url(file:///etc/passwd); p { background: url(/static/../manage.py) }"
        '</style><iframe src="file:///etc/passwd"></iframe><p>After</p>'
    )
    started = time.perf_counter()
    pdf = render_pdf(html)
    assert time.perf_counter() - started < 5
    printed = text(pdf)
    assert "Before" in printed and "After" in printed
    assert "root:" not in printed


def test_a_project_drawing_is_embedded(no_network):
    with_drawing = render_pdf('<img src="/static/img/exercises/bridge_hold.svg">')
    without = render_pdf("<p></p>")
    assert len(with_drawing) > len(without) + 200
