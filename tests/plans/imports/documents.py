"""Plan files built the way trusts keep them, with python-docx, openpyxl and csv, for the
import tests. Each builder returns the file's bytes."""

from __future__ import annotations

import csv
import io
import zipfile

from docx import Document
from openpyxl import Workbook

# The first seed's action plan, laid out as it is there: per objective, its heading, its aims
# ("Objectives:"), its key foci ("2019-20 Foci:"), then a table of Ref, Actions, KPIs and
# Evidence, with owners in brackets at the end of the KPI text. The wording is ours.
SEED = [
    {
        "heading": "1. Vision: to grow the BEST in everyone",
        "aims": [
            "a) Everyone in BEST knows and shares its vision, values and operating principles",
            "b) Communication works well at every level of BEST",
        ],
        "foci": [
            "1. Plan the move to a two-tier structure within the growth strategy",
            "2. Raise BEST's profile and sense of identity",
            "3. Get PBA and LVAN ready to open",
            "4. Engage the community through marketing and communications",
        ],
        "actions": [
            ("1", "Fold the two-tier plans into the growth strategy",
             "Strategy agreed, first feasibility stage done, stakeholders on board (AL/CS)"),
            ("2", "Build the single BEST family identity and its profile in the community",
             "House plan agreed (CS); presence in every school (all); printed materials (CS)"),
            ("3", "Finish getting PBA and LVAN ready to open", "Both open on time (CS)"),
            ("4", "Grow the community engagement approach",
             "Approach agreed and reported to the Board (CS)."),
        ],
        "in_table": True,
    },
    {
        "heading": "2. Capacity + Commitment: to deliver our objectives",
        "aims": ["a) A trust structure that supports school improvement",
                 "b) A team that adds the best value"],
        "foci": ["5. Align practice across the trust", "6. Monitor to add value",
                 "7. Make SLEs more effective", "8. Align vision, values and principles"],
        "actions": [
            ("1", "Develop aligned autonomy, external experts and practitioner forums",
             "Model agreed by the executive (AL); experts in post (AW)"),
            ("2", "Appoint and monitor trusted partners for best value",
             "Finance partner (NB); estates partner (CS); HR partner (CS)"),
            ("3", "Set up how SLEs are deployed and held to account",
             "SLE timetables agreed; impact statements each half term (AW)"),
            ("4", "Align each academy's vision and values with BEST's",
             "Every academy reviews its VVO (CS/AL); overview written (AL)"),
        ],
    },
    {
        "heading": "3. Improvement activity: to deliver outcomes in the top 20% nationally",
        "aims": ["a) A school improvement strategy shaped by each school's needs",
                 "b) School-to-school support beyond BEST through the teaching school"],
        "foci": ["9. Embed a robust school improvement programme",
                 "10. Every inspection at least Good",
                 "11. Every school above its 50th percentile targets"],
        "actions": [
            ("1", "Run a robust school improvement programme",
             "SLE team and adviser in place; NPQ projects tied to school priorities (AW)"),
            ("2", "Offer leadership courses, NPQs included, to all staff", "NPQ places (AW)"),
            ("3", "Keep every curriculum cost effective", "Curriculum costs reviewed (AW)"),
            ("4", "Open career routes and a full CPD offer across BEST",
             "SCITT programme (AL); NQT programme (AW)"),
        ],
    },
    {
        "heading": "4. Shared Services: to add value",
        "aims": ["a) Expert support for every school",
                 "b) Economies of scale and shared operations"],
        "foci": ["12. Review external contracts and providers",
                 "13. Benchmark the auditors",
                 "14. Upgrade finance systems to grow without more staff"],
        "actions": [
            ("1", "Deploy resources efficiently with sound financial reporting",
             "Balanced budgets (Principals/NB); reserves policy per school (NB)"),
            ("2", "Strengthen governance after the Governance Mark report",
             "Action plan made and monitored (AL/CS)"),
            ("3", "Capital and estates", "Condition survey year three (CS); H&S plan (AA)"),
            ("4", "Shared services: HR, IT, health and safety", "HR provision reviewed (AA);"),
        ],
        "continuation": "ICT contract bedded in (CS); recruitment reviewed (AA)",
    },
    {
        "heading": "5. Quality Assurance: to ensure best value",
        "aims": ["a) A structure that secures best value",
                 "b) Decisions made on evidence"],
        "foci": ["15. Every school and nursery fully compliant",
                 "16. Every area of performance at least Good",
                 "17. High quality shared services"],
        "actions": [
            ("1", "Monitor compliance and spread good practice",
             "QA calendar refined (LL); safeguarding audits improve (LL/CS/AL)"),
            ("2", "Keep sound intelligence on each school's performance",
             "School summaries (AW); self-evaluation updated termly (AW); SEFs (Principals)"),
            ("3", "Use stakeholder data to drive improvement", "Surveys analysed (NB/CS)"),
        ],
    },
]  # fmt: skip
SEED_HEADER = ["Ref", "Actions", "Key Performance Indicators/Impact", "Evidence + Evaluation"]
SEED_INITIALS = ["AL", "CS", "AW", "NB", "AA", "LL"]


def _merge_row(table, row_index: int) -> None:
    row = table.rows[row_index]
    row.cells[0].merge(row.cells[-1])


def seed_docx(*, duplicate_reference: bool = False, header: list[str] | None = None) -> bytes:
    """The seed's action plan section. duplicate_reference makes objective 2's second action
    reuse reference 1 (an error the import names)."""
    header = header or SEED_HEADER
    document = Document()
    document.add_paragraph("ACTION PLAN")
    document.add_paragraph("Year Four: 2019-20")
    document.add_paragraph("BEST Actions and Key Performance Indicators")
    document.add_paragraph("2019-20 – Lead: Alan Lee")
    for spec in SEED:
        if not spec.get("in_table"):
            document.add_paragraph(spec["heading"])
            document.add_paragraph("Objectives:")
            for aim in spec["aims"]:
                document.add_paragraph(aim, style="List Bullet")
            document.add_paragraph("2019-20 Foci:")
            for focus in spec["foci"]:
                document.add_paragraph(focus, style="List Number")
        table = document.add_table(rows=0, cols=4)
        table.style = "Table Grid"
        if spec.get("in_table"):
            # Objective 1 keeps its heading, aims and foci inside the table, one merged row each.
            for text in [spec["heading"], "Objectives:"]:
                table.add_row().cells[0].text = text
                _merge_row(table, len(table.rows) - 1)
            cell = table.add_row().cells[0]
            cell.text = spec["aims"][0]
            for aim in spec["aims"][1:]:
                cell.add_paragraph(aim)
            _merge_row(table, len(table.rows) - 1)
            table.add_row().cells[0].text = "2019-20 Foci:"
            _merge_row(table, len(table.rows) - 1)
            cell = table.add_row().cells[0]
            cell.text = spec["foci"][0]
            for focus in spec["foci"][1:]:
                cell.add_paragraph(focus)
            _merge_row(table, len(table.rows) - 1)
        cells = table.add_row().cells
        for cell, text in zip(cells, header, strict=True):
            cell.text = text
        for index, (ref, action, kpis) in enumerate(spec["actions"]):
            if duplicate_reference and spec["heading"].startswith("2.") and index == 1:
                ref = "1"
            cells = table.add_row().cells
            for cell, text in zip(cells, [ref, action, kpis, ""], strict=True):
                cell.text = text
        if spec.get("continuation"):
            cells = table.add_row().cells
            cells[2].text = spec["continuation"]
    return _save_docx(document)


def _save_docx(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def seed_action_count() -> int:
    return sum(len(spec["actions"]) for spec in SEED)


def _vmerge(table, column: int, first: int, last: int) -> None:
    table.cell(first, column).merge(table.cell(last, column))


def merged_docx() -> bytes:
    """One table for the whole plan: objective and key focus cells merged down their rows,
    several actions in one cell as bullets, owners in their own column, references given."""
    document = Document()
    table = document.add_table(rows=1, cols=5)
    for cell, text in zip(
        table.rows[0].cells,
        ["Strategic objective", "Key focus", "Ref", "Actions", "Lead"],
        strict=True,
    ):
        cell.text = text
    rows = [
        ("1. Vision: to grow the best in everyone", "1. Plan for two tiers", "1.1",
         ["Write the two-tier plan"], "AL/CS"),
        ("", "", "1.2", ["Consult the families", "Report to the Board"], "(NB)"),
        ("", "2. Raise the profile", "1.3", ["Refresh the signage"], "AW + CS"),
        ("2. Capacity: to deliver our objectives", "3. Align practice", "2.1",
         ["Agree the model of aligned autonomy"], "Principals"),
        ("", "", "", ["Run the practitioner forums"], "all"),
    ]  # fmt: skip
    for objective, focus, ref, actions, owners in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text, cells[4].text = objective, focus, ref, owners
        cells[3].text = actions[0]
        for extra in actions[1:]:
            cells[3].add_paragraph(extra, style="List Bullet")
    _vmerge(table, 0, 1, 3)
    _vmerge(table, 1, 1, 2)
    _vmerge(table, 0, 4, 5)
    _vmerge(table, 1, 4, 5)
    return _save_docx(document)


HEADED = ["Objective", "Key focus", "Ref", "Action", "Owners", "KPIs", "Evidence"]
HEADED_ROWS = [
    ["1. Vision: to grow the best in everyone", "1. Plan for two tiers", "1", "Write the plan",
     "AL/CS", "Plan agreed", ""],
    ["1. Vision: to grow the best in everyone", "1. Plan for two tiers", "2",
     "Consult the families", "NB", "Survey done", "Responses logged"],
    ["1. Vision: to grow the best in everyone", "2. Raise the profile", "3",
     "Refresh the signage", "AW + CS", "New signs up", ""],
    ["2. Capacity: to deliver our objectives", "3. Align practice", "1",
     "Agree the model", "Principals", "Model agreed", ""],
]  # fmt: skip


def headed_xlsx(*, merged: bool, rows=None, header=None, extra_sheets: dict | None = None) -> bytes:
    """A sheet with a header row. merged=True writes each objective and key focus once, merged
    down its rows; otherwise every row repeats them."""
    rows = rows or HEADED_ROWS
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Plan 2019-20"
    sheet.append(header or HEADED)
    for row in rows:
        sheet.append(row)
    if merged:
        for column in (1, 2):
            groups: list[list[int]] = []
            for r in range(2, len(rows) + 2):
                value = sheet.cell(r, column).value
                if groups and value == sheet.cell(groups[-1][0], column).value:
                    groups[-1].append(r)
                else:
                    groups.append([r])
            for group in groups:
                for blank in group[1:]:
                    sheet.cell(blank, column).value = None
                if len(group) > 1:
                    sheet.merge_cells(start_row=group[0], end_row=group[-1], start_column=column,
                                      end_column=column)  # fmt: skip
    for name, sheet_rows in (extra_sheets or {}).items():
        extra = workbook.create_sheet(name)
        for row in sheet_rows:
            extra.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def headings_xlsx() -> bytes:
    """One sheet; each objective a heading row merged across, its actions below."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Actions"
    sheet.append(["Ref", "Action", "Owner", "Success criteria"])
    for heading, actions in [
        ("1. Vision: to grow the best in everyone",
         [("1", "Write the plan", "AL"), ("2", "Consult the families", "CS")]),
        ("2. Capacity: to deliver our objectives", [("1", "Agree the model", "NB")]),
    ]:  # fmt: skip
        sheet.append([heading])
        sheet.merge_cells(start_row=sheet.max_row, end_row=sheet.max_row, start_column=1,
                          end_column=4)  # fmt: skip
        for ref, action, owner in actions:
            sheet.append([ref, action, owner, f"{action} done"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def csv_file(rows: list[list[str]], header: list[str] | None = None, delimiter: str = ",") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header or HEADED)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def zip_with(members: dict[str, bytes], *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=compression) as package:
        for name, data in members.items():
            package.writestr(name, data)
    return out.getvalue()


def with_member(data: bytes, name: str, content: bytes) -> bytes:
    """A copy of an Office package with one member added (say, a macro project)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as package:
        for info in source.infolist():
            package.writestr(info, source.read(info.filename))
        package.writestr(name, content)
    return out.getvalue()
