"""trustplan: strategic and annual planning for multi-academy trusts."""

import os

# What the caller set, before the Celery app fills in its default below: the scripts that
# start other programs (trustplan.localservices, trustplan.runner) pass on only this, so
# `make test` keeps pytest's own settings.
CALLER_SETTINGS_MODULE = os.environ.get("DJANGO_SETTINGS_MODULE")

# Every process that imports the project (gunicorn workers, manage.py commands, the worker
# and beat) loads its Celery app, so tasks leave through the configured broker and never
# through Celery's default app.
from trustplan.celery import app as celery_app  # noqa: E402

__all__ = ["CALLER_SETTINGS_MODULE", "celery_app"]
