"""The plan as Excel and CSV: frozen header, filters, ratings as words on their colours, and
text that no spreadsheet will run."""

import csv
import io
import zipfile

from openpyxl import load_workbook

from plans.models import Term, TermStatus
from tests.factories import set_column
from tests.plans.imports.helpers import plan_rows

FORMULA = '=HYPERLINK("http://example.invalid","click")'


def download(client, world, fmt: str, user: str = "ceo"):
    client.force_login(world.users[user])
    response = client.get(f"/t/{world.trust.slug}/export/plans/{world.annual_plan.pk}.{fmt}")
    assert response.status_code == 200
    return response


def test_the_excel_plan_has_a_frozen_header_filters_and_coloured_rating_words(client, mine):
    response = download(client, mine, "xlsx")

    assert response["Content-Disposition"].endswith('-plan-2019-20.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content))["Plan"]
    header = [c.value for c in sheet[1]]
    assert header[:6] == ["Strategic objective", "Key focus", "Ref", "Action", "Owners", "School"]
    assert "Autumn rating" in header and "Spring commentary" in header
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(header)).column_letter}4"
    autumn = header.index("Autumn rating") + 1
    ratings = {sheet.cell(r, 3).value: sheet.cell(r, autumn) for r in range(2, 5)}
    assert ratings["1.1"].value == "Green"
    assert ratings["1.1"].fill.fgColor.rgb.endswith("1E6B34")
    assert ratings["1.2"].value == "Amber"
    assert ratings["2.1"].value == "Red" and ratings["2.1"].fill.fgColor.rgb.endswith("B3261E")


def test_cells_that_look_like_formulas_stay_text_in_excel(client, mine):
    action = mine.lead_action
    action.text = FORMULA
    action.save()
    set_column(action, "kpis", "+44 20 7946 0000")

    response = download(client, mine, "xlsx")

    package = zipfile.ZipFile(io.BytesIO(response.content))
    assert b"<f>" not in package.read("xl/worksheets/sheet1.xml")
    sheet = load_workbook(io.BytesIO(response.content))["Plan"]
    cell = next(c for c in sheet["D"] if c.value == FORMULA)
    assert cell.data_type == "s" and cell.quotePrefix
    assert any(c.value == "+44 20 7946 0000" and c.quotePrefix for c in sheet["G"])


def test_the_csv_plan_writes_formula_like_cells_with_an_apostrophe(client, mine):
    action = mine.lead_action
    action.text = FORMULA
    action.save()

    response = download(client, mine, "csv")

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Strategic objective", "Key focus", "Ref", "Action"]
    assert "'" + FORMULA in [row[3] for row in rows]
    assert "Green" in rows[1] or "Green" in [cell for row in rows for cell in row]


def test_an_administrator_gets_only_the_terms_submitted_to_the_board(client, mine):
    Term.objects.filter(pk=mine.terms[0].pk).update(status=TermStatus.SUBMITTED)

    header = next(
        csv.reader(io.StringIO(download(client, mine, "csv", "admin").content.decode("utf-8-sig")))
    )
    ceo_header = next(
        csv.reader(io.StringIO(download(client, mine, "csv").content.decode("utf-8-sig")))
    )

    assert "Autumn rating" in header and "Spring rating" not in header
    assert "Spring rating" in ceo_header


def test_roles_without_plan_export_are_refused(client, mine):
    for role in ("school_lead", "trustee", "governor", "viewer"):
        client.force_login(mine.users[role])
        url = f"/t/{mine.trust.slug}/export/plans/{mine.annual_plan.pk}.xlsx"
        assert client.get(url).status_code == 403, role


def test_the_export_lists_every_action_the_plan_has(client, mine):
    sheet = load_workbook(io.BytesIO(download(client, mine, "xlsx").content))["Plan"]

    assert [sheet.cell(r, 3).value for r in range(2, sheet.max_row + 1)] == [
        row[0] for row in plan_rows(mine.annual_plan)
    ]
