"""The second-factor policy as it applies to one person: required, by when, and met or not."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone

from accounts.models import DEFAULT_MFA_ROLES, SecurityPolicy
from schools.models import Membership

# Where the single sign-on that started this session is remembered, with whether the provider
# said a second factor was used (amr) and the trust counts it.
SSO_SESSION_KEY = "accounts_sso"
SSO_PENDING_KEY = "accounts_sso_pending"


@dataclass(frozen=True)
class EffectivePolicy:
    mfa_roles: tuple[str, ...]
    grace_days: int
    mfa_roles_changed_at: datetime.datetime | None

    @classmethod
    def default(cls) -> EffectivePolicy:
        return cls(tuple(str(r) for r in DEFAULT_MFA_ROLES), settings.MFA_GRACE_DAYS_DEFAULT, None)

    @classmethod
    def of(cls, policy: SecurityPolicy | None) -> EffectivePolicy:
        if policy is None:
            return cls.default()
        return cls(tuple(policy.mfa_roles), policy.grace_days, policy.mfa_roles_changed_at)


def trust_policy(trust) -> EffectivePolicy:
    return EffectivePolicy.of(SecurityPolicy.objects.filter(trust=trust).first())


@dataclass
class Requirement:
    trust_name: str
    role_label: str
    deadline: datetime.datetime
    met: bool


@dataclass
class MfaDemand:
    """What the trusts of one person ask of them: the strictest deadline among those unmet."""

    has_factor: bool
    requirements: list[Requirement] = field(default_factory=list)
    now: datetime.datetime = field(default_factory=timezone.now)

    @property
    def unmet(self) -> list[Requirement]:
        return [r for r in self.requirements if not r.met]

    @property
    def required(self) -> bool:
        return bool(self.requirements)

    @property
    def deadline(self) -> datetime.datetime | None:
        return min((r.deadline for r in self.unmet), default=None)

    @property
    def overdue(self) -> bool:
        return self.deadline is not None and self.deadline <= self.now

    @property
    def nudge(self) -> bool:
        """Within the grace period: every page asks the person to set a factor up."""
        return self.deadline is not None and not self.overdue


def user_has_factor(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(
        user=user, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
    ).exists()


def mfa_demand(user, session=None, *, now: datetime.datetime | None = None) -> MfaDemand:
    """The person's requirements across every trust they belong to, in three queries.

    A factor enrolled in trustplan meets every trust's policy; a second factor done at a
    trust's own single sign-on provider meets that trust's policy when the trust counts it.
    """
    now = now or timezone.now()
    has_factor = user_has_factor(user)
    memberships = list(
        Membership.objects.filter(user=user, is_active=True)
        .select_related("trust")
        .order_by("trust__name")
    )
    policies = {
        p.trust_id: p
        for p in SecurityPolicy.objects.filter(trust_id__in=[m.trust_id for m in memberships])
    }
    sso = (session or {}).get(SSO_SESSION_KEY) or {}
    demand = MfaDemand(has_factor=has_factor, now=now)
    for membership in memberships:
        policy = EffectivePolicy.of(policies.get(membership.trust_id))
        if membership.role not in policy.mfa_roles:
            continue
        start = membership.created_at
        if policy.mfa_roles_changed_at and policy.mfa_roles_changed_at > start:
            start = policy.mfa_roles_changed_at
        met = has_factor or (sso.get("mfa") is True and sso.get("trust_id") == membership.trust_id)
        demand.requirements.append(
            Requirement(
                trust_name=membership.trust.name,
                role_label=membership.get_role_display(),
                deadline=start + datetime.timedelta(days=policy.grace_days),
                met=met,
            )
        )
    return demand


# A person's demand is remembered in their session for a minute, so a page's requests do not
# each cost three queries. Adding, removing or resetting a factor and signing in forget it at
# once (accounts/receivers.py); a changed trust policy or role applies within the minute.
DEMAND_SESSION_KEY = "accounts_mfa_demand"
DEMAND_REMEMBERED_FOR = 60  # seconds


def remembered_mfa_demand(user, session) -> MfaDemand:
    """mfa_demand(user, session), from the session when worked out in the last minute for
    this person and this single sign-on state."""
    now = timezone.now()
    sso = session.get(SSO_SESSION_KEY)
    kept = session.get(DEMAND_SESSION_KEY)
    if (
        kept
        and kept.get("user") == user.pk
        and kept.get("sso") == sso
        and 0 <= now.timestamp() - kept.get("at", 0) < DEMAND_REMEMBERED_FOR
    ):
        return MfaDemand(
            has_factor=kept["has_factor"],
            requirements=[
                Requirement(name, role, datetime.datetime.fromisoformat(deadline), met)
                for name, role, deadline, met in kept["requirements"]
            ],
            now=now,
        )
    demand = mfa_demand(user, session, now=now)
    session[DEMAND_SESSION_KEY] = {
        "user": user.pk,
        "sso": sso,
        "at": now.timestamp(),
        "has_factor": demand.has_factor,
        "requirements": [
            [r.trust_name, r.role_label, r.deadline.isoformat(), r.met] for r in demand.requirements
        ],
    }
    return demand


def forget_mfa_demand(request) -> None:
    session = getattr(request, "session", None) if request is not None else None
    if session is not None:
        session.pop(DEMAND_SESSION_KEY, None)
