"""The operators' area: staff only, outside every trust; starting, suspending, restoring and
deleting trusts."""

import datetime
import html

import pytest
from django.utils import timezone

from schools.models import Trust
from tests import factories as f
from tests.notifications.outbox import queued
from tests.urlwalk import OPERATOR_ROUTES, routes


@pytest.fixture
def operator(db):
    return f.UserFactory(is_staff=True, email="ops@trustplan.test")


def operator_urls(world) -> list[tuple[str, tuple]]:
    fill = {"slug": world.trust.slug, "person_id": world.people["viewer"].pk}
    found = []
    for route in routes():
        if route.route in OPERATOR_ROUTES:
            url = "/" + route.route
            for key, value in fill.items():
                url = url.replace(f"<slug:{key}>", str(value)).replace(f"<int:{key}>", str(value))
            found.append((url, route.view.http_methods))
    assert len(found) == len(OPERATOR_ROUTES)
    return found


def test_every_operator_page_sends_signed_out_people_to_sign_in(client, mine):
    for url, methods in operator_urls(mine):
        for method in methods:
            response = client.generic(method, url)
            assert response.status_code == 302 and response["Location"].startswith("/sign-in/")


@pytest.mark.parametrize("role", ["ceo", "admin", "viewer"])
def test_no_trust_member_finds_the_operators_area(client, mine, role):
    client.force_login(mine.users[role])

    for url, methods in operator_urls(mine):
        for method in methods:
            assert client.generic(method, url).status_code == 404, url


def test_an_operator_reaches_every_page(client, mine, operator):
    client.force_login(operator)

    for url, methods in operator_urls(mine):
        if "GET" in methods:
            assert client.get(url).status_code == 200, url


def test_an_operator_starts_a_trust_and_its_ceo_is_invited(client, operator):
    client.force_login(operator)

    response = client.post(
        "/operators/trusts/new/",
        {"name": "Pix Brook Trust", "slug": "pixbrook", "ceo_email": "head@pixbrook.test",
         "ceo_name": "Pat Brook", "first_year": 2025, "short_name": ""},
    )  # fmt: skip

    assert response["Location"] == "/operators/trusts/pixbrook/"
    assert Trust.objects.get(slug="pixbrook").name == "Pix Brook Trust"
    (invitation,) = queued()
    assert invitation.to == "head@pixbrook.test"
    assert "/invitations/" in invitation.body


def test_a_suspended_trust_shows_its_members_a_suspended_page(client, mine, other, operator):
    client.force_login(operator)
    client.post(f"/operators/trusts/{mine.trust.slug}/suspend/", {"reason": "Unpaid"})

    client.force_login(mine.users["ceo"])
    response = client.get(f"/t/{mine.trust.slug}/plan/")
    assert response.status_code == 403
    assert f"{mine.trust.name} is suspended" in response.content.decode()
    client.force_login(other.users["ceo"])
    assert client.get(f"/t/{mine.trust.slug}/plan/").status_code == 404
    assert client.get(f"/t/{other.trust.slug}/plan/").status_code == 200

    client.force_login(operator)
    client.post(f"/operators/trusts/{mine.trust.slug}/restore/")
    client.force_login(mine.users["ceo"])
    assert client.get(f"/t/{mine.trust.slug}/plan/").status_code == 200


def test_deleting_needs_the_address_typed_and_waits_for_the_grace_period(client, mine, operator):
    client.force_login(operator)
    url = f"/operators/trusts/{mine.trust.slug}/delete/"

    response = client.post(url, {"confirmation": "wrong"})
    page = html.unescape(response.content.decode())
    assert f"Type the trust's address, {mine.trust.slug}, to confirm." in page
    mine.trust.refresh_from_db()
    assert mine.trust.deletion_due_at is None

    client.post(url, {"confirmation": mine.trust.slug})
    mine.trust.refresh_from_db()
    due = timezone.now() + datetime.timedelta(days=30)
    assert abs((mine.trust.deletion_due_at - due).total_seconds()) < 60
    assert mine.trust.suspended_at is not None

    client.post(f"/operators/trusts/{mine.trust.slug}/delete/cancel/")
    mine.trust.refresh_from_db()
    assert mine.trust.deletion_due_at is None and mine.trust.suspended_at is not None


def test_the_operators_home_lists_every_trust_with_its_state(client, mine, other, operator):
    client.force_login(operator)
    Trust.objects.filter(pk=other.trust.pk).update(suspended_at=timezone.now())

    page = client.get("/operators/").content.decode()

    assert mine.trust.name in page and other.trust.name in page
    assert "Suspended" in page
