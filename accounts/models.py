"""A trust's sign-in security: its second-factor policy, its single sign-on, its audit."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone

from schools.models import Role
from trustplan.core.tenancy import TrustOwned

# Roles that must use a second factor unless the trust says otherwise.
DEFAULT_MFA_ROLES = [Role.CEO, Role.ADMIN, Role.TRUSTEE]


def default_mfa_roles() -> list[str]:
    return [str(role) for role in DEFAULT_MFA_ROLES]


def default_grace_days() -> int:
    return settings.MFA_GRACE_DAYS_DEFAULT


class SecurityPolicy(TrustOwned):
    """Which roles of the trust must use a second factor, and how long they may put it off.

    A trust without a row has the default policy; the row is made when someone changes it.
    """

    mfa_roles = ArrayField(
        models.CharField(max_length=20, choices=Role.choices), default=default_mfa_roles
    )
    grace_days = models.PositiveSmallIntegerField(default=default_grace_days)
    # When a role was last added: its grace period runs from then (or from joining, if later).
    # None: the roles are the default ones, whose grace runs from joining.
    mfa_roles_changed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name_plural = "security policies"
        constraints = [
            models.UniqueConstraint(fields=["trust"], name="security_policy_one_per_trust"),
            models.CheckConstraint(
                condition=models.Q(grace_days__lte=90), name="security_policy_grace_at_most_90"
            ),
        ]

    def __str__(self) -> str:
        return f"Security policy of {self.trust}"


class SsoKind(models.TextChoices):
    ENTRA = "entra", "Microsoft Entra ID (Microsoft 365)"
    GOOGLE = "google", "Google Workspace"
    OTHER = "other", "Another OpenID Connect provider"


class SingleSignOn(TrustOwned):
    """A trust's OpenID Connect provider. The client secret lives in allauth's SocialApp."""

    kind = models.CharField(max_length=10, choices=SsoKind.choices, default=SsoKind.ENTRA)
    issuer = models.URLField(
        max_length=300,
        help_text="The provider's issuer address, for example "
        "https://login.microsoftonline.com/<tenant id>/v2.0 or https://accounts.google.com.",
    )
    domains = ArrayField(models.CharField(max_length=253))
    provider_mfa_counts = models.BooleanField(
        "a second factor at the provider counts",
        default=True,
        help_text="When the provider says the person used a second factor (the amr claim), "
        "trustplan does not ask for its own.",
    )
    is_enabled = models.BooleanField(default=True)
    app = models.OneToOneField(
        "socialaccount.SocialApp", on_delete=models.PROTECT, related_name="trust_sso"
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "single sign-on"
        constraints = [
            models.UniqueConstraint(fields=["trust"], name="sso_one_per_trust"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.trust}"

    @property
    def provider_id(self) -> str:
        return self.app.provider_id


class SignInEventKind(models.TextChoices):
    SIGNED_IN = "signed_in", "Signed in"
    FAILED = "failed", "Sign-in failed"
    LOCKED_OUT = "locked_out", "Locked out"
    REFUSED = "refused", "Refused while locked out"
    SIGNED_OUT = "signed_out", "Signed out"
    SIGNED_OUT_EVERYWHERE = "signed_out_everywhere", "Signed out everywhere"
    SESSION_EXPIRED = "session_expired", "Session ended by the time limit"
    RESET_REQUESTED = "reset_requested", "Password reset asked for"
    RESET_DONE = "reset_done", "Password reset"
    PASSWORD_CHANGED = "password_changed", "Password changed"
    EMAIL_CHANGED = "email_changed", "E-mail address changed"
    MFA_ADDED = "mfa_added", "Second factor added"
    MFA_REMOVED = "mfa_removed", "Second factor removed"
    RECOVERY_CODES = "recovery_codes", "Recovery codes made anew"
    MFA_REQUIRED_STOP = "mfa_required", "Stopped: second factor required"
    SSO_SIGNED_IN = "sso_signed_in", "Signed in through single sign-on"
    SSO_REFUSED = "sso_refused", "Single sign-on refused"


class SignInEvent(TrustOwned):
    """One sign-in or account event of a member, kept for SIGN_IN_AUDIT_DAYS.

    A person in several trusts gets one row in each, so each trust sees its own members'
    events and nothing of another trust's.
    """

    at = models.DateTimeField(default=timezone.now)
    kind = models.CharField(max_length=30, choices=SignInEventKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    email = models.CharField(max_length=254, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    method = models.CharField(max_length=60, blank=True)
    detail = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["trust", "-at"], name="signin_event_trust_at"),
            models.Index(fields=["at"], name="signin_event_at"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.email} at {self.at:%Y-%m-%d %H:%M}"
