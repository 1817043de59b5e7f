"""A trust's sign-in security settings, and ending a person's sessions."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from allauth.socialaccount.models import SocialApp
from django.conf import settings
from django.contrib.auth import logout
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.audit import sign_in_event_record
from accounts.models import (
    SecurityPolicy,
    SignInEventKind,
    SingleSignOn,
    SsoKind,
    default_mfa_roles,
)
from schools.models import Role, Trust

DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


@transaction.atomic
def security_policy_update(
    *, trust: Trust, mfa_roles: list[str], grace_days: int, acting_user
) -> SecurityPolicy:
    """Set which roles must use a second factor and the grace period.

    A role newly required gets a fresh grace period from now; the roles required already keep
    the period that is running (from joining the trust, or from when they became required).
    """
    unknown = set(mfa_roles) - set(Role.values)
    if unknown:
        raise ValidationError({"mfa_roles": f"Unknown roles: {', '.join(sorted(unknown))}."})
    if not 0 <= grace_days <= 90:
        raise ValidationError({"grace_days": "The grace period is between 0 and 90 days."})
    policy = SecurityPolicy.objects.select_for_update().filter(trust=trust).first()
    if policy is None:
        policy = SecurityPolicy(trust=trust, mfa_roles=default_mfa_roles())
    ordered = [role for role in Role.values if role in set(mfa_roles)]
    if set(ordered) - set(policy.mfa_roles):
        policy.mfa_roles_changed_at = timezone.now()
    policy.mfa_roles = ordered
    policy.grace_days = grace_days
    policy.updated_by = acting_user
    policy.save()
    return policy


def _clean_issuer(issuer: str) -> str:
    issuer = issuer.strip().removesuffix("/.well-known/openid-configuration").rstrip("/")
    parts = urlsplit(issuer)
    local = parts.hostname in LOOPBACK_HOSTS and settings.SSO_ALLOW_LOOPBACK_HTTP
    if parts.scheme != "https" and not (parts.scheme == "http" and local):
        raise ValidationError({"issuer": "The issuer must be an https:// address."})
    if not parts.netloc:
        raise ValidationError({"issuer": "Give the issuer's full address."})
    return issuer


def _clean_domains(trust: Trust, domains: list[str]) -> list[str]:
    cleaned = []
    for domain in domains:
        domain = domain.strip().lower().lstrip("@")
        if not domain:
            continue
        if not DOMAIN.match(domain):
            raise ValidationError({"domains": f"{domain} is not a domain name."})
        if domain not in cleaned:
            cleaned.append(domain)
    if not cleaned:
        raise ValidationError({"domains": "Give at least one e-mail domain, such as oak.sch.uk."})
    taken = (
        SingleSignOn.objects.exclude(trust=trust)
        .filter(domains__overlap=cleaned)
        .values_list("domains", flat=True)
    )
    clash = sorted({d for row in taken for d in row} & set(cleaned))
    if clash:
        raise ValidationError(
            {"domains": f"{', '.join(clash)} already signs in through another organisation."}
        )
    return cleaned


@transaction.atomic
def single_sign_on_save(
    *,
    trust: Trust,
    kind: str,
    issuer: str,
    client_id: str,
    secret: str = "",
    domains: list[str],
    provider_mfa_counts: bool,
    is_enabled: bool,
    acting_user,
) -> SingleSignOn:
    """Register or change the trust's OpenID Connect provider. An empty secret keeps the old."""
    if kind not in SsoKind.values:
        raise ValidationError({"kind": "Choose the kind of provider."})
    issuer = _clean_issuer(issuer)
    client_id = client_id.strip()
    if not client_id:
        raise ValidationError({"client_id": "Give the client (application) id."})
    domains = _clean_domains(trust, domains)
    sso = SingleSignOn.objects.select_for_update().select_related("app").filter(trust=trust).first()
    if sso is None and not secret:
        raise ValidationError({"secret": "Give the client secret."})
    app = sso.app if sso else SocialApp(provider="openid_connect", provider_id=f"trust-{trust.pk}")
    app.name = f"{trust.short_name}: {SsoKind(kind).label}"
    app.client_id = client_id
    if secret:
        app.secret = secret
    app.settings = {**(app.settings or {}), "server_url": issuer}
    app.save()
    if sso is None:
        sso = SingleSignOn(trust=trust, app=app)
    sso.kind = kind
    sso.issuer = issuer
    sso.domains = domains
    sso.provider_mfa_counts = provider_mfa_counts
    sso.is_enabled = is_enabled
    sso.updated_by = acting_user
    sso.save()
    return sso


def sign_out_everywhere(*, request, acting_user) -> int:
    """End every session of the person, this one included; returns how many ended."""
    from allauth.usersessions.adapter import get_adapter
    from allauth.usersessions.models import UserSession

    sessions = list(UserSession.objects.filter(user=acting_user))
    sign_in_event_record(
        kind=SignInEventKind.SIGNED_OUT_EVERYWHERE,
        request=request,
        user=acting_user,
        detail=f"sessions ended: {len(sessions)}",
    )
    get_adapter().end_sessions(sessions)
    # This request's own session too, so nothing re-saves it on the way out.
    request.accounts_quiet_logout = True
    logout(request)
    return len(sessions)
