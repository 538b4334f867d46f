"""wholebody settings: one file, every deployment-specific value read from the environment."""

import datetime
import sys
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
MISSING_SECRET_KEY = (
    "SECRET_KEY is not set: for local use run `cp .env.example .env`; "
    "for a clinic, set SECRET_KEY in the environment (see README, Running it for a clinic)."
)
# A fixed key is only acceptable for the local demo; production must set SECRET_KEY.
SECRET_KEY = env.str("SECRET_KEY", default="") or ("insecure-local-demo-key" if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured(MISSING_SECRET_KEY)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "import_export",
    "auditlog",
    "axes",
    "csp",
    "patients",
    "evaluations",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Serves the collected static files in production without a separate web server.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything that reads the session or the user: an outage gets the 503 page.
    "config.database_outage.DatabaseOutageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before the CSRF check, which is the first to read a form body.
    "config.security_middleware.refuse_non_utf8_bodies",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Restarts the idle-logoff clock of a logged-in user, at most one session write a minute.
    "patients.idle_logoff.IdleLogoffClockMiddleware",
    # Health data: every page is private unless a view is explicitly marked public.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # A logged-in user's pages say no-store, private; static files stay cacheable.
    "config.security_middleware.private_pages_not_stored",
    # Dates and times in the clinic's own time zone (Clinic.time_zone).
    "patients.middleware.ClinicTimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Puts the logged-in user on every audit-log entry written during the request.
    "auditlog.middleware.AuditlogMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "patients.context_processors.current_clinic",
            ],
        },
    },
]

# SQLite is the embedded default for `make run`; `make test` and production use PostgreSQL.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
# In a clinic the app connects as a role that owns no table, so it can neither TRUNCATE nor
# switch a trigger off; the commands that change the schema or grant on it run as the owner,
# MIGRATION_DATABASE_URL, when it is set (README, Running it for a clinic).
OWNER_COMMANDS = {"migrate", "grant_runtime_role"}
RUNS_AS_OWNER = len(sys.argv) > 1 and sys.argv[1] in OWNER_COMMANDS
if RUNS_AS_OWNER and env.str("MIGRATION_DATABASE_URL", default=""):
    DATABASES["default"] = env.db("MIGRATION_DATABASE_URL")
# Reuse connections but check them first, so a restarted PostgreSQL needs no app restart.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# The drawn findings of signed notes (evaluations/views/signed_note.py), in each process's
# memory; several machines may share one cache instead (docs/performance.md).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": env.int("CACHE_MAX_ENTRIES", default=2000)},
    }
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "patients.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "patients:list"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-us"
TIME_ZONE = env("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
# Production serves hashed, compressed files collected by `make serve` (WhiteNoise).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env.bool("STATIC_MANIFEST", default=False)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Signed notes carry an HMAC-SHA256 keyed from here, never from the database: someone who
# can write the tables cannot recompute it. "keyid:secret,…"; the current key signs, every
# listed key verifies, so a key is rotated by adding a new one and moving the current id.
NOTE_SIGNING_KEYS = dict(
    entry.split(":", 1)
    for entry in env.list(
        "NOTE_SIGNING_KEYS",
        default=["demo:insecure-local-demo-signing-key"] if DEBUG else environ.Env.NOTSET,
    )
)
NOTE_SIGNING_KEY_ID = env("NOTE_SIGNING_KEY_ID", default=next(iter(NOTE_SIGNING_KEYS)))
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Automatic logoff (HIPAA): a session ends after 30 idle minutes; every request, autosave
# included, restarts the clock. The page warns a minute before (static/js/session.js).
SESSION_IDLE_SECONDS = env.int("SESSION_IDLE_SECONDS", default=30 * 60)
SESSION_COOKIE_AGE = SESSION_IDLE_SECONDS
# The server writes the clock at most once a step and ends the session up to a step late
# (patients/idle_logoff.py), rather than rewriting the session on every request.
SESSION_ENGINE = "patients.idle_logoff"
IDLE_CLOCK_STEP_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_HTTPONLY = True

# Transport and headers. Behind a TLS-terminating proxy, set BEHIND_TLS_PROXY=1.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
BEHIND_TLS_PROXY = env.bool("BEHIND_TLS_PROXY", default=False)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content security policy (django-csp): only our own files run; nothing inline.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # Bootstrap draws its select arrows and toggler icons as data: SVGs.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Login throttling (django-axes, patients/login_throttle.py): 5 failures lock an account at
# the address they came from for 15 minutes; a lock per account alone would let anyone lock
# a colleague out, and one per address would lock a whole clinic behind one proxy. An
# address is locked on its own only after many failures across accounts. Old attempts are
# cleared as they expire, so the table stays bounded.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
LOGIN_FAILURES_PER_ADDRESS = env.int("LOGIN_FAILURES_PER_ADDRESS", default=50)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "patients.login_throttle.AccountAndAddressHandler"
# Behind the proxy every request comes from its address; the client's is in X-Forwarded-For.
AXES_CLIENT_IP_CALLABLE = "patients.login_throttle.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

# Log lines carry ids only: the request logger is kept at WARNING so query strings and
# form values never reach the log, and our own loggers log public ids, never names.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.server": {"level": "WARNING"},
        # django-axes names the account and address in its messages; ours log a digest.
        "axes": {"level": "ERROR"},
        # WeasyPrint announces itself at INFO on every start; its warnings still show.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# django-axes first: it refuses a locked-out account or address before any password check.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "patients.auth.ClinicModelBackend",
]

# django-auditlog: field changes as JSON, so the history page can show them per field.
AUDITLOG_STORE_JSON_CHANGES = True
