from django.conf import settings
from django.db import models

from trustplan.core.tenancy import TrustOwned
from trustplan.core.text import SingleLineField


class ArchiveStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    BUILDING = "building", "Building"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


UNFINISHED = (ArchiveStatus.QUEUED, ArchiveStatus.BUILDING)


class TrustArchive(TrustOwned):
    """The whole trust as one zip file, for a trust that is leaving: a row first, built by a
    Celery worker (queued -> building -> ready or failed), stored privately, downloaded by the
    CEO only."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=ArchiveStatus.choices, default="queued")
    progress = models.PositiveSmallIntegerField(default=0, help_text="Per cent.")
    stage = SingleLineField(max_length=120, blank=True, help_text="What the worker is doing.")
    attempts = models.PositiveSmallIntegerField(default=0)
    file_name = models.CharField(
        max_length=255, blank=True, help_text="Relative to PRIVATE_MEDIA_ROOT; never a URL."
    )
    bytes = models.PositiveBigIntegerField(null=True, blank=True)
    checksum = models.CharField(max_length=64, blank=True, help_text="SHA-256 of the zip.")
    tables = models.PositiveIntegerField(null=True, blank=True)
    files = models.PositiveIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    enqueued_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            # Asking again while one is on its way gives that one: at most one unfinished.
            models.UniqueConstraint(
                fields=["trust"],
                condition=models.Q(status__in=["queued", "building"]),
                name="archive_one_unfinished_per_trust",
            ),
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="archive_progress_is_a_percentage"
            ),
        ]
        indexes = [
            models.Index(fields=["trust", "requested_at"], name="archive_trust_requested"),
            # The sweep, across trusts, over the archives still queued or building.
            models.Index(
                fields=["requested_at"],
                condition=models.Q(status__in=["queued", "building"]),
                name="archive_sweep_unfinished",
            ),
        ]

    def __str__(self) -> str:
        return f"Archive of {self.trust_id} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (ArchiveStatus.READY, ArchiveStatus.FAILED)
