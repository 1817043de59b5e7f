"""Board pack tasks: JSON ids only; each re-fetches its pack through the trust."""

import logging
import random

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import InterfaceError, OperationalError

from boardpacks import dispatch, services
from boardpacks.models import BoardPack

logger = logging.getLogger(__name__)

# Errors worth another try: the database or the disk had a bad moment.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, OSError)
RENDER_RETRIES = 3

# What the pack's page says. The exception (a database host, SQL, a file path) goes to the
# log only: the reader is told what happened and what to do, never the worker's internals.
RETRYING = "A service the renderer needs did not answer; trying again shortly."
GAVE_UP = (
    "A service the renderer needs did not answer after several tries. Request the pack again "
    "in a few minutes; if it fails again, tell whoever runs trustplan for your trust."
)
FAILED = (
    "Something went wrong while rendering the pack. Request it again; if it fails again, tell "
    "whoever runs trustplan for your trust (the details are in the worker's log)."
)


def backoff(retries: int) -> int:
    """5, 10, 20 … seconds (at most a minute), with jitter so retries do not bunch up."""
    return min(60, 5 * 2**retries) + random.randint(0, 3)


@shared_task(
    name=dispatch.RENDER,
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    time_limit=settings.BOARDPACK_TIME_LIMIT,
    soft_time_limit=settings.BOARDPACK_SOFT_TIME_LIMIT,
    max_retries=RENDER_RETRIES,
    ignore_result=True,
)
def render_pack(self, pack_id: int, trust_id: int) -> str:
    """Render one pack, then hand the trust's turn to its next waiting pack. A repeat for a
    pack already rendered or rendering does nothing."""
    pack = services.boardpack_claim(pack_id=pack_id, trust_id=trust_id)
    if pack is None:
        return "skipped"
    outcome = _render(self, pack)  # a retry raises, keeping the turn for the retried task
    sent = services.boardpack_send_next(trust_id=trust_id)
    if outcome == "ready" and sent is None:
        services.boardpack_prepare_next(pack=pack)
    return outcome


def _render(task, pack: BoardPack) -> str:
    try:
        result = services.boardpack_render(pack)
    except SoftTimeLimitExceeded:
        services.boardpack_fail(
            pack=pack,
            error=(
                f"Rendering took longer than {settings.BOARDPACK_SOFT_TIME_LIMIT} seconds and "
                "was stopped."
            ),
        )
        return "failed"
    except TRANSIENT_ERRORS as exc:
        if task.request.retries < task.max_retries:
            logger.warning("board pack %s: %s; retrying", pack.pk, exc)
            # Back in the queue, still holding its trust's turn (the retry is its task).
            services.boardpack_release(pack=pack, error=RETRYING)
            raise task.retry(exc=exc, countdown=backoff(task.request.retries)) from exc
        logger.error("board pack %s failed after retries", pack.pk, exc_info=exc)
        services.boardpack_fail(pack=pack, error=GAVE_UP)
        return "failed"
    except Exception:
        logger.exception("board pack %s failed to render", pack.pk)
        services.boardpack_fail(pack=pack, error=FAILED)
        return "failed"
    if result is None:
        return "superseded"
    logger.info(
        "board pack %s ready: %s pages, %s bytes in %.2fs",
        pack.pk,
        result.pages,
        result.bytes,
        result.seconds,
    )
    return "ready"


@shared_task(
    name=dispatch.NOTIFY_PUBLISHED,
    acks_late=True,
    reject_on_worker_lost=True,
    time_limit=60,
    soft_time_limit=50,
    ignore_result=True,
)
def notify_published(pack_id: int, trust_id: int) -> int:
    """Queue the publication e-mails of a pack (a task an earlier version may have left in
    the queue: publishing now queues them itself). Each e-mail is then the outbox's."""
    pack = BoardPack.objects.filter(pk=pack_id, trust_id=trust_id).first()
    return services.boardpack_notify(pack=pack) if pack else 0


@shared_task(name="boardpacks.sweep", acks_late=True, time_limit=60, soft_time_limit=50)
def sweep() -> dict:
    """Beat runs this every minute: re-send lost work, retry or fail dead renders."""
    result = services.boardpack_sweep()
    if any(vars(result).values()):
        logger.info("board pack sweep: %s", vars(result))
    return vars(result)
