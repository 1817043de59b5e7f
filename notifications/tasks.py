"""Outbox tasks: JSON ids only; each re-reads its row through the trust and is idempotent."""

import logging

from celery import shared_task

from notifications import services

logger = logging.getLogger(__name__)


@shared_task(
    name="notifications.send_email",
    acks_late=True,
    reject_on_worker_lost=True,
    time_limit=60,
    soft_time_limit=50,
    ignore_result=True,
)
def send_email(email_id: int, trust_id: int) -> str:
    """Send one queued e-mail; a repeat for one already sent does nothing."""
    return services.email_send(email_id=email_id, trust_id=trust_id)


@shared_task(name="notifications.sweep", acks_late=True, time_limit=60, soft_time_limit=50)
def sweep() -> dict:
    """Beat runs this every minute: re-send e-mail a lost broker or worker left behind."""
    result = services.email_sweep()
    if any(vars(result).values()):
        logger.info("e-mail sweep: %s", vars(result))
    return vars(result)


@shared_task(name="notifications.digest", acks_late=True, time_limit=600, soft_time_limit=540)
def digest() -> int:
    """Beat runs this each morning (and may run it twice): one digest per person and day."""
    return services.digest_prepare()
