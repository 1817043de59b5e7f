"""trustplan's hooks into django-allauth: no sign-up, throttling that says when, SSO for members."""

from __future__ import annotations

import logging
import uuid
from urllib.parse import quote

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import time_format

from accounts.audit import sign_in_event_record
from accounts.models import SignInEventKind, SingleSignOn
from accounts.policy import SSO_PENDING_KEY
from accounts.throttle import sign_in_block, wait_words
from schools.models import Membership
from trustplan.core.links import absolute_reverse, absolute_url

logger = logging.getLogger("trustplan.signin")

# RFC 8176 methods that are a second factor, or a whole multi-factor sign-in.
MFA_AMR_VALUES = {"mfa", "otp", "hwk", "swk", "sc", "fido", "sms", "tel", "face", "fpt", "iris"}


def throttle_message(block) -> str:
    at = time_format(timezone.localtime(block.until), "H:i")
    whom = "from your network address" if block.per == "ip" else "for this e-mail address"
    return (
        f"Too many failed sign-ins {whom}. Try again in {wait_words(block.seconds_left)} "
        f"(at {at}), or reset your password."
    )


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        # Accounts come only from invitations.
        return False

    def pre_authenticate(self, request, **credentials) -> None:
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            key = self._get_login_attempts_cache_key(request, **credentials)
            block = sign_in_block(request, key)
            message = throttle_message(block) if block else "Too many failed sign-ins."
            sign_in_event_record(
                kind=SignInEventKind.REFUSED,
                request=request,
                email=credentials.get("email", ""),
                method="password",
                detail=f"locked until {block.until.isoformat(timespec='seconds')}" if block else "",
            )
            raise ValidationError(message, code="too_many_login_attempts") from None

    def authentication_failed(self, request, **credentials) -> None:
        email = credentials.get("email", "")
        sign_in_event_record(
            kind=SignInEventKind.FAILED, request=request, email=email, method="password"
        )
        block = sign_in_block(request, self._get_login_attempts_cache_key(request, **credentials))
        if block is not None:
            logger.warning(
                "lockout: %s %s until %s",
                "address" if block.per == "ip" else "account",
                email,
                block.until.isoformat(timespec="seconds"),
            )
            sign_in_event_record(
                kind=SignInEventKind.LOCKED_OUT,
                request=request,
                email=email,
                method="password",
                detail=f"{'network address' if block.per == 'ip' else 'account'} locked until "
                f"{block.until.isoformat(timespec='seconds')}",
            )

    # Links in account e-mails come from SITE_URL (trustplan.core.links), like every other
    # absolute link: allauth would build them from the Host header of the request.
    def get_reset_password_from_key_url(self, key: str) -> str:
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return absolute_url(path.replace("UID-KEY", quote(key)))

    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        return absolute_reverse("account_confirm_email", emailconfirmation.key)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Account e-mails (reset links, address confirmations, notices of a change) go
        through the outbox like every e-mail the product sends: a row first, sent by a worker,
        retried; the body, which may hold a single-use link, is dropped once sent.

        The row belongs to one of the person's trusts (the outbox is per trust). An account in
        no trust (someone who runs the service) is mailed directly."""
        from notifications.services import email_queue

        context = {**context, "site_url": absolute_url("/")}
        message = self.render_mail(template_prefix, email, context)
        user = (
            context.get("user")
            or get_user_model().objects.filter(email__lower=email.lower()).first()
        )
        trust_id = (
            Membership.objects.filter(user=user, is_active=True)
            .order_by("created_at", "id")
            .values_list("trust_id", flat=True)
            .first()
            if user is not None
            else None
        )
        if trust_id is None:
            message.send()
            return
        name = template_prefix.rsplit("/", 1)[-1]
        email_queue(
            trust_id=trust_id,
            key=f"account:{name}:{user.pk}:{uuid.uuid4().hex}",
            to=email,
            subject=message.subject,
            body=message.body,
            kind=f"account.{name}"[:40],
            erase_body_when_sent=True,
        )

    def send_password_reset_mail(self, user, email, context) -> None:
        sign_in_event_record(
            kind=SignInEventKind.RESET_REQUESTED, request=self.request, user=user, email=email
        )
        super().send_password_reset_mail(user, email, context)

    def get_login_stages(self) -> list[str]:
        # The second-factor stage also knows when the trust's own provider already asked.
        return [
            "accounts.stages.AuthenticateStage"
            if path == "allauth.mfa.stages.AuthenticateStage"
            else path
            for path in super().get_login_stages()
        ]


class MfaAdapter(DefaultMFAAdapter):
    def get_totp_label(self, user) -> str:
        return user.email


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Single sign-on through a trust's own provider signs in that trust's members only."""

    def is_open_for_signup(self, request, sociallogin) -> bool:
        return False

    def pre_social_login(self, request, sociallogin) -> None:
        request.session.pop(SSO_PENDING_KEY, None)
        sso = (
            SingleSignOn.objects.select_related("trust")
            .filter(app_id=getattr(sociallogin.provider.app, "pk", None), is_enabled=True)
            .first()
        )
        claims = claims_of(sociallogin)
        email = claimed_email(claims)
        if sso is None:
            self._refuse(request, email, "this single sign-on is not in use", None)
        domain = email.rpartition("@")[2]
        if not email or domain not in sso.domains:
            self._refuse(request, email, f"the address is not of {', '.join(sso.domains)}", sso)
        User = get_user_model()
        user = sociallogin.user if sociallogin.is_existing else None
        if user is None:
            user = User.objects.filter(email__lower=email.lower(), is_active=True).first()
        # A first sign-in is matched by address; later ones by the provider's subject id.
        if user is None or not user.is_active:
            self._refuse(request, email, "no trustplan account has this address", sso)
        if not sociallogin.is_existing and user.email.lower() != email:
            self._refuse(request, email, "no trustplan account has this address", sso)
        if not Membership.objects.filter(trust=sso.trust, user=user, is_active=True).exists():
            self._refuse(request, email, f"not a member of {sso.trust.name}", sso)
        amr = claims.get("amr") or []
        if isinstance(amr, str):
            amr = [amr]
        provider_mfa = sso.provider_mfa_counts and bool(MFA_AMR_VALUES & set(amr))
        request.session[SSO_PENDING_KEY] = {
            "trust_id": sso.trust_id,
            "user_id": user.pk,
            "mfa": provider_mfa,
            "amr": [str(v) for v in amr][:10],
        }
        if not sociallogin.is_existing:
            sociallogin.connect(request, user)

    def _refuse(self, request, email: str, reason: str, sso) -> None:
        sign_in_event_record(
            kind=SignInEventKind.SSO_REFUSED,
            request=request,
            email=email,
            method="single sign-on",
            detail=reason,
            trust_ids=[sso.trust_id] if sso else [],
        )
        response = render(request, "accounts/sso_refused.html", {"email": email}, status=403)
        raise ImmediateHttpResponse(response)

    def send_notification_mail(self, *args, **kwargs) -> None:
        # Connecting a trust's provider happens at first sign-in; the audit records it.
        return None


def claims_of(sociallogin) -> dict:
    data = sociallogin.account.extra_data or {}
    claims = dict(data.get("userinfo") or {})
    claims.update(data.get("id_token") or {})
    return claims


def claimed_email(claims: dict) -> str:
    """The address the provider vouches for: `email`, else an address-shaped username."""
    for name in ("email", "preferred_username", "upn"):
        value = str(claims.get(name) or "").strip().lower()
        if "@" in value:
            return value
    return ""
