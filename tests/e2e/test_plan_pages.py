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


def test_a_trustee_reads_the_submitted_term_and_a_403_leads_back_all_passing_axe(
    page, sign_in, two_trusts
):
    from tests import factories as f

    mine, _ = two_trusts
    autumn, spring = mine.terms
    f.mark_submitted(autumn)
    f.RatingFactory(trust=mine.trust, action=mine.lead_action, term=spring, status="red",
                    commentary="A draft the board must not read yet")  # fmt: skip
    sign_in(mine.users["trustee"])
    slug = mine.trust.slug

    for path in ["", f"actions/{mine.lead_action.pk}/", f"terms/{spring.pk}/"]:
        page.goto(f"/t/{slug}/{path}")
        assert page.get_by_text("A draft the board must not read yet").count() == 0
        assert axe_violations(page) == [], path
    page.goto(f"/t/{slug}/")
    assert page.locator("#term-preparing").inner_text().startswith("Spring is being prepared")

    response = page.goto(f"/t/{slug}/authoring/")
    assert response.status == 403
    assert axe_violations(page) == []
    page.get_by_role("link", name=f"Back to {mine.trust.name}'s home page").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/t/{slug}/")


def test_the_year_picker_and_a_draft_years_delete_page_pass_axe_and_fit_a_phone(
    page, sign_in, two_trusts
):
    from plans.authoring.services import annual_plan_create

    mine, _ = two_trusts
    ceo = mine.users["ceo"]
    draft = annual_plan_create(
        strategic_plan=mine.strategic_plan, academic_year=2020, acting_user=ceo
    )
    sign_in(ceo)
    page.set_viewport_size({"width": 390, "height": 844})
    slug = mine.trust.slug

    for path in ["", "plan/", f"terms/{mine.terms[0].pk}/rate/"]:
        page.goto(f"/t/{slug}/{path}")
        assert page.get_by_label("Year", exact=True).count() == 1, path
        assert axe_violations(page) == [], path
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
    # Picking the draft year by keyboard shows it, with the way back to the live one.
    page.goto(f"/t/{slug}/plan/")
    page.get_by_label("Year", exact=True).select_option(str(draft.academic_year))
    page.get_by_role("button", name="Show this year").press("Enter")
    page.wait_for_url(f"**/plan/?year={draft.academic_year}")
    assert page.get_by_text("You are looking at the 2020-21 plan.").count() == 1
    assert axe_violations(page) == []
    page.screenshot(path="/tmp/year-picker-phone.png", full_page=True)

    page.goto(f"/t/{slug}/authoring/plans/{draft.pk}/delete/")
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
