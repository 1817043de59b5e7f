import pytest
from allauth.socialaccount.models import SocialApp
from django.core.exceptions import ValidationError

from accounts.audit import sign_in_event_record, sign_in_events_prune
from accounts.models import SignInEvent, SignInEventKind
from accounts.services import security_policy_update, single_sign_on_save
from tests import factories as f

pytestmark = pytest.mark.django_db


def sso(trust, **overrides):
    values = {
        "kind": "entra",
        "issuer": "https://login.microsoftonline.com/0f1e2d3c-tenant/v2.0",
        "client_id": "client-1",
        "secret": "s3cret",
        "domains": ["oak.sch.uk"],
        "provider_mfa_counts": True,
        "is_enabled": True,
        "acting_user": None,
    }
    return single_sign_on_save(trust=trust, **{**values, **overrides})


def test_registering_single_sign_on_stores_the_secret_in_allauths_app(mine):
    saved = sso(mine.trust, domains=["OAK.sch.uk", "@oaktrust.org.uk", "oak.sch.uk"])

    app = SocialApp.objects.get(pk=saved.app_id)
    assert (app.provider, app.client_id, app.secret) == ("openid_connect", "client-1", "s3cret")
    assert app.settings["server_url"] == "https://login.microsoftonline.com/0f1e2d3c-tenant/v2.0"
    assert saved.domains == ["oak.sch.uk", "oaktrust.org.uk"]


def test_an_empty_secret_keeps_the_saved_one(mine):
    sso(mine.trust)
    sso(mine.trust, secret="", client_id="client-2")

    app = SocialApp.objects.get(provider_id=f"trust-{mine.trust.pk}")
    assert (app.client_id, app.secret) == ("client-2", "s3cret")


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"issuer": "http://login.example.org/tenant"}, "issuer"),
        ({"domains": ["not a domain"]}, "domains"),
        ({"domains": []}, "domains"),
        ({"client_id": " "}, "client_id"),
        ({"secret": ""}, "secret"),
    ],
)
def test_bad_single_sign_on_settings_are_refused_and_nothing_is_saved(mine, overrides, field):
    with pytest.raises(ValidationError) as refused:
        sso(mine.trust, **overrides)

    assert field in refused.value.error_dict
    assert not SocialApp.objects.exists()


def test_a_domain_routes_to_one_trust_only(mine, other):
    sso(mine.trust)

    with pytest.raises(ValidationError, match="another organisation"):
        sso(other.trust, domains=["oak.sch.uk"])


def test_the_policy_refuses_an_unknown_role_and_a_long_grace(mine):
    with pytest.raises(ValidationError):
        security_policy_update(
            trust=mine.trust, mfa_roles=["owner"], grace_days=14, acting_user=None
        )
    with pytest.raises(ValidationError):
        security_policy_update(trust=mine.trust, mfa_roles=[], grace_days=120, acting_user=None)


def test_an_event_is_recorded_once_in_each_trust_of_the_person(two_trusts):
    mine, other = two_trusts
    person = mine.users["ceo"]
    f.MembershipFactory(trust=other.trust, user=person, role="viewer")

    sign_in_event_record(kind=SignInEventKind.FAILED, email=person.email.upper())

    rows = SignInEvent.objects.filter(user=person)
    assert sorted(rows.values_list("trust_id", flat=True)) == sorted(
        [mine.trust.pk, other.trust.pk]
    )


def test_an_unknown_address_is_logged_but_belongs_to_no_trust(mine, caplog):
    sign_in_event_record(kind=SignInEventKind.FAILED, email="nobody@nowhere.test")

    assert not SignInEvent.objects.exists()
    assert "nobody@nowhere.test" in caplog.text


def test_the_prune_deletes_events_older_than_a_year_only(mine, settings):
    import datetime

    from django.utils import timezone

    now = timezone.now()
    sign_in_event_record(kind=SignInEventKind.SIGNED_IN, user=mine.users["ceo"])
    SignInEvent.objects.update(at=now - datetime.timedelta(days=366))
    sign_in_event_record(kind=SignInEventKind.SIGNED_IN, user=mine.users["ceo"])

    assert sign_in_events_prune(now=now) == 1
    assert SignInEvent.objects.count() == 1
