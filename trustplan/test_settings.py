"""Settings for the test suite: the real settings with development defaults and fast hashing."""

import os

os.environ.setdefault("DEBUG", "true")

from trustplan.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Each test process gets its own queue so a running `make run` worker never takes its tasks.
CELERY_TASK_DEFAULT_QUEUE = f"trustplan-test-{os.getpid()}"
PRIVATE_MEDIA_ROOT = VAR_DIR / "test-private" / str(os.getpid())  # noqa: F405
HEARTBEAT_KEY = f"trustplan:test:{os.getpid()}:heartbeat"
# Two checkouts testing against one PostgreSQL at once each name their own test database.
DATABASES["default"]["TEST"] = {  # noqa: F405
    "NAME": "test_trustplan" + os.environ.get("TEST_DB_SUFFIX", "")
}
# Sign-in rate limits and other cache entries of one test process stay its own.
CACHES["default"]["KEY_PREFIX"] = f"trustplan-test-{os.getpid()}"  # noqa: F405
