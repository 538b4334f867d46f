"""The bench's settings: the app's own, plus the floor view's URL (bench/urls.py).

Only `make bench` loads this module (DJANGO_SETTINGS_MODULE=bench.settings); production and
the tests load config.settings, whose URLconf has no floor view.
"""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
