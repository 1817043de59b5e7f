"""The product's own processes (gunicorn, manage.py, the runner) started by a test, on the
test's database, Redis and queue."""

from __future__ import annotations

import os
import socket
from pathlib import Path
from urllib.parse import quote

BASE_DIR = Path(__file__).resolve().parents[1]


def test_database_url() -> str:
    """The test database as a DATABASE_URL, for a process the test starts."""
    from django.db import connection

    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db.get("PASSWORD"):
        credentials += ":" + quote(db["PASSWORD"], safe="")
    host = quote(db.get("HOST") or "", safe="")
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{credentials}@{host}{port}/{db['NAME']}"


def process_env(**extra: str) -> dict[str, str]:
    """This machine's environment less anything that configures Django, Celery or security,
    with the real settings pointed at the test's database, Redis and queue."""
    from django.conf import settings

    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CELERY_", "SECURE_"))
    }
    return {
        **clean,
        "DJANGO_SETTINGS_MODULE": "trustplan.settings",
        "DEBUG": "true",
        "DATABASE_URL": test_database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_QUEUE": settings.CELERY_TASK_DEFAULT_QUEUE,
        **extra,
    }


def closed_port() -> int:
    """A local port nothing listens on: what a service that is down looks like."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
