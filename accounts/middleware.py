"""Session limits and the second-factor policy, applied to every request."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse

from accounts.audit import sign_in_event_record
from accounts.models import SignInEventKind
from accounts.policy import remembered_mfa_demand
from accounts.receivers import LAST_SEEN_KEY, SIGNED_IN_AT_KEY

# Write the last-seen time at most this often, so a page's requests do not each save the session.
LAST_SEEN_RESOLUTION = 60


class SessionLimitsMiddleware:
    """Sign out after SESSION_IDLE_MINUTES without a request, and SESSION_ABSOLUTE_HOURS after
    sign-in whatever the activity."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response = self._check(request, user)
            if response is not None:
                return response
        return self.get_response(request)

    def _check(self, request, user):
        now = time.time()
        session = request.session
        signed_in_at = session.get(SIGNED_IN_AT_KEY)
        last_seen = session.get(LAST_SEEN_KEY)
        if signed_in_at is None or last_seen is None:
            # A session from before these limits: its clock starts now.
            session[SIGNED_IN_AT_KEY] = signed_in_at or now
            session[LAST_SEEN_KEY] = now
            return None
        idle = now - last_seen > settings.SESSION_IDLE_MINUTES * 60
        too_old = now - signed_in_at > settings.SESSION_ABSOLUTE_HOURS * 3600
        if idle or too_old:
            reason = (
                "You were signed out after a time without activity."
                if idle
                else f"You were signed out: a session lasts at most "
                f"{settings.SESSION_ABSOLUTE_HOURS} hours."
            )
            sign_in_event_record(
                kind=SignInEventKind.SESSION_EXPIRED,
                request=request,
                user=user,
                detail="idle limit" if idle else "absolute limit",
            )
            request.accounts_quiet_logout = True
            logout(request)
            messages.info(request, reason + " Sign in again to carry on.")
            return redirect_to_login(request.get_full_path())
        if now - last_seen >= LAST_SEEN_RESOLUTION:
            session[LAST_SEEN_KEY] = now
        return None


# Paths a person who must set up a second factor may still reach.
EXEMPT_PREFIXES = ("/accounts/", "/account/", "/sign-out/", "/static/", "/healthz")


class MfaPolicyMiddleware:
    """During the grace period every page carries a banner (request.mfa_demand); after it,
    every page but the account and second-factor pages sends the person to set one up."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.mfa_demand = None
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            demand = remembered_mfa_demand(user, request.session)
            request.mfa_demand = demand
            if demand.overdue and not request.path.startswith(EXEMPT_PREFIXES):
                if not request.session.get("accounts_mfa_stop_logged"):
                    request.session["accounts_mfa_stop_logged"] = True
                    sign_in_event_record(
                        kind=SignInEventKind.MFA_REQUIRED_STOP, request=request, user=user
                    )
                return redirect(reverse("account_mfa_required"))
        return self.get_response(request)


# Where the session remembers when, and from which address and browser, it was last recorded.
TRACKED_KEY = "accounts_session_tracked"


class UserSessionsMiddleware:
    """django-allauth's record of a person's sessions (their sessions page: address, browser,
    last seen), written when the address or browser changes and otherwise at most once every
    LAST_SEEN_RESOLUTION seconds, not on every request (three queries each)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from allauth.account.adapter import get_adapter
        from allauth.usersessions.internal import usersessionkit

        user = getattr(request, "user", None)
        session = getattr(request, "session", None)
        if user is not None and user.is_authenticated and session is not None:
            agent = request.META.get("HTTP_USER_AGENT", "")[:200]
            client = [get_adapter(request).get_client_ip(request), agent]
            now = time.time()
            tracked = session.get(TRACKED_KEY)
            due = (
                not tracked
                or tracked[1:] != client
                or not 0 <= now - tracked[0] < LAST_SEEN_RESOLUTION
            )
            if due and session.session_key:
                usersessionkit.track_activity(request, user=user, session=session)
                session[TRACKED_KEY] = [now, *client]
        return self.get_response(request)
