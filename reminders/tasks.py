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


@shared_task(name="reminders.packs", acks_late=True, time_limit=600, soft_time_limit=540)
def packs() -> dict:
    """Board packs requested before meetings with the plan on their agenda (once each)."""
    from reminders.packs import packs_before_meetings

    return vars(packs_before_meetings())
