"""The Celery app. Workers start with `celery -A trustplan.celery worker`.

`trustplan/__init__.py` imports it, so every process of the project sends through it.
Importing it reads no settings: the scripts that run before Django (trustplan.localservices)
import this package too.
"""

import os

from celery import Celery
from celery.beat import PersistentScheduler
from celery.signals import beat_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trustplan.settings")

# DjangoTask adds delay_on_commit(): tasks are sent only once the transaction commits.
app = Celery("trustplan", task_cls="celery.contrib.django.task:DjangoTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_configure.connect
def _load_settings(sender=None, **kwargs) -> None:
    # The worker and beat read the settings here first: a bad value stops them with one line.
    from django.conf import settings

    from trustplan.core.env import exit_on_config_error

    with exit_on_config_error():
        settings.INSTALLED_APPS  # noqa: B018


class Scheduler(PersistentScheduler):
    """Celery's own scheduler, reporting beat alive at once rather than a minute after
    start-up, but only once its schedule file is open: a beat that cannot write it dies
    here, and /healthz must never have said it was well."""

    def setup_schedule(self) -> None:
        super().setup_schedule()
        self.app.send_task("trustplan.heartbeat")


@beat_init.connect
def _withdraw_earlier_heartbeat(sender=None, **kwargs) -> None:
    # A beat starting up: whatever an earlier one reported no longer holds.
    from trustplan.core.broker import heartbeat_key, redis_client

    redis_client().delete(heartbeat_key())
