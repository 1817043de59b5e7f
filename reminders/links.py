"""One-click update links: signed (a forged or altered token is refused before the database
is asked), single use (a hash of the secret is stored and marked used), expiring
(REMINDER_LINK_TTL_DAYS, 7 by default) and good only for one person's update pages of one
trust (the session it opens is limited to them: reminders/middleware.py)."""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.conf import settings
from django.core import signing
from django.utils import timezone

from reminders.models import UpdateLink

SALT = "reminders.update-link"
# The session key of a session opened by a link: which trust and person it is limited to.
SESSION_KEY = "reminders_update_link"


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def ttl() -> datetime.timedelta:
    return datetime.timedelta(days=settings.REMINDER_LINK_TTL_DAYS)


def new_link(*, trust_id: int, user_id: int, term_id: int, now=None) -> tuple[UpdateLink, str]:
    """An unsaved link and its token (to put in the e-mail): the caller saves it."""
    now = now or timezone.now()
    secret = secrets.token_urlsafe(24)
    link = UpdateLink(
        trust_id=trust_id,
        user_id=user_id,
        term_id=term_id,
        secret_hash=_hash(secret),
        expires_at=now + ttl(),
    )
    return link, signing.TimestampSigner(salt=SALT).sign(secret)


def find(token: str, *, now=None) -> UpdateLink | None:
    """The link a token names while it can be used: signed by us, not expired, not used."""
    now = now or timezone.now()
    try:
        secret = signing.TimestampSigner(salt=SALT).unsign(token, max_age=ttl())
    except signing.BadSignature:
        return None
    return (
        UpdateLink.objects.select_related("trust", "user", "term")
        .filter(secret_hash=_hash(secret), used_at=None, expires_at__gt=now)
        .first()
    )


def use(link: UpdateLink, *, now=None) -> bool:
    """Mark the link used, once: False when another request used it first."""
    now = now or timezone.now()
    return bool(
        UpdateLink.objects.filter(pk=link.pk, trust_id=link.trust_id, used_at=None).update(
            used_at=now
        )
    )
