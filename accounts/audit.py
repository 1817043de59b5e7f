"""The sign-in audit: one row per trust the person belongs to, and a line in the log."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from accounts.models import SignInEvent, SignInEventKind
from schools.models import Membership

logger = logging.getLogger("trustplan.signin")

USER_AGENT_MAX = 300


def client_ip(request) -> str | None:
    """The caller's address, as the throttling sees it (allauth: REMOTE_ADDR, or behind
    TRUSTED_PROXY_COUNT proxies the entry they added to X-Forwarded-For)."""
    if request is None:
        return None
    from allauth.core.internal.httpkit import get_client_ip

    try:
        return get_client_ip(request)
    except Exception:  # a malformed forwarding header: record no address rather than fail
        return None


def browser(request) -> str:
    if request is None:
        return ""
    return request.META.get("HTTP_USER_AGENT", "")[:USER_AGENT_MAX]


def sign_in_event_record(
    *,
    kind: str,
    request=None,
    user=None,
    email: str = "",
    method: str = "",
    detail: str = "",
    trust_ids: list[int] | None = None,
) -> list[SignInEvent]:
    """Record an account event for each trust of `user` (or of the account with `email`).

    `trust_ids` narrows it to those trusts. An address with no account is logged only.
    """
    if user is None and email:
        user = get_user_model().objects.filter(email__lower=email.strip().lower()).first()
    email = (email or (user.email if user else "")).strip().lower()[:254]
    ip = client_ip(request)
    label = SignInEventKind(kind).label
    logger.info(
        "%s: %s from %s%s%s",
        label,
        email or "(no address)",
        ip or "unknown address",
        f" ({method})" if method else "",
        f": {detail}" if detail else "",
    )
    if user is None:
        return []
    memberships = Membership.objects.filter(user=user, is_active=True)
    if trust_ids is not None:
        memberships = memberships.filter(trust_id__in=trust_ids)
    now = timezone.now()
    events = [
        SignInEvent(
            trust_id=trust_id,
            at=now,
            kind=kind,
            user=user,
            email=email,
            ip_address=ip,
            user_agent=browser(request),
            method=method[:60],
            detail=detail[:300],
        )
        for trust_id in memberships.values_list("trust_id", flat=True)
    ]
    # bulk_create skips TrustOwned.save's checks: the only relation is the user, not a tenant row.
    with transaction.atomic():
        return SignInEvent.objects.bulk_create(events)


def sign_in_events_prune(*, now: datetime.datetime | None = None) -> int:
    """Delete audit rows older than SIGN_IN_AUDIT_DAYS; returns how many went."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.SIGN_IN_AUDIT_DAYS)
    deleted, _ = SignInEvent.objects.filter(at__lt=cutoff).delete()
    return deleted
