"""The Celery app. Workers start with `celery -A trustplan.celery worker`."""

import os

from celery import Celery
from celery.signals import beat_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trustplan.settings")

from django.conf import settings

from trustplan.core.env import exit_on_config_error

with exit_on_config_error():
    settings.INSTALLED_APPS  # noqa: B018 - load settings now, so bad values stop the worker

# DjangoTask adds delay_on_commit(): tasks are sent only once the transaction commits.
app = Celery("trustplan", task_cls="celery.contrib.django.task:DjangoTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@beat_init.connect
def _first_heartbeat(sender=None, **kwargs) -> None:
    # Report beat alive at once rather than a minute after start-up.
    app.send_task("trustplan.heartbeat")
