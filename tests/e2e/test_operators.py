"""The operators' area, a suspended trust and taking the data, in Chromium: axe on each page,
and the import's pages at a phone's width."""

import pytest
from django.utils import timezone

from schools.models import Trust
from tests import factories as f
from tests.e2e.conftest import axe_violations

pytestmark = pytest.mark.e2e


def test_the_operators_pages_pass_axe_and_a_trust_is_started_by_keyboard(page, sign_in, mine):
    operator = f.UserFactory(is_staff=True, email="ops@trustplan.test", full_name="Ops Person")
    sign_in(operator)
    failures = {}
    slug = mine.trust.slug
    for path in ["/operators/", "/operators/trusts/new/", f"/operators/trusts/{slug}/",
                 f"/operators/trusts/{slug}/delete/",
                 f"/operators/trusts/{slug}/people/{mine.people['viewer'].pk}/erase/"]:  # fmt: skip
        assert page.goto(path).status == 200, path
        if violations := axe_violations(page):
            failures[path] = violations
    page.screenshot(path="/tmp/operators_erase.png", full_page=True)

    page.goto("/operators/trusts/new/")
    page.get_by_label("The trust's name").focus()
    page.keyboard.type("Langford Village Trust")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.type("langford")
    page.keyboard.press("Tab")
    page.keyboard.type("head@langford.test")
    page.keyboard.press("Enter")
    page.wait_for_url("**/operators/trusts/langford/")
    assert "head@langford.test is invited as its CEO" in page.content()
    if violations := axe_violations(page):
        failures["started"] = violations
    page.screenshot(path="/tmp/operators_trust.png", full_page=True)
    assert failures == {}


def test_a_suspended_trust_and_the_leaving_pages_pass_axe(page, sign_in, mine):
    sign_in(mine.users["ceo"])
    failures = {}
    archive = mine.extra["archive"]
    for path in ["leaving/", f"leaving/archives/{archive.pk}/"]:
        assert page.goto(f"/t/{mine.trust.slug}/{path}").status == 200
        if violations := axe_violations(page):
            failures[path] = violations
    page.screenshot(path="/tmp/leaving_archive.png", full_page=True)

    Trust.objects.filter(pk=mine.trust.pk).update(suspended_at=timezone.now())
    response = page.goto(f"/t/{mine.trust.slug}/")
    assert response.status == 403
    assert f"{mine.trust.name} is suspended" in page.content()
    if violations := axe_violations(page):
        failures["suspended"] = violations
    page.screenshot(path="/tmp/trust_suspended.png", full_page=True)
    assert failures == {}


def test_the_import_pages_fit_a_phone(page, sign_in, mine):
    sign_in(mine.users["ceo"])
    page.set_viewport_size({"width": 390, "height": 844})
    plan_import = mine.extra["plan_import"]
    failures = {}
    for path in ["import/", f"import/{plan_import.pk}/mapping/", f"import/{plan_import.pk}/"]:
        page.goto(f"/t/{mine.trust.slug}/{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} is {width}px wide"
        if violations := axe_violations(page):
            failures[path] = violations
    page.screenshot(path="/tmp/import_preview_390.png", full_page=True)
    assert failures == {}
