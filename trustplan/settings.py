"""trustplan settings. Everything that differs between machines comes from the environment."""

import re
from pathlib import Path

from celery.schedules import crontab

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
    "django.contrib.humanize",  # allauth's list of sessions
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
    # Accounts: sign-in, password reset and change, e-mail change, MFA, single sign-on.
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.usersessions",
    "csp",
    "accounts",
    "notifications",
    "reminders",
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
    "csp.middleware.CSPMiddleware",
    "accounts.middleware.SessionLimitsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.UserSessionsMiddleware",  # allauth's, at most once a minute
    "accounts.middleware.MfaPolicyMiddleware",
    "reminders.middleware.UpdateLinkSessionMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "trustplan.urls"
WSGI_APPLICATION = "trustplan.wsgi.application"

# Fields with a maximum show what is left instead of cutting (trustplan/core/limits.py).
FORM_RENDERER = "trustplan.core.limits.FormRenderer"

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
                "accounts.context_processors.account",
                "reminders.context_processors.update_link",
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
    "allauth.account.auth_backends.AuthenticationBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        # trustplan's users have an e-mail address and a full name, and no username.
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("email", "full_name")},
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# django-allauth. Nobody signs up: accounts come from invitations (schools.services).
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
# An address is verified by the invitation link that created the account; a new address
# must be confirmed from its own inbox before it replaces the old one.
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_PREVENT_ENUMERATION = True
# A reset asked for an unknown address sends nothing (the page says the same either way).
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "trustplan: "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
# Failed sign-ins: slowed per account after a few (wait a minute), refused per account after
# more (wait up to half an hour), and refused per address after many, whatever the account.
# A sign-in that succeeds gives back its own attempt only (allauth), so guessing gains nothing.
SIGN_IN_FAILURE_LIMITS = env.text("SIGN_IN_FAILURE_LIMITS", "3/1m/key,10/30m/key,50/15m/ip")
if not re.fullmatch(r"\d+/\d*[smhd]/(key|ip)(,\d+/\d*[smhd]/(key|ip))*", SIGN_IN_FAILURE_LIMITS):
    raise env.ConfigError(
        "SIGN_IN_FAILURE_LIMITS", "must be rates like 3/1m/key,50/15m/ip (count/period/key or ip)"
    )
ACCOUNT_RATE_LIMITS = {
    "login_failed": SIGN_IN_FAILURE_LIMITS,
    # Sign-in attempts of any outcome (both steps of the page count): a school's staff often
    # share one network address.
    "login": "60/m/ip",
    "reset_password": "20/m/ip,5/5m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
}
MFA_ADAPTER = "accounts.adapters.MfaAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = "trustplan"
# One 30-second step either side: phone clocks drift. A code is still accepted only once.
MFA_TOTP_TOLERANCE = 1
MFA_PASSKEY_LOGIN_ENABLED = True
# WebAuthn needs https, except on this machine while developing and testing (localhost).
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
# Likewise a trust's single sign-on provider is https, but may be http on 127.0.0.1 in development.
SSO_ALLOW_LOOPBACK_HTTP = DEBUG
SOCIALACCOUNT_ADAPTER = "accounts.adapters.SocialAccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = False
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_REQUESTS_TIMEOUT = 10
SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"OAUTH_PKCE_ENABLED": True}}
USERSESSIONS_TRACK_ACTIVITY = True
# Behind a proxy, the client address is the proxy's last X-Forwarded-For entry.
ALLAUTH_TRUSTED_PROXY_COUNT = env.integer(
    "TRUSTED_PROXY_COUNT", 1 if env.boolean("BEHIND_TLS_PROXY", False) else 0, minimum=0
)

# Sessions end after SESSION_IDLE_MINUTES without a request and SESSION_ABSOLUTE_HOURS after
# sign-in, whichever comes first (accounts.middleware).
SESSION_IDLE_MINUTES = env.integer("SESSION_IDLE_MINUTES", 120, minimum=1)
SESSION_ABSOLUTE_HOURS = env.integer("SESSION_ABSOLUTE_HOURS", 12, minimum=1)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_HOURS * 3600
# In the database, read from the cache: no session query per request (accounts/sessions.py).
SESSION_ENGINE = "accounts.sessions"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# A second factor: how long people whose role requires one may put off setting it up.
MFA_GRACE_DAYS_DEFAULT = env.integer("MFA_GRACE_DAYS_DEFAULT", 14, minimum=0)
# Sign-in audit rows are deleted this many days after the event (a daily beat task).
SIGN_IN_AUDIT_DAYS = env.integer("SIGN_IN_AUDIT_DAYS", 365, minimum=1)

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
# One message per connection and worker task: a slow mail server holds up one e-mail only.
EMAIL_TIMEOUT = env.integer("EMAIL_TIMEOUT", 20, minimum=1)
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
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# No inline script or style anywhere; pictures may be data: URLs (the authenticator QR code).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
    }
}
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
# A worker process that has grown past this (in MB) is replaced once its task ends: a worker
# keeping laid-out pack pages (boardpacks/pieces.py) grows with the packs it has made.
CELERY_WORKER_MAX_MEMORY_PER_CHILD = (
    env.integer("CELERY_WORKER_MAX_MEMORY_MB", 1024, minimum=128) * 1024  # Celery counts KiB
)
# A traceback stays whole on stderr, rather than one log record per fragment.
CELERY_WORKER_REDIRECT_STDOUTS = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600, "socket_connect_timeout": 3}
CELERY_RESULT_EXPIRES = 3600
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "trustplan.celery:Scheduler"
# Per queue: two sites sharing one Redis never report each other's beat.
HEARTBEAT_KEY = f"trustplan:beat:{CELERY_TASK_DEFAULT_QUEUE}:heartbeat"
CELERY_BEAT_SCHEDULE = {
    "heartbeat": {"task": "trustplan.heartbeat", "schedule": 60.0},
    "boardpacks-sweep": {"task": "boardpacks.sweep", "schedule": 60.0},
    "accounts-prune-sign-in-events": {
        "task": "accounts.prune_sign_in_events",
        "schedule": 24 * 3600.0,
    },
    "notifications-sweep": {"task": "notifications.sweep", "schedule": 60.0},
    # Idempotent (one digest per person and day): each hour from 7 a.m., so a beat that was
    # down in the morning catches up later that day.
    "notifications-digest": {
        "task": "notifications.digest",
        "schedule": crontab(minute=0, hour="7-22"),
    },
    "trustdata-sweep": {"task": "trustdata.sweep", "schedule": 300.0},
    # Idempotent: hourly from 8 a.m., so a day whose first run was lost still gets its
    # reminders, and a second run at once adds nothing.
    "governance-appointments-ending": {
        "task": "governance.appointments_ending",
        "schedule": crontab(minute=30, hour="8-20"),
    },
    "reminders-packs": {"task": "reminders.packs", "schedule": crontab(minute=45)},
    "reminders-run": {"task": "reminders.run", "schedule": crontab(minute=15, hour="8-20")},
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
# Laid-out pages a worker keeps for re-renders (boardpacks/pieces.py): a 70-page pack and the
# changed pages of its next versions, in about 550 MB of the worker's memory.
BOARDPACK_PIECE_CACHE_PAGES = env.integer("BOARDPACK_PIECE_CACHE_PAGES", 120, minimum=0)
# The address people use to reach the site (e.g. https://plans.example.org): every absolute
# link, in e-mails and calendar feeds, is built from it (trustplan.core.links), never from a
# request's Host header. `make run` sets it to the address it serves.
SITE_URL = env.site_url("SITE_URL", "http://127.0.0.1:8000" if DEBUG else None)
# Tests only: hold each render this many seconds, so a test can kill a worker mid-render.
BOARDPACK_RENDER_DELAY = env.integer("BOARDPACK_RENDER_DELAY", 0, minimum=0) if DEBUG else 0

# Shared by every web worker: sign-in rate limits live here.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env.text("CACHE_KEY_PREFIX", "trustplan"),
        "OPTIONS": {"socket_connect_timeout": 3, "socket_timeout": 3},
    }
}
# Plan imports (plans/imports): the largest file, how far an Office file may expand when
# unzipped, and how much of it is read. A file over any limit is refused with the limit named.
PLAN_IMPORT_MAX_BYTES = env.integer("PLAN_IMPORT_MAX_BYTES", 10 * 1024 * 1024, minimum=1)
PLAN_IMPORT_MAX_EXPANDED_BYTES = env.integer(
    "PLAN_IMPORT_MAX_EXPANDED_BYTES", 100 * 1024 * 1024, minimum=1
)
PLAN_IMPORT_MAX_ROWS = env.integer("PLAN_IMPORT_MAX_ROWS", 3000, minimum=1)
PLAN_IMPORT_MAX_COLUMNS = env.integer("PLAN_IMPORT_MAX_COLUMNS", 40, minimum=1)
PLAN_IMPORT_MAX_CELL_CHARS = env.integer("PLAN_IMPORT_MAX_CELL_CHARS", 20_000, minimum=1)

# Reminders (reminders/): how long a reminder's one-click update link works.
REMINDER_LINK_TTL_DAYS = env.integer("REMINDER_LINK_TTL_DAYS", 7, minimum=1)

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
    # Secrets that travel in URLs (invitation, reset, calendar links) never reach a log line.
    "filters": {"redact_secrets": {"()": "accounts.redact.RedactSecretsFilter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["redact_secrets"],
        }
    },
    "root": {"handlers": ["console"], "level": env.text("LOG_LEVEL", "INFO")},
    # Django's own loggers go through the same handler (its default one would print
    # "Not Found: /invitations/<token>/" unredacted while debugging).
    "loggers": {"django": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}
