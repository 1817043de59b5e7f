"""The annual plan as a spreadsheet: one row per action, its objective, key focus, owners and
text, then every term's rating and commentary. Excel (frozen header, filters, each rating as a
word on its colour) or CSV. Every text cell is written so a spreadsheet never runs it.

The columns are headed with the trust's own words, so the file imports back as the same plan.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.utils import timezone

from plans.columns import ACTION, KEY_FOCUS, column_texts, plan_words, trust_columns
from plans.models import AnnualPlan, KeyFocus, Rag, Term
from plans.selectors import (
    action_owner_links,
    plan_actions,
    plan_terms,
    ratings_by_term,
    sees_whole_term,
)
from schools.models import School
from trustplan.core import csvcells, xlsxcells
from trustplan.core.permissions import Perms

# The product's rating colours (static/css/trustplan.css), white text on each.
RAG_FILLS = {
    Rag.RED: "B3261E",
    Rag.AMBER: "8A5300",
    Rag.GREEN: "1E6B34",
    Rag.COMPLETE: "1F4E9A",
    Rag.NOT_STARTED: "55585F",
}


@dataclass
class PlanTable:
    title: str
    header: list[str]
    rows: list[list]
    ratings: list[list[str]]  # per row, the rating of each term ("" when unrated)
    first_rating_column: int  # 0-based index of the first term's rating column
    terms: list[Term]


def owners_cell(action) -> str:
    """ "AL/CS/Principals": initials, then the owner note, as the import reads them."""
    parts = [link.person.initials for link in action_owner_links(action)]
    if action.owner_note:
        parts.append(action.owner_note)
    return "/".join(parts)


def visible_terms(annual_plan: AnnualPlan, reader: Perms | None) -> list[Term]:
    """The terms whose every rating the reader may see (rating.view_draft): all of them for
    the CEO, submitted ones for others; all for the product itself (reader None)."""
    return [t for t in plan_terms(annual_plan) if sees_whole_term(reader, t)]


def plan_table(annual_plan: AnnualPlan, *, reader: Perms | None) -> PlanTable:
    """The plan's rows in a fixed number of queries, whatever its size."""
    trust = annual_plan.trust
    words = plan_words(trust)
    # Every column of the trust: a key focus's or an objective's text on each of its rows,
    # as the import reads it back.
    columns = trust_columns(trust)
    terms = visible_terms(annual_plan, reader)
    foci = {f.pk: f for f in KeyFocus.objects.filter(trust=trust, annual_plan=annual_plan)}
    schools = {s.pk: s for s in School.objects.filter(trust=trust)}
    header = [
        words["objective"], words["key_focus"], "Ref", words["action"], words["owners"],
        "School", *[c.name for c in columns], "Status",
    ]  # fmt: skip
    first_rating = len(header)
    for term in terms:
        header += [f"{term.name} rating", f"{term.name} commentary"]
    rows, ratings = [], []
    actions = plan_actions(annual_plan, terms)
    texts = column_texts(
        trust,
        actions=actions,
        key_foci=list(foci),
        objectives={a.objective_id for a in actions},
    )

    def text_of(column, action) -> str:
        owner = {ACTION: action.pk, KEY_FOCUS: action.key_focus_id}.get(
            column.level, action.objective_id
        )
        return texts.get((column.level, owner), {}).get(column.pk, "")

    for action in actions:
        objective = action.objective
        focus = foci.get(action.key_focus_id)
        by_term = ratings_by_term(action)
        row = [
            f"{objective.number}. {objective.short_name}: {objective.statement}",
            f"{focus.number}. {focus.title}" if focus else "",
            action.full_reference,
            action.text,
            owners_cell(action),
            schools[action.school_id].code if action.school_id else "",
            *[text_of(c, action) for c in columns],
            action.get_status_display(),
        ]
        term_ratings = []
        for term in terms:
            rating = by_term.get(term.pk)
            status = rating.status if rating else ""
            row += [Rag(status).label if status else "", rating.commentary if rating else ""]
            term_ratings.append(status)
        rows.append(row)
        ratings.append(term_ratings)
    return PlanTable(
        title=f"{trust.short_name} {annual_plan.year_label}",
        header=header,
        rows=rows,
        ratings=ratings,
        first_rating_column=first_rating,
        terms=terms,
    )


def plan_csv(table: PlanTable) -> bytes:
    out = io.StringIO()
    writer = csvcells.writer(out)
    writer.writerow(table.header)
    writer.writerows(table.rows)
    return out.getvalue().encode("utf-8-sig")


def plan_xlsx(table: PlanTable, *, about: list[tuple[str, str]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Plan"
    for column, value in enumerate(table.header, start=1):
        cell = sheet.cell(row=1, column=column)
        xlsxcells.write(cell, value)
        cell.font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    white = Font(bold=True, color="FFFFFF")
    for r, (values, ratings) in enumerate(zip(table.rows, table.ratings, strict=True), start=2):
        for c, value in enumerate(values, start=1):
            cell = sheet.cell(row=r, column=c)
            xlsxcells.write(cell, value)
            cell.alignment = wrap
        for t, status in enumerate(ratings):
            if status:
                cell = sheet.cell(row=r, column=table.first_rating_column + 2 * t + 1)
                cell.fill = PatternFill("solid", fgColor=RAG_FILLS[Rag(status)])
                cell.font = white
    widths = {1: 30, 2: 30, 3: 7, 4: 50, 5: 14, 6: 9}
    for c in range(1, len(table.header) + 1):
        default = (
            14 if c > table.first_rating_column and (c - table.first_rating_column) % 2 else 40
        )
        sheet.column_dimensions[get_column_letter(c)].width = widths.get(c, default)
    sheet.freeze_panes = "A2"
    last = get_column_letter(len(table.header))
    sheet.auto_filter.ref = f"A1:{last}{max(len(table.rows) + 1, 2)}"
    notes = workbook.create_sheet("About")
    for label, value in [*about, ("Exported", timezone.localtime().strftime("%-d %B %Y %H:%M"))]:
        xlsxcells.append(notes, [label, value])
    notes.column_dimensions["A"].width = 18
    notes.column_dimensions["B"].width = 90
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
