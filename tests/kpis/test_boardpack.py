"""The board pack's KPI section: same figures, standalone template, PDF-safe charts."""

from decimal import Decimal as D

from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from kpis.boardpack import pack_context
from kpis.periods import trust_periods
from kpis.services import kpi_create, measurement_record, target_set
from tests import factories as f
from tests.kpis.factories import judgement_kpi, milestone_kpi


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


# ------------------------------------------------------------------ kinds, years, objectives


def yearly_kpi(world):
    return kpi_create(
        trust=world.trust,
        name="Schools in the trust",
        unit="count",
        direction="higher",
        scope="trust",
        frequency="yearly",
        objective=world.objectives[1],
        acting_user=None,
    )


def test_a_yearly_kpi_shows_its_years_value_in_the_pack_of_every_term_of_that_year(mine):
    kpi = yearly_kpi(mine)
    year = trust_periods(mine.trust).year_of(mine.annual_plan.pk)
    measurement_record(kpi=kpi, period=year, school=None, value=D(7), acting_user=None)

    shown = {
        term.name: next(
            row
            for row in pack_context(annual_plan=mine.annual_plan, term=term)["trust_rows"]
            if row.kpi == kpi
        ).value_text
        for term in mine.terms
    }

    assert shown == {term.name: "7" for term in mine.terms}


def test_the_packs_kpis_are_placed_under_their_objective_then_those_tied_to_none(mine):
    milestone = milestone_kpi(mine)
    loose = judgement_kpi(mine, objective=None)

    groups = pack_context(annual_plan=mine.annual_plan, term=mine.terms[0])["groups"]

    placed = [
        (g["objective"], [row.kpi for row in [*g["trust_rows"], *g["matrix"]]]) for g in groups
    ]
    assert placed == [
        (mine.objectives[0], [milestone]),
        (mine.objectives[1], [mine.extra["trust_kpi"]]),
        (None, [loose, mine.extra["school_kpi"]]),  # trust-wide rows, then by school
    ]
    charts = {g["objective"]: [c["kpi"] for c in g["charts"]] for g in groups}
    assert charts[mine.objectives[1]] == [mine.extra["trust_kpi"]]  # its chart beside it


def test_milestones_and_judgements_show_their_states_over_time_as_text_not_charts(mine):
    milestone = milestone_kpi(mine)
    periods = trust_periods(mine.trust)
    for term, state in zip(mine.terms[:2], ["in_progress", "achieved"], strict=True):
        measurement_record(
            kpi=milestone,
            period=periods.of(mine.annual_plan.pk, term.pk),
            school=None,
            state=state,
            state_on=term.ends_on,
            acting_user=None,
        )
    target_set(
        kpi=milestone,
        academic_year=mine.annual_plan.academic_year,
        school=None,
        state="achieved",
        acting_user=None,
    )

    context = pack_context(annual_plan=mine.annual_plan, term=mine.terms[1])
    html = render_to_string(
        "kpis/includes/pack_section.html", {"kpis": context, "labels": mine.trust.labels}
    )

    [history] = [h for g in context["groups"] for h in g["histories"]]
    assert [p.judgement.status.look.word for p in history.get("points")] == ["Near miss", "Met"]
    assert f"{milestone.name}: its states by period" in html
    assert "Achieved by the end of 2019-20" in html
    assert all(
        chart["title"] != f"{milestone.name}: the trust as a whole" for chart in context["charts"]
    )
