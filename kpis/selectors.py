"""Reading KPIs, targets and measurements, and judging them. Every selector starts from the trust.

The dashboard, the KPI page and the board pack all read their figures through `Figures`, so
a value has the same target, status and comparator band wherever it appears.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, QuerySet

from kpis.formatting import describe_measurement, describe_target, describe_target_row, format_value
from kpis.models import JudgementLevel, Kpi, KpiSchool, Measurement, Target
from kpis.periods import Period, Periods, trust_periods
from kpis.status import (
    ComparatorStatus,
    TargetStatus,
    comparator_status,
    judgement_status,
    milestone_status,
    target_status,
    target_value,
)
from objectives.models import StrategicPlan
from plans.models import AnnualPlan
from plans.selectors import current_annual_plan
from schools.models import School, Trust
from trustplan.core.tenancy import access, trust_on_joins, trust_on_related


def kpi_queryset(trust: Trust) -> QuerySet[Kpi]:
    return (
        Kpi.objects.for_trust(trust)
        .filter(trust_on_joins(Kpi, trust, "objective", "objective__plan"))
        .select_related("objective__plan")
        .prefetch_related(
            Prefetch("school_links", KpiSchool.objects.filter(trust=trust)),
            Prefetch("levels", JudgementLevel.objects.filter(trust=trust).order_by("position")),
        )
    )


def access_kpi(trust: Trust, pk) -> Kpi:
    return access(kpi_queryset(trust), trust, pk)


def trust_kpis(trust: Trust) -> list[Kpi]:
    """The trust's KPIs with their objective and school subset, in two queries."""
    return list(kpi_queryset(trust))


def trust_schools(trust: Trust) -> list[School]:
    return list(School.objects.for_trust(trust).order_by("name"))


def trust_has_kpis(trust: Trust) -> bool:
    return Kpi.objects.for_trust(trust).exists()


@dataclass
class Judgement:
    """One value of one KPI for one school (None: the trust) in one period, judged."""

    kpi: Kpi
    school: School | None
    period: Period | None  # of the measurement; None when there is none
    measurement: Measurement | None
    target: Target | None
    target_number: Decimal | None
    status: TargetStatus
    comparator: ComparatorStatus | None

    @property
    def value(self) -> Decimal | None:
        return self.measurement.value if self.measurement else None

    @property
    def has_value(self) -> bool:
        return self.measurement is not None

    @property
    def comparator_value(self) -> Decimal | None:
        return self.measurement.comparator_value if self.measurement else None

    @property
    def value_text(self) -> str:
        """ "96.1%", "Achieved (12 Mar 2020)", "Partly"; "–" without a value."""
        return describe_measurement(self.kpi, self.measurement)

    @property
    def comparator_value_text(self) -> str:
        return format_value(self.comparator_value, self.kpi.unit)

    @property
    def target_text(self) -> str:
        """The target as set ("national + 1 point"), with its number when it is relative."""
        if self.target is None:
            return "No target set"
        if not self.kpi.is_numeric:
            return describe_target_row(self.target, self.kpi)
        words = describe_target(
            kind=self.target.kind,
            value=self.target.value,
            unit=self.kpi.unit,
            direction=self.kpi.direction,
            comparator_label=self.kpi.comparator_label,
        )
        if self.target.kind == "relative" and self.target_number is not None:
            return f"{words} ({format_value(self.target_number, self.kpi.unit)})"
        if self.target.kind == "relative" and self.measurement is not None:
            return f"{words} (no {self.kpi.comparator_label or 'comparator'} figure to judge by)"
        return words

    @property
    def target_number_text(self) -> str:
        return format_value(self.target_number, self.kpi.unit)

    @property
    def comparator_text(self) -> str:
        if self.comparator is None:
            return ""
        return self.comparator.describe(self.kpi.comparator_label)


class Figures:
    """Measurements and targets of some KPIs, indexed so that judging costs no queries."""

    def __init__(
        self,
        *,
        periods: Periods,
        measurements: Iterable[Measurement],
        targets: Iterable[Target],
        schools: dict[int, School],
    ):
        self.periods = periods
        self.schools = schools
        # (kpi id, academic year, school id) -> target
        self._targets: dict[tuple[int, int, int | None], Target] = {
            (t.kpi_id, t.academic_year, t.school_id): t for t in targets
        }
        # (kpi id, school id) -> [(period, measurement)] oldest first
        self._series: dict[tuple[int, int | None], list[tuple[Period, Measurement]]] = {}
        for m in measurements:
            period = periods.of(m.annual_plan_id, m.term_id)
            if period is None:  # cannot happen while periods hold every plan of the trust
                continue
            self._series.setdefault((m.kpi_id, m.school_id), []).append((period, m))
        for points in self._series.values():
            points.sort(key=lambda pair: pair[0].sort_key)

    def target_for(self, kpi: Kpi, academic_year: int, school_id: int | None) -> Target | None:
        """A school's own target, else the trust's target for that academic year."""
        own = self._targets.get((kpi.pk, academic_year, school_id))
        if own is not None or school_id is None:
            return own
        return self._targets.get((kpi.pk, academic_year, None))

    def judge(
        self,
        kpi: Kpi,
        school_id: int | None,
        period: Period | None,
        measurement: Measurement | None,
        *,
        target_year: int | None = None,
    ) -> Judgement:
        """Judge a measurement (or its absence) against the target of its academic year."""
        year = period.annual_plan.academic_year if period else target_year
        target = self.target_for(kpi, year, school_id) if year else None
        if not kpi.is_numeric:
            return Judgement(
                kpi=kpi,
                school=self.schools.get(school_id) if school_id else None,
                period=period if measurement else None,
                measurement=measurement,
                target=target,
                target_number=None,
                status=_kind_status(kpi, measurement, target),
                comparator=None,
            )
        comparator = measurement.comparator_value if measurement else None
        number = target_value(
            kind=target.kind if target else None,
            value=target.value if target else None,
            comparator_value=comparator,
        )
        value = measurement.value if measurement else None
        return Judgement(
            kpi=kpi,
            school=self.schools.get(school_id) if school_id else None,
            period=period if measurement else None,
            measurement=measurement,
            target=target,
            target_number=number,
            status=target_status(
                value=value, target=number, direction=kpi.direction, tolerance=kpi.tolerance
            ),
            comparator=comparator_status(
                value=value,
                comparator=comparator,
                at_band=kpi.at_band,
                significant_band=kpi.significant_band,
            )
            if kpi.comparator_kind or comparator is not None
            else None,
        )

    def series(self, kpi: Kpi, school_id: int | None) -> list[tuple[Period, Measurement]]:
        return self._series.get((kpi.pk, school_id), [])

    def latest(self, kpi: Kpi, school_id: int | None, as_at: Period) -> Judgement:
        """The latest value at or before `as_at`, judged; "no data" against as-at's target."""
        for period, measurement in reversed(self.series(kpi, school_id)):
            if as_at.includes(period):
                return self.judge(kpi, school_id, period, measurement)
        return self.judge(kpi, school_id, None, None, target_year=as_at.annual_plan.academic_year)

    def trend(self, kpi: Kpi, school_id: int | None) -> list[TrendPoint]:
        """Every period from the KPI's first value to its last, gaps included, judged."""
        points = self.series(kpi, school_id)
        if not points:
            return []
        first, last = points[0][0].sort_key, points[-1][0].sort_key
        measured = {period.key: m for period, m in points}
        return [
            TrendPoint(
                period=period,
                judgement=self.judge(
                    kpi,
                    school_id,
                    period,
                    measured.get(period.key),
                    target_year=period.annual_plan.academic_year,
                ),
            )
            for period in self.periods.for_frequency(kpi.is_termly)
            if first <= period.sort_key <= last
        ]


def _kind_status(kpi: Kpi, measurement: Measurement | None, target: Target | None):
    """A milestone's or a judgement's status; levels compare by their place on the scale."""
    if kpi.is_milestone:
        return milestone_status(
            state=measurement.state if measurement else None,
            target=target.state if target else None,
        )
    places = {level.pk: place for place, level in enumerate(kpi.scale())}
    return judgement_status(
        level=places.get(measurement.level_id) if measurement else None,
        target=places.get(target.level_id) if target else None,
    )


@dataclass
class TrendPoint:
    period: Period
    judgement: Judgement


def figures_for(
    trust: Trust,
    *,
    periods: Periods,
    schools: list[School],
    kpis: list[Kpi] | None = None,
    up_to: Period | None = None,
) -> Figures:
    """Targets and measurements of the trust's KPIs (or of `kpis`), in two queries.

    Neither query joins another tenant table without its trust: the years come from the
    trust's plans already in `periods` (ids, not a join to every trust's annual plans), the
    order from `Figures` (which sorts each series by period, so the model's ordering through
    annual plans and terms is dropped), and a judgement's level carries its trust.
    """
    measurements = (
        Measurement.objects.for_trust(trust)
        .filter(trust_on_joins(Measurement, trust, "level"))
        .select_related("entered_by", "level")
        .order_by()
    )
    targets = (
        Target.objects.for_trust(trust)
        .filter(trust_on_joins(Target, trust, "level"))
        .select_related("level")
    )
    if kpis is not None:
        measurements = measurements.filter(kpi__in=kpis)
        targets = targets.filter(kpi__in=kpis)
    if up_to is not None:
        year = up_to.annual_plan.academic_year
        plan_ids = [p.annual_plan.pk for p in periods.years if p.annual_plan.academic_year <= year]
        measurements = measurements.filter(annual_plan_id__in=plan_ids)
        targets = targets.filter(academic_year__lte=year)
    return Figures(
        periods=periods,
        measurements=measurements,
        targets=targets,
        schools={s.pk: s for s in schools},
    )


# The dashboard -------------------------------------------------------------------------------


@dataclass
class MatrixCell:
    school: School | None
    applies: bool
    judgement: Judgement | None


@dataclass
class MatrixRow:
    kpi: Kpi
    cells: list[MatrixCell]
    trust_cell: MatrixCell | None

    @property
    def latest_period(self) -> Period | None:
        """The newest period among the row's values: cells from older periods say so."""
        found = [
            cell.judgement.period
            for cell in [*self.cells, self.trust_cell]
            if cell is not None and cell.judgement is not None and cell.judgement.period
        ]
        return max(found, key=lambda period: period.sort_key, default=None)


@dataclass
class Dashboard:
    """Where the trust stands as at a period: trust-wide values, and schools by measure."""

    as_at: Period | None
    periods: Periods
    trust_rows: list[Judgement] = field(default_factory=list)
    schools: list[School] = field(default_factory=list)
    matrix: list[MatrixRow] = field(default_factory=list)
    show_trust: bool = True
    has_kpis: bool = False
    kpis: list[Kpi] = field(default_factory=list)
    figures: Figures | None = None

    @property
    def status_counts(self) -> dict[str, int]:
        """{status key: how many trust-wide values have it}, every status present."""
        counts = {status.look.key: 0 for status in TargetStatus}
        for judgement in self.trust_rows:
            counts[judgement.status.look.key] += 1
        return counts


def default_as_at(trust: Trust, periods: Periods) -> Period | None:
    """The current plan's year, every term of it, else the latest year the trust has."""
    if not periods.years:
        return None
    current = current_annual_plan(trust)
    return (current and periods.year_of(current.pk)) or periods.years[-1]


def dashboard(
    trust: Trust,
    *,
    as_at: Period | None,
    periods: Periods,
    school_ids: set[int] | None = None,
    show_trust: bool = True,
) -> Dashboard:
    """The dashboard in a fixed number of queries, whatever the number of schools and KPIs.

    school_ids limits the matrix to those schools (None: all); show_trust=False leaves out
    every figure for the trust as a whole (for readers limited to their school).
    """
    kpis = trust_kpis(trust)
    board = Dashboard(as_at=as_at, periods=periods, show_trust=show_trust, has_kpis=bool(kpis))
    if not kpis or as_at is None:
        return board
    schools = trust_schools(trust)
    if school_ids is not None:
        schools = [s for s in schools if s.pk in school_ids]
    # Columns only for schools that some per-school measure applies to.
    per_school = [kpi for kpi in kpis if kpi.is_per_school]
    schools = [s for s in schools if any(kpi.applies_to(s.pk) for kpi in per_school)]
    figures = figures_for(trust, periods=periods, schools=schools, up_to=as_at)
    board.schools = schools
    board.kpis = kpis
    board.figures = figures
    for kpi in kpis:
        if not kpi.is_per_school:
            if show_trust:
                board.trust_rows.append(figures.latest(kpi, None, as_at))
            continue
        cells = [
            MatrixCell(
                school=school,
                applies=kpi.applies_to(school.pk),
                judgement=figures.latest(kpi, school.pk, as_at)
                if kpi.applies_to(school.pk)
                else None,
            )
            for school in schools
        ]
        if not any(cell.applies for cell in cells):
            continue
        trust_cell = None
        if show_trust:
            trust_cell = MatrixCell(
                school=None, applies=True, judgement=figures.latest(kpi, None, as_at)
            )
        board.matrix.append(MatrixRow(kpi=kpi, cells=cells, trust_cell=trust_cell))
    return board


# The KPI page --------------------------------------------------------------------------------


@dataclass
class Series:
    """A KPI's trend for the trust as a whole (school None) or for one school."""

    kpi: Kpi
    school: School | None
    points: list[TrendPoint]

    @property
    def title(self) -> str:
        return f"{self.kpi.name}: {self.school.name if self.school else 'the trust as a whole'}"

    @property
    def latest(self) -> Judgement | None:
        measured = [p.judgement for p in self.points if p.judgement.measurement]
        return measured[-1] if measured else None

    @property
    def chart_id(self) -> str:
        return f"kpi-{self.kpi.pk}-{self.school.pk if self.school else 'trust'}"


def kpi_series(
    kpi: Kpi, figures: Figures, *, schools: list[School], show_trust: bool
) -> list[Series]:
    """The trust's series first (when shown), then each school's, only those with values."""
    found = []
    if show_trust:
        found.append(Series(kpi=kpi, school=None, points=figures.trend(kpi, None)))
    if kpi.is_per_school:
        for school in schools:
            if kpi.applies_to(school.pk):
                found.append(Series(kpi=kpi, school=school, points=figures.trend(kpi, school.pk)))
    return [series for series in found if series.points]


def kpi_targets(kpi: Kpi) -> list[Target]:
    return list(
        Target.objects.filter(trust_id=kpi.trust_id, kpi=kpi)
        .filter(trust_on_joins(Target, kpi.trust_id, "school", "level"))
        .select_related("school", "set_by", "level")
        .order_by("academic_year", "school__name")
    )


def kpi_target(kpi: Kpi, *, academic_year: int, school: School | None) -> Target | None:
    return Target.objects.filter(
        trust_id=kpi.trust_id, kpi=kpi, academic_year=academic_year, school=school
    ).first()


def target_years(trust: Trust) -> list[int]:
    """The academic years a target can be set for: every year of the trust's strategic plans
    and of its annual plans, newest first (a year needs no annual plan yet)."""
    years = set(AnnualPlan.objects.for_trust(trust).values_list("academic_year", flat=True))
    for plan in StrategicPlan.objects.for_trust(trust):
        years.update(plan.academic_years)
    return sorted(years, reverse=True)


def measurement_changes(kpi: Kpi, *, school_ids: set[int] | None, limit: int = 20) -> list:
    """The latest changes to the KPI's values, from the history, newest first."""
    history = trust_on_related(
        Measurement.history.filter(trust_id=kpi.trust_id, kpi_id=kpi.pk).select_related(
            "history_user", "term", "annual_plan", "school", "level"
        ),
        kpi.trust_id,
    ).order_by("-history_date", "-history_id")
    if school_ids is not None:
        history = history.filter(school_id__in=school_ids)
    return list(history[:limit])


def existing_measurement(kpi: Kpi, *, period: Period, school: School | None) -> Measurement | None:
    return Measurement.objects.filter(
        trust_id=kpi.trust_id,
        kpi=kpi,
        annual_plan=period.annual_plan,
        term=period.term,
        school=school,
    ).first()


def period_choices(kpi: Kpi, periods: Periods) -> list[tuple[str, str]]:
    return [(p.key, p.label) for p in reversed(periods.for_frequency(kpi.is_termly))]


# The plan page ----------------------------------------------------------------------------------


def objective_kpis(trust: Trust, annual_plan: AnnualPlan) -> dict[int, list[Judgement]]:
    """{objective id: the trust-wide figure of each KPI tied to it}, as at the plan's year
    (its latest value of that year or before), in the dashboard's fixed number of queries."""
    periods = trust_periods(trust)
    as_at = periods.year_of(annual_plan.pk)
    if as_at is None or not trust_has_kpis(trust):
        return {}
    board = dashboard(trust, as_at=as_at, periods=periods)
    found: dict[int, list[Judgement]] = {}
    judged = [*board.trust_rows, *(row.trust_cell.judgement for row in board.matrix)]
    for judgement in sorted(judged, key=lambda j: (j.kpi.position, j.kpi.name)):
        if judgement.kpi.objective_id is not None:
            found.setdefault(judgement.kpi.objective_id, []).append(judgement)
    return found
