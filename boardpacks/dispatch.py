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


def queue_depth() -> int | None:
    """How many tasks wait in the queue the render tasks go to (the default queue); None when
    the broker cannot be reached. Works for Redis and RabbitMQ alike."""
    import amqp.exceptions

    try:
        with current_app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=1)
            channel = connection.channel()
            try:
                declared = channel.queue_declare(
                    queue=current_app.conf.task_default_queue, passive=True
                )
            except (kombu.exceptions.ChannelError, amqp.exceptions.NotFound):
                return 0  # no such queue yet: nothing waits in it
            finally:
                channel.close()
            return declared.message_count
    except BROKER_ERRORS as exc:
        logger.warning("board packs: could not read the queue's depth (%s)", exc)
        return None
