"""Leaving and erasure tasks: JSON ids only; each re-fetches its archive through the trust."""

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import InterfaceError, OperationalError

from trustdata import services

logger = logging.getLogger(__name__)

TRANSIENT_ERRORS = (OperationalError, InterfaceError, OSError)


@shared_task(
    name=services.BUILD,
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    time_limit=settings.TRUST_ARCHIVE_TIME_LIMIT,
    soft_time_limit=settings.TRUST_ARCHIVE_SOFT_TIME_LIMIT,
    max_retries=3,
    ignore_result=True,
)
def build_archive(self, archive_id: int, trust_id: int) -> str:
    """Build one archive. A repeat for an archive already built or building does nothing."""
    archive = services.archive_claim(archive_id=archive_id, trust_id=trust_id)
    if archive is None:
        return "skipped"
    try:
        built = services.archive_build(archive)
    except SoftTimeLimitExceeded:
        services.archive_fail(
            archive=archive,
            error=f"Building took longer than {settings.TRUST_ARCHIVE_SOFT_TIME_LIMIT} seconds.",
        )
        return "failed"
    except TRANSIENT_ERRORS as exc:
        if self.request.retries < self.max_retries:
            services.archive_release(archive=archive, error=f"Retrying after: {exc}")
            raise self.retry(exc=exc, countdown=10 * 2**self.request.retries) from exc
        services.archive_fail(archive=archive, error=f"Building failed: {exc}")
        return "failed"
    except Exception as exc:
        logger.exception("archive %s failed", archive_id)
        services.archive_fail(archive=archive, error=f"Building failed: {type(exc).__name__}")
        return "failed"
    return "ready" if built else "superseded"


@shared_task(name="trustdata.sweep", acks_late=True, time_limit=600, soft_time_limit=540)
def sweep() -> dict:
    """Beat runs this every five minutes: lost archive builds, and trusts due for deletion."""
    result = services.trustdata_sweep()
    if result.sent or result.requeued or result.failed or result.deleted:
        logger.info("trustdata sweep: %s", vars(result))
    return vars(result)
