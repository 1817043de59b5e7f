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
