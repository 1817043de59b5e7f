"""No trust ever sees or changes another trust's data, through any URL of the project."""

import pytest

from schools.models import Role
from tests import factories as f
from tests.snapshot import snapshot
from tests.urlwalk import OUTSIDE_TRUSTS, routes, trust_routes

ROLES = list(Role.values)


def test_every_page_outside_the_trust_prefix_is_known():
    outside = {route.route for route in routes() if not route.in_trust}

    assert outside == OUTSIDE_TRUSTS, "a trust's pages must live under /t/<trust_slug>/"


def test_every_trust_page_declares_its_permission():
    missing = [r.route for r in trust_routes() if not hasattr(r.view, "trust_permission")]

    assert missing == []


@pytest.mark.parametrize("role", ROLES)
def test_no_role_reaches_another_trusts_pages_or_objects(client, two_trusts, role):
    mine, other = two_trusts
    client.force_login(mine.users[role])
    before = snapshot()

    for route in trust_routes():
        url = route.url(other)
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code == 404, f"{role} {method.upper()} {url}"

    assert snapshot() == before


@pytest.mark.parametrize("role", ROLES)
def test_another_trusts_object_ids_under_my_own_trust_are_not_found(client, two_trusts, role):
    mine, other = two_trusts
    client.force_login(mine.users[role])
    before = snapshot()

    for route in trust_routes():
        object_keywords = [k for k in route.keywords if k != "trust_slug"]
        if not object_keywords:
            continue
        url = route.url(other, trust_slug=mine.trust.slug)
        for method in route.view.http_methods:
            response = client.generic(method, url)
            # 403 where the role may not use the page at all: it says nothing of the object.
            assert response.status_code in {404, 403}, f"{role} {method.upper()} {url}"
            if request_allowed(route, role):
                assert response.status_code == 404, f"{role} {method.upper()} {url}"

    assert snapshot() == before


def test_a_signed_in_user_of_no_trust_gets_not_found_everywhere(client, mine):
    client.force_login(f.UserFactory())

    for route in trust_routes():
        assert client.get(route.url(mine)).status_code == 404


def test_an_ended_membership_no_longer_opens_the_trust(client, mine):
    membership = mine.users["ceo"].memberships.get()
    membership.is_active = False
    membership.save()
    client.force_login(mine.users["ceo"])

    assert client.get(f"/t/{mine.trust.slug}/").status_code == 404


def request_allowed(route, role) -> bool:
    from trustplan.core.permissions import scope_of

    return scope_of(role, route.view.trust_permission).value != "—"
