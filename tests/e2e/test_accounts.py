"""Accounts in Chromium: reset by e-mail, authenticator apps, passkeys, the second-factor
policy, single sign-on through a real provider, and throttling."""

from __future__ import annotations

import datetime
import re
import time

import pyotp
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import SignInEvent, SignInEventKind
from schools.models import Membership, Role
from tests import factories as f
from tests.e2e.conftest import axe_violations

pytestmark = pytest.mark.e2e


def member(trust_slug: str, email: str, role: str = Role.VIEWER, *, joined_days_ago: int = 0):
    trust = f.TrustFactory(slug=trust_slug, name=f"{trust_slug.title()} Learning Trust")
    user = f.UserFactory(email=email, full_name=f"{role.title()} Person")
    membership = f.MembershipFactory(trust=trust, user=user, role=role)
    if joined_days_ago:
        Membership.objects.filter(pk=membership.pk).update(
            created_at=timezone.now() - datetime.timedelta(days=joined_days_ago)
        )
    return user


def sign_in_with_password(page, email: str, password: str = f.PASSWORD) -> None:
    page.goto("/sign-in/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_load_state()


def confirm_password_if_asked(page, seen: dict, password: str = f.PASSWORD) -> None:
    """allauth asks for the password again before a second factor is added or removed."""
    page.wait_for_load_state()
    if "/accounts/reauthenticate/" in page.url:
        assert_axe_clean(page, "confirm password", seen)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Confirm").click()
        page.wait_for_load_state()


def assert_axe_clean(page, where: str, seen: dict) -> None:
    if violations := axe_violations(page):
        seen[where] = violations


def test_a_forgotten_password_is_reset_through_the_link_in_the_email(
    page, transactional_db, smtp_server, celery_worker
):
    member("oak", "reset.me@oak.test")
    seen = {}

    page.goto("/sign-in/")
    page.get_by_role("link", name="Forgotten your password?").click()
    assert_axe_clean(page, "reset request", seen)
    page.get_by_label(re.compile("e-?mail", re.I)).fill("reset.me@oak.test")
    page.get_by_role("button", name=re.compile("Reset", re.I)).click()
    page.wait_for_load_state()
    assert_axe_clean(page, "reset sent", seen)
    message = smtp_server.wait_for("reset.me@oak.test")
    body = message.get_body(preferencelist=("plain",)).get_content()
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+/", body).group(0)

    page.goto(link)
    assert_axe_clean(page, "new password", seen)
    page.get_by_label(re.compile(r"^New password:?$", re.I)).fill("a fresh and long pass phrase")
    page.get_by_label(re.compile(r"^New password \(again\)", re.I)).fill(
        "a fresh and long pass phrase"
    )
    page.get_by_role("button", name=re.compile("Change password", re.I)).click()
    page.wait_for_load_state()
    assert_axe_clean(page, "reset done", seen)
    page.screenshot(path="/tmp/accounts_reset_done.png", full_page=True)
    sign_in_with_password(page, "reset.me@oak.test", "a fresh and long pass phrase")

    assert page.url.endswith("/t/oak/")
    assert page.goto(link).ok  # the used link says so rather than working twice
    assert "invalid" in page.content().lower() or "used" in page.content().lower()
    kinds = set(SignInEvent.objects.values_list("kind", flat=True))
    assert {SignInEventKind.RESET_REQUESTED, SignInEventKind.RESET_DONE} <= kinds
    assert seen == {}


def test_an_authenticator_app_is_enrolled_and_signs_in_with_a_code_and_a_recovery_code(
    page, transactional_db
):
    member("oak", "totp.person@oak.test", Role.CEO)
    seen = {}
    sign_in_with_password(page, "totp.person@oak.test")
    assert page.get_by_role("heading", name="Set up a second factor").first.is_visible()

    page.get_by_role("link", name="Set up a second factor").first.click()
    assert_axe_clean(page, "two-factor required", seen)
    page.get_by_role("link", name="Use an authenticator app").click()
    confirm_password_if_asked(page, seen)
    assert_axe_clean(page, "activate totp", seen)
    assert page.locator("img[src^='data:image/svg+xml']").count() == 1  # the QR code
    secret = page.locator("#authenticator_secret").input_value()
    totp = pyotp.TOTP(secret)
    page.get_by_label("Authenticator code").fill(totp.now())
    page.get_by_role("button", name="Activate").click()
    page.wait_for_load_state()
    if "/recovery-codes/" not in page.url:
        page.goto("/accounts/2fa/recovery-codes/")
    page.screenshot(path="/tmp/accounts_recovery_codes.png", full_page=True)
    assert_axe_clean(page, "recovery codes", seen)
    codes = page.get_by_label("Unused codes").input_value().split()
    assert len(codes) >= 8
    sign_out(page)

    # A code from the next 30-second step: allauth accepts each code once.
    sign_in_with_password(page, "totp.person@oak.test")
    assert_axe_clean(page, "second factor asked", seen)
    page.get_by_label("Code").fill(totp.at(time.time() + 30))
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/t/oak/")
    assert page.get_by_role("heading", name="Set up a second factor").count() == 0
    sign_out(page)

    sign_in_with_password(page, "totp.person@oak.test")
    page.get_by_label("Code").fill(codes[0])
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/t/oak/")

    methods = list(
        SignInEvent.objects.filter(kind=SignInEventKind.SIGNED_IN).values_list("method", flat=True)
    )
    assert "password + authenticator app" in methods
    assert "password + recovery code" in methods
    assert seen == {}


def sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    if page.get_by_role("button", name="Sign Out").count():  # allauth's confirmation
        page.get_by_role("button", name="Sign Out").click()
        page.wait_for_load_state()


def test_a_passkey_is_enrolled_and_used_through_chromiums_virtual_authenticator(
    page, transactional_db
):
    member("oak", "passkey.person@oak.test", Role.TRUSTEE)
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    authenticator = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )["authenticatorId"]
    seen = {}
    sign_in_with_password(page, "passkey.person@oak.test")
    page.goto("/account/two-factor/")
    page.get_by_role("link", name="Add a passkey or security key").click()
    confirm_password_if_asked(page, seen)
    assert_axe_clean(page, "add passkey", seen)
    page.get_by_label("Name").fill("Laptop")
    page.get_by_label(re.compile("Passwordless", re.I)).check()
    page.get_by_role("button", name="Add", exact=True).click()
    page.wait_for_url(lambda url: "/webauthn/add/" not in url)
    page.wait_for_load_state()
    assert_axe_clean(page, "after passkey", seen)
    credentials = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})
    assert len(credentials["credentials"]) == 1
    sign_out(page)

    # As a second factor after the password …
    sign_in_with_password(page, "passkey.person@oak.test")
    assert_axe_clean(page, "second factor with a key", seen)
    page.get_by_role("button", name=re.compile("security key|passkey", re.I)).first.click()
    page.wait_for_url("**/t/oak/")
    sign_out(page)
    # … and on its own, from the sign-in page.
    page.goto("/sign-in/")
    page.get_by_role("button", name="Sign in with a passkey").click()
    page.wait_for_url("**/t/oak/")

    methods = list(
        SignInEvent.objects.filter(kind=SignInEventKind.SIGNED_IN).values_list("method", flat=True)
    )
    assert "password + passkey or security key" in methods
    assert "passkey or security key" in methods
    assert seen == {}


def test_the_grace_period_banner_and_the_stop_after_it(page, transactional_db):
    member("oak", "recent.trustee@oak.test", Role.TRUSTEE, joined_days_ago=3)
    member("elm", "late.trustee@elm.test", Role.TRUSTEE, joined_days_ago=20)
    member("ash", "viewer@ash.test", Role.VIEWER, joined_days_ago=20)
    seen = {}

    sign_in_with_password(page, "recent.trustee@oak.test")
    assert page.url.endswith("/t/oak/")
    banner = page.get_by_role("region", name="Set up a second factor")
    deadline = timezone.localtime(timezone.now() + datetime.timedelta(days=11))
    assert f"by {deadline:%-d %B %Y}" in banner.inner_text()
    assert_axe_clean(page, "trust home with the banner", seen)
    page.screenshot(path="/tmp/accounts_grace_banner.png", full_page=True)
    sign_out(page)

    sign_in_with_password(page, "late.trustee@elm.test")
    assert page.url.endswith("/account/two-factor/")
    assert "the time to set one up has passed" in page.get_by_role("alert").inner_text()
    assert_axe_clean(page, "stopped at set-up", seen)
    page.screenshot(path="/tmp/accounts_grace_stop.png", full_page=True)
    page.goto("/t/elm/")
    assert page.url.endswith("/account/two-factor/")
    sign_out(page)

    sign_in_with_password(page, "viewer@ash.test")  # offered, not required
    assert page.url.endswith("/t/ash/")
    assert page.get_by_role("region", name="Set up a second factor").count() == 0
    assert SignInEvent.objects.filter(kind=SignInEventKind.MFA_REQUIRED_STOP).count() == 1
    assert seen == {}


def test_repeated_failures_lock_one_account_while_another_signs_in_normally(page, transactional_db):
    member("oak", "guessed@oak.test")
    member("oak", "colleague@oak.test")

    page.goto("/sign-in/")
    page.get_by_label("E-mail address").fill("guessed@oak.test")
    page.get_by_role("button", name="Continue").click()
    for _ in range(3):
        page.get_by_label("Password").fill("not the password")
        page.get_by_role("button", name="Sign in", exact=True).click()
        page.wait_for_load_state()
    page.get_by_label("Password").fill(f.PASSWORD)  # the right one, now refused
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_load_state()

    alert = page.get_by_role("alert").inner_text()
    assert "Too many failed sign-ins for this e-mail address" in alert
    assert re.search(r"Try again in (\d+ seconds|1 minute) \(at \d\d:\d\d\)", alert), alert
    assert "/sign-in/" in page.url
    assert axe_violations(page) == []
    page.screenshot(path="/tmp/accounts_lockout.png", full_page=True)

    page.context.clear_cookies()
    sign_in_with_password(page, "colleague@oak.test")
    assert page.url.endswith("/t/oak/")
    kinds = list(
        SignInEvent.objects.filter(email="guessed@oak.test").values_list("kind", flat=True)
    )
    assert kinds.count(SignInEventKind.FAILED) == 3
    assert SignInEventKind.LOCKED_OUT in kinds and SignInEventKind.REFUSED in kinds


def test_single_sign_on_through_a_real_provider_signs_in_members_only(
    page, sign_in, transactional_db, live_server, oidc_provider
):
    from django.urls import reverse

    ceo = member("oak", "sso.person@oak.sch.uk", Role.CEO)
    trust = ceo.memberships.get().trust
    admin = f.UserFactory(email="admin@oak.sch.uk")
    f.MembershipFactory(trust=trust, user=admin, role=Role.ADMIN)
    callback = live_server.url + reverse(
        "openid_connect_callback", kwargs={"provider_id": f"trust-{trust.pk}"}
    )
    provider = oidc_provider(
        callback,
        ["sso.person:sso.person@oak.sch.uk:provider pass 1", "stranger:stranger@oak.sch.uk:pw 2"],
        amr="pwd,mfa",
    )
    seen = {}

    # The trust's administrator registers its provider.
    sign_in(admin)
    page.goto("/t/oak/setup/security/")
    assert_axe_clean(page, "security home", seen)
    page.get_by_role("link", name="Set up single sign-on").click()
    assert_axe_clean(page, "single sign-on form", seen)
    page.get_by_label("Provider:", exact=True).select_option("other")
    page.get_by_label("Issuer").fill(provider.issuer)
    page.get_by_label("Client (application) id").fill(provider.client_id)
    page.get_by_label("Client secret").fill(provider.secret)
    page.get_by_label("E-mail domains").fill("oak.sch.uk")
    page.get_by_role("button", name="Save single sign-on").click()
    page.wait_for_load_state()
    assert "Single sign-on is saved." in page.content()
    page.goto("/t/oak/setup/security/single-sign-on/")
    assert callback in page.content()  # the redirect address to give the provider
    page.context.clear_cookies()

    # E-mail first: the domain sends the member to the provider, and back signed in.
    page.goto("/sign-in/")
    page.get_by_label("E-mail address").fill("sso.person@oak.sch.uk")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(re.compile(r"^http://127\.0\.0\.1:\d+/login/"))
    page.get_by_label("Provider username").fill("sso.person")
    page.get_by_label("Provider password").fill("provider pass 1")
    page.get_by_role("button", name="Sign in at the provider").click()
    page.wait_for_url("**/t/oak/")
    # The provider said a second factor was used (amr): the CEO is not asked for another.
    assert page.get_by_role("region", name="Set up a second factor").count() == 0
    assert_axe_clean(page, "signed in through the provider", seen)
    page.screenshot(path="/tmp/accounts_sso_signed_in.png", full_page=True)
    event = SignInEvent.objects.get(kind=SignInEventKind.SSO_SIGNED_IN)
    assert event.email == "sso.person@oak.sch.uk"
    assert "second factor at the provider" in event.method
    page.context.clear_cookies()

    # Someone the provider knows but trustplan does not is refused.
    page.goto("/sign-in/")
    page.get_by_label("E-mail address").fill("stranger@oak.sch.uk")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Provider username").fill("stranger")
    page.get_by_label("Provider password").fill("pw 2")
    page.get_by_role("button", name="Sign in at the provider").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Single sign-on could not sign you in"
    )
    assert_axe_clean(page, "single sign-on refused", seen)
    assert page.goto("/t/oak/").url.endswith("/sign-in/?next=/t/oak/")
    assert seen == {}


def test_every_account_and_sign_in_security_page_passes_axe(page, transactional_db):
    from accounts.audit import sign_in_event_record

    user = member("oak", "pages.person@oak.test", Role.CEO)
    sign_in_event_record(kind=SignInEventKind.FAILED, email=user.email)
    seen = {}
    page.goto("/sign-in/")
    assert_axe_clean(page, "sign-in", seen)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path="/tmp/accounts_sign_in_390.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in_with_password(page, user.email)
    paths = [
        "/account/",
        "/account/two-factor/",
        "/accounts/email/",
        "/accounts/password/change/",
        "/accounts/2fa/",
        "/accounts/sessions/",
        "/accounts/reauthenticate/",
        "/t/oak/setup/security/",
        "/t/oak/setup/security/policy/",
        "/t/oak/setup/security/single-sign-on/",
        "/t/oak/setup/security/sign-ins/",
    ]
    for path in paths:
        response = page.goto(path)
        assert response.status == 200, path
        assert_axe_clean(page, path, seen)
    page.screenshot(path="/tmp/accounts_audit.png", full_page=True)
    page.goto("/account/")
    page.screenshot(path="/tmp/accounts_account_page.png", full_page=True)
    page.get_by_role("button", name="Sign out everywhere").click()
    page.wait_for_url("**/sign-in/")
    expect(page.get_by_role("status").filter(has_text="signed out everywhere")).to_be_visible()
    assert_axe_clean(page, "signed out everywhere", seen)
    assert seen == {}
