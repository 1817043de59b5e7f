"""Sending the outbox's tasks to the broker by name, so services and tasks never import each
other.

Services call these after their transaction commits. A broker that cannot be reached is
logged and left to the sweep: the row is already saved, so nothing is lost.
"""

from __future__ import annotations

import logging

import kombu.exceptions
import redis.exceptions
from celery import current_app
from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

SEND_EMAIL = "notifications.send_email"
# What sending a task raises when Redis is down or refuses the connection.
BROKER_ERRORS = (kombu.exceptions.OperationalError, redis.exceptions.RedisError, OSError)


def send_email_task(email_id: int, trust_id: int, *, countdown: int | None = None) -> bool:
    """Ask a worker to send one queued e-mail; False when the broker could not be reached."""
    from notifications.models import OutgoingEmail

    try:
        # The project's app: every process loads it (trustplan/__init__.py).
        current_app.send_task(
            SEND_EMAIL, args=[email_id, trust_id], countdown=countdown, retry=False
        )
    except BROKER_ERRORS as exc:
        logger.warning("e-mail %s: could not reach the broker (%s); the sweep will", email_id, exc)
        return False
    OutgoingEmail.objects.filter(pk=email_id, trust_id=trust_id).update(enqueued_at=timezone.now())
    return True


def send_email_on_commit(email_id: int, trust_id: int) -> None:
    transaction.on_commit(lambda: send_email_task(email_id, trust_id))


def send_email_tasks(email_ids: list[int], trust_id: int) -> int:
    """Send many queued e-mails' tasks over one broker connection, then mark them in one
    query; how many the broker accepted (the rest wait for the sweep)."""
    from notifications.models import OutgoingEmail

    accepted: list[int] = []
    try:
        with current_app.producer_or_acquire() as producer:
            for email_id in email_ids:
                current_app.send_task(
                    SEND_EMAIL, args=[email_id, trust_id], producer=producer, retry=False
                )
                accepted.append(email_id)
    except BROKER_ERRORS as exc:
        logger.warning(
            "%s e-mails: could not reach the broker (%s); the sweep will",
            len(email_ids) - len(accepted),
            exc,
        )
    for start in range(0, len(accepted), 1000):
        OutgoingEmail.objects.filter(
            pk__in=accepted[start : start + 1000], trust_id=trust_id
        ).update(enqueued_at=timezone.now())
    return len(accepted)


def send_email_tasks_on_commit(email_ids: list[int], trust_id: int) -> None:
    if email_ids:
        transaction.on_commit(lambda: send_email_tasks(email_ids, trust_id))
