"""The KPI dashboard as Excel, as its reader sees it."""

import io

from openpyxl import load_workbook


def sheet_for(client, world, role):
    client.force_login(world.users[role])
    response = client.get(f"/t/{world.trust.slug}/kpis/dashboard.xlsx")
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))["KPIs"]


def test_the_dashboard_workbook_has_each_figure_with_its_status_on_its_colour(client, mine):
    sheet = sheet_for(client, mine, "ceo")

    rows = {(r[0].value, r[1].value): r for r in sheet.iter_rows(min_row=2)}
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    surplus = rows[("In-year surplus", mine.trust.name)]
    assert surplus[3].value == "1.2%"
    attendance = rows[("Attendance", mine.schools[0].name)]
    assert attendance[6].value in {"Met", "Near miss", "Missed"}
    assert attendance[6].fill.fgColor.rgb[-6:] in {"1E6B34", "8A5300", "B3261E"}


def test_a_governor_gets_only_their_schools_figures(client, mine):
    sheet = sheet_for(client, mine, "governor")

    places = {row[1].value for row in sheet.iter_rows(min_row=2)}
    assert places == {mine.schools[0].name}
