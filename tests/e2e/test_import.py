"""A new trust's CEO imports the plan from Word in the browser: the mapping step, the preview,
one problem put right, the saved plan; axe on each page, and screenshots of each."""

import pytest

from objectives.models import StrategicObjective
from plans.models import Action, KeyFocus
from schools.models import Person
from tests.e2e.conftest import axe_violations
from tests.plans.imports import documents as d

pytestmark = pytest.mark.e2e

HEADER = ["Ref", "Planned work", "Key Performance Indicators/Impact", "Evidence + Evaluation"]
NAMES = {"AA": "Ann Ashe", "AW": "Alison Wilshaw", "CS": "Craig Smith", "NB": "Nick Bell"}


def test_a_new_trusts_ceo_imports_the_plan_from_word(page, sign_in, live_server, tmp_path, db):
    from onboarding.services import trust_create
    from schools.services import invitation_accept
    from tests import factories as f

    started = trust_create(
        name="Bedfordshire East Schools Trust", short_name="BEST", slug="best-e2e",
        ceo_email="alan.lee@best.test", ceo_name="Alan Lee", first_year=2019,
    )  # fmt: skip
    ceo = invitation_accept(
        invitation=started.invitation, full_name="Alan Lee", password=f.PASSWORD
    ).user
    wrong = tmp_path / "action-plan.docx"
    wrong.write_bytes(d.seed_docx(duplicate_reference=True, header=HEADER))
    right = tmp_path / "action-plan-corrected.docx"
    right.write_bytes(d.seed_docx(header=HEADER))
    failures = {}

    def check(name: str) -> None:
        if violations := axe_violations(page):
            failures[name] = violations
        page.screenshot(path=f"/tmp/import_{name}.png", full_page=True)

    sign_in(ceo)
    page.goto("/t/best-e2e/")
    assert page.get_by_role("heading", name="Getting started: 0 of 5 steps done").is_visible()
    check("home")
    page.get_by_role("link", name="Bring in your plan").click()

    # 1. Choose the file.
    page.get_by_label("The plan file").set_input_files(str(wrong))
    check("upload")
    page.get_by_role("button", name="Read the file").click()

    # 2. The mapping step: "Planned work" is not a heading the import knows; say it is the
    # action. Then the people the file names who are not in the directory.
    page.wait_for_url("**/mapping/")
    column = page.get_by_label("Read “Planned work” as")
    assert column.input_value() == "ignore"
    assert page.get_by_label("Read “Ref” as").input_value() == "reference"
    check("mapping_columns")
    column.select_option("action")
    page.get_by_role("button", name="Show the preview").click()
    page.wait_for_url("**/mapping/")
    assert page.get_by_text("say who they are below").is_visible()
    for initials, name in NAMES.items():
        page.get_by_label(f"Full name of {initials}").fill(name)
    page.get_by_role("group", name="LL", exact=True).get_by_label("Leave them out").check()
    check("mapping")
    page.get_by_role("button", name="Show the preview").click()

    # 3. The preview: every row, and the one problem, named by table, row and cell.
    page.wait_for_selector("text=Check the plan before saving")
    alert = page.get_by_role("alert")
    assert "1 problem to put right: nothing has been saved" in alert.inner_text()
    assert "Table 2, row 3, cell 1 (Ref): the reference 2.1 is used twice" in alert.inner_text()
    assert page.get_by_role("button", name="Save the plan").count() == 0
    assert page.locator("table.import-table tbody tr").count() >= 19
    check("preview_problem")
    assert not Action.objects.filter(trust=started.trust).exists()

    # Put it right: upload the corrected file; the choices are kept.
    page.get_by_label("The corrected file").set_input_files(str(right))
    page.get_by_role("button", name="Read the corrected file").click()
    page.wait_for_selector("text=is read in its place")
    assert page.get_by_role("alert").count() == 0
    assert page.get_by_text("19", exact=True).first.is_visible()
    check("preview")
    page.get_by_role("button", name="Save the plan").click()

    # The saved plan.
    page.wait_for_url(f"**/authoring/plans/{started.annual_plan.pk}/")
    assert page.get_by_text("Imported: 19 new and 0 changed actions").is_visible()
    check("saved")
    assert Action.objects.filter(trust=started.trust).count() == 19
    assert KeyFocus.objects.filter(trust=started.trust).count() == 17
    assert StrategicObjective.objects.filter(trust=started.trust).count() == 5
    assert set(Person.objects.filter(trust=started.trust).values_list("initials", flat=True)) == {
        "AL", *NAMES,
    }  # fmt: skip
    assert failures == {}
