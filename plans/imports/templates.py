"""A file to fill in, per format, headed with the trust's own words for its plan."""

from __future__ import annotations

import io

from plans.columns import ACTION, plan_words, text_columns
from schools.models import Trust
from trustplan.core import csvcells

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def _table(trust: Trust) -> tuple[list[str], list[list[str]]]:
    words = plan_words(trust)
    columns = [c for c in text_columns(trust) if c.level == ACTION]
    header = [words["objective"], words["key_focus"], "Ref", words["action"], words["owners"],
              "School", *[c.heading for c in columns]]  # fmt: skip
    examples = [
        ["1. Vision: what the objective sets out to achieve", "1. The first key focus", "1",
         "What will be done, in a sentence or two", "AL/CS", "", "How you will know it worked",
         ""],
        ["", "", "2", "A second action under the same key focus (the cells left empty mean the "
         "same as above)", "Principals", "", "", ""],
    ]  # fmt: skip
    return header, [row[: len(header)] for row in examples]


def build_csv(trust: Trust) -> bytes:
    header, rows = _table(trust)
    out = io.StringIO()
    writer = csvcells.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def build_xlsx(trust: Trust) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    header, rows = _table(trust)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Plan"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, width in zip("ABCDEFGH", (34, 30, 6, 48, 12, 10, 40, 30), strict=False):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def build_docx(trust: Trust) -> bytes:
    from docx import Document

    words = plan_words(trust)
    columns = [c for c in text_columns(trust) if c.level == ACTION]
    document = Document()
    document.add_heading(f"{trust.short_name} {words['action'].lower()} plan", level=0)
    document.add_paragraph(
        "Write a heading for each objective, its aims and key foci as lists, then a table of "
        "its actions. Replace the examples; the import reads the words, not the layout."
    )
    document.add_heading("1. Vision: what the objective sets out to achieve", level=1)
    document.add_paragraph("Objectives:")
    document.add_paragraph("a) The first aim of the objective", style="List Bullet")
    document.add_paragraph(f"{words['key_focus_plural']}:")
    document.add_paragraph("1. The first key focus", style="List Number")
    document.add_paragraph("2. The second key focus", style="List Number")
    header = ["Ref", words["action"], *[c.heading for c in columns]]
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for ref, text, success in [
        ("1", "What will be done, in a sentence or two", "How you will know it worked (AL/CS)"),
        ("2", "A second action; owners go in brackets at the end of the text", "(Principals)"),
    ]:
        cells = table.add_row().cells
        values = [ref, text, success, *[""] * (len(header) - 3)]
        for cell, value in zip(cells, values, strict=True):
            cell.text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


BUILDERS = {"docx": build_docx, "xlsx": build_xlsx, "csv": build_csv}


def build(trust: Trust, fmt: str) -> tuple[bytes, str]:
    return BUILDERS[fmt](trust), CONTENT_TYPES[fmt]
