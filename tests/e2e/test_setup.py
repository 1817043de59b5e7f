"""Trust set-up in the browser: axe on every set-up page, and an invitation by keyboard."""

import re

import pytest

from schools.models import Membership, Role
from tests.e2e.conftest import axe_violations
from tests.e2e.test_authoring import Keyboard
from tests.notifications.outbox import last_queued
from tests.schools.factories import InvitationFactory

pytestmark = pytest.mark.e2e


def setup_paths(world) -> list[str]:
    school = world.schools[0]
    membership = world.extra["membership"]
    return [
        "",
        "details/",
        "labels/",
        "categories/",
        "categories/new/",
        f"categories/{world.category.pk}/",
        "schools/",
        "schools/new/",
        f"schools/{school.pk}/",
        f"schools/{school.pk}/inspection/",
        "people/",
        "people/new/",
        f"people/{world.people['viewer'].pk}/",
        "members/",
        f"members/{membership.pk}/",
        f"members/{membership.pk}/end/",
        "invitations/new/",
        f"invitations/{world.extra['invitation'].pk}/revoke/",
        "terms/",
        f"terms/{world.annual_plan.pk}/",
    ]


def test_every_setup_page_passes_axe_for_an_administrator(page, sign_in, mine):
    sign_in(mine.users["admin"])
    failures = {}
    for path in setup_paths(mine):
        response = page.goto(f"/t/{mine.trust.slug}/setup/{path}")
        assert response.status == 200, path
        if violations := axe_violations(page):
            failures[path] = violations
        if path in {"", "members/", "schools/new/"}:
            name = path.strip("/").replace("/", "_") or "home"
            page.screenshot(path=f"/tmp/setup_{name}.png", full_page=True)
    # A form sent back with its messages, as people see it.
    page.goto(f"/t/{mine.trust.slug}/setup/schools/new/")
    page.locator("#id_name").fill("Langford Village Academy")
    page.locator("#id_status_2").check()  # opening, without its year
    page.get_by_role("button", name="Add school").press("Enter")
    page.wait_for_load_state()
    assert "Give the year the school joins or opens." in page.content()
    if violations := axe_violations(page):
        failures["school form with errors"] = violations
    page.screenshot(path="/tmp/setup_school_errors.png", full_page=True)

    assert failures == {}


def test_the_acceptance_pages_pass_axe(page, mine):
    invitation = InvitationFactory(trust=mine.trust, email="new@example.test")

    page.goto(f"/invitations/{invitation.token}/")
    assert mine.trust.name in page.content()
    assert axe_violations(page) == []
    page.screenshot(path="/tmp/setup_invitation_accept.png", full_page=True)

    response = page.goto("/invitations/no-such-token/")
    assert response.status == 404
    assert mine.trust.name not in page.content()
    assert axe_violations(page) == []


def test_an_administrator_invites_someone_who_joins_with_the_keyboard_only(
    page, sign_in, mine, browser, live_server, settings
):
    settings.SITE_URL = live_server.url  # the e-mailed link leads to the site's address
    sign_in(mine.users["admin"])
    page.goto(f"/t/{mine.trust.slug}/")
    keys = Keyboard(page)

    keys.follow("Set-up")
    keys.skip_to_main()
    keys.follow("Members and invitations")
    keys.skip_to_main()
    keys.follow("Invite someone")
    keys.tab_to("E-mail address")
    keys.type("craig@example.test")
    keys.press("Tab")
    keys.type("s")  # School lead, by its first letter
    keys.tab_to("Full name")
    keys.type("Craig Smith")
    keys.press("Tab")
    keys.type("CS")
    keys.follow("Send invitation")
    assert "Invitation sent to craig@example.test" in page.content()

    link = re.search(r"https?://\S+/invitations/\S+/", last_queued().body).group(0)
    assert link.startswith(f"{live_server.url}/invitations/")
    guest = browser.new_context(base_url=live_server.url, locale="en-GB").new_page()
    guest.goto(link)
    guest_keys = Keyboard(guest)
    guest_keys.tab_to("Your full name")
    assert guest.locator("#id_full_name").input_value() == "Craig Smith"
    guest_keys.press("Tab")
    guest_keys.type("a long and private phrase")
    guest_keys.press("Tab")
    guest_keys.type("a long and private phrase")
    guest_keys.follow("Accept and join")

    assert guest.url.endswith(f"/t/{mine.trust.slug}/")
    membership = Membership.objects.get(trust=mine.trust, user__email="craig@example.test")
    assert membership.role == Role.SCHOOL_LEAD
    assert membership.person.initials == "CS"
    guest.context.close()
