"""Nivaran settings: one module, every knob an environment variable.

The README's table lists each variable. With DEBUG off the production hardening
(HTTPS redirect, HSTS, secure cookies) is on unless a variable turns it off, and
SECRET_KEY has no default.
"""

import os
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("NIVARAN_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    if value.strip().lower() in {"1", "true", "yes", "on"}:
        return True
    if value.strip().lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from exc


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)


def required_in_production(name: str, why: str) -> str:
    value = os.environ.get(name, "")
    if not value and not DEBUG:
        raise ImproperlyConfigured(
            f"{name} is not set. {why} (or set DEBUG=1 for local development)."
        )
    return value


def local_secret_key() -> str:
    """DEBUG only: a random key made once and kept under var/, never a shared constant."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(get_random_secret_key())
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = (
    required_in_production(
        "SECRET_KEY", "Production needs a long random secret in the SECRET_KEY environment variable"
    )
    or local_secret_key()
)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "guardian",
    "django_fsm",
    "django_celery_beat",
    "common",
    "accounts",
    "timelimits",
    "complaints",
    "billing",
    "portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "common.middleware.RejectNulBytesMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "common.middleware.DebugErrorPagesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "common.middleware.HindiFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a lockout into its page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "timelimits.context_processors.notices",
                "common.context_processors.company",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------
# make run: a SQLite file under var/ so a fresh machine needs no server.
# Tests and production: PostgreSQL through DATABASE_URL.
DATABASE_URL = required_in_production(
    "DATABASE_URL", "Production runs on PostgreSQL: DATABASE_URL=postgres://..."
)
# The app runs as a role that may only read and write rows; `migrate` runs as the role
# owning the schema when MIGRATE_DATABASE_URL names it (docs/SECURITY.md).
MIGRATE_DATABASE_URL = os.environ.get("MIGRATE_DATABASE_URL", "")
if MIGRATE_DATABASE_URL and sys.argv[1:2] == ["migrate"]:
    DATABASE_URL = MIGRATE_DATABASE_URL
if not DATABASE_URL:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASE_URL = f"sqlite:///{VAR_DIR / 'nivaran.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "DATABASE_POOL", False
):
    # psycopg 3's pool; persistent connections and the pool exclude each other.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": env_int("DATABASE_POOL_MIN", 2),
        "max_size": env_int("DATABASE_POOL_MAX", 10),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Users, permissions ----------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out username or address before any password is checked.
    "common.auth.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
# Nivaran grants nothing to anonymous users; guardian need not create one.
ANONYMOUS_USER_NAME = None
GUARDIAN_USER_OBJ_PERMS_MODEL = "accounts.OfficeUserObjectPermission"
GUARDIAN_GROUP_OBJ_PERMS_MODEL = "accounts.OfficeGroupObjectPermission"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_FAILURES_ALLOWED = env_int("LOGIN_FAILURES_ALLOWED", 10)
LOGIN_LOCKOUT_SECONDS = env_int("LOGIN_LOCKOUT_SECONDS", 15 * 60)
# django-axes guards every way in (/login/, /admin/login/, the API token): after
# LOGIN_FAILURES_ALLOWED failures for one username, or from one address, that username
# or address waits LOGIN_LOCKOUT_SECONDS. The counts live in the database, which every
# worker shares (and which stays up when Redis does not); an administrator lifts a
# lockout in Django admin (Axes > Access attempts) or with `manage.py axes_reset`.
AXES_FAILURE_LIMIT = LOGIN_FAILURES_ALLOWED
AXES_COOLOFF_TIME = timedelta(seconds=LOGIN_LOCKOUT_SECONDS)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# A success does not wipe the counts: otherwise a guesser with an account of their own
# could log in between guesses and clear the count of the address they guess from.
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_CALLABLE = "common.auth.lockout_response"
# Behind the TLS proxy, the client's address rather than the proxy's (common/auth.py).
AXES_CLIENT_IP_CALLABLE = "common.auth.client_address"
# Passwords are never stored in the attempt log.
AXES_SENSITIVE_PARAMETERS = ["password"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# --- Language and time -----------------------------------------------------
LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "hi")
LANGUAGES = [("hi", _("Hindi")), ("en", _("English"))]
# The project catalogue comes first, so it also corrects Django's own Hindi
# (common/django_messages.py).
LOCALE_PATHS = [BASE_DIR / "locale"]
# A language switch is remembered for a year, not only for the browser session.
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
USE_I18N = True
TIME_ZONE = "Asia/Kolkata"
USE_TZ = True

# --- Static files ----------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Uploaded evidence is private: never under STATIC_ROOT and never served directly.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))

# --- Security --------------------------------------------------------------
# Each switch defaults to "on" in production (DEBUG off). Behind a TLS proxy set
# SECURE_PROXY_SSL_HEADER=1; on plain loopback HTTP turn the HTTPS ones off.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Load balancers probe /healthz over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy on every response (django-csp): scripts, styles, fonts only
# from our own origin, never inline; Swagger UI's icons are data: images. Evidence
# downloads set their own stricter, sandboxing policy, which this one leaves alone.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
CSRF_FAILURE_VIEW = "common.error_pages.csrf_failure"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)  # one working day

# --- Email -----------------------------------------------------------------
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "common.mail.LogEmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# The file backend (EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend) writes here.
EMAIL_FILE_PATH = Path(os.environ.get("EMAIL_FILE_PATH", VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "nivaran@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Celery ----------------------------------------------------------------
# Without CELERY_BROKER_URL the broker is kombu's filesystem transport under var/,
# so `make run` needs no Redis. Production: redis://...
CELERY_BROKER_URL = (
    required_in_production(
        "CELERY_BROKER_URL", "Production workers share a broker: CELERY_BROKER_URL=redis://..."
    )
    or "filesystem://localhost//"
)
if CELERY_BROKER_URL.startswith("filesystem://"):
    _broker_dir = VAR_DIR / "broker"
    for _folder in ("queue", "control"):
        (_broker_dir / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
    # The filesystem transport has no fan-out exchange for remote control.
    CELERY_WORKER_ENABLE_REMOTE_CONTROL = False
else:
    # A web request that queues a job (mailing notices) must not hang when Redis is
    # down: one quick attempt, then the caller carries on and the periodic sweep catches
    # up. Workers reconnect under their own, patient, retry settings.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "max_retries": 1,
        "interval_start": 0,
        "interval_step": 0.1,
        "interval_max": 0.2,
        "socket_connect_timeout": 2,
    }
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

# --- Cache (login throttling and lockout) -------------------------------------
# Every web process must see the same counters, or the real limit is the allowed
# failures times the number of processes: production refuses to start without Redis.
CACHE_URL = required_in_production(
    "CACHE_URL", "Web processes share login counters in Redis: CACHE_URL=redis://..."
)
if CACHE_URL and not CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured(
        f"CACHE_URL must name a Redis server (redis://...), not {CACHE_URL!r}"
    )
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    if CACHE_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

# --- REST API --------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # NUL characters and deep nesting in a JSON body are a 400 (common/parsers.py).
    "DEFAULT_PARSER_CLASSES": [
        "common.parsers.SafeJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "common.pagination.BoundedPageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_RATES": {"login": os.environ.get("LOGIN_RATE", "10/min")},
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Nivaran API",
    "DESCRIPTION": (
        "Consumer complaints and bill corrections of an MP power distribution company. "
        "Authenticate with `Authorization: Token <token>` from POST /api/v1/auth/token/."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "ComplaintStatusEnum": "complaints.models.ComplaintStatus",
        "CorrectionStateEnum": "billing.models.State",
    },
}

# Links in mailed notices point here.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
# The public status page: look-ups allowed per client address per window (shared cache).
PUBLIC_STATUS_LOOKUPS = env_int("PUBLIC_STATUS_LOOKUPS", 10)
PUBLIC_STATUS_WINDOW_SECONDS = env_int("PUBLIC_STATUS_WINDOW_SECONDS", 60)
DISCOM_NAME = os.environ.get("DISCOM_NAME", "M.P. Paschim Kshetra Vidyut Vitaran Co. Ltd., Indore")
DISCOM_NAME_HI = os.environ.get("DISCOM_NAME_HI", "म.प्र. पश्चिम क्षेत्र विद्युत वितरण कंपनी लिमिटेड, इंदौर")

# --- Nivaran rules (circulars change these; each is documented in the README) --------
# The 1912 call centre's complaint numbers. Must not be able to match an office-issued
# number (<contact ID>-<year>-<sequence>), which always has letters or hyphens.
COMPLAINT_NUMBER_PATTERN = os.environ.get("COMPLAINT_NUMBER_PATTERN", r"^[0-9]{6,20}$")
CONSUMER_NUMBER_MIN_LENGTH = env_int("CONSUMER_NUMBER_MIN_LENGTH", 10)
CONSUMER_NUMBER_MAX_LENGTH = env_int("CONSUMER_NUMBER_MAX_LENGTH", 12)
# Days each stage has where no time-limit policy covers it (the notice: 7 per level).
DEFAULT_STAGE_DAYS = env_int("DEFAULT_STAGE_DAYS", 7)
ATTACHMENT_MAX_BYTES = env_int("ATTACHMENT_MAX_BYTES", 5 * 1024 * 1024)
ATTACHMENTS_PER_UPLOAD = env_int("ATTACHMENTS_PER_UPLOAD", 10)

# --- Logging ---------------------------------------------------------------
# One handler on the root logger, stamped in IST (TIME_ZONE; scripts/run.sh exports TZ).
# Django's own "django" logger gets no handler of its own: with DEBUG on it would
# otherwise print every line a second time.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "stamped": {
            "format": "[%(asctime)s] %(levelname)s %(name)s: %(message)s",
            "datefmt": "%Y-%m-%d %H:%M:%S %z",
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "stamped"}},
    "loggers": {"django": {"handlers": [], "propagate": True}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
