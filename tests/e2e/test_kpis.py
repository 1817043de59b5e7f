"""KPI pages in Chromium: axe-core finds no WCAG 2.2 AA violation, signed in, with data."""

import pytest
from django.core.management import call_command

from tests.e2e.conftest import axe_violations

pytestmark = pytest.mark.e2e


def test_the_dashboard_and_kpi_page_pass_axe_for_a_trustee(page, sign_in, two_trusts):
    mine, _ = two_trusts
    sign_in(mine.users["trustee"])

    page.goto(f"/t/{mine.trust.slug}/kpis/")
    assert page.get_by_role("heading", level=1).inner_text() == "Key performance indicators"
    assert axe_violations(page) == []

    page.get_by_role("link", name="Attendance").first.click()
    page.wait_for_url("**/kpis/*/")
    assert page.locator("svg[role=img] > title").count() == 1
    assert axe_violations(page) == []


def test_the_entry_form_passes_axe_and_saves_by_keyboard(page, sign_in, two_trusts):
    mine, _ = two_trusts
    kpi = mine.extra["school_kpi"]
    sign_in(mine.users["school_lead"])

    page.goto(f"/t/{mine.trust.slug}/kpis/{kpi.pk}/values/new/")
    assert axe_violations(page) == []

    page.get_by_label("Period").select_option(label="Spring 2019-20")
    page.get_by_label("Value").fill("not a number")
    page.get_by_label("Value").press("Enter")
    page.wait_for_load_state()
    assert axe_violations(page) == []  # with the error beside the field
    page.get_by_label("Value").fill("96.7")
    page.get_by_label("National figure").fill("95.9")
    page.get_by_label("Value").press("Enter")
    page.wait_for_url(f"**/kpis/{kpi.pk}/")
    assert "value saved" in page.locator(".messages").inner_text()


def test_the_upload_pages_pass_axe_with_a_preview_and_with_errors(
    page, sign_in, two_trusts, tmp_path
):
    mine, _ = two_trusts
    sign_in(mine.users["ceo"])
    good = tmp_path / "good.csv"
    good.write_text(
        "kpi,period,school,value,comparator,note\n"
        f"Attendance,Spring 2019-20,{mine.schools[0].code},96.9,95.8,Census\n"
        "In-year surplus,Spring 2019-20,,1.4,,Accounts\n"
    )
    bad = tmp_path / "bad.csv"
    bad.write_text("kpi,period,value\nIn-year surplus,Autumn 2016-17,lots\n")

    page.goto(f"/t/{mine.trust.slug}/kpis/upload/")
    assert axe_violations(page) == []

    page.get_by_label("CSV file").set_input_files(str(bad))
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_load_state()
    assert "Line 2:" in page.get_by_role("alert").inner_text()
    assert axe_violations(page) == []
    page.screenshot(path="/tmp/kpi-upload-errors.png", full_page=True)

    page.get_by_label("CSV file").set_input_files(str(good))
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_load_state()
    assert axe_violations(page) == []
    page.screenshot(path="/tmp/kpi-upload-preview.png", full_page=True)
    page.get_by_role("button", name="Save 2 values").click()
    page.wait_for_url("**/kpis/")
    assert "2 new" in page.locator(".messages").inner_text()


def test_the_demo_trusts_kpi_pages_pass_axe(page, sign_in, transactional_db):
    from schools.models import Membership

    call_command("demo", password="demo pass phrase", verbosity=0)
    for slug in ["best", "symphony"]:
        sign_in(Membership.objects.get(trust__slug=slug, role="ceo").user)
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(f"/t/{slug}/kpis/")
        assert axe_violations(page) == []
        page.screenshot(path=f"/tmp/kpi-dashboard-{slug}.png", full_page=True)

        # The matrix scrolls sideways by keyboard as well.
        region = page.get_by_role("region", name="latest value")
        region.focus()
        assert page.evaluate("document.activeElement.classList.contains('kpi-scroll')")

        page.get_by_role("link", name="Attendance").first.click()
        page.wait_for_url("**/kpis/*/")
        assert axe_violations(page) == []
        page.screenshot(path=f"/tmp/kpi-page-{slug}.png", full_page=True)

        page.get_by_role("link", name="Set targets").click()
        page.wait_for_url("**/targets/")
        assert axe_violations(page) == []

        page.goto(f"/t/{slug}/kpis/")
        page.get_by_role("link", name="Add a KPI").click()
        page.wait_for_url("**/kpis/new/")
        assert axe_violations(page) == []
        page.screenshot(path=f"/tmp/kpi-new-{slug}.png", full_page=True)


def test_the_kpi_forms_pass_axe_for_the_ceo(page, sign_in, two_trusts):
    mine, _ = two_trusts
    kpi = mine.extra["school_kpi"]
    sign_in(mine.users["ceo"])
    failures = {}

    for path in ["new/", f"{kpi.pk}/edit/", f"{kpi.pk}/targets/"]:
        response = page.goto(f"/t/{mine.trust.slug}/kpis/{path}")
        assert response.status == 200, path
        if violations := axe_violations(page):
            failures[path] = violations

    assert failures == {}


def test_a_milestone_and_a_judgement_are_entered_by_keyboard_and_read_as_text(
    page, sign_in, two_trusts
):
    from tests.kpis.factories import judgement_kpi, milestone_kpi

    mine, _ = two_trusts
    milestone = milestone_kpi(mine)
    judgement = judgement_kpi(mine)
    sign_in(mine.users["ceo"])

    page.goto(f"/t/{mine.trust.slug}/kpis/{milestone.pk}/values/new/")
    assert axe_violations(page) == []
    page.get_by_label("Period").select_option(label="Autumn 2019-20")
    page.get_by_label("State").select_option(label="Achieved")
    page.get_by_label("Date").fill("2019-12-02")
    page.get_by_role("button", name="Save the value").press("Enter")
    page.wait_for_url(f"**/kpis/{milestone.pk}/")
    assert "value saved" in page.locator(".messages").inner_text()
    assert "Achieved (2 Dec 2019)" in page.locator("main").inner_text()
    assert axe_violations(page) == []

    page.goto(f"/t/{mine.trust.slug}/kpis/{judgement.pk}/values/new/")
    page.get_by_label("Period").select_option(label="Autumn 2019-20")
    page.get_by_label("Level").select_option(label="Partly")
    page.get_by_role("button", name="Save the value").press("Enter")
    page.wait_for_load_state()
    assert axe_violations(page) == []  # the missing note answered beside its field
    page.get_by_label("Note").fill("Staff survey: 63% agree")
    page.get_by_label("Note").press("Enter")
    page.wait_for_url(f"**/kpis/{judgement.pk}/")
    body = page.locator("main").inner_text()
    assert "Partly" in body and "Staff survey: 63% agree" in body
    assert page.locator("main svg").count() == 0

    page.goto(f"/t/{mine.trust.slug}/kpis/")
    assert axe_violations(page) == []
    page.screenshot(path="/tmp/kpi-dashboard-kinds.png", full_page=True)
