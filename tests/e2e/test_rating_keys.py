"""The rating grid at the speed of the keyboard: key presses counted, Back after a save."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from plans.models import RagRating, Term

pytestmark = pytest.mark.e2e


def focused(page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.id")


class Keys:
    """The keyboard, counting every key pressed (typing a commentary counts as one)."""

    def __init__(self, page):
        self.page, self.count = page, 0

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)
        self.count += 1

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)
        self.count += 1


@pytest.fixture
def demo(transactional_db):
    from schools.models import Membership, Trust

    call_command("demo", verbosity=0)
    trust = Trust.objects.get(slug="best")
    ceo = Membership.objects.get(trust=trust, role="ceo").user
    summer = Term.objects.get(trust=trust, annual_plan__academic_year=2019, name="Summer")
    spring = Term.objects.get(trust=trust, annual_plan__academic_year=2019, name="Spring")
    return trust, ceo, spring, summer


def test_the_ceo_keeps_every_rating_of_the_demo_term_in_at_most_two_keys_an_action(
    page, sign_in, demo
):
    trust, ceo, spring, summer = demo
    kept = {r.action_id: (r.status, r.commentary) for r in spring.ratings.exclude(status="")}
    assert len(kept) == 19 and not summer.ratings.exists()
    sign_in(ceo)
    page.goto(f"/t/{trust.slug}/terms/{summer.pk}/rate/")
    expect(page.locator("#grid-counts")).to_contain_text("0 of 19 actions rated")
    keys = Keys(page)

    first = page.locator("tr.grid-row").first.get_attribute("id").removeprefix("row-")
    assert focused(page) == f"status-{first}"  # focus starts on the first unrated row
    for _ in range(19):
        keys.press("s")

    expect(page.locator("#grid-counts")).to_contain_text("19 of 19 actions rated")
    print(f"kept 19 actions in {keys.count} key presses")
    assert keys.count <= 2 * 19 + 5
    saved = {r.action_id: (r.status, r.commentary, r.carried_from_id) for r in summer.ratings.all()}
    assert saved == {pk: (*was, spring.pk) for pk, was in kept.items()}
    page.reload()
    expect(page.locator(".grid-carried").first).to_have_text("Unchanged since Spring")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/t/{trust.slug}/terms/{summer.pk}/rate/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path="/tmp/grid-phone.png")
    page.locator("tr.grid-row").nth(1).scroll_into_view_if_needed()
    page.screenshot(path="/tmp/grid-phone-card.png")


def test_the_ceo_rates_three_actions_red_with_a_commentary_in_three_keys_and_the_text(
    page, sign_in, mine
):
    spring = mine.terms[1]
    sign_in(mine.users["ceo"])
    page.goto(f"/t/{mine.trust.slug}/terms/{spring.pk}/rate/")
    keys = Keys(page)
    reasons = {}

    for action in mine.actions:  # the grid's order, every row unrated
        assert focused(page) == f"status-{action.pk}"
        keys.press("r")
        assert focused(page) == f"commentary-{action.pk}"
        reasons[action.pk] = f"Behind plan for {action.full_reference}."
        keys.type(reasons[action.pk])
        with page.expect_response(lambda r: "/ratings/" in r.url and r.status == 200):
            keys.press("Enter")

    expect(page.locator("#grid-counts")).to_contain_text("3 of 3 actions rated")
    print(f"rated 3 actions red with commentaries in {keys.count} key presses and texts")
    assert keys.count == 3 * 3
    saved = {r.action_id: (r.status, r.commentary) for r in spring.ratings.all()}
    assert saved == {pk: ("red", text) for pk, text in reasons.items()}


def test_after_a_save_leaving_and_coming_back_the_same_row_saves_without_a_conflict(
    page, sign_in, mine
):
    spring = mine.terms[1]
    action = mine.lead_action
    grid = f"/t/{mine.trust.slug}/terms/{spring.pk}/rate/"
    sign_in(mine.users["ceo"])
    page.goto(grid)
    page.locator(f"#status-{action.pk}").focus()
    page.keyboard.press("g")
    page.locator(f"#state-{action.pk}.grid-state--saved").wait_for()

    page.get_by_role("link", name="Plan", exact=True).first.click()
    page.wait_for_url("**/plan/")
    page.go_back()
    page.wait_for_url(f"**{grid}")
    expect(page.locator(f"#status-{action.pk}")).to_have_value("green")
    page.locator(f"#status-{action.pk}").focus()
    page.keyboard.press("a")

    state = page.locator(f"#state-{action.pk}")
    expect(state).to_have_class("grid-state grid-state--saved")
    expect(state).not_to_contain_text("changed this rating")
    assert RagRating.objects.get(action=action, term=spring).status == "amber"


def test_the_ceo_keeps_the_rows_a_filter_shows_after_a_confirmation_that_counts_them(
    page, sign_in, demo
):
    from tests.e2e.conftest import axe_violations

    trust, ceo, spring, summer = demo
    sign_in(ceo)
    page.goto(f"/t/{trust.slug}/terms/{summer.pk}/rate/")
    page.locator("#id_objective").select_option(index=1)
    page.get_by_role("button", name="Filter").click()
    shown = page.locator("tr.grid-row").count()
    page.get_by_role("link", name="Keep the rows shown as they were in Spring…").click()

    question = page.locator("#carry-question")
    expect(question).to_have_text(
        f"Keep the Spring ratings and commentaries of {shown} actions for Summer?"
    )
    assert axe_violations(page) == []
    page.screenshot(path="/tmp/carry-forward-confirmation.png", full_page=True)
    assert not summer.ratings.exists()  # looking keeps nothing
    page.get_by_role("button", name=f"Keep {shown} ratings").click()

    expect(
        page.get_by_text(f"Kept last term's ratings and commentaries for {shown} actions.")
    ).to_be_visible()
    assert summer.ratings.filter(carried_from=spring).count() == shown
    expect(page.locator("#grid-counts")).to_contain_text(f"{shown} of 19 actions rated")
