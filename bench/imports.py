"""Plan import and export on a 300-action plan: Word and Excel in, Excel and CSV out.

Run with real services: `make bench`, or
    .venv/bin/python -m trustplan.localservices -- .venv/bin/python bench/imports.py
It builds a throwaway database, a new trust (as trust_create makes one) and two files of 300
actions each: a Word document in the first seed's shape (objective headings, aims and key foci
lists, a table per objective, owners in brackets) and an Excel sheet with objectives and key
foci merged down their rows. Each is checked, read (the preview) and saved, as the import's
pages do; then read again (nothing to change), and the plan exported. Prints the times and the
machine, then drops the database.
"""

import io
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trustplan.test_settings")
os.environ.setdefault("TEST_DB_SUFFIX", "_bench_imports")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_databases, teardown_databases  # noqa: E402

from bench.machine import describe  # noqa: E402

ACTIONS = 300
OBJECTIVES = 5
FOCI_PER_OBJECTIVE = 4
PEOPLE = {"AL": "Alan Lee", "CS": "Craig Smith", "AW": "Alison Wilshaw", "NB": "Nick Bell",
          "AA": "Ann Ashe", "LL": "Lee Lowe"}  # fmt: skip
INITIALS = list(PEOPLE)


def action_text(n: int) -> str:
    return (f"Action {n}: develop and embed the approach agreed by the executive team, with "
            "termly reports to trustees and support for every school that needs it")  # fmt: skip


def kpi_text(n: int) -> str:
    owners = f"{INITIALS[n % 6]}/{INITIALS[(n + 1) % 6]}"
    return (f"Measure {n} met in every school; evidence reviewed at each board meeting "
            f"({owners}); summary in the annual report (all)")  # fmt: skip


def seed_shaped_docx() -> bytes:
    from docx import Document

    document = Document()
    document.add_paragraph("ACTION PLAN 2019-20")
    per_objective = ACTIONS // OBJECTIVES
    focus = 0
    for o in range(1, OBJECTIVES + 1):
        document.add_paragraph(f"{o}. Objective {o}: what objective {o} sets out to achieve")
        document.add_paragraph("Objectives:")
        document.add_paragraph(f"a) The first aim of objective {o}", style="List Bullet")
        document.add_paragraph(f"b) The second aim of objective {o}", style="List Bullet")
        document.add_paragraph("2019-20 Foci:")
        for _ in range(FOCI_PER_OBJECTIVE):
            focus += 1
            document.add_paragraph(f"{focus}. Key focus {focus} of the year", style="List Number")
        table = document.add_table(rows=1, cols=4)
        for cell, text in zip(
            table.rows[0].cells,
            ["Ref", "Actions", "Key Performance Indicators/Impact", "Evidence + Evaluation"],
            strict=True,
        ):
            cell.text = text
        for r in range(1, per_objective + 1):
            n = (o - 1) * per_objective + r
            cells = table.add_row().cells
            cells[0].text, cells[1].text, cells[2].text = str(r), action_text(n), kpi_text(n)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def merged_xlsx() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Plan"
    sheet.append(["Objective", "Key focus", "Ref", "Action", "Owners", "KPIs", "Evidence"])
    per_focus = ACTIONS // (OBJECTIVES * FOCI_PER_OBJECTIVE)
    n = 0
    for o in range(1, OBJECTIVES + 1):
        objective_start = sheet.max_row + 1
        for f in range(1, FOCI_PER_OBJECTIVE + 1):
            focus_start = sheet.max_row + 1
            number = (o - 1) * FOCI_PER_OBJECTIVE + f
            for i in range(per_focus):
                n += 1
                first = sheet.max_row + 1 == objective_start
                sheet.append([
                    f"{o}. Objective {o}: what it sets out to achieve" if first else None,
                    f"{number}. Key focus {number}" if i == 0 else None,
                    f"{o}.{n}", action_text(n), f"{INITIALS[n % 6]}/{INITIALS[(n + 2) % 6]}",
                    f"Measure {n} met", "",
                ])  # fmt: skip
            sheet.merge_cells(start_row=focus_start, end_row=sheet.max_row, start_column=2,
                              end_column=2)  # fmt: skip
        sheet.merge_cells(start_row=objective_start, end_row=sheet.max_row, start_column=1,
                          end_column=1)  # fmt: skip
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def seconds(fn):
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def import_file(started, annual_plan, name: str, data: bytes, ceo) -> dict:
    from plans.imports import services
    from plans.imports.files import check_file
    from plans.imports.readers import read_document

    timings = {}
    timings["check"], fmt = seconds(lambda: check_file(name, data))
    timings["parse"], _ = seconds(lambda: read_document(data, fmt))
    timings["upload"], plan_import = seconds(
        lambda: services.plan_import_start(
            trust=started.trust, file_name=name, data=data, annual_plan=annual_plan,
            acting_user=ceo,
        )
    )  # fmt: skip
    with CaptureQueriesContext(connection) as queries:
        timings["preview"], preview = seconds(lambda: services.plan_import_read(plan_import))
    timings["preview_queries"] = len(queries)
    assert preview.ok, [str(p) for p in preview.reading.problems][:5]
    assert len(preview.reading.actions) == ACTIONS, len(preview.reading.actions)
    with CaptureQueriesContext(connection) as queries:
        timings["save"], saved = seconds(
            lambda: services.plan_import_save(plan_import=plan_import, acting_user=ceo)
        )
    timings["save_queries"] = len(queries)
    assert saved.summary["actions_created"] == ACTIONS, saved.summary
    again = services.plan_import_start(
        trust=started.trust, file_name=name, data=data, annual_plan=annual_plan, acting_user=ceo
    )
    timings["again"], preview = seconds(lambda: services.plan_import_read(again))
    assert not preview.reading.changes_anything
    timings["total"] = timings["upload"] + timings["preview"] + timings["save"]
    return timings


def rate(annual_plan) -> None:
    from plans.models import Action, RagRating, Term

    terms = list(Term.objects.filter(annual_plan=annual_plan).order_by("number"))[:2]
    actions = list(Action.objects.filter(annual_plan=annual_plan))
    for term, status in zip(terms, ["green", "amber"], strict=True):
        RagRating.objects.bulk_create(
            RagRating(trust_id=annual_plan.trust_id, action=a, term=term, status=status,
                      commentary="Progress as planned; =evidence in the shared folder.")
            for a in actions
        )  # fmt: skip


def main() -> None:
    from onboarding.services import trust_create
    from plans.authoring.services import annual_plan_create
    from plans.exports.plan import plan_csv, plan_table, plan_xlsx
    from schools.models import Person
    from schools.services import invitation_accept

    print(describe())
    old = setup_databases(verbosity=0, interactive=False)
    try:
        started = trust_create(
            name="Bench Learning Trust", slug="bench-imports", ceo_email="ceo@bench.test",
            ceo_name="Alan Lee", first_year=2019,
        )  # fmt: skip
        ceo = invitation_accept(
            invitation=started.invitation, full_name="Alan Lee", password="bench pass phrase"
        ).user
        for initials, name in PEOPLE.items():
            if initials != "AL":
                Person.objects.create(trust=started.trust, full_name=name, initials=initials)
        docx, xlsx = seed_shaped_docx(), merged_xlsx()
        second_year = annual_plan_create(
            strategic_plan=started.strategic_plan, academic_year=2020, acting_user=ceo
        )
        results = {
            "docx": import_file(started, started.annual_plan, "plan.docx", docx, ceo),
            "xlsx": import_file(started, second_year, "plan.xlsx", xlsx, ceo),
        }
        for fmt, size in [("docx", len(docx)), ("xlsx", len(xlsx))]:
            t = results[fmt]
            print(
                f"import {ACTIONS}-action .{fmt} ({size // 1024} KB): {t['total']:.2f} s in all "
                f"(target: under 5 s) = upload and check {t['upload']:.2f} s + preview "
                f"{t['preview']:.2f} s ({t['preview_queries']} queries) + save {t['save']:.2f} s "
                f"({t['save_queries']} queries); of which parse {t['parse']:.2f} s, file checks "
                f"{t['check'] * 1000:.0f} ms; the same file again reads in {t['again']:.2f} s "
                "and changes nothing"
            )
        client = Client()
        client.force_login(ceo)
        from plans.models import PlanImport

        draft = PlanImport.objects.filter(trust=started.trust, status="draft").first()
        page_times = []
        for _ in range(3):
            elapsed, response = seconds(
                lambda: client.get(f"/t/{started.trust.slug}/import/{draft.pk}/")
            )
            assert response.status_code == 200
            page_times.append(elapsed)
        print(f"preview page of {ACTIONS} rows, whole request: median "
              f"{statistics.median(page_times):.2f} s")  # fmt: skip

        rate(started.annual_plan)
        elapsed, table = seconds(lambda: plan_table(started.annual_plan, reader=None))
        xlsx_time, workbook = seconds(lambda: plan_xlsx(table, about=[]))
        csv_time, text = seconds(lambda: plan_csv(table))
        print(
            f"export the same plan, {len(table.rows)} actions with 2 rated terms: rows "
            f"{elapsed:.2f} s, then .xlsx {xlsx_time:.2f} s ({len(workbook) // 1024} KB), .csv "
            f"{csv_time * 1000:.0f} ms ({len(text) // 1024} KB)"
        )
    finally:
        teardown_databases(old, verbosity=0)


if __name__ == "__main__":
    main()
