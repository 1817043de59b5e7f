"""Signal receivers: the audit of account events, the session clock, verified addresses."""

from __future__ import annotations

import time

from allauth.account import signals as account_signals
from allauth.account.models import EmailAddress
from allauth.mfa import signals as mfa_signals
from django.conf import settings
from django.contrib.auth import signals as auth_signals
from django.db.models.signals import post_save
from django.dispatch import receiver

from accounts.audit import sign_in_event_record
from accounts.models import SignInEventKind
from accounts.policy import SSO_PENDING_KEY, SSO_SESSION_KEY, forget_mfa_demand

SIGNED_IN_AT_KEY = "accounts_signed_in_at"
LAST_SEEN_KEY = "accounts_last_seen"

METHOD_WORDS = {
    "password": "password",
    "totp": "authenticator app",
    "recovery_codes": "recovery code",
    "webauthn": "passkey or security key",
    "socialaccount": "single sign-on",
}


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="accounts_user_address")
def user_address_verified(sender, instance, created, raw=False, **kwargs) -> None:
    """A new account's address is its verified, primary address for allauth.

    Accounts are made by accepting an invitation (the e-mailed link proves the address) or by
    an administrator; nobody signs up.
    """
    if created and not raw and instance.email:
        EmailAddress.objects.get_or_create(
            user=instance,
            # allauth keeps addresses lower-case under a plain index: an exact lookup uses it.
            email=instance.email.lower(),
            defaults={"verified": True, "primary": True},
        )


@receiver(auth_signals.user_logged_in, dispatch_uid="accounts_session_clock")
def session_clock_start(sender, request, user, **kwargs) -> None:
    forget_mfa_demand(request)
    if request is not None and hasattr(request, "session"):
        now = time.time()
        request.session[SIGNED_IN_AT_KEY] = now
        request.session[LAST_SEEN_KEY] = now


def sign_in_method(request) -> str:
    methods = request.session.get("account_authentication_methods", []) if request else []
    words = []
    for entry in methods:
        kind = entry.get("type") if entry.get("method") == "mfa" else entry.get("method")
        word = METHOD_WORDS.get(kind, kind or "")
        if word and word not in words:
            words.append(word)
    return " + ".join(words)


@receiver(account_signals.user_logged_in, dispatch_uid="accounts_signed_in")
def signed_in(sender, request, user, **kwargs) -> None:
    sociallogin = kwargs.get("sociallogin")
    pending = request.session.pop(SSO_PENDING_KEY, None)
    if sociallogin is not None and pending and pending.get("user_id") == user.pk:
        request.session[SSO_SESSION_KEY] = {"trust_id": pending["trust_id"], "mfa": pending["mfa"]}
        method = "single sign-on"
        if pending.get("mfa"):
            method += " + second factor at the provider"
        sign_in_event_record(
            kind=SignInEventKind.SSO_SIGNED_IN,
            request=request,
            user=user,
            method=method,
            detail=f"amr: {', '.join(pending.get('amr') or []) or 'none'}",
        )
        return
    request.session.pop(SSO_SESSION_KEY, None)
    sign_in_event_record(
        kind=SignInEventKind.SIGNED_IN, request=request, user=user, method=sign_in_method(request)
    )


@receiver(auth_signals.user_logged_out, dispatch_uid="accounts_signed_out")
def signed_out(sender, request, user, **kwargs) -> None:
    if user is not None and not getattr(request, "accounts_quiet_logout", False):
        sign_in_event_record(kind=SignInEventKind.SIGNED_OUT, request=request, user=user)


@receiver(account_signals.password_reset, dispatch_uid="accounts_reset_done")
def password_reset_done(sender, request, user, **kwargs) -> None:
    sign_in_event_record(kind=SignInEventKind.RESET_DONE, request=request, user=user)


@receiver(account_signals.password_changed, dispatch_uid="accounts_password_changed")
def password_changed(sender, request, user, **kwargs) -> None:
    sign_in_event_record(kind=SignInEventKind.PASSWORD_CHANGED, request=request, user=user)


@receiver(account_signals.email_changed, dispatch_uid="accounts_email_changed")
def email_changed(sender, request, user, from_email_address, to_email_address, **kwargs) -> None:
    old = from_email_address.email if from_email_address else "(none)"
    sign_in_event_record(
        kind=SignInEventKind.EMAIL_CHANGED,
        request=request,
        user=user,
        detail=f"from {old} to {to_email_address.email}",
    )


@receiver(mfa_signals.authenticator_added, dispatch_uid="accounts_mfa_added")
def mfa_added(sender, request, user, authenticator, **kwargs) -> None:
    forget_mfa_demand(request)
    sign_in_event_record(
        kind=SignInEventKind.MFA_ADDED,
        request=request,
        user=user,
        method=METHOD_WORDS.get(authenticator.type, authenticator.type),
    )


@receiver(mfa_signals.authenticator_removed, dispatch_uid="accounts_mfa_removed")
def mfa_removed(sender, request, user, authenticator, **kwargs) -> None:
    forget_mfa_demand(request)
    sign_in_event_record(
        kind=SignInEventKind.MFA_REMOVED,
        request=request,
        user=user,
        method=METHOD_WORDS.get(authenticator.type, authenticator.type),
    )


@receiver(mfa_signals.authenticator_reset, dispatch_uid="accounts_mfa_reset")
def mfa_reset(sender, request, user, authenticator, **kwargs) -> None:
    sign_in_event_record(kind=SignInEventKind.RECOVERY_CODES, request=request, user=user)
