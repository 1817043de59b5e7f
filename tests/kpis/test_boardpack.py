"""The board pack's KPI section: same figures, standalone template, PDF-safe charts."""

from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from kpis.boardpack import pack_context
from tests import factories as f


def test_a_trust_without_kpis_has_no_kpi_section(db):
    plan = f.AnnualPlanFactory()

    assert pack_context(annual_plan=plan, term=None) is None


def test_the_pack_holds_the_dashboards_figures_as_at_the_term(mine):
    context = pack_context(annual_plan=mine.annual_plan, term=mine.terms[1])

    assert context["as_at"] == "Spring 2019-20"
    [row] = context["trust_rows"]
    assert (row.kpi, row.status.look.word) == (mine.extra["trust_kpi"], "Met")
    [matrix_row] = context["matrix"]
    assert matrix_row.kpi == mine.extra["school_kpi"]
    assert [chart["title"] for chart in context["charts"]] == [
        "In-year surplus: the trust as a whole"
    ]


def test_the_section_renders_without_a_request_with_words_beside_colours(mine):
    context = pack_context(annual_plan=mine.annual_plan, term=mine.terms[0])

    html = render_to_string("kpis/includes/pack_section.html", {"kpis": context})

    assert "Key performance indicators" in html
    assert "● Met" in html and "✕ Missed" in html
    assert "Above national" in html
    assert html.count("<svg") == 1
    assert "<title" in html


def test_the_section_becomes_a_pdf_without_fetching_anything(mine):
    from weasyprint import HTML

    context = pack_context(annual_plan=mine.annual_plan, term=mine.terms[0])
    html = render_to_string("kpis/includes/pack_section.html", {"kpis": context})
    fetched = []

    def no_fetching(url, *args, **kwargs):
        fetched.append(url)
        raise ValueError(f"the KPI section asked for {url}")

    pdf = HTML(string=f"<html><body>{html}</body></html>", url_fetcher=no_fetching).write_pdf()

    assert pdf.startswith(b"%PDF")
    assert fetched == []


def test_the_pack_context_costs_the_same_queries_with_more_schools(mine):
    from tests.kpis.test_selectors import add_schools_and_kpis, add_schools_and_kpis_more

    add_schools_and_kpis(mine, schools=2, kpis=15)
    pack_context(annual_plan=mine.annual_plan, term=mine.terms[1])
    with CaptureQueriesContext(connection) as small:
        pack_context(annual_plan=mine.annual_plan, term=mine.terms[1])
    add_schools_and_kpis_more(mine)
    with CaptureQueriesContext(connection) as large:
        pack_context(annual_plan=mine.annual_plan, term=mine.terms[1])

    assert len(small) == len(large)
