from django.conf import settings
from django.db import models

from trustplan.core.tenancy import TrustOwned
from trustplan.core.trustkeys import trust_keys


class PackStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RENDERING = "rendering", "Rendering"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


class BoardPack(TrustOwned):
    """A PDF board pack: a database row first, rendered by a Celery worker.

    Once published it is frozen: the stored PDF is what trustees saw. A new pack for the same
    term is a new version.
    """

    annual_plan = models.ForeignKey(
        "plans.AnnualPlan",
        on_delete=models.PROTECT,
        related_name="board_packs",
        db_constraint=False,
    )
    term = models.ForeignKey(
        "plans.Term", on_delete=models.PROTECT, related_name="board_packs", db_constraint=False
    )
    meeting = models.ForeignKey(
        "governance.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="board_packs",
        db_constraint=False,
    )
    body = models.ForeignKey(
        "governance.Body",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="board_packs",
        help_text="Empty for the trust's pack, which is the board's; else the local governing "
        "body whose schools the pack covers and whose governors read it.",
        db_constraint=False,
    )
    include_trust_summary = models.BooleanField(
        default=False,
        help_text="A local body's pack: also show the trust-wide summary of the term.",
    )
    version = models.PositiveIntegerField(default=1)
    fingerprint = models.CharField(
        max_length=64,
        blank=True,
        help_text="SHA-256 of the pack's inputs when it was requested: same inputs, same pack.",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=12, choices=PackStatus.choices, default="queued")
    progress = models.PositiveSmallIntegerField(default=0, help_text="Per cent.")
    attempts = models.PositiveSmallIntegerField(default=0)
    file_name = models.CharField(
        max_length=255, blank=True, help_text="Relative to PRIVATE_MEDIA_ROOT; never a URL."
    )
    pages = models.PositiveIntegerField(null=True, blank=True)
    bytes = models.PositiveBigIntegerField(null=True, blank=True)
    checksum = models.CharField(max_length=64, blank=True, help_text="SHA-256 of the PDF.")
    render_seconds = models.FloatField(null=True, blank=True)
    error = models.TextField(blank=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    enqueued_at = models.DateTimeField(
        null=True, blank=True, help_text="When the broker last accepted its render task."
    )
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    notified_at = models.DateTimeField(
        null=True, blank=True, help_text="When readers were e-mailed about its publication."
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            # Versions count per term, separately for the trust's pack and each body's.
            models.UniqueConstraint(
                fields=["trust", "term", "version"],
                condition=models.Q(body__isnull=True),
                name="boardpack_version_unique_per_term",
            ),
            models.UniqueConstraint(
                fields=["trust", "term", "body", "version"],
                condition=models.Q(body__isnull=False),
                name="boardpack_body_version_unique_per_term",
            ),
            models.CheckConstraint(
                condition=models.Q(body__isnull=False) | models.Q(include_trust_summary=False),
                name="boardpack_trust_summary_only_in_local_packs",
            ),
            # Same inputs, same pack: at most one unpublished pack per term and fingerprint.
            models.UniqueConstraint(
                fields=["trust", "term", "fingerprint"],
                condition=models.Q(published_at__isnull=True),
                name="boardpack_one_unpublished_per_inputs",
            ),
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="boardpack_progress_is_a_percentage"
            ),
            models.CheckConstraint(
                condition=models.Q(published_at__isnull=True) | models.Q(status="ready"),
                name="boardpack_only_ready_packs_are_published",
            ),
            models.CheckConstraint(
                condition=models.Q(withdrawn_at__isnull=True)
                | models.Q(published_at__isnull=False),
                name="boardpack_only_published_packs_are_withdrawn",
            ),
            *trust_keys("annual_plan", "term", "meeting", "body"),
        ]
        indexes = [
            models.Index(fields=["trust", "status", "requested_at"], name="boardpack_trust_status"),
            models.Index(
                fields=["trust", "published_at"],
                condition=models.Q(published_at__isnull=False),
                name="boardpack_trust_published",
            ),
            # The minute-by-minute sweep runs across trusts over the few packs still moving:
            # these partial indexes hold only those rows.
            models.Index(
                fields=["started_at"],
                condition=models.Q(status="rendering"),
                name="boardpack_sweep_rendering",
            ),
            models.Index(
                fields=["enqueued_at"],
                condition=models.Q(status="queued"),
                name="boardpack_sweep_queued",
            ),
            models.Index(
                fields=["published_at"],
                condition=models.Q(
                    notified_at__isnull=True, withdrawn_at__isnull=True, published_at__isnull=False
                ),
                name="boardpack_sweep_unnotified",
            ),
        ]

    def __str__(self) -> str:
        if self.body_id:
            return f"{self.body} pack {self.term} v{self.version}"
        return f"Board pack {self.term} v{self.version}"

    @property
    def is_trust_pack(self) -> bool:
        """The trust's own pack, for the board: every school's figures."""
        return self.body_id is None

    @property
    def audience(self) -> str:
        """Who the pack is for, in words."""
        return self.body.name if self.body_id else "the board of trustees"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None and self.withdrawn_at is None

    @property
    def is_finished(self) -> bool:
        return self.status in {PackStatus.READY, PackStatus.FAILED}

    @property
    def download_name(self) -> str:
        """A file name for the reader's computer, e.g. spring-2019-20-v2.pdf, or
        lawnside-academy-local-governing-body-spring-2019-20-v1.pdf for a local body's."""
        from django.utils.text import slugify

        term = self.term
        body = f"{self.body.name} " if self.body_id else ""
        return slugify(f"{body}{term.name} {term.annual_plan.year_label} v{self.version}") + ".pdf"
