"""Sending board pack tasks by name, so services send work and tasks call services without
either importing the other.

Like task.delay_on_commit(), except that a broker that cannot be reached is logged and left to
the sweep instead of turning a committed request into an error page.
"""

from __future__ import annotations

import logging

import kombu.exceptions
import redis.exceptions
from celery import current_app

logger = logging.getLogger(__name__)

RENDER = "boardpacks.render"
NOTIFY_PUBLISHED = "boardpacks.notify_published"

# What sending a task raises when Redis is down or refuses the connection.
BROKER_ERRORS = (kombu.exceptions.OperationalError, redis.exceptions.RedisError, OSError)


def send(task_name: str, pack, *, what: str) -> bool:
    """Send one pack's task (JSON ids only); False, logged, when the broker is unreachable."""
    try:
        current_app.send_task(task_name, args=[pack.pk, pack.trust_id], retry=False)
    except BROKER_ERRORS as exc:
        logger.warning(
            "board pack %s: could not send the %s task (%s); the sweep will send it later",
            pack.pk,
            what,
            exc,
        )
        return False
    return True
