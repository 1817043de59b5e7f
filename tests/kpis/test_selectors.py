"""The dashboard, trends and their judgements; queries fixed whatever the size of the trust."""

import datetime
from decimal import Decimal as D

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kpis import selectors
from kpis.models import Kpi, KpiSchool, Measurement, Target
from kpis.periods import trust_periods
from kpis.services import measurement_record, target_set
from kpis.status import ComparatorStatus, TargetStatus
from plans.models import AnnualPlan, Term
from tests import factories as f


def as_at(world, term_index=None):
    periods = trust_periods(world.trust)
    if term_index is None:
        return periods, periods.year_of(world.annual_plan.pk)
    return periods, periods.of(world.annual_plan.pk, world.terms[term_index].pk)


def board_for(world, term_index=None, **kwargs):
    periods, period = as_at(world, term_index)
    return selectors.dashboard(world.trust, as_at=period, periods=periods, **kwargs)


def test_the_dashboard_judges_trust_wide_values_against_their_targets(mine):
    board = board_for(mine)

    [row] = board.trust_rows
    assert row.kpi == mine.extra["trust_kpi"]
    assert (row.value, row.status, row.target_text) == (D("1.2"), TargetStatus.GREEN, "at least 1%")
    assert row.period.label == "Autumn 2019-20"
    assert board.status_counts["green"] == 1


def test_the_matrix_judges_each_school_against_comparator_plus_points(mine):
    board = board_for(mine)

    [row] = board.matrix
    cells = {cell.school: cell for cell in row.cells}
    lead_school = cells[mine.schools[0]].judgement
    # 96.4 against national 96.0 + 1 = 97.0: short by 0.6, beyond the 0.5 tolerance.
    assert lead_school.target_number == D("97.0")
    assert lead_school.status is TargetStatus.RED
    assert lead_school.comparator is ComparatorStatus.ABOVE
    assert lead_school.target_text == "national + 1 point (97%)"
    assert mine.schools[1] not in cells  # no per-school measure applies to it: no column
    assert row.trust_cell.judgement.status is TargetStatus.NO_DATA


def test_a_schools_own_target_overrides_the_trusts(mine):
    kpi = mine.extra["school_kpi"]
    target_set(
        kpi=kpi,
        academic_year=mine.annual_plan.academic_year,
        school=mine.schools[0],
        kind="absolute",
        value=D("96"),
        acting_user=None,
    )

    [row] = board_for(mine).matrix

    judgement = next(c.judgement for c in row.cells if c.school == mine.schools[0])
    assert (judgement.target_number, judgement.status) == (D("96"), TargetStatus.GREEN)


def test_figures_as_at_a_term_leave_out_later_terms(mine):
    kpi = mine.extra["trust_kpi"]
    _, spring = as_at(mine, 1)
    measurement_record(kpi=kpi, period=spring, school=None, value=D("0.2"), acting_user=None)

    as_at_autumn = board_for(mine, 0).trust_rows[0]
    as_at_spring = board_for(mine, 1).trust_rows[0]

    assert (as_at_autumn.value, as_at_autumn.status) == (D("1.2"), TargetStatus.GREEN)
    assert (as_at_spring.value, as_at_spring.status) == (D("0.2"), TargetStatus.RED)


def test_a_kpi_with_no_values_shows_no_data_against_the_years_target(mine):
    Measurement.objects.filter(kpi=mine.extra["trust_kpi"]).delete()

    [row] = board_for(mine).trust_rows

    assert row.status is TargetStatus.NO_DATA
    assert row.target_text == "at least 1%"


def test_a_school_limited_reader_sees_only_their_schools_column_and_no_trust_figures(mine):
    board = board_for(mine, school_ids={mine.schools[0].pk}, show_trust=False)

    assert board.trust_rows == []
    assert board.schools == [mine.schools[0]]
    assert board.matrix[0].trust_cell is None


def test_the_trend_runs_from_the_first_value_to_the_last_with_gaps(mine):
    kpi = mine.extra["trust_kpi"]
    periods = trust_periods(mine.trust)
    plan_2020 = f.AnnualPlanFactory(
        trust=mine.trust, strategic_plan=mine.strategic_plan, academic_year=2020
    )
    summer_2021 = f.TermFactory(
        trust=mine.trust,
        annual_plan=plan_2020,
        number=3,
        name="Summer",
        starts_on=datetime.date(2021, 4, 19),
        ends_on=datetime.date(2021, 7, 21),
    )
    periods = trust_periods(mine.trust)
    measurement_record(
        kpi=kpi,
        period=periods.of(plan_2020.pk, summer_2021.pk),
        school=None,
        value=D("1.5"),
        acting_user=None,
    )
    figures = selectors.figures_for(mine.trust, periods=periods, schools=mine.schools)

    trend = figures.trend(kpi, None)

    assert [p.period.label for p in trend] == ["Autumn 2019-20", "Spring 2019-20", "Summer 2020-21"]
    assert [p.judgement.value for p in trend] == [D("1.2"), None, D("1.5")]
    # 2020-21 has no target of its own.
    assert trend[2].judgement.status is TargetStatus.NO_TARGET


def add_schools_and_kpis(world, schools: int, kpis: int) -> None:
    """Schools, per-school and trust-wide KPIs, targets and three values each, in bulk."""
    trust = world.trust
    made = [
        f.SchoolFactory(trust=trust, name=f"Extra school {n}", code=f"X{n}")
        for n in range(schools - len(world.schools))
    ]
    all_schools = [*world.schools, *made]
    terms = list(Term.objects.filter(trust=trust))
    new = Kpi.objects.bulk_create(
        Kpi(
            trust=trust,
            name=f"Measure {n}",
            unit="percentage",
            direction="higher",
            scope="school" if n % 3 else "trust",
            frequency="termly",
            comparator_kind="national",
            tolerance=D("0.5"),
            position=10 + n,
        )
        for n in range(kpis - 2)
    )
    per_school = [k for k in new if k.scope == "school"]
    KpiSchool.objects.bulk_create(
        KpiSchool(trust=trust, kpi=k, school=s) for k in per_school[::2] for s in all_schools[1:]
    )
    Target.objects.bulk_create(
        Target(
            trust=trust,
            kpi=k,
            academic_year=world.annual_plan.academic_year,
            kind="relative",
            value=D(1),
        )
        for k in new
    )
    now = timezone.now()
    Measurement.objects.bulk_create(
        Measurement(
            trust=trust,
            kpi=k,
            annual_plan=world.annual_plan,
            term=t,
            school=s if k.scope == "school" else None,
            value=D("95.5"),
            comparator_value=D("95"),
            entered_at=now,
        )
        for k in new
        for t in terms
        for s in (all_schools if k.scope == "school" else [None])
    )


def dashboard_queries(client, world) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/t/{world.trust.slug}/kpis/")
    assert response.status_code == 200
    return len(queries)


def test_the_dashboard_costs_the_same_queries_for_2_and_20_schools_by_15_measures(client, mine):
    client.force_login(mine.users["ceo"])
    add_schools_and_kpis(mine, schools=2, kpis=15)
    dashboard_queries(client, mine)  # warm the per-process caches
    small = dashboard_queries(client, mine)

    add_schools_and_kpis_more(mine)
    large = dashboard_queries(client, mine)

    assert Kpi.objects.filter(trust=mine.trust).count() == 15
    assert len(selectors.trust_schools(mine.trust)) == 20
    assert Measurement.objects.filter(trust=mine.trust).count() > 300
    assert small == large


def add_schools_and_kpis_more(world) -> None:
    """Eighteen more schools, each measured by every per-school KPI for both terms."""
    trust = world.trust
    made = [f.SchoolFactory(trust=trust, name=f"Large school {n}", code=f"L{n}") for n in range(18)]
    terms = list(Term.objects.filter(trust=trust))
    now = timezone.now()
    per_school = Kpi.objects.filter(trust=trust, scope="school", name__startswith="Measure")
    KpiSchool.objects.bulk_create(
        KpiSchool(trust=trust, kpi=k, school=s)
        for k in per_school
        if KpiSchool.objects.filter(kpi=k).exists()
        for s in made
    )
    Measurement.objects.bulk_create(
        Measurement(
            trust=trust,
            kpi=k,
            annual_plan=world.annual_plan,
            term=t,
            school=s,
            value=D("94"),
            comparator_value=D("95"),
            entered_at=now,
        )
        for k in per_school
        for t in terms
        for s in made
    )


def test_the_governors_dashboard_costs_the_same_queries_too(client, mine):
    client.force_login(mine.users["governor"])
    add_schools_and_kpis(mine, schools=2, kpis=15)
    dashboard_queries(client, mine)
    small = dashboard_queries(client, mine)

    add_schools_and_kpis_more(mine)

    assert dashboard_queries(client, mine) == small


def test_periods_come_only_from_the_trusts_own_plans(mine, other):
    periods = trust_periods(mine.trust)

    assert [p.label for p in periods.all] == ["Autumn 2019-20", "Spring 2019-20", "2019-20"]
    assert periods.by_label("autumn  2019-20").term == mine.terms[0]
    assert periods.by_label("2019-20 Spring").term == mine.terms[1]
    assert periods.by_label("2018-19") is None
    assert periods.by_key(f"t{other.terms[0].pk}") is None
    assert AnnualPlan.objects.filter(trust=other.trust).exists()


def test_a_relative_target_without_the_periods_comparator_figure_says_why_it_is_not_judged(mine):
    kpi = mine.extra["school_kpi"]
    _, spring = as_at(mine, 1)
    measurement_record(
        kpi=kpi, period=spring, school=mine.schools[0], value=D("97.5"), acting_user=None
    )

    [row] = board_for(mine, 1).matrix
    judgement = next(c.judgement for c in row.cells if c.school == mine.schools[0])

    assert judgement.status is TargetStatus.NO_TARGET
    assert judgement.comparator is ComparatorStatus.NO_COMPARATOR
    assert judgement.target_text == "national + 1 point (no national figure to judge by)"
