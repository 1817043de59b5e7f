"""The e-mail outbox: anything the product e-mails is a row first.

`email_queue` saves one row per message and recipient inside the caller's transaction; once
that commits, a worker sends it (`email_send`), marks it sent, and on a failure tries that one
message again later, alone. A refused address therefore never re-mails anyone else, and the
sweep picks up what a lost broker or a killed worker left behind.
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from notifications import dispatch
from notifications.models import ERASED_BODY, EmailStatus, OutgoingEmail
from trustplan.core.text import one_line

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
# A row "sending" this long has lost its worker (the task's hard limit is a minute).
STUCK_AFTER = timedelta(minutes=5)
# A queued row whose task the broker accepted this long ago without a worker taking it.
REQUEUE_AFTER = timedelta(minutes=2)


def retry_delay(attempts: int) -> int:
    """Seconds before the next try: 30 s, 1, 2, 4, 8 … minutes, at most an hour."""
    return min(3600, 30 * 2 ** max(attempts - 1, 0))


def email_queue(
    *,
    trust_id: int,
    key: str,
    to: str,
    subject: str,
    body: str,
    kind: str,
    erase_body_when_sent: bool = False,
) -> OutgoingEmail:
    """Queue one e-mail to one address; the same key again is the same e-mail (not a second
    one). It is sent once the surrounding transaction commits."""
    with transaction.atomic():
        email, created = OutgoingEmail.objects.get_or_create(
            trust_id=trust_id,
            key=key,
            defaults={
                "to": to.strip(),
                "subject": one_line(subject)[:255],
                "body": body,
                "kind": kind,
                "erase_body_when_sent": erase_body_when_sent,
            },
        )
        if created:
            dispatch.send_email_on_commit(email.pk, trust_id)
    email.created = created
    return email


def _permanent(exc: Exception) -> bool:
    """The server said no for good (a 5xx reply to the recipient or the message)."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in exc.recipients.values())
    if isinstance(exc, smtplib.SMTPResponseException):
        return exc.smtp_code >= 500
    return False


def _describe(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"[:1000]


def email_send(*, email_id: int, trust_id: int) -> str:
    """Send one queued e-mail, once: "sent", "retry" (tried later), "failed" (given up), or
    "skipped" when it is not waiting (already sent, being sent, or another trust's id)."""
    now = timezone.now()
    claimed = OutgoingEmail.objects.filter(
        pk=email_id, trust_id=trust_id, status=EmailStatus.PENDING, next_attempt_at__lte=now
    ).update(status=EmailStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    if not claimed:
        return "skipped"
    email = OutgoingEmail.objects.get(pk=email_id, trust_id=trust_id)
    message = EmailMessage(
        subject=email.subject,
        body=email.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
    )
    try:
        with get_connection(fail_silently=False) as connection:
            connection.send_messages([message])
    except Exception as exc:
        return _failed(email, exc)
    done = {"status": EmailStatus.SENT, "sent_at": timezone.now(), "last_error": ""}
    if email.erase_body_when_sent:
        done["body"] = ERASED_BODY
    OutgoingEmail.objects.filter(pk=email.pk, trust_id=trust_id).update(**done)
    return "sent"


def _failed(email: OutgoingEmail, exc: Exception) -> str:
    scope = OutgoingEmail.objects.filter(pk=email.pk, trust_id=email.trust_id)
    if _permanent(exc) or email.attempts >= MAX_ATTEMPTS:
        logger.error("e-mail %s to %s given up: %s", email.pk, email.to, exc)
        scope.update(status=EmailStatus.FAILED, last_error=_describe(exc))
        return "failed"
    delay = retry_delay(email.attempts)
    logger.warning("e-mail %s to %s not sent (%s); again in %ss", email.pk, email.to, exc, delay)
    scope.update(
        status=EmailStatus.PENDING,
        last_error=_describe(exc),
        next_attempt_at=timezone.now() + timedelta(seconds=delay),
    )
    dispatch.send_email_task(email.pk, email.trust_id, countdown=delay)
    return "retry"


@dataclass
class SweepResult:
    released: int = 0
    sent: int = 0
    unsent: int = 0


def email_sweep(*, now=None, limit: int = 500) -> SweepResult:
    """Re-send what was left: rows whose worker died mid-send, and rows due whose task never
    reached a worker. Runs across every trust; each task carries its row's trust."""
    now = now or timezone.now()
    result = SweepResult()
    result.released = OutgoingEmail.objects.filter(
        status=EmailStatus.SENDING, claimed_at__lt=now - STUCK_AFTER
    ).update(status=EmailStatus.PENDING, next_attempt_at=now, enqueued_at=None)
    due = (
        OutgoingEmail.objects.filter(status=EmailStatus.PENDING, next_attempt_at__lte=now)
        .filter(Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=now - REQUEUE_AFTER))
        # Just queued and never tried: its own transaction is still sending it.
        .exclude(enqueued_at__isnull=True, created_at__gt=now - REQUEUE_AFTER, attempts=0)
        .order_by("next_attempt_at")
        .values_list("pk", "trust_id")[:limit]
    )
    for email_id, trust_id in due:
        if dispatch.send_email_task(email_id, trust_id):
            result.sent += 1
        else:
            result.unsent += 1
    return result
