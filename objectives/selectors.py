"""Reading strategic plans and their objectives. Every selector starts from the trust."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Max, Prefetch, QuerySet

from objectives.models import (
    ObjectiveLead,
    ObjectiveStage,
    StrategicObjective,
    StrategicPlan,
    academic_year_label,
)
from schools.models import Trust
from trustplan.core.tenancy import access


def access_strategic_plan(trust: Trust, pk) -> StrategicPlan:
    return access(StrategicPlan.objects.all(), trust, pk)


def access_objective(trust: Trust, pk) -> StrategicObjective:
    return access(StrategicObjective.objects.select_related("plan"), trust, pk)


def strategic_plans(trust: Trust) -> QuerySet[StrategicPlan]:
    return StrategicPlan.objects.for_trust(trust).order_by("-start_year")


def objectives_of(plan: StrategicPlan) -> QuerySet[StrategicObjective]:
    """The plan's objectives in order, with their leads and stages: three queries."""
    return (
        StrategicObjective.objects.filter(trust_id=plan.trust_id, plan=plan)
        .prefetch_related(
            Prefetch(
                "lead_links",
                ObjectiveLead.objects.filter(trust_id=plan.trust_id, person__trust_id=plan.trust_id)
                .select_related("person")
                .order_by("id"),
            ),
            Prefetch("stages", ObjectiveStage.objects.filter(trust_id=plan.trust_id)),
        )
        .order_by("number")
    )


def lead_initials(objective: StrategicObjective) -> str:
    """ "AL/CS" from the prefetched leads."""
    return "/".join(link.person.initials for link in objective.lead_links.all())


@dataclass
class StageRow:
    objective: StrategicObjective
    cells: list[tuple[int, str, str]]  # (academic year, stage or "", outline or "")


def stage_grid(plan: StrategicPlan, objectives: list[StrategicObjective]) -> list[StageRow]:
    """One row per objective, one cell per academic year of the plan (from prefetched stages)."""
    rows = []
    for objective in objectives:
        stages = {s.academic_year: s for s in objective.stages.all()}
        cells = []
        for year in plan.academic_years:
            found = stages.get(year)
            cells.append((year, found.stage if found else "", found.outline if found else ""))
        rows.append(StageRow(objective, cells))
    return rows


def year_labels(plan: StrategicPlan) -> list[tuple[int, str]]:
    return [(year, academic_year_label(year)) for year in plan.academic_years]


def next_objective_number(plan: StrategicPlan) -> int:
    """The number a new objective of the plan takes when none is chosen."""
    highest = StrategicObjective.objects.filter(trust_id=plan.trust_id, plan=plan).aggregate(
        n=Max("number")
    )["n"]
    return (highest or 0) + 1


def stages_in_year(
    trust: Trust | int, strategic_plan_id: int, year: int
) -> dict[int, ObjectiveStage]:
    """{objective id: its stage and outline} for one academic year of a strategic plan."""
    return {
        stage.objective_id: stage
        for stage in ObjectiveStage.objects.filter(
            trust_id=getattr(trust, "pk", trust),
            objective__plan_id=strategic_plan_id,
            academic_year=year,
        )
    }
