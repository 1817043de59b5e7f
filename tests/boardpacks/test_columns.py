"""The trust's columns in the board pack (read from the PDF with pypdf): an objective's under
its heading, a key focus's once above that key focus's actions, an action's with it, each
action's school; and the objective's aims and its outline for the plan's year."""

import io

from pypdf import PdfReader

from boardpacks.render import html_to_pdf, pack_html
from boardpacks.selectors import pack_contents
from objectives.models import ObjectiveStage
from plans.columns import column_values_set
from plans.models import PlanColumn
from tests import factories as f
from tests.boardpacks.factories import ready_pack


def pdf_text(pack) -> str:
    rendered = html_to_pdf(pack_html(pack, pack_contents(pack)))
    pages = PdfReader(io.BytesIO(rendered.data)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def test_the_pack_prints_key_focus_columns_above_their_actions_and_each_actions_school(mine):
    measuring = PlanColumn.objects.create(
        trust=mine.trust, key="measuring-success", name="Measuring success",
        name_plural="Measuring success", level="key_focus",
    )  # fmt: skip
    hidden = PlanColumn.objects.create(
        trust=mine.trust, key="notes", name="Private notes", name_plural="Private notes",
        level="key_focus", on_pack=False,
    )  # fmt: skip
    trust_kpis = PlanColumn.objects.create(
        trust=mine.trust, key="trust-kpis", name="Trust KPIs", name_plural="Trust KPIs",
        level="objective",
    )  # fmt: skip
    column_values_set(
        owner=mine.key_focus,
        values={
            measuring.pk: "Attendance above national in every school",
            hidden.pk: "Not for the board",
        },
        acting_user=None,
    )
    column_values_set(
        owner=mine.objectives[0], values={trust_kpis.pk: "Surplus of one per cent"},
        acting_user=None,
    )  # fmt: skip
    f.set_column(mine.lead_action, "evidence", "Visit notes each half-term")
    vision = mine.objectives[0]
    vision.aims = "Every child reads fluently by seven"
    vision.save()
    ObjectiveStage.objects.create(
        trust=mine.trust, objective=vision, academic_year=2019, stage="Embed",
        outline="The reading programme reaches every class.",
    )  # fmt: skip

    text = pdf_text(ready_pack(mine, term=mine.terms[0]))

    objective_at = text.index(f"1: {vision.short_name}")
    focus_at = text.index(mine.key_focus.title, objective_at)
    success_at = text.index("Attendance above national in every school")
    first_action_at = text.index(mine.actions[0].text)
    assert objective_at < text.index("Surplus of one per cent") < focus_at
    assert focus_at < success_at < first_action_at
    assert text.count("Attendance above national in every school") == 1
    assert "Not for the board" not in text
    assert "Visit notes each half-term" in text
    assert mine.schools[0].name in text[first_action_at:]
    assert mine.schools[1].name in text[text.index(mine.actions[2].text) :]
    assert "Every child reads fluently by seven" in text
    assert "The reading programme reaches every class." in text
