"""The archive built by a real worker over Redis: a row first, sent after commit."""

import time
import zipfile

import pytest

from trustdata import services
from trustdata.models import ArchiveStatus
from trustdata.tasks import build_archive

pytestmark = pytest.mark.worker


def finished(archive, timeout: float = 90.0):
    deadline = time.monotonic() + timeout
    while True:
        archive.refresh_from_db()
        if archive.is_finished:
            return archive
        assert time.monotonic() < deadline, f"archive {archive.pk} did not finish"
        time.sleep(0.2)


def test_a_real_worker_builds_the_archive_once_the_request_is_committed(celery_worker):
    from tests.world import build_trust

    world = build_trust("ash")
    archive = services.archive_request(trust=world.trust, acting_user=world.users["ceo"])

    archive = finished(archive)

    assert archive.status == ArchiveStatus.READY, archive.error
    assert archive.progress == 100 and archive.tables > 20 and archive.files >= 2
    assert archive.attempts == 1 and archive.enqueued_at is not None
    with zipfile.ZipFile(services.archive_path(archive.file_name)) as package:
        assert any(name.endswith("/README.txt") for name in package.namelist())
    # The same task again (a redelivery) does nothing.
    assert build_archive.apply(args=[archive.pk, world.trust.pk]).get() == "skipped"
