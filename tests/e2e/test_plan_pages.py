import pytest

from tests.e2e.conftest import axe_violations

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("path", ["", "plan/"])
def test_trust_pages_pass_axe_for_a_signed_in_ceo(page, sign_in, two_trusts, path):
    mine, _ = two_trusts
    sign_in(mine.users["ceo"])

    page.goto(f"/t/{mine.trust.slug}/{path}")

    assert axe_violations(page) == []


def test_the_action_pages_pass_axe_and_a_lead_can_reach_edit_by_keyboard(page, sign_in, two_trusts):
    mine, _ = two_trusts
    sign_in(mine.users["school_lead"])
    page.goto(f"/t/{mine.trust.slug}/actions/{mine.lead_action.pk}/")
    assert axe_violations(page) == []

    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.textContent").strip() == "Skip to main content"
    page.get_by_role("link", name="Edit this action").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/edit/")
    assert axe_violations(page) == []
