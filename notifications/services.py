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
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import get_template
from django.utils import timezone

from notifications import dispatch, kinds
from notifications.models import (
    ERASED_BODY,
    Delivery,
    EmailStatus,
    NotificationPreference,
    OutgoingEmail,
)
from trustplan.core.links import absolute_reverse
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


@dataclass
class Rendered:
    """An e-mail's two bodies: plain text and HTML, from one pair of templates."""

    text: str
    html: str


@dataclass
class EmailTemplates:
    """`notifications/email/<name>.txt` and `.html`, loaded once for many e-mails: the HTML
    one escapes every value (the templates' autoescaping); the text one is plain text, where
    nothing is markup."""

    text: object
    html: object

    @classmethod
    def named(cls, name: str) -> EmailTemplates:
        return cls(
            text=get_template(f"notifications/email/{name}.txt"),
            html=get_template(f"notifications/email/{name}.html"),
        )

    def render(self, context: dict) -> Rendered:
        return Rendered(text=self.text.render(context), html=self.html.render(context))


def email_render(name: str, context: dict) -> Rendered:
    return EmailTemplates.named(name).render(context)


def _key(kind: str, about: str, period: str, recipient_id: int) -> str:
    return f"{kind}:{about}:{period}:user:{recipient_id}"[:200]


def deliveries(*, trust_id: int, user_ids, kind: str) -> dict[int, str]:
    """Each person's choice for one kind, in one query (no row: as it happens)."""
    return dict(
        NotificationPreference.objects.filter(
            trust_id=trust_id, user_id__in=list(user_ids), kind=kind
        ).values_list("user_id", "delivery")
    )


_STATUS_FOR = {
    Delivery.IMMEDIATE: EmailStatus.PENDING,
    Delivery.DIGEST: EmailStatus.DIGEST,
    Delivery.OFF: EmailStatus.OFF,
}


def _first_status(*, kind: str, essential: bool, delivery: str | None) -> str:
    if essential or not kinds.is_optional(kind):
        return EmailStatus.PENDING
    return _STATUS_FOR[Delivery(delivery or Delivery.IMMEDIATE)]


def email_queue(
    *,
    trust_id: int,
    to: str,
    subject: str,
    body: str,
    kind: str,
    key: str | None = None,
    recipient_id: int | None = None,
    about: str = "",
    period: str = "",
    html_body: str = "",
    link: str = "",
    essential: bool | None = None,
    erase_body_when_sent: bool = False,
) -> OutgoingEmail:
    """Queue one e-mail to one address; the same e-mail again (the same key, or for a person
    the same kind, subject and period) is that e-mail, not a second one. It is sent once the
    surrounding transaction commits, held for the person's digest, or kept unsent when they
    turned the kind off."""
    essential = (not kinds.is_optional(kind)) if essential is None else essential
    values = {
        "to": to.strip(),
        "subject": one_line(subject)[:255],
        "body": body,
        "html_body": html_body,
        "link": link[:500],
        "kind": kind,
        "essential": essential,
        "erase_body_when_sent": erase_body_when_sent,
    }
    with transaction.atomic():
        if recipient_id is not None:
            delivery = deliveries(trust_id=trust_id, user_ids=[recipient_id], kind=kind)
            values["status"] = _first_status(
                kind=kind, essential=essential, delivery=delivery.get(recipient_id)
            )
            values["key"] = key or _key(kind, about, period, recipient_id)
            email, created = OutgoingEmail.objects.get_or_create(
                trust_id=trust_id,
                recipient_id=recipient_id,
                kind=kind,
                about=about,
                period=period,
                defaults=values,
            )
        else:
            if key is None:
                raise ValueError("an e-mail to an address outside the trust needs its own key")
            email, created = OutgoingEmail.objects.get_or_create(
                trust_id=trust_id, key=key, defaults=values
            )
        if created and email.status == EmailStatus.PENDING:
            dispatch.send_email_on_commit(email.pk, trust_id)
    email.created = created
    return email


@dataclass
class Queued:
    added: int = 0
    sent: int = 0


def email_queue_many(*, trust_id: int, kind: str, emails: list[dict]) -> Queued:
    """Queue many e-mails of one kind to people of one trust in a few queries: each dict has
    recipient_id, to, subject, body, html_body, about, period, link and optionally
    erase_body_when_sent. What is already queued for the same person, subject and period is
    left alone (the unique constraint decides, so two runs at once add each row once)."""
    if not emails:
        return Queued()
    chosen = deliveries(trust_id=trust_id, user_ids={e["recipient_id"] for e in emails}, kind=kind)
    rows = [
        OutgoingEmail(
            trust_id=trust_id,
            kind=kind,
            essential=False,
            key=_key(kind, e["about"], e["period"], e["recipient_id"]),
            status=_first_status(
                kind=kind, essential=False, delivery=chosen.get(e["recipient_id"])
            ),
            to=e["to"].strip(),
            subject=one_line(e["subject"])[:255],
            body=e["body"],
            html_body=e.get("html_body", ""),
            link=e.get("link", "")[:500],
            recipient_id=e["recipient_id"],
            about=e["about"],
            period=e["period"],
            erase_body_when_sent=e.get("erase_body_when_sent", False),
        )
        for e in emails
    ]
    with transaction.atomic():
        before = OutgoingEmail.objects.filter(trust_id=trust_id, kind=kind).count()
        OutgoingEmail.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
        added = OutgoingEmail.objects.filter(trust_id=trust_id, kind=kind).count() - before
        waiting = list(
            OutgoingEmail.objects.filter(
                trust_id=trust_id,
                kind=kind,
                key__in=[row.key for row in rows],
                status=EmailStatus.PENDING,
                attempts=0,
                enqueued_at=None,
            ).values_list("pk", flat=True)
        )
        dispatch.send_email_tasks_on_commit(waiting, trust_id)
    return Queued(added=added, sent=len(waiting))


def preference_set(*, trust_id: int, user, kind: str, delivery: str, acting_user) -> bool:
    """Set how `user` takes one kind of e-mail; True when it changed. Only a kind that is not
    essential can be changed, and only by the person themselves."""
    if acting_user is None or acting_user.pk != user.pk:
        raise ValidationError("Only the person themselves chooses how they are e-mailed.")
    if not kinds.is_optional(kind):
        raise ValidationError("E-mail about your account and its security is always sent.")
    if delivery not in Delivery.values:
        raise ValidationError("Choose as it happens, a daily digest, or not at all.")
    with transaction.atomic():
        current = deliveries(trust_id=trust_id, user_ids=[user.pk], kind=kind).get(user.pk)
        if (current or Delivery.IMMEDIATE) == delivery:
            return False
        NotificationPreference.objects.update_or_create(
            trust_id=trust_id, user=user, kind=kind, defaults={"delivery": delivery}
        )
    return True


UNSUBSCRIBE_SALT = "notifications.unsubscribe"


def unsubscribe_token(email: OutgoingEmail) -> str:
    """A signed token naming the person, trust and kind: it turns that kind off, nothing else."""
    return signing.dumps(
        {"u": email.recipient_id, "t": email.trust_id, "k": email.kind}, salt=UNSUBSCRIBE_SALT
    )


def unsubscribe_read(token: str) -> dict | None:
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not kinds.is_optional(str(data.get("k"))):
        return None
    return data


def unsubscribe(*, token: str) -> str | None:
    """Turn off the kind a List-Unsubscribe link names; the kind's label, or None."""
    data = unsubscribe_read(token)
    if data is None:
        return None
    user = get_user_model().objects.filter(pk=data["u"]).first()
    if user is None:
        return None
    preference_set(
        trust_id=data["t"], user=user, kind=data["k"], delivery=Delivery.OFF, acting_user=user
    )
    return unsubscribe_label(data)


def unsubscribe_label(data: dict) -> str:
    """The kind an unsubscribe token names, in its trust's words."""
    from schools.models import Trust

    return kinds.label(data["k"], Trust.objects.filter(pk=data["t"]).first())


def _message(email: OutgoingEmail) -> EmailMultiAlternatives:
    headers = {}
    if not email.essential and email.recipient_id is not None:
        link = absolute_reverse("notifications_unsubscribe", unsubscribe_token(email))
        headers["List-Unsubscribe"] = f"<{link}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
        headers=headers,
    )
    if email.html_body:
        message.attach_alternative(email.html_body, "text/html")
    return message


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
    message = _message(email)
    try:
        with get_connection(fail_silently=False) as connection:
            connection.send_messages([message])
    except Exception as exc:
        return _failed(email, exc)
    done = {"status": EmailStatus.SENT, "sent_at": timezone.now(), "last_error": ""}
    if email.erase_body_when_sent:
        done["body"] = ERASED_BODY
        done["html_body"] = ""
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


def digest_prepare(*, today=None) -> int:
    """Gather what waits for each person's daily digest into one e-mail per person and day.
    Safe to run twice at once: rows are claimed with SKIP LOCKED and the digest is one row
    per person and day (what arrives after today's digest waits for tomorrow's). Returns how
    many digests it queued."""
    today = today or timezone.localdate()
    groups = (
        OutgoingEmail.objects.filter(status=EmailStatus.DIGEST)
        .values_list("trust_id", "recipient_id")
        .distinct()
    )
    queued = 0
    for trust_id, recipient_id in list(groups):
        with transaction.atomic():
            waiting = list(
                OutgoingEmail.objects.select_for_update(skip_locked=True)
                .filter(trust_id=trust_id, recipient_id=recipient_id, status=EmailStatus.DIGEST)
                .order_by("created_at", "pk")
            )
            if not waiting:
                continue
            rendered = email_render(
                "digest",
                {
                    "items": [(kinds.label(e.kind, waiting[0].trust), e) for e in waiting],
                    "trust": waiting[0].trust,
                    "notifications_link": absolute_reverse(
                        "notifications_page", waiting[0].trust.slug
                    ),
                },
            )
            count = len(waiting)
            digest = email_queue(
                trust_id=trust_id,
                recipient_id=recipient_id,
                to=waiting[-1].to,
                kind=kinds.DIGEST,
                period=today.isoformat(),
                subject=f"Your daily digest: {count} {'e-mail' if count == 1 else 'e-mails'}",
                body=rendered.text,
                html_body=rendered.html,
                essential=True,
            )
            if not digest.created:
                continue
            OutgoingEmail.objects.filter(pk__in=[e.pk for e in waiting]).update(
                status=EmailStatus.DIGESTED, digest=digest
            )
            queued += 1
    return queued


def people_notify(
    *,
    trust,
    users,
    kind: str,
    about: str,
    period: str = "",
    subject: str,
    template: str,
    context: dict,
    link: str = "",
) -> int:
    """One e-mail of `kind` to each of `users` (people of `trust`), rendered from
    `notifications/email/<template>.txt|html` with the person as `person`; each is queued
    once per person, subject and period. Returns how many were added."""
    added = 0
    seen: set[int] = set()
    notifications_link = absolute_reverse("notifications_page", trust.slug)
    for user in users:
        if user is None or user.pk in seen or not user.email or not user.is_active:
            continue
        seen.add(user.pk)
        rendered = email_render(
            template,
            {
                **context,
                "trust": trust,
                "person": user,
                "link": link,
                "notifications_link": notifications_link,
            },
        )
        email = email_queue(
            trust_id=trust.pk,
            recipient_id=user.pk,
            to=user.email,
            kind=kind,
            about=about,
            period=period,
            subject=subject,
            body=rendered.text,
            html_body=rendered.html,
            link=link,
        )
        added += email.created
    return added
