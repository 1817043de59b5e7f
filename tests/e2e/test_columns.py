"""The trust's columns in the browser: the CEO's columns pages pass axe; a key-focus column
added there is on the key focus's form with its limit counted as it is typed, and prints
once above that key focus's actions on the plan page."""

import pytest

from plans.models import ColumnValue, PlanColumn
from tests.e2e.conftest import axe_violations

pytestmark = pytest.mark.e2e


def test_the_ceo_adds_a_key_focus_column_and_fills_it_for_a_key_focus(page, sign_in, mine):
    sign_in(mine.users["ceo"])
    slug = mine.trust.slug
    failures = {}

    page.goto(f"/t/{slug}/setup/columns/new/")
    if violations := axe_violations(page):
        failures["new"] = violations
    page.locator("#id_name").fill("Success criterion")
    page.get_by_label(mine.trust.label_key_focus, exact=True).check()
    # The first plural proposed in a server process loads the English rules (a second or two
    # alone, several on a busy machine): this one step may wait longer than the default.
    page.get_by_role("button", name="Add column").press("Enter", timeout=60_000)
    page.wait_for_load_state()
    assert "Plural proposed: Success criterion → Success criteria" in page.content()
    column = PlanColumn.objects.get(trust=mine.trust, name="Success criterion")
    for path in ["", f"{column.pk}/", f"{column.pk}/remove/"]:
        page.goto(f"/t/{slug}/setup/columns/{path}")
        if violations := axe_violations(page):
            failures[path or "list"] = violations
    page.goto(f"/t/{slug}/setup/columns/")
    page.screenshot(path="/tmp/columns_list.png", full_page=True)

    page.goto(f"/t/{slug}/authoring/key-foci/{mine.key_focus.pk}/")
    box = page.get_by_label("Success criterion")
    box.fill("Attendance at least 1% above national in every school")
    counter = page.locator(f"#id_column_{column.pk}_limit")
    assert "1,947" in counter.inner_text()  # 2,000 less what was typed
    page.get_by_role("button", name="Save").press("Enter")
    page.wait_for_load_state()
    assert ColumnValue.objects.get(column=column, key_focus=mine.key_focus).text.startswith(
        "Attendance at least 1%"
    )

    page.goto(f"/t/{slug}/plan/")
    if violations := axe_violations(page):
        failures["plan"] = violations
    page.screenshot(path="/tmp/columns_plan.png", full_page=True)
    text = page.locator("main").inner_text()
    assert text.index(mine.key_focus.title) < text.index("Attendance at least 1%")
    assert text.index("Attendance at least 1%") < text.index(mine.actions[0].text)
    assert failures == {}
