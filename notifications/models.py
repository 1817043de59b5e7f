from django.conf import settings
from django.db import models
from django.utils import timezone

from trustplan.core.tenancy import TrustOwned
from trustplan.core.text import SingleLineField
from trustplan.core.trustkeys import trust_keys

ERASED_BODY = "(Removed once sent: it held a single-use link.)"


class EmailStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    SENDING = "sending", "Being sent"
    SENT = "sent", "Sent"
    FAILED = "failed", "Given up"
    # The recipient chose a daily digest for this kind: the digest carries it.
    DIGEST = "digest", "Waiting for the daily digest"
    DIGESTED = "digested", "Sent in a daily digest"
    # The recipient turned this kind off: kept so that the same e-mail is never queued again.
    OFF = "off", "Not sent: turned off"


class Delivery(models.TextChoices):
    """How a person wants one kind of e-mail that is not essential."""

    IMMEDIATE = "immediate", "As it happens"
    DIGEST = "digest", "In a daily digest"
    OFF = "off", "Not at all"


class OutgoingEmail(TrustOwned):
    """One e-mail to one recipient: a row first, sent by a worker after the commit that made
    it, marked when sent and retried on its own. The key makes queueing idempotent: the same
    key in the same trust is one e-mail, however often it is queued."""

    key = models.CharField(
        max_length=200, help_text="What this e-mail is, e.g. boardpack:12:published:user:5."
    )
    kind = models.CharField(max_length=40, help_text="For example boardpack.published.")
    to = models.EmailField("recipient", max_length=254)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The person it is for, when it is for a person of the trust.",
    )
    about = models.CharField(
        max_length=80, blank=True, help_text="What it is about, e.g. term:12 or question:5."
    )
    period = models.CharField(
        max_length=40,
        blank=True,
        help_text="Which time it is sent for, e.g. 10-days or 2020-03-17.",
    )
    essential = models.BooleanField(
        default=False,
        help_text="About security or the account: always sent, no unsubscribe link.",
    )
    subject = SingleLineField(max_length=255)
    body = models.TextField()
    html_body = models.TextField(blank=True)
    link = models.CharField(
        max_length=500, blank=True, help_text="The page it points to (shown on the digest)."
    )
    digest = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="carried",
        db_constraint=False,
    )
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
            # One e-mail per person, kind, subject and period, however often it is queued.
            models.UniqueConstraint(
                fields=["trust", "recipient", "kind", "about", "period"],
                condition=models.Q(recipient__isnull=False),
                name="outgoing_email_once_per_period",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="sent") | models.Q(sent_at__isnull=False),
                name="outgoing_email_sent_has_a_time",
            ),
            *trust_keys("digest"),
        ]
        indexes = [
            models.Index(fields=["trust", "created_at"], name="outgoing_email_trust_created"),
            # The sweep runs across trusts, over the few rows still to send.
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(status__in=["pending", "sending"]),
                name="outgoing_email_unsent",
            ),
            models.Index(
                fields=["trust", "recipient", "kind"], name="outgoing_email_recipient_kind"
            ),
            models.Index(
                fields=["created_at"],
                condition=models.Q(status="digest"),
                name="outgoing_email_digest_waiting",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} to {self.to} ({self.get_status_display().lower()})"


class NotificationPreference(TrustOwned):
    """One person's choice for one kind of e-mail in one trust; no row means "as it happens"."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=40)
    delivery = models.CharField(max_length=10, choices=Delivery.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["trust", "user", "kind"], name="notification_preference_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.delivery}"
