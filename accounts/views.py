"""Sign-in (e-mail first), the person's account page, and a trust's sign-in security pages."""

from __future__ import annotations

import logging

import requests
from allauth.account.views import LoginView
from allauth.socialaccount.providers.base import AuthProcess
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts import selectors, services
from accounts.forms import AuditFilterForm, EmailStepForm, SecurityPolicyForm, SingleSignOnForm
from accounts.permissions import SECURITY_MANAGE, SIGN_IN_AUDIT
from accounts.policy import mfa_demand, trust_policy
from schools.models import Membership, Role
from trustplan.core.access import trust_view
from trustplan.core.forms import form_page
from trustplan.core.links import absolute_reverse

logger = logging.getLogger("trustplan.signin")
AUDIT_PAGE_SIZE = 50


class SignInView(LoginView):
    """E-mail first: an address of a trust's single sign-on domain goes to that provider;
    everyone else is asked for a password on the same page."""

    template_name = "account/login.html"

    def post(self, request, *args, **kwargs):
        if "password" in request.POST:
            return super().post(request, *args, **kwargs)
        step = EmailStepForm(request.POST)
        if not step.is_valid():
            return self.render_to_response(self.get_context_data(email_step=step))
        email = step.cleaned_data["login"].strip().lower()
        sso = selectors.sso_for_email(email)
        if sso is not None:
            provider = sso.app.get_provider(request)
            try:
                return provider.redirect(
                    request,
                    AuthProcess.LOGIN,
                    next_url=self.get_next_url() or None,
                    auth_params={**provider.get_auth_params(), "login_hint": email},
                )
            except (requests.RequestException, KeyError, ValueError) as exc:
                logger.warning("single sign-on provider %s unreachable: %r", sso.issuer, exc)
                step.add_error(
                    None,
                    "Your trust's sign-in provider did not answer. Try again in a minute, "
                    "or sign in with your trustplan password.",
                )
        form = self.get_form_class()(initial={"login": email}, request=request)
        return self.render_to_response(
            self.get_context_data(form=form, email_step=step, password_step=True, email=email)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("email_step", EmailStepForm())
        if self.request.method == "POST" and "password" in self.request.POST:
            context["password_step"] = True
            context["email"] = self.request.POST.get("login", "")
        return context


sign_in = SignInView.as_view()


@never_cache
def allauth_login(request):
    """allauth's own sign-in address leads to ours, keeping where to go next."""
    query = request.META.get("QUERY_STRING", "")
    return redirect(reverse("login") + (f"?{query}" if query else ""))


@login_required
def connections(request):
    # Each trust's provider is connected at first sign-in; there is nothing to manage here.
    return redirect("account_home")


@never_cache
@login_required
def account_home(request):
    from allauth.mfa.models import Authenticator
    from allauth.usersessions.models import UserSession

    user = request.user
    memberships = (
        Membership.objects.filter(user=user, is_active=True)
        .select_related("trust")
        .order_by("trust__name")
    )
    return render(
        request,
        "accounts/account_home.html",
        {
            "memberships": memberships,
            "demand": request.mfa_demand or mfa_demand(user, request.session),
            "authenticators": Authenticator.objects.filter(user=user).order_by("type"),
            "session_count": UserSession.objects.filter(user=user).count(),
            "idle_minutes": settings.SESSION_IDLE_MINUTES,
            "absolute_hours": settings.SESSION_ABSOLUTE_HOURS,
        },
    )


@never_cache
@login_required
def mfa_required(request):
    return render(
        request,
        "accounts/mfa_required.html",
        {"demand": request.mfa_demand or mfa_demand(user=request.user, session=request.session)},
    )


@require_POST
@login_required
def sign_out_everywhere(request):
    services.sign_out_everywhere(request=request, acting_user=request.user)
    messages.success(request, "You are signed out everywhere, on this device too.")
    return redirect("login")


# A trust's sign-in security (set-up) ------------------------------------------------------


def _security_url(request, name: str = "security_home") -> str:
    return reverse(name, args=[request.trust.slug])


@trust_view(SECURITY_MANAGE)
def security_home(request):
    policy = trust_policy(request.trust)
    role_labels = dict(Role.choices)
    return render(
        request,
        "accounts/security_home.html",
        {
            "nav": "setup",
            "policy": policy,
            "required_roles": [role_labels[r] for r in policy.mfa_roles if r in role_labels],
            "offered_roles": [name for r, name in Role.choices if r not in policy.mfa_roles],
            "sso": selectors.trust_sso(request.trust),
        },
    )


@trust_view(SECURITY_MANAGE, methods=["GET", "POST"])
def security_policy_edit(request):
    policy = trust_policy(request.trust)
    form = SecurityPolicyForm(
        request.POST or None,
        initial={"mfa_roles": list(policy.mfa_roles), "grace_days": policy.grace_days},
    )
    return form_page(
        request,
        form,
        save=lambda data: services.security_policy_update(
            trust=request.trust, acting_user=request.user, **data
        ),
        success="The second-factor policy is saved.",
        then=_security_url(request),
        nav="setup",
        title="Second-factor policy",
        submit="Save the policy",
        back=_security_url(request),
        back_label="Back to sign-in security",
        intro="A person who belongs to several trusts meets the strictest of their "
        "trusts' policies.",
    )


@trust_view(SECURITY_MANAGE, methods=["GET", "POST"])
def sso_edit(request):
    sso = selectors.trust_sso(request.trust)
    initial = {"kind": "entra", "provider_mfa_counts": True, "is_enabled": True}
    callback = None
    if sso:
        initial = {
            "kind": sso.kind,
            "issuer": sso.issuer,
            "client_id": sso.app.client_id,
            "domains": ", ".join(sso.domains),
            "provider_mfa_counts": sso.provider_mfa_counts,
            "is_enabled": sso.is_enabled,
        }
        callback = absolute_reverse("openid_connect_callback", provider_id=sso.provider_id)
    return form_page(
        request,
        SingleSignOnForm(request.POST or None, initial=initial),
        save=lambda data: services.single_sign_on_save(
            trust=request.trust, acting_user=request.user, **data
        ),
        success="Single sign-on is saved.",
        then=_security_url(request),
        template="accounts/sso_form.html",
        nav="setup",
        sso=sso,
        callback=callback,
    )


@trust_view(SIGN_IN_AUDIT)
def sign_in_audit(request):
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    events = selectors.trust_sign_in_events(
        request.trust, kind=filters.get("kind", ""), email=filters.get("email", "")
    )
    page = Paginator(events, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "accounts/sign_in_audit.html",
        {"nav": "setup", "form": form, "page": page, "query": query.urlencode()},
    )
