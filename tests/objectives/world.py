"""How to fill the strategic and annual plan authoring URLs from the test world."""


def extend(world) -> None:
    """The world's plans, objectives and key focus are enough; nothing to add."""


OBJECT_IDS = {
    "plan_id": lambda w: w.strategic_plan.pk,
    "objective_id": lambda w: w.objectives[0].pk,
    "annual_plan_id": lambda w: w.annual_plan.pk,
    "key_focus_id": lambda w: w.key_focus.pk,
}
