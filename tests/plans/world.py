"""A draft plan import for each trust of the test world: a small CSV into its plan, not saved.

Saving it through the isolation walk's POST would add an action; the walk posts no data, and
the save reads the stored file, so the world's draft is one that has a problem (an owner
nobody has), and a save leaves the plan as it was.
"""

from plans.imports import services
from tests.plans.imports.documents import csv_file


def extend(world) -> None:
    data = csv_file([["1. Vision", "", "9", "An imported action", "ZZ", "", ""]])
    world.extra["plan_import"] = services.plan_import_start(
        trust=world.trust,
        file_name="plan.csv",
        data=data,
        annual_plan=world.annual_plan,
        acting_user=world.users["ceo"],
    )


def _first_column(world):
    from plans.models import PlanColumn

    return PlanColumn.objects.filter(trust=world.trust).order_by("position", "id").first().pk


OBJECT_IDS = {"import_id": lambda w: w.extra["plan_import"].pk, "column_id": _first_column}
