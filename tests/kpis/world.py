"""KPIs for the shared test world: one trust-wide, one measured for the lead's school alone.

The per-school KPI is what the school lead may define and enter and the governor may read;
the trust-wide one is outside both of their scopes.
"""

from decimal import Decimal

from kpis.periods import trust_periods
from kpis.services import kpi_create, measurement_record, target_set


def extend(world) -> None:
    trust = world.trust
    periods = trust_periods(trust)
    autumn = periods.of(world.annual_plan.pk, world.terms[0].pk)
    trust_kpi = kpi_create(
        trust=trust,
        name="In-year surplus",
        unit="percentage",
        direction="higher",
        scope="trust",
        frequency="termly",
        objective=world.objectives[1],
        tolerance=Decimal("0.5"),
        acting_user=None,
    )
    school_kpi = kpi_create(
        trust=trust,
        name="Attendance",
        unit="percentage",
        direction="higher",
        scope="school",
        schools=[world.schools[0]],
        frequency="termly",
        comparator_kind="national",
        tolerance=Decimal("0.5"),
        at_band=Decimal("0.2"),
        significant_band=Decimal("1"),
        acting_user=None,
    )
    target_set(
        kpi=trust_kpi,
        academic_year=world.annual_plan.academic_year,
        school=None,
        kind="absolute",
        value=Decimal("1"),
        acting_user=None,
    )
    target_set(
        kpi=school_kpi,
        academic_year=world.annual_plan.academic_year,
        school=None,
        kind="relative",
        value=Decimal("1"),
        acting_user=None,
    )
    measurement_record(
        kpi=trust_kpi, period=autumn, school=None, value=Decimal("1.2"), acting_user=None
    )
    measurement_record(
        kpi=school_kpi,
        period=autumn,
        school=world.schools[0],
        value=Decimal("96.4"),
        comparator_value=Decimal("96.0"),
        acting_user=None,
    )
    world.extra["trust_kpi"] = trust_kpi
    world.extra["school_kpi"] = school_kpi


OBJECT_IDS = {"kpi_id": lambda w: w.extra["school_kpi"].pk}
OUT_OF_SCOPE_IDS = {"kpi_id": lambda w: w.extra["trust_kpi"].pk}
