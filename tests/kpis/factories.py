"""Factories for KPIs, targets and measurements, each in one trust."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from kpis.models import Kpi, KpiSchool, Measurement, Target
from tests import factories as f


class KpiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kpi

    trust = factory.SubFactory(f.TrustFactory)
    name = factory.Sequence(lambda n: f"Measure {n}")
    unit = "percentage"
    direction = "higher"
    scope = "trust"
    frequency = "termly"
    tolerance = Decimal("0.5")
    position = factory.Sequence(lambda n: n)


class KpiSchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KpiSchool

    trust = factory.SelfAttribute("kpi.trust")
    kpi = factory.SubFactory(KpiFactory)
    school = factory.SubFactory(f.SchoolFactory, trust=factory.SelfAttribute("..kpi.trust"))


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    trust = factory.SelfAttribute("kpi.trust")
    kpi = factory.SubFactory(KpiFactory)
    academic_year = 2019
    kind = "absolute"
    value = Decimal("96")


class MeasurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measurement

    trust = factory.SelfAttribute("kpi.trust")
    kpi = factory.SubFactory(KpiFactory)
    annual_plan = factory.SubFactory(
        f.AnnualPlanFactory, trust=factory.SelfAttribute("..kpi.trust")
    )
    value = Decimal("95.5")
    entered_at = factory.LazyFunction(
        lambda: timezone.make_aware(datetime.datetime(2019, 12, 1, 9, 0))
    )


def milestone_kpi(world, **overrides):
    """A trust-wide, termly milestone KPI of the world's trust, tied to its first objective."""
    from kpis.services import kpi_create

    values = {
        "trust": world.trust,
        "name": "New finance system live",
        "kind": "milestone",
        "unit": "",
        "direction": "higher",
        "scope": "trust",
        "frequency": "termly",
        "objective": world.objectives[0],
        "acting_user": None,
    }
    return kpi_create(**{**values, **overrides})


def judgement_kpi(world, **overrides):
    """A trust-wide, termly judgement KPI on the scale Not yet / Partly / Fully."""
    from kpis.services import kpi_create

    values = {
        "trust": world.trust,
        "name": "Staff belong to one trust",
        "kind": "judgement",
        "levels": ["Not yet", "Partly", "Fully"],
        "unit": "",
        "direction": "higher",
        "scope": "trust",
        "frequency": "termly",
        "objective": world.objectives[0],
        "acting_user": None,
    }
    return kpi_create(**{**values, **overrides})
