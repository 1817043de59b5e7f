"""A field's limit in the browser: the counter while typing, a polite announcement, a refusal
that names the limit, and nothing ever cut."""

import pytest
from playwright.sync_api import expect

from objectives.models import ObjectiveStage
from plans.models import RagRating

pytestmark = pytest.mark.e2e


def test_a_stage_counts_down_as_you_type_and_a_longer_one_is_refused_not_cut(page, sign_in, mine):
    vision = mine.objectives[0]
    sign_in(mine.users["ceo"])
    page.goto(f"/t/{mine.trust.slug}/strategy/{mine.strategic_plan.pk}/stages/")
    field = page.locator(f"#id_stage_{vision.pk}_2018")
    counter = page.locator(f"#id_stage_{vision.pk}_2018_limit")
    announced = page.locator(f"#id_stage_{vision.pk}_2018_limit + [role=status]")

    field.focus()
    page.keyboard.type("Implement")
    expect(counter).to_have_text("You have 31 characters left of 40.")
    expect(counter).to_be_visible()
    expect(announced).to_have_attribute("aria-live", "polite")
    expect(announced).to_have_text("You have 31 characters left of 40.")

    page.keyboard.insert_text(" across every school, then refine")  # pasted: 42 in all
    expect(field).to_have_value("Implement across every school, then refine")
    expect(counter).to_have_text("You have 2 characters too many: the limit is 40.")
    expect(field).to_have_attribute("aria-invalid", "true")
    page.screenshot(path="/tmp/limits-stage-over.png", full_page=True)
    page.get_by_role("button", name="Save stages").press("Enter")

    expect(field).to_be_focused()
    expect(announced).to_have_text("You have 2 characters too many: the limit is 40.")
    assert page.url.endswith("/stages/")
    assert not ObjectiveStage.objects.filter(objective=vision).exists()
    page.keyboard.press("Backspace")
    page.keyboard.press("Backspace")
    expect(counter).to_have_text("You have 0 characters left of 40.")


def test_a_commentary_pasted_past_2000_characters_is_kept_whole_and_refused_by_the_server(
    page, sign_in, mine
):
    action = mine.lead_action
    sign_in(mine.users["ceo"])
    page.goto(f"/t/{mine.trust.slug}/terms/{mine.terms[0].pk}/rate/")
    box = page.locator(f"#commentary-{action.pk}")
    box.focus()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text("Evidence. " * 200 + "More.")  # 2,005 characters

    expect(page.locator(f"#commentary-{action.pk}_limit")).to_have_text(
        "You have 5 characters too many: the limit is 2,000."
    )
    with page.expect_response(lambda r: "/ratings/" in r.url):
        page.keyboard.press("Tab")

    expect(page.locator(f"#state-{action.pk}")).to_contain_text(
        "Not saved for 1.1: Ensure this value has at most 2000 characters (it has 2005)."
    )
    assert len(box.input_value()) == 2005
    assert RagRating.objects.get(action=action, term=mine.terms[0]).commentary == "On track."
