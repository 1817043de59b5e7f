"""Every page each role reaches, on a phone (390 × 844): none wider than the window, the
navigation folded into its menu button, and no axe violation at that size."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations
from tests.urlwalk import trust_routes

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
ROLES = ["ceo", "admin", "school_lead", "trustee", "governor", "viewer"]
# Pages outside the trust that every signed-in person reaches.
OWN_PAGES = ["/", "/account/", "/account/two-factor/"]
# The widest elements past the window's edge, to say what a failure is made of.
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  return Array.from(document.querySelectorAll("body *"))
    .filter((e) => e.getBoundingClientRect().right > width + 1 && e.getClientRects().length)
    .slice(-3)
    .map((e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") +
      (e.className && typeof e.className === "string" ? "." + e.className.split(" ")[0] : "") +
      " " + Math.round(e.getBoundingClientRect().right) + "px");
}"""


def pages_reached(world, user) -> list[str]:
    """The HTML pages the person opens (200) among every GET route of the trust, filled in
    with the world's objects (tests/urlwalk.py); fragments htmx swaps in are not pages."""
    client = Client()
    client.force_login(user)
    urls = list(OWN_PAGES)
    for route in trust_routes():
        if "GET" in getattr(route.view, "http_methods", ("GET",)):
            urls.append(route.url(world))
    reached = []
    for url in dict.fromkeys(urls):
        response = client.get(url)
        html = response["Content-Type"].startswith("text/html")
        if response.status_code == 200 and html and b"<html" in response.content:
            reached.append(url)
    return reached


@pytest.mark.parametrize("role", ROLES)
def test_no_page_a_role_reaches_is_wider_than_a_phone_and_axe_finds_nothing(
    page, sign_in, mine, role
):
    urls = pages_reached(mine, mine.users[role])
    assert len(urls) > 5
    sign_in(mine.users[role])
    page.set_viewport_size(PHONE)
    too_wide, violations = {}, {}

    for url in urls:
        page.goto(url)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide[url] = (width, page.evaluate(OVERFLOWING))
        found = axe_violations(page)
        if found:
            violations[url] = found

    print(f"{role}: {len(urls)} pages at 390 px")
    print("too wide:", too_wide)
    print("axe:", violations)
    assert (too_wide, violations) == ({}, {})


def test_on_a_phone_the_navigation_folds_into_a_menu_button(page, sign_in, mine):
    sign_in(mine.users["ceo"])
    page.set_viewport_size(PHONE)
    page.goto(f"/t/{mine.trust.slug}/")
    menu = page.get_by_role("button", name="Menu")
    plan = page.locator("#trust-nav-list").get_by_role("link", name="Plan", exact=True)

    assert menu.get_attribute("aria-expanded") == "false" and not plan.is_visible()
    menu.focus()
    page.keyboard.press("Enter")
    assert menu.get_attribute("aria-expanded") == "true" and plan.is_visible()
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    assert menu.get_attribute("aria-expanded") == "false"

    page.set_viewport_size({"width": 1280, "height": 800})
    expect(menu).to_be_hidden()
    expect(plan).to_be_visible()
