"""Reading imports and where one may go. Every selector starts from the trust."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from plans.models import AnnualPlan, PlanImport
from schools.models import Trust
from trustplan.core.tenancy import access


def access_plan_import(trust: Trust, pk) -> PlanImport:
    return access(
        PlanImport.objects.select_related("trust", "annual_plan__strategic_plan", "uploaded_by"),
        trust,
        pk,
    )


def trust_imports(trust: Trust) -> QuerySet[PlanImport]:
    return PlanImport.objects.for_trust(trust).select_related("annual_plan", "uploaded_by")


def destinations(trust: Trust) -> list[AnnualPlan]:
    """The annual plans an import can fill, newest first, with how many actions each has."""
    return list(
        AnnualPlan.objects.for_trust(trust)
        .select_related("strategic_plan")
        .annotate(actions_count=Count("actions"))
        .order_by("-academic_year")
    )
