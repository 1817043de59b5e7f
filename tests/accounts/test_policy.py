import datetime

import pytest
from allauth.mfa.models import Authenticator
from django.utils import timezone

from accounts.policy import SSO_SESSION_KEY, mfa_demand
from accounts.services import security_policy_update
from schools.models import Membership, Role
from tests import factories as f

pytestmark = pytest.mark.django_db


def joined(user, trust, role, days_ago):
    membership = f.MembershipFactory(trust=trust, user=user, role=role)
    Membership.objects.filter(pk=membership.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days_ago)
    )


def test_the_default_policy_requires_the_ceo_administrator_and_trustee_only():
    trust = f.TrustFactory()
    required = {}
    for role in Role.values:
        user = f.UserFactory()
        joined(user, trust, role, 0)
        required[role] = mfa_demand(user).required

    assert required == {
        "ceo": True, "admin": True, "trustee": True,
        "school_lead": False, "governor": False, "viewer": False,
    }  # fmt: skip


def test_the_grace_period_runs_fourteen_days_from_joining_then_stops():
    user = f.UserFactory()
    joined(user, f.TrustFactory(), Role.TRUSTEE, 13)
    assert mfa_demand(user).nudge and not mfa_demand(user).overdue

    Membership.objects.filter(user=user).update(
        created_at=timezone.now() - datetime.timedelta(days=15)
    )
    assert mfa_demand(user).overdue and not mfa_demand(user).nudge


def test_a_person_in_several_trusts_meets_the_strictest_deadline():
    user = f.UserFactory()
    lenient, strict = f.TrustFactory(), f.TrustFactory()
    joined(user, lenient, Role.VIEWER, 30)
    joined(user, strict, Role.TRUSTEE, 20)
    security_policy_update(trust=lenient, mfa_roles=[], grace_days=14, acting_user=None)

    demand = mfa_demand(user)

    assert [r.trust_name for r in demand.requirements] == [strict.name]
    assert demand.overdue


def test_a_newly_required_role_gets_a_fresh_grace_period_from_the_change():
    user = f.UserFactory()
    trust = f.TrustFactory()
    joined(user, trust, Role.GOVERNOR, 60)
    assert not mfa_demand(user).required

    security_policy_update(
        trust=trust, mfa_roles=["ceo", "admin", "trustee", "governor"], grace_days=7,
        acting_user=None,
    )  # fmt: skip

    demand = mfa_demand(user)
    assert demand.nudge
    assert demand.deadline - timezone.now() > datetime.timedelta(days=6, hours=23)


def test_an_enrolled_factor_meets_every_trusts_policy():
    user = f.UserFactory()
    joined(user, f.TrustFactory(), Role.CEO, 30)
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={})

    demand = mfa_demand(user)

    assert demand.required and not demand.unmet and not demand.overdue


def test_a_second_factor_at_a_trusts_provider_counts_for_that_trust_only():
    user = f.UserFactory()
    with_sso, without = f.TrustFactory(), f.TrustFactory()
    joined(user, with_sso, Role.CEO, 30)
    joined(user, without, Role.TRUSTEE, 30)
    session = {SSO_SESSION_KEY: {"trust_id": with_sso.pk, "mfa": True}}

    demand = mfa_demand(user, session)

    assert [r.trust_name for r in demand.unmet] == [without.name]
