import re
import time

import pytest
from django.contrib.auth import SESSION_KEY, get_user_model

from accounts.audit import sign_in_event_record
from accounts.models import SignInEvent, SignInEventKind
from accounts.receivers import LAST_SEEN_KEY, SIGNED_IN_AT_KEY
from schools.models import Role
from tests import factories as f

pytestmark = pytest.mark.django_db


def security(world, path=""):
    return f"/t/{world.trust.slug}/setup/security/{path}"


@pytest.mark.parametrize("role", list(Role.values))
def test_only_the_ceo_and_administrators_reach_sign_in_security_and_the_audit(client, mine, role):
    client.force_login(mine.users[role])
    allowed = role in {Role.CEO, Role.ADMIN}

    for path in ["", "policy/", "single-sign-on/", "sign-ins/"]:
        assert client.get(security(mine, path)).status_code == (200 if allowed else 403), path


def test_the_audit_shows_this_trusts_members_only(client, two_trusts):
    mine, other = two_trusts
    sign_in_event_record(kind=SignInEventKind.FAILED, email=mine.users["viewer"].email)
    sign_in_event_record(kind=SignInEventKind.FAILED, email=other.users["viewer"].email)
    client.force_login(mine.users["admin"])

    page = client.get(security(mine, "sign-ins/")).content.decode()

    assert mine.users["viewer"].email in page
    assert other.users["viewer"].email not in page


def test_the_audit_filters_by_event(client, mine):
    sign_in_event_record(kind=SignInEventKind.FAILED, email=mine.users["viewer"].email)
    sign_in_event_record(kind=SignInEventKind.RESET_DONE, user=mine.users["trustee"])
    client.force_login(mine.users["ceo"])

    page = client.get(security(mine, "sign-ins/"), {"kind": "reset_done"}).content.decode()

    assert mine.users["trustee"].email in page
    assert mine.users["viewer"].email not in page


def test_the_policy_form_saves_and_a_bad_grace_changes_nothing(client, mine):
    client.force_login(mine.users["ceo"])

    bad = client.post(security(mine, "policy/"), {"mfa_roles": ["ceo"], "grace_days": "200"})
    assert bad.status_code == 200 and "less than or equal to 90" in bad.content.decode()
    good = client.post(security(mine, "policy/"), {"mfa_roles": ["ceo"], "grace_days": "7"})

    assert good.status_code == 302
    home = client.get(security(mine)).content.decode()
    assert re.search(r"Required for</dt><dd>CEO / executive</dd>", home)


def test_an_address_without_single_sign_on_is_asked_for_its_password(client, mine):
    response = client.post("/sign-in/", {"login": mine.users["viewer"].email})

    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()


def test_a_malformed_address_is_refused_on_the_first_step(client, db):
    response = client.post("/sign-in/", {"login": "not-an-address"})

    assert "Type a whole e-mail address" in response.content.decode()
    assert 'name="password"' not in response.content.decode()


def test_failed_sign_ins_say_when_to_try_again_and_are_audited(client, mine):
    email = mine.users["viewer"].email
    for _ in range(3):
        client.post("/sign-in/", {"login": email, "password": "wrong"})

    refused = client.post("/sign-in/", {"login": email, "password": f.PASSWORD})

    text = refused.content.decode()
    assert re.search(r"Try again in (\d+ seconds|1 minute) \(at \d\d:\d\d\)", text), text
    assert SESSION_KEY not in client.session
    kinds = list(SignInEvent.objects.filter(email=email).values_list("kind", flat=True))
    assert kinds.count("failed") == 3 and "locked_out" in kinds and "refused" in kinds


def test_an_idle_session_is_signed_out(client, mine, settings):
    client.force_login(mine.users["viewer"])
    session = client.session
    session[LAST_SEEN_KEY] = time.time() - settings.SESSION_IDLE_MINUTES * 60 - 5
    session.save()

    response = client.get(f"/t/{mine.trust.slug}/")

    assert response.status_code == 302 and response["Location"].startswith("/sign-in/")
    assert SESSION_KEY not in client.session


def test_a_session_ends_after_the_absolute_limit_however_active(client, mine, settings):
    client.force_login(mine.users["viewer"])
    session = client.session
    session[SIGNED_IN_AT_KEY] = time.time() - settings.SESSION_ABSOLUTE_HOURS * 3600 - 5
    session.save()

    response = client.get(f"/t/{mine.trust.slug}/")

    assert response.status_code == 302
    assert SESSION_KEY not in client.session


def test_sign_out_everywhere_ends_the_persons_other_sessions_too(client, mine):
    from django.test import Client

    elsewhere = Client()
    elsewhere.force_login(mine.users["viewer"])
    assert elsewhere.get(f"/t/{mine.trust.slug}/").status_code == 200
    client.force_login(mine.users["viewer"])
    client.get("/account/")

    client.post("/account/sign-out-everywhere/")

    assert elsewhere.get(f"/t/{mine.trust.slug}/").status_code == 302
    assert client.get(f"/t/{mine.trust.slug}/").status_code == 302


def test_the_account_page_links_password_email_and_second_factors(client, mine):
    client.force_login(mine.users["trustee"])

    page = client.get("/account/").content.decode()

    for href in ["/accounts/password/change/", "/accounts/email/", "/accounts/2fa/"]:
        assert f'href="{href}"' in page
    assert "asks every Trustee to use a second factor" in page


def test_the_sign_in_page_links_the_password_reset(client, db):
    assert 'href="/accounts/password/reset/"' in client.get("/sign-in/").content.decode()


def test_a_reset_for_an_unknown_address_looks_the_same_and_sends_nothing(client, mine):
    from notifications.models import OutgoingEmail

    known = client.post("/accounts/password/reset/", {"email": mine.users["viewer"].email})
    unknown = client.post("/accounts/password/reset/", {"email": "nobody@nowhere.test"})

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    queued = OutgoingEmail.objects.get()  # the outbox: a row first, a worker sends it
    assert (queued.to, queued.trust_id) == (mine.users["viewer"].email, mine.trust.pk)
    assert "/accounts/password/reset/key/" in queued.body and queued.erase_body_when_sent


def test_nobody_can_sign_up(client, db):
    response = client.post(
        "/accounts/signup/",
        {"email": "me@example.test", "password1": "a long pass 99", "password2": "a long pass 99"},
    )

    assert "closed" in response.content.decode().lower()
    assert not get_user_model().objects.filter(email="me@example.test").exists()


def test_the_admin_sends_people_to_the_sign_in_page_not_its_own_password_form(client, mine):
    signed_out = client.get("/admin/")
    assert signed_out.status_code == 302
    login = client.get(signed_out["Location"])
    assert login.status_code == 302
    assert login["Location"] == "/sign-in/?next=/admin/"

    client.force_login(mine.users["ceo"])
    assert client.get("/admin/login/").status_code == 403


def test_a_new_email_address_takes_effect_only_once_confirmed_from_its_inbox(
    client, mine, smtp_server, celery_worker
):
    person = mine.users["viewer"]
    client.force_login(person)

    response = client.post("/accounts/email/", {"email": "new.me@oak.test", "action_add": ""})

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.email == "viewer@oak.test"
    message = smtp_server.wait_for("new.me@oak.test")
    body = message.get_body(preferencelist=("plain",)).get_content()
    link = re.search(r"https?://\S+(/accounts/confirm-email/\S+/)", body).group(1)
    client.post(link)
    person.refresh_from_db()
    assert person.email == "new.me@oak.test"
    event = SignInEvent.objects.get(kind=SignInEventKind.EMAIL_CHANGED)
    assert event.detail == "from viewer@oak.test to new.me@oak.test"


def test_an_address_of_a_single_sign_on_domain_goes_to_its_provider_with_a_hint(
    client, mine, oidc_provider
):
    from accounts.services import single_sign_on_save

    provider = oidc_provider("http://testserver/accounts/oidc/cb/", [])
    single_sign_on_save(
        trust=mine.trust, kind="other", issuer=provider.issuer, client_id=provider.client_id,
        secret=provider.secret, domains=["oak.sch.uk"], provider_mfa_counts=True,
        is_enabled=True, acting_user=None,
    )  # fmt: skip

    response = client.post("/sign-in/", {"login": "Someone@Oak.sch.uk"})

    assert response.status_code == 302
    assert response["Location"].startswith(provider.issuer + "/authorize/")
    assert "login_hint=someone%40oak.sch.uk" in response["Location"]
    assert "code_challenge=" in response["Location"]  # PKCE
