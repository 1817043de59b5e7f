"""A built archive for each trust of the test world (a tiny stored zip), for the CEO to read
and download; the other trust's archive is the one that must stay out of reach."""

import zipfile

from django.utils import timezone

from trustdata.models import ArchiveStatus, TrustArchive
from trustdata.services import archive_path


def extend(world) -> None:
    archive = TrustArchive.objects.create(
        trust=world.trust, requested_by=world.users["ceo"], status=ArchiveStatus.READY
    )
    name = f"{world.trust.pk}/archive-{archive.pk}-test.zip"
    path = archive_path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("README.txt", f"{world.trust.name}\n")
    TrustArchive.objects.filter(pk=archive.pk).update(
        file_name=name,
        progress=100,
        bytes=path.stat().st_size,
        tables=0,
        files=0,
        finished_at=timezone.now(),
    )
    archive.refresh_from_db()
    world.extra["archive"] = archive


OBJECT_IDS = {"archive_id": lambda w: w.extra["archive"].pk}
