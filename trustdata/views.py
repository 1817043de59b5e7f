"""Leaving: the CEO asks for the whole trust as one archive, watches it build, downloads it."""

import logging

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from trustdata import services
from trustdata.models import ArchiveStatus, TrustArchive
from trustdata.permissions import TRUST_ARCHIVE
from trustplan.core.access import trust_view
from trustplan.core.tenancy import access

logger = logging.getLogger(__name__)


def access_archive(trust, pk) -> TrustArchive:
    return access(TrustArchive.objects.all(), trust, pk)


@trust_view(TRUST_ARCHIVE, methods=["GET", "POST"])
def leaving(request):
    if request.method == "POST":
        archive = services.archive_request(trust=request.trust, acting_user=request.user)
        if archive.reused:
            messages.info(request, "An archive is already being built; here it is.")
        else:
            messages.success(
                request, "The archive is being built. This page shows how far it has got."
            )
        return redirect("archive_detail", request.trust.slug, archive.pk)
    archives = list(TrustArchive.objects.filter(trust=request.trust)[:20])
    return render(request, "trustdata/leaving.html", {"nav": "setup", "archives": archives})


@trust_view(TRUST_ARCHIVE)
def archive_detail(request, archive_id):
    archive = access_archive(request.trust, archive_id)
    context = {"nav": "setup", "archive": archive}
    if request.htmx:
        return render(request, "trustdata/includes/archive_status.html", context)
    return render(request, "trustdata/archive.html", context)


@trust_view(TRUST_ARCHIVE)
def archive_download(request, archive_id):
    archive = access_archive(request.trust, archive_id)
    if archive.status != ArchiveStatus.READY:
        raise Http404("This archive is not ready.")
    try:
        handle = services.archive_path(archive.file_name).open("rb")
    except OSError:
        logger.error("archive %s: stored file %r is missing", archive.pk, archive.file_name)
        raise Http404("The archive's file is missing.") from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"{request.trust.slug}-trustplan-{timezone.localtime(archive.finished_at):%Y-%m-%d}.zip",
        content_type="application/zip",
    )
    response["Cache-Control"] = "private, no-store"
    return response
