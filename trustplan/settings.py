"""trustplan settings. Everything that differs between machines comes from the environment."""

from pathlib import Path

from trustplan.core import env

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env.text("TRUSTPLAN_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env.boolean("DEBUG", False)

# A development key is fine only while DEBUG is on; production must set its own.
SECRET_KEY = env.text("SECRET_KEY", required=not DEBUG) or "dev-only-insecure-key"

ALLOWED_HOSTS = env.word_list(
    "ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"] if DEBUG else []
)
if not ALLOWED_HOSTS:
    raise env.ConfigError("ALLOWED_HOSTS", "is required when DEBUG is off (comma-separated hosts)")
CSRF_TRUSTED_ORIGINS = env.word_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "trustplan.admin_site.TrustplanAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "guardian",
    "simple_history",
    "trustplan",
    "schools",
    "objectives",
    "plans",
    "kpis",
    "governance",
    "boardpacks",
    "onboarding",
    "operators",
    "trustdata",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "trustplan.urls"
WSGI_APPLICATION = "trustplan.wsgi.application"

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
                "trustplan.core.context_processors.trust",
            ],
        },
    },
]

# Local development and tests default to the PostgreSQL on this host; production must say.
DATABASES = {
    "default": env.database(
        "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/trustplan" if DEBUG else None
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.redis_url("REDIS_URL", "redis://127.0.0.1:6379/0" if DEBUG else None)

AUTH_USER_MODEL = "trustplan.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# django-guardian: no anonymous user row; per-object grants only for signed-in people.
ANONYMOUS_USER_NAME = None
GUARDIAN_AUTO_PREFETCH = False

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env.text("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# Files people must not reach by URL (board packs, meeting papers) live here and are
# served only through permission-checked views.
PRIVATE_MEDIA_ROOT = Path(env.text("PRIVATE_MEDIA_ROOT", str(VAR_DIR / "private")))
MEETING_PAPER_MAX_BYTES = env.integer("MEETING_PAPER_MAX_BYTES", 20 * 1024 * 1024, minimum=1)

EMAIL_BACKEND = env.text("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.text("EMAIL_HOST", "localhost")
EMAIL_PORT = env.integer("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env.text("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env.text("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env.boolean("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env.text("DEFAULT_FROM_EMAIL", "trustplan <noreply@trustplan.invalid>")
INVITATION_TTL_DAYS = env.integer("INVITATION_TTL_DAYS", 14, minimum=1)

# Security. Off only while developing on this machine.
SECURE_SSL_REDIRECT = env.boolean("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = env.boolean("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env.boolean("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env.integer("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.boolean("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env.boolean("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
if env.boolean("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Celery: JSON only, late acknowledgement, bounded time. Tasks are enqueued after commit.
CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = REDIS_URL
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_TASK_TIME_LIMIT = env.integer("CELERY_TASK_TIME_LIMIT", 300, minimum=1)
CELERY_TASK_SOFT_TIME_LIMIT = env.integer("CELERY_TASK_SOFT_TIME_LIMIT", 240, minimum=1)
CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_DEFAULT_QUEUE = env.text("CELERY_QUEUE", "trustplan")
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600, "socket_connect_timeout": 3}
CELERY_RESULT_EXPIRES = 3600
CELERY_TIMEZONE = TIME_ZONE
HEARTBEAT_KEY = "trustplan:beat:heartbeat"
CELERY_BEAT_SCHEDULE = {
    "heartbeat": {"task": "trustplan.heartbeat", "schedule": 60.0},
    "boardpacks-sweep": {"task": "boardpacks.sweep", "schedule": 60.0},
    "trustdata-sweep": {"task": "trustdata.sweep", "schedule": 300.0},
}

# Board packs: the render task's own limits, and when the sweep steps in. A render still
# "rendering" after the hard limit is dead (the worker would have killed it).
BOARDPACK_TIME_LIMIT = env.integer("BOARDPACK_TIME_LIMIT", 180, minimum=10)
BOARDPACK_SOFT_TIME_LIMIT = env.integer("BOARDPACK_SOFT_TIME_LIMIT", 150, minimum=5)
if BOARDPACK_SOFT_TIME_LIMIT >= BOARDPACK_TIME_LIMIT:
    raise env.ConfigError("BOARDPACK_SOFT_TIME_LIMIT", "must be less than BOARDPACK_TIME_LIMIT")
BOARDPACK_MAX_ATTEMPTS = env.integer("BOARDPACK_MAX_ATTEMPTS", 3, minimum=1)
BOARDPACK_REQUEUE_AFTER = env.integer("BOARDPACK_REQUEUE_AFTER", 60, minimum=0)
BOARDPACK_STUCK_AFTER = env.integer("BOARDPACK_STUCK_AFTER", BOARDPACK_TIME_LIMIT + 60, minimum=0)
# The address people use to reach the site, for links in e-mails (e.g. https://plans.example.org).
SITE_URL = env.text("SITE_URL", "http://127.0.0.1:8000" if DEBUG else "")
# Tests only: hold each render this many seconds, so a test can kill a worker mid-render.
BOARDPACK_RENDER_DELAY = env.integer("BOARDPACK_RENDER_DELAY", 0, minimum=0) if DEBUG else 0

# Plan imports (plans/imports): the largest file, how far an Office file may expand when
# unzipped, and how much of it is read. A file over any limit is refused with the limit named.
PLAN_IMPORT_MAX_BYTES = env.integer("PLAN_IMPORT_MAX_BYTES", 10 * 1024 * 1024, minimum=1)
PLAN_IMPORT_MAX_EXPANDED_BYTES = env.integer(
    "PLAN_IMPORT_MAX_EXPANDED_BYTES", 100 * 1024 * 1024, minimum=1
)
PLAN_IMPORT_MAX_ROWS = env.integer("PLAN_IMPORT_MAX_ROWS", 3000, minimum=1)
PLAN_IMPORT_MAX_COLUMNS = env.integer("PLAN_IMPORT_MAX_COLUMNS", 40, minimum=1)
PLAN_IMPORT_MAX_CELL_CHARS = env.integer("PLAN_IMPORT_MAX_CELL_CHARS", 20_000, minimum=1)

# Leaving and erasure (trustdata): how long a trust marked for deletion waits before it is
# deleted, and the archive task's limits.
TRUST_DELETION_GRACE_DAYS = env.integer("TRUST_DELETION_GRACE_DAYS", 30, minimum=0)
TRUST_ARCHIVE_TIME_LIMIT = env.integer("TRUST_ARCHIVE_TIME_LIMIT", 900, minimum=10)
TRUST_ARCHIVE_SOFT_TIME_LIMIT = env.integer("TRUST_ARCHIVE_SOFT_TIME_LIMIT", 840, minimum=5)
if TRUST_ARCHIVE_SOFT_TIME_LIMIT >= TRUST_ARCHIVE_TIME_LIMIT:
    raise env.ConfigError(
        "TRUST_ARCHIVE_SOFT_TIME_LIMIT", "must be less than TRUST_ARCHIVE_TIME_LIMIT"
    )

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.text("LOG_LEVEL", "INFO")},
}
