"""A trust's own plan shape, end to end in the browser: its words (an irregular plural among
them), a key focus's own success columns, actions under their key foci with one tied to a
school, the three kinds of measure under their objective, a rated and submitted term and the
pack the board reads."""

from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import expect

from schools.models import Role
from tests import factories as f
from tests.e2e.conftest import axe_violations

pytestmark = [pytest.mark.e2e, pytest.mark.worker]

WORDS = {
    "objective": ("Key strategy", "Key strategies"),
    "key_focus": ("Focus", "Foci"),  # irregular: the form proposes it, nobody types it
    "action": ("Activity", "Activities"),
}
# The default level words, which must not reach the pack of a trust that renamed them.
DEFAULT_WORDS = re.compile(
    r"\b(objectives?|key foc(us|i)|key focuses|actions?(?! plans?\b))\b", re.IGNORECASE
)
GLUED = re.compile(r"\b(key strategys|focuss|focuses|activitys|activity activities)\b", re.I)


SUCCESS_COLUMNS = ("Measuring success", "What success will look like")
FOCI = {
    "Attendance that lets every pupil learn": (
        "Persistent absence each half term, by school",
        "Every school's attendance at or above the national figure",
    ),
    "One staff community": (
        "The staff survey's belonging questions",
        "Colleagues say they work for one trust, not one school",
    ),
}
FIRST_ACTIVITY = {1: "Daily first-day calls", 2: "Staff survey on belonging"}
KPIS = [
    {"name": "Persistent absence", "kind": "numeric", "value": {"value": "14.5"},
     "shown": "14.5"},
    {"name": "New attendance system live", "kind": "milestone",
     "value": {"state": "In progress", "state_on": "2026-11-20"}, "shown": "In progress"},
    {"name": "Staff say they belong", "kind": "judgement",
     "value": {"level": "Partly", "source_note": "Survey: 63% agree"}, "shown": "Partly"},
]  # fmt: skip


def build_trust():
    from django.utils import timezone

    from objectives.services import strategic_plan_create
    from plans.authoring.services import annual_plan_create
    from plans.selectors import academic_year_of

    trust = f.TrustFactory(slug="ash", name="Ashfield Learning Trust", short_name="ALT")
    school = f.SchoolFactory(trust=trust, name="Meadow Primary", code="MP")
    people = {
        initials: f.PersonFactory(trust=trust, initials=initials, full_name=name)
        for initials, name in [("JW", "Jo Ward"), ("RK", "Ravi Kaur"), ("SM", "Sam Moss")]
    }
    ceo = f.UserFactory(email="ceo@ash.test", full_name="Jo Ward")
    f.MembershipFactory(trust=trust, user=ceo, role=Role.CEO, person=people["JW"])
    year = academic_year_of(trust, timezone.localdate())
    strategic = strategic_plan_create(
        trust=trust, title="Strategy 2025-28", start_year=year - 1, end_year=year + 2,
        acting_user=ceo,
    )  # fmt: skip
    annual = annual_plan_create(strategic_plan=strategic, academic_year=year, acting_user=ceo)
    return trust, ceo, school, strategic, annual


def choose(page, name: str, value: str) -> None:
    """Pick a value of a form's choice, whether it is drawn as a list or as radio buttons."""
    field = page.locator(f'[name="{name}"]')
    if field.first.evaluate("e => e.tagName") == "SELECT":
        field.select_option(value)
    else:
        page.locator(f'input[name="{name}"][value="{value}"]').check()


def pdf_text(page, link) -> str:
    from pypdf import PdfReader

    with page.expect_download() as download:
        link.click()
    with open(download.value.path(), "rb") as pdf:
        data = pdf.read()
    with open("/tmp/shape-pack.pdf", "wb") as copy:  # to look at its pages
        copy.write(data)
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split())


def test_a_trust_enters_its_own_plan_shape_and_the_pack_reads_in_its_words(
    page, sign_in, celery_worker
):
    from kpis.models import Kpi
    from plans.models import Action, KeyFocus, PlanColumn, Term

    trust, ceo, school, strategic, annual = build_trust()
    sign_in(ceo)
    slug = trust.slug

    # Its words: the singulars typed, the plurals proposed (an irregular one among them).
    page.goto(f"/t/{slug}/setup/labels/")
    for name, (singular, _) in WORDS.items():
        page.locator(f"#id_label_{name}").fill(singular)
    page.get_by_role("button", name="Save labels").click()
    expect(page.get_by_text("Plurals proposed")).to_be_visible()
    for name, (_, plural) in WORDS.items():
        expect(page.locator(f"#id_label_{name}_plural")).to_have_value(plural)
    page.screenshot(path="/tmp/shape-labels.png", full_page=True)

    # Success stated once per focus, in two columns of the trust's own.
    for name in SUCCESS_COLUMNS:
        page.goto(f"/t/{slug}/setup/columns/new/")
        page.locator("#id_name").fill(name)
        page.get_by_role("radio", name=WORDS["key_focus"][0], exact=True).check()
        page.get_by_label("Show it on the plan page").check()
        page.get_by_label("Print it in the board pack").check()
        page.get_by_role("button", name="Add column").click()
        expect(page.get_by_text(name).first).to_be_visible()
    assert axe_violations(page) == []
    columns = {c.name: c for c in PlanColumn.objects.filter(trust=trust, level="key_focus")}
    assert set(columns) == set(SUCCESS_COLUMNS)

    # One key strategy, entered at its own number.
    page.goto(f"/t/{slug}/strategy/{strategic.pk}/objectives/new/")
    page.locator("#id_short_name").fill("Belonging")
    page.locator("#id_statement").fill("Every pupil and colleague belongs to one trust.")
    page.locator("#id_aims").fill("Staff say they belong\nPupils attend and thrive")
    page.get_by_role("button", name="Save", exact=True).click()
    objective = strategic.objectives.get()
    assert objective.number == 1

    # Two foci under it, then the activities: three pasted under the first, two typed
    # under the second, one of them tied to a school.
    plan_url = f"/t/{slug}/authoring/plans/{annual.pk}/"
    for title, success in FOCI.items():
        page.goto(plan_url)
        page.get_by_role("link", name=re.compile(r"^Add a focus")).first.click()
        page.locator("#id_title").fill(title)
        for name, text in zip(SUCCESS_COLUMNS, success, strict=True):
            page.locator(f"#id_column_{columns[name].pk}").fill(text)
        page.get_by_role("button", name="Save", exact=True).click()
    first, second = KeyFocus.objects.filter(trust=trust).order_by("number")

    page.goto(plan_url)
    page.get_by_role("link", name=f"Paste activities under focus {first.number}").click()
    page.locator("#id_lines").fill(
        "• Daily first-day calls for every absence\n"
        "• Attendance clinics each half term\n"
        "• Termly attendance report to trustees"
    )
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_role("heading", name="3 activities to add")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Add 3 activities").click()
    expect(page.get_by_text("3 activities added under focus 1")).to_be_visible()

    page.goto(plan_url)
    page.get_by_role("link", name=re.compile(r"^Add an activity")).first.click()
    page.locator("#id_text").fill("Staff survey on belonging, twice a year")
    page.locator("#id_key_focus").select_option(label=f"{second.number}. One staff community")
    page.locator("#id_owners").fill("RK")
    page.get_by_role("button", name="Save and add another").click()
    # The focus and owners are kept for the next one.
    expect(page.locator("#id_key_focus")).to_have_value(str(second.pk))
    expect(page.locator("#id_owners")).to_have_value("RK")
    page.locator("#id_text").fill("Shared training day for new colleagues")
    page.locator("#id_school").select_option(label=school.name)
    page.get_by_role("button", name="Save", exact=True).click()
    assert Action.objects.filter(trust=trust, annual_plan=annual).count() == 5
    page.goto(f"/t/{slug}/plan/")
    expect(page.get_by_role("heading", name="Focus 2: One staff community")).to_be_visible()
    assert axe_violations(page) == []
    page.screenshot(path="/tmp/shape-plan-page.png", full_page=True)

    # Three kinds of measure under the key strategy: a number, a milestone, a judgement.
    for kpi in KPIS:
        page.goto(f"/t/{slug}/kpis/new/")
        page.locator("#id_name").fill(kpi["name"])
        choose(page, "kind", kpi["kind"])
        if kpi["kind"] == "numeric":
            choose(page, "unit", "percentage")
            choose(page, "direction", "lower")
        if kpi["kind"] == "judgement":
            page.locator("#id_levels").fill("Not yet\nPartly\nFully")
        choose(page, "objective", str(objective.pk))
        page.get_by_role("button", name="Add the KPI").click()
        made = Kpi.objects.get(trust=trust, name=kpi["name"])
        page.goto(f"/t/{slug}/kpis/{made.pk}/values/new/")
        page.get_by_label("Period").select_option(label=f"Autumn {annual.year_label}")
        for name, value in kpi["value"].items():
            field = page.locator(f"#id_{name}")
            if name in ("state", "level"):
                field.select_option(label=value)
            else:
                field.fill(value)
        page.get_by_role("button", name="Save the value").click()
        page.wait_for_url(f"**/kpis/{made.pk}/")

    # Rate the term: green, amber with a commentary, and the rest green.
    term = Term.objects.filter(trust=trust, annual_plan=annual).order_by("number").first()
    page.goto(f"/t/{slug}/terms/{term.pk}/rate/")
    for index, action in enumerate(Action.objects.filter(trust=trust).order_by("position")):
        status = page.locator(f"#status-{action.pk}")
        status.focus()
        if index == 1:
            page.keyboard.press("a")
            page.keyboard.type("Clinics start after half term.")
            with page.expect_response(lambda r: "/ratings/" in r.url and r.status == 200):
                page.keyboard.press("Enter")
        else:
            with page.expect_response(lambda r: "/ratings/" in r.url and r.status == 200):
                page.keyboard.press("g")
    expect(page.locator("#grid-counts")).to_contain_text("5 of 5 activities rated")

    # Submit it, and ask for the pack.
    page.goto(f"/t/{slug}/terms/{term.pk}/submit/")
    page.get_by_role("button", name=f"Submit {term.name} to the board").click()
    page.get_by_text(f"{term.name} submitted to the board").wait_for()
    page.goto(f"/t/{slug}/packs/")
    page.get_by_role("button", name="Request the pack").click()
    page.wait_for_url("**/packs/*/")
    link = page.get_by_role("link", name="Download the PDF of version 1")
    expect(link).to_be_visible(timeout=90_000)
    text = pdf_text(page, link)

    page.screenshot(path="/tmp/shape-pack-page.png", full_page=True)

    # The trust's words, and none of the defaults.
    assert not DEFAULT_WORDS.findall(text), DEFAULT_WORDS.findall(text)
    assert not GLUED.findall(text), GLUED.findall(text)
    # Its key strategy's section: each focus with its own columns printed once above its
    # activities, and the school of the one tied to it.
    section = text[text.index("Key strategy 1: Belonging Every pupil") :]
    section = section[: section.index("Schools School")]
    # The measures of all three kinds, under their key strategy in the pack's KPI section.
    measures = text[text.index("Key performance indicators Figures as at") :]
    measures = measures[measures.index("Key strategy 1: Belonging") :]
    for kpi in KPIS:
        assert f"{kpi['name']} {kpi['shown']}" in measures, kpi["name"]
    for number, (title, success) in enumerate(FOCI.items(), 1):
        heading = section.index(f"Focus {number}: {title}")
        for name, said in zip(SUCCESS_COLUMNS, success, strict=True):
            assert section.count(said) == 1, said
            assert heading < section.index(name, heading) < section.index(said, heading)
        assert section.index(success[-1]) < section.index(FIRST_ACTIVITY[number])
    assert "Meadow Primary" in section[section.index("Shared training day") - 200 :]
