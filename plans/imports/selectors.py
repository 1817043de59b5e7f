"""Reading imports and where one may go. Every selector starts from the trust."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet

from objectives.models import StrategicPlan, academic_year_label
from plans.imports.models import PlanImport
from plans.models import AnnualPlan
from schools.models import Trust
from trustplan.core.tenancy import access


def access_plan_import(trust: Trust, pk) -> PlanImport:
    return access(
        PlanImport.objects.select_related("trust", "annual_plan", "strategic_plan", "uploaded_by"),
        trust,
        pk,
    )


def trust_imports(trust: Trust) -> QuerySet[PlanImport]:
    return PlanImport.objects.for_trust(trust).select_related("annual_plan", "uploaded_by")


@dataclass(frozen=True)
class Destination:
    value: str
    label: str
    strategic_plan: StrategicPlan
    academic_year: int
    annual_plan: AnnualPlan | None


def destinations(trust: Trust) -> list[Destination]:
    """Where an import can go: each annual plan, and each year of a strategic plan that has no
    annual plan yet (the import starts it)."""
    plans = list(
        AnnualPlan.objects.for_trust(trust)
        .select_related("strategic_plan")
        .annotate(actions_count=Count("actions"))
        .order_by("-academic_year")
    )
    found = [
        Destination(
            f"plan:{plan.pk}",
            f"The {plan.year_label} plan ({plan.get_status_display().lower()}, "
            f"{plan.actions_count} in it now)",
            plan.strategic_plan,
            plan.academic_year,
            plan,
        )
        for plan in plans
    ]
    taken = {plan.academic_year for plan in plans}
    for strategic_plan in StrategicPlan.objects.for_trust(trust).order_by("-start_year"):
        for year in strategic_plan.academic_years:
            if year not in taken:
                found.append(
                    Destination(
                        f"year:{strategic_plan.pk}:{year}",
                        f"A new {academic_year_label(year)} plan, in {strategic_plan.title}",
                        strategic_plan,
                        year,
                        None,
                    )
                )
    return found
