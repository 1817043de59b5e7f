"""The KPI dashboard as an Excel workbook: one row per measure and school (or the trust), with
its latest value, target, status (a word on its colour) and comparator, as the dashboard
shows them to the reader. Text cells never run as formulas (trustplan.xlsxcells)."""

from __future__ import annotations

import io

from django.utils import timezone

from kpis.selectors import Dashboard, Judgement
from trustplan.core import xlsxcells

HEADER = ["KPI", "For", "Period of the value", "Value", "Comparator value", "Target", "Status",
          "Against the comparator"]  # fmt: skip
STATUS_COLUMN = HEADER.index("Status") + 1


def _row(judgement: Judgement, where: str) -> list:
    return [
        judgement.kpi.name,
        where,
        judgement.period.label if judgement.period else "",
        judgement.value_text if judgement.has_value else "",
        judgement.comparator_value_text if judgement.comparator_value is not None else "",
        judgement.target_text,
        judgement.status.look.word,
        judgement.comparator_text,
    ]


def dashboard_rows(board: Dashboard, trust_name: str) -> list[tuple[list, Judgement]]:
    rows = [(_row(j, trust_name), j) for j in board.trust_rows]
    for matrix_row in board.matrix:
        if matrix_row.trust_cell is not None and matrix_row.trust_cell.judgement is not None:
            rows.append(
                (_row(matrix_row.trust_cell.judgement, trust_name), matrix_row.trust_cell.judgement)
            )
        for cell in matrix_row.cells:
            if cell.applies and cell.judgement is not None:
                rows.append((_row(cell.judgement, cell.school.name), cell.judgement))
    return rows


def dashboard_xlsx(board: Dashboard, *, trust_name: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "KPIs"
    for column, value in enumerate(HEADER, start=1):
        cell = sheet.cell(row=1, column=column)
        xlsxcells.write(cell, value)
        cell.font = Font(bold=True)
    rows = dashboard_rows(board, trust_name)
    for r, (values, judgement) in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            cell = sheet.cell(row=r, column=c)
            xlsxcells.write(cell, value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        look = judgement.status.look
        status = sheet.cell(row=r, column=STATUS_COLUMN)
        status.fill = PatternFill("solid", fgColor=look.colour.lstrip("#").upper())
        status.font = Font(bold=True, color=look.text_colour.lstrip("#").upper())
    for c, width in enumerate((36, 28, 18, 12, 16, 36, 12, 26), start=1):
        sheet.column_dimensions[get_column_letter(c)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(HEADER))}{max(len(rows) + 1, 2)}"
    about = workbook.create_sheet("About")
    for label, value in [
        ("Trust", trust_name),
        ("As at", board.as_at.label if board.as_at else "no period yet"),
        ("Exported", timezone.localtime().strftime("%-d %B %Y %H:%M")),
    ]:
        xlsxcells.append(about, [label, value])
    about.column_dimensions["A"].width = 14
    about.column_dimensions["B"].width = 60
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
