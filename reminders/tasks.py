"""Reminder tasks: beat sends them; each is idempotent and safe to run twice at once."""

import logging

from celery import shared_task

from reminders import services

logger = logging.getLogger(__name__)


@shared_task(name="reminders.run", acks_late=True, time_limit=1800, soft_time_limit=1740)
def run() -> dict:
    """Every trust's rating reminders due today (none twice: the outbox decides)."""
    result = services.reminders_prepare()
    if result.added:
        logger.info("reminders: %s", vars(result))
    return vars(result)
