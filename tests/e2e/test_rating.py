"""The CEO's term in the browser: keyboard-only rating, proposals, conflicts, submission."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from plans.models import RagRating, Term, TermStatus
from tests.e2e.conftest import axe_violations

pytestmark = pytest.mark.e2e


def grid(world):
    return f"/t/{world.trust.slug}/terms/{world.terms[0].pk}/rate/"


def tab_to(page, element_id: str, limit: int = 200) -> None:
    """Press Tab until the element has focus: the keyboard is the only way in."""
    for _ in range(limit):
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"never reached #{element_id} by Tab")


def saved(page, action) -> None:
    page.locator(f"#state-{action.pk}.grid-state--saved").wait_for()


def test_the_ceo_rates_three_actions_with_the_keyboard_only_and_they_stay(page, sign_in, mine):
    sign_in(mine.users["ceo"])
    page.goto(grid(mine))
    plan = [(mine.lead_action, "r", "red", "Recruitment has stalled."),
            (mine.school_action, "g", "green", "On track."),
            (mine.other_action, "c", "complete", "Finished in November.")]  # fmt: skip

    for action, key, _, commentary in plan:
        tab_to(page, f"status-{action.pk}")
        page.keyboard.press(key)
        saved(page, action)
        # The status key moves on to the row's commentary.
        assert page.evaluate("document.activeElement.id") == f"commentary-{action.pk}"
        if commentary != "On track.":
            page.keyboard.press("Control+A")
            page.keyboard.type(commentary)
            with page.expect_response(lambda r: "/ratings/" in r.url and r.status == 200):
                page.keyboard.press("Tab")  # leaving the box saves it

    page.reload()
    for action, _, status, commentary in plan:
        assert page.locator(f"#status-{action.pk}").input_value() == status
        assert page.locator(f"#commentary-{action.pk}").input_value() == commentary
    ratings = {
        r.action_id: (r.status, r.commentary) for r in RagRating.objects.filter(term=mine.terms[0])
    }
    assert ratings[mine.lead_action.pk] == ("red", "Recruitment has stalled.")
    assert ratings[mine.other_action.pk] == ("complete", "Finished in November.")


def test_a_school_lead_edits_their_own_action_and_cannot_touch_anothers(
    page, sign_in, mine, live_server
):
    sign_in(mine.users["school_lead"])
    page.goto(f"/t/{mine.trust.slug}/plan/")
    assert (
        page.get_by_role("link", name=f"Edit action {mine.lead_action.full_reference}").count() == 1
    )
    assert (
        page.get_by_role("link", name=f"Edit action {mine.other_action.full_reference}").count()
        == 0
    )

    page.goto(f"/t/{mine.trust.slug}/actions/{mine.lead_action.pk}/edit/")
    page.get_by_label("Evidence + Evaluation").fill("Minutes of the October review.")
    page.get_by_role("button", name="Save action").press("Enter")
    page.wait_for_url(f"**/actions/{mine.lead_action.pk}/")
    assert "Minutes of the October review." in page.content()

    csrf = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    forged = page.request.post(
        f"{live_server.url}/t/{mine.trust.slug}/actions/{mine.other_action.pk}/edit/",
        form={"text": "Hijacked", "version": "1"},
        headers={"X-CSRFToken": csrf, "Referer": live_server.url},
    )
    assert forged.status == 403
    mine.other_action.refresh_from_db()
    assert mine.other_action.text != "Hijacked"


def second_page(browser, live_server, user):
    client = Client()
    client.force_login(user)
    context = browser.new_context(base_url=live_server.url)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    return context, context.new_page()


def test_two_people_saving_the_same_rating_meet_a_conflict_and_choose(
    page, sign_in, mine, browser, live_server
):
    sign_in(mine.users["ceo"])
    page.goto(grid(mine))
    context, other_page = second_page(browser, live_server, mine.users["ceo"])
    other_page.goto(grid(mine))
    action = mine.school_action

    page.locator(f"#status-{action.pk}").focus()
    page.keyboard.press("g")
    saved(page, action)

    other_page.locator(f"#status-{action.pk}").focus()
    other_page.keyboard.press("r")
    state = other_page.locator(f"#state-{action.pk}")
    state.get_by_text("changed this rating while you were working").wait_for()
    assert "Green" in state.inner_text()
    assert RagRating.objects.get(action=action, term=mine.terms[0]).status == "green"

    state.get_by_role("button", name=f"Keep mine for action {action.full_reference}").press("Enter")
    saved(other_page, action)
    assert RagRating.objects.get(action=action, term=mine.terms[0]).status == "red"
    context.close()


def test_submission_is_refused_until_the_amber_has_its_reason_then_confirmed_and_frozen(
    page, sign_in, mine
):
    amber = mine.school_action
    RagRating.objects.filter(action=amber, term=mine.terms[0]).update(commentary="")
    sign_in(mine.users["ceo"])
    term_page = f"/t/{mine.trust.slug}/terms/{mine.terms[0].pk}/"
    page.goto(term_page)
    page.get_by_role("link", name="Review and submit Autumn").press("Enter")
    expect(page.get_by_text("Autumn cannot be submitted yet.")).to_be_visible()
    expect(page.get_by_role("button", name="Submit Autumn to the board")).to_have_count(0)
    assert axe_violations(page) == []
    page.screenshot(path="/tmp/review-submit-refused.png", full_page=True)

    page.get_by_role("link", name=f"Action {amber.full_reference}").press("Enter")
    page.wait_for_url(f"**/rate/#row-{amber.pk}")
    page.locator(f"#commentary-{amber.pk}").fill("Two posts still vacant.")
    with page.expect_response(lambda r: "/ratings/" in r.url and r.status == 200):
        page.keyboard.press("Tab")
    page.goto(f"{term_page}submit/")
    expect(page.get_by_role("heading", name="What will freeze")).to_be_visible()
    assert axe_violations(page) == []
    page.screenshot(path="/tmp/review-submit-confirm.png", full_page=True)
    assert Term.objects.get(pk=mine.terms[0].pk).status == TermStatus.OPEN  # looking froze nothing
    page.get_by_role("button", name="Submit Autumn to the board").press("Enter")
    expect(page.get_by_text("submitted to the board. Its ratings are frozen")).to_be_visible()

    page.goto(grid(mine))
    expect(page.locator(f"#status-{mine.lead_action.pk}")).to_be_disabled()
    csrf = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    refused = page.request.post(
        f"{page.url.split('/t/')[0]}/t/{mine.trust.slug}/terms/{mine.terms[0].pk}/ratings/{mine.lead_action.pk}/",
        form={"status": "red", "commentary": "", "version": "1"},
        headers={"X-CSRFToken": csrf, "HX-Request": "true", "Referer": page.url},
    )
    assert "ratings are frozen" in refused.text()
    assert RagRating.objects.get(action=mine.lead_action, term=mine.terms[0]).status == "green"

    page.goto(term_page)
    page.get_by_label("Why is the term being reopened?").fill("A late evidence file for 1.1.")
    page.get_by_role("button", name="Reopen Autumn").press("Enter")
    page.get_by_text("reopened").first.wait_for()
    mine.terms[0].refresh_from_db()
    assert mine.terms[0].status == TermStatus.OPEN
    page.goto(grid(mine))
    expect(page.locator(f"#status-{mine.lead_action.pk}")).to_be_enabled()


@pytest.mark.parametrize(
    ("role", "path"),
    [
        ("ceo", ""),
        ("ceo", "plan/"),
        ("ceo", "grid"),
        ("ceo", "term"),
        ("school_lead", "my-actions/"),
        ("trustee", "action"),
    ],
)
def test_review_pages_pass_axe_with_data(page, sign_in, mine, role, path):
    RagRating.objects.filter(action=mine.other_action).update(
        proposed_status="amber", proposed_commentary="Proposed by the owner."
    )
    sign_in(mine.users[role])
    urls = {
        "grid": grid(mine),
        "term": f"/t/{mine.trust.slug}/terms/{mine.terms[0].pk}/",
        "action": f"/t/{mine.trust.slug}/actions/{mine.lead_action.pk}/",
    }
    page.goto(urls.get(path, f"/t/{mine.trust.slug}/{path}"))

    assert axe_violations(page) == []
    page.screenshot(path=f"/tmp/review-{role}-{path.strip('/') or 'home'}.png", full_page=True)


def test_a_commentary_left_from_the_old_rating_is_flagged_and_kept_with_one_click(
    page, sign_in, mine
):
    action = mine.school_action  # amber, "On track."
    sign_in(mine.users["ceo"])
    page.goto(grid(mine))

    with page.expect_response(lambda r: "/ratings/" in r.url and r.status == 200):
        page.locator(f"#status-{action.pk}").select_option("red")
    expect(page.locator(f"#need-{action.pk}")).to_have_text(
        "⚠ This commentary was written for an amber rating. Edit it, or keep it for this rating."
    )
    page.locator(f"#commentary-{action.pk}").focus()  # its counter shows: nothing may move
    with page.expect_response(lambda r: "/keep/" in r.url and r.status == 200):
        page.get_by_role(
            "button", name=f"Keep this commentary for action {action.full_reference}"
        ).click()

    expect(page.locator(f"#need-{action.pk}")).to_be_empty()
    expect(page.locator("#grid-live")).to_have_text("Kept the commentary of 1.2 for a red rating.")
    rating = RagRating.objects.get(action=action, term=mine.terms[0])
    assert (rating.status, rating.commentary_for, rating.commentary) == ("red", "red", "On track.")
