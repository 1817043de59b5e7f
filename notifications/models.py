from django.db import models
from django.utils import timezone

from trustplan.core.tenancy import TrustOwned
from trustplan.core.text import SingleLineField

ERASED_BODY = "(Removed once sent: it held a single-use link.)"


class EmailStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    SENDING = "sending", "Being sent"
    SENT = "sent", "Sent"
    FAILED = "failed", "Given up"


class OutgoingEmail(TrustOwned):
    """One e-mail to one recipient: a row first, sent by a worker after the commit that made
    it, marked when sent and retried on its own. The key makes queueing idempotent: the same
    key in the same trust is one e-mail, however often it is queued."""

    key = models.CharField(
        max_length=200, help_text="What this e-mail is, e.g. boardpack:12:published:user:5."
    )
    kind = models.CharField(max_length=40, help_text="For example boardpack.published.")
    to = models.EmailField("recipient", max_length=254)
    subject = SingleLineField(max_length=255)
    body = models.TextField()
    erase_body_when_sent = models.BooleanField(
        default=False, help_text="The body holds a secret (a single-use link): drop it once sent."
    )
    status = models.CharField(
        max_length=10, choices=EmailStatus.choices, default=EmailStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    enqueued_at = models.DateTimeField(
        null=True, blank=True, help_text="When the broker last accepted its send task."
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["trust", "key"], name="outgoing_email_key_unique"),
            models.CheckConstraint(
                condition=~models.Q(status="sent") | models.Q(sent_at__isnull=False),
                name="outgoing_email_sent_has_a_time",
            ),
        ]
        indexes = [
            models.Index(fields=["trust", "created_at"], name="outgoing_email_trust_created"),
            # The sweep runs across trusts, over the few rows still to send.
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(status__in=["pending", "sending"]),
                name="outgoing_email_unsent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} to {self.to} ({self.get_status_display().lower()})"
