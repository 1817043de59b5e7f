from __future__ import annotations

from django.db.models import QuerySet

from accounts.models import SignInEvent, SingleSignOn


def sso_for_email(email: str) -> SingleSignOn | None:
    """The single sign-on whose allowed domains include this address's domain, if any."""
    domain = email.strip().lower().rpartition("@")[2]
    if not domain:
        return None
    return (
        SingleSignOn.objects.select_related("app", "trust")
        .filter(domains__contains=[domain], is_enabled=True)
        .first()
    )


def trust_sso(trust) -> SingleSignOn | None:
    return SingleSignOn.objects.select_related("app").filter(trust=trust).first()


def trust_sign_in_events(trust, *, kind: str = "", email: str = "") -> QuerySet[SignInEvent]:
    events = SignInEvent.objects.for_trust(trust)
    if kind:
        events = events.filter(kind=kind)
    if email:
        events = events.filter(email__icontains=email.strip())
    return events.order_by("-at", "-id")
