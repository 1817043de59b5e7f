"""The KPI section of the board pack: the same figures and charts as the KPI pages.

Usage, from the board pack's own code and template::

    from kpis.boardpack import pack_context

    kpis = pack_context(annual_plan=annual_plan, term=term)   # dict, or None
    ...
    {% if kpis %}{% include "kpis/includes/pack_section.html" with kpis=kpis %}{% endif %}
"""

from __future__ import annotations

from kpis import selectors
from kpis.charts import series_svg
from kpis.periods import trust_periods
from kpis.status import TargetStatus
from plans.models import AnnualPlan, Term


def pack_context(
    *,
    annual_plan: AnnualPlan,
    term: Term | None,
    school_ids: set[int] | None = None,
    show_trust: bool = True,
) -> dict | None:
    """The trust's KPIs as at `term` of `annual_plan` (or the whole year when term is None).

    Returns None when the trust has no KPIs. Otherwise a dict for
    templates/kpis/includes/pack_section.html, read as `kpis` there:

    - "as_at": the period's label ("Spring 2019-20");
    - "trust_rows": kpis.selectors.Judgement for each trust-wide KPI: the latest value at or
      before the period (with its own period), target in words, comparator value and band,
      and status (.status.look gives symbol, word and colours, so colour is never alone);
    - "schools" and "matrix": per-school KPIs as rows (MatrixRow) and schools as columns,
      with the trust's overall figure last, as on the dashboard;
    - "charts": for each numeric KPI with trust-wide values, {"kpi", "title", "svg",
      "comparator"}: its trend up to the period, drawn by kpis.charts exactly as on the KPI
      page, and the comparator's name ("" for none). The SVG is self-contained: escaped labels,
      presentation attributes only, no external references, a <title> and <desc>;
    - "status_counts": {status key: count} over the trust-wide rows, and "legend": every
      target status with its symbol, word and colours;
    - "groups": the same rows placed under their strategic objective, in the objectives'
      order, then those tied to none: {"objective" (None for none), "trust_rows", "matrix",
      "histories", "charts"}; a history is a milestone's or a judgement's trust-wide values up
      to the period, as text ({"kpi", "points": [TrendPoint]}), where a number has its chart.

    Every kind of measure is here: numbers with their charts, milestones and judgements with
    their states or levels over time.

    Every figure is the trust's own (the board reads the whole trust). A local governing
    body's pack passes its schools as `school_ids` and show_trust=False: the matrix then has
    those schools' columns only, and no trust-wide row, column or chart. It runs a fixed
    number of queries whatever the number of schools and KPIs.
    """
    trust = annual_plan.trust
    if not selectors.trust_has_kpis(trust):
        return None
    periods = trust_periods(trust)
    as_at = periods.of(annual_plan.pk, term.pk if term else None)
    if as_at is None:  # a term of another plan: judge as at the whole year
        as_at = periods.year_of(annual_plan.pk)
    board = selectors.dashboard(
        trust, as_at=as_at, periods=periods, school_ids=school_ids, show_trust=show_trust
    )
    figures = board.figures
    charts = []
    histories: dict[int, dict] = {}
    for kpi in board.kpis if show_trust else []:
        if not kpi.is_numeric:
            points = [p for p in figures.trend(kpi, None) if as_at.includes(p.period)]
            if any(point.judgement.measurement for point in points):
                histories[kpi.pk] = {"kpi": kpi, "points": points}
            continue
        series = selectors.Series(
            kpi=kpi,
            school=None,
            points=[p for p in figures.trend(kpi, None) if as_at.includes(p.period)],
        )
        if any(point.judgement.measurement for point in series.points):
            charts.append(
                {
                    "kpi": kpi,
                    "title": series.title,
                    "svg": series_svg(series),
                    "comparator": kpi.comparator_label,
                }
            )
    return {
        "groups": _by_objective(board, histories, charts),
        "as_at": as_at.label,
        "annual_plan": annual_plan,
        "term": term,
        "trust_rows": board.trust_rows,
        "schools": board.schools,
        "matrix": board.matrix,
        "charts": charts,
        "status_counts": board.status_counts,
        "legend": [status.look for status in TargetStatus],
        "show_trust": show_trust,
    }


def _by_objective(board, histories: dict[int, dict], charts: list[dict]) -> list[dict]:
    """The pack's rows, histories and charts under their strategic objective, by the
    objectives' order, then those tied to none."""
    groups: dict[int | None, dict] = {}

    def group(kpi):
        objective = kpi.objective
        key = objective.pk if objective else None
        return groups.setdefault(
            key,
            {"objective": objective, "trust_rows": [], "matrix": [], "histories": [], "charts": []},
        )

    for row in board.trust_rows:
        group(row.kpi)["trust_rows"].append(row)
    for row in board.matrix:
        group(row.kpi)["matrix"].append(row)
    for kpi in board.kpis:
        if kpi.pk in histories:
            group(kpi)["histories"].append(histories[kpi.pk])
    for chart in charts:
        group(chart["kpi"])["charts"].append(chart)
    return sorted(
        groups.values(),
        key=lambda g: (
            g["objective"] is None,
            -(g["objective"].plan.start_year if g["objective"] else 0),
            g["objective"].number if g["objective"] else 0,
        ),
    )
