import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from objectives.models import ObjectiveStage, StrategicObjective, StrategicPlan
from objectives.services import (
    objective_create,
    objective_delete,
    objective_move,
    objective_stages_set,
    objective_update,
    strategic_plan_create,
    strategic_plan_update,
)
from plans.authoring.services import annual_plan_approve, key_focus_create
from plans.models import KeyFocus


def check_deferred_constraints() -> None:
    """Run the deferred unique checks now, as a commit would."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def test_a_strategic_plan_spans_one_to_six_years_once(mine):
    ceo = mine.users["ceo"]
    plan = strategic_plan_create(
        trust=mine.trust, title="Strategy 2023-28", start_year=2023, end_year=2028, acting_user=ceo
    )
    assert plan.academic_years == [2023, 2024, 2025, 2026, 2027]

    with pytest.raises(ValidationError) as error:
        strategic_plan_create(
            trust=mine.trust, title="Too long", start_year=2023, end_year=2031, acting_user=ceo
        )
    assert "end_year" in error.value.error_dict
    with pytest.raises(ValidationError) as error:
        strategic_plan_create(
            trust=mine.trust, title="Again", start_year=2023, end_year=2028, acting_user=ceo
        )
    assert "start_year" in error.value.error_dict
    assert StrategicPlan.objects.filter(trust=mine.trust).count() == 2


def test_a_span_cannot_shrink_past_its_annual_plans(mine):
    plan = mine.strategic_plan  # 2018-23, with the 2019-20 annual plan

    with pytest.raises(ValidationError):
        strategic_plan_update(
            plan=plan, title=plan.title, start_year=2020, end_year=2023, acting_user=None
        )
    assert StrategicPlan.objects.get(pk=plan.pk).start_year == 2018


def test_objectives_are_numbered_in_order_with_leads_by_initials(mine):
    lead, ceo = mine.people["school_lead"], mine.people["ceo"]

    objective = objective_create(
        plan=mine.strategic_plan,
        short_name="Shared services",
        statement="To add value.",
        strands="Expert support\nEconomies of scale",
        leads=[ceo, lead],
        acting_user=mine.users["ceo"],
    )

    assert objective.number == 3
    assert objective.strand_list == ["Expert support", "Economies of scale"]
    assert set(objective.leads.all()) == {ceo, lead}

    objective_update(
        objective=objective,
        short_name="Shared services",
        statement="To add value.",
        strands="",
        aims="",
        leads=[ceo],
        acting_user=mine.users["ceo"],
    )
    assert list(objective.leads.all()) == [ceo]


def test_moving_an_objective_swaps_numbers_and_renumbers_the_key_foci(mine):
    first, second = mine.objectives
    annual_plan = mine.annual_plan
    capacity_focus = key_focus_create(
        annual_plan=annual_plan, objective=second, title="Capacity focus", acting_user=None
    )
    assert (mine.key_focus.number, capacity_focus.number) == (1, 2)

    assert objective_move(objective=second, direction="up", acting_user=mine.users["ceo"])
    check_deferred_constraints()

    assert StrategicObjective.objects.get(pk=second.pk).number == 1
    assert StrategicObjective.objects.get(pk=first.pk).number == 2
    assert KeyFocus.objects.get(pk=capacity_focus.pk).number == 1
    assert KeyFocus.objects.get(pk=mine.key_focus.pk).number == 2
    assert not objective_move(objective=second, direction="up", acting_user=None)


def test_objectives_keep_their_numbers_once_a_plan_under_them_is_approved(mine):
    annual_plan_approve(
        annual_plan=mine.annual_plan, approved_on=mine.terms[0].starts_on, acting_user=None
    )

    with pytest.raises(ValidationError) as error:
        objective_move(objective=mine.objectives[1], direction="up", acting_user=None)
    assert "approved" in str(error.value)


def test_an_objective_with_actions_stays_and_an_empty_one_goes(mine):
    with pytest.raises(ValidationError):
        objective_delete(objective=mine.objectives[0], acting_user=None)

    spare = objective_create(
        plan=mine.strategic_plan, short_name="Spare", statement="Unused.", acting_user=None
    )
    objective_stages_set(
        plan=mine.strategic_plan, stages={(spare.pk, 2018): "Plan"}, acting_user=None
    )
    objective_delete(objective=spare, acting_user=mine.users["ceo"])

    assert not StrategicObjective.objects.filter(pk=spare.pk).exists()
    assert not ObjectiveStage.objects.filter(objective_id=spare.pk).exists()


def test_deleting_an_objective_moves_the_later_ones_up(mine):
    spare = objective_create(
        plan=mine.strategic_plan, short_name="Spare", statement="Unused.", acting_user=None
    )
    last = objective_create(
        plan=mine.strategic_plan, short_name="Last", statement="Kept.", acting_user=None
    )

    objective_delete(objective=spare, acting_user=None)
    check_deferred_constraints()

    assert StrategicObjective.objects.get(pk=last.pk).number == 3


def test_the_stage_grid_sets_changes_and_clears_cells(mine):
    vision = mine.objectives[0]
    plan = mine.strategic_plan

    assert (
        objective_stages_set(
            plan=plan,
            stages={(vision.pk, 2018): "Implement", (vision.pk, 2019): "Refine"},
            acting_user=None,
        )
        == 2
    )
    assert (
        objective_stages_set(
            plan=plan,
            stages={
                (vision.pk, 2018): "Implement",
                (vision.pk, 2019): "",
                (vision.pk, 2020): "Improve",
            },
            acting_user=None,
        )
        == 2
    )

    stages = dict(
        ObjectiveStage.objects.filter(objective=vision).values_list("academic_year", "stage")
    )
    assert stages == {2018: "Implement", 2020: "Improve"}


def test_a_stage_outside_the_plans_years_or_objectives_is_refused(mine, other):
    with pytest.raises(ValidationError):
        objective_stages_set(
            plan=mine.strategic_plan,
            stages={(mine.objectives[0].pk, 2030): "Plan"},
            acting_user=None,
        )
    with pytest.raises(ValidationError):
        objective_stages_set(
            plan=mine.strategic_plan,
            stages={(other.objectives[0].pk, 2019): "Plan"},
            acting_user=None,
        )
    assert not ObjectiveStage.objects.filter(trust=mine.trust).exists()


def test_an_objective_added_at_a_chosen_number_moves_that_one_and_the_later_ones_down(mine):
    first, second = mine.objectives
    capacity_focus = key_focus_create(
        annual_plan=mine.annual_plan, objective=second, title="Capacity focus", acting_user=None
    )

    new = objective_create(
        plan=mine.strategic_plan, short_name="People", statement="Grow our own.", number=1,
        acting_user=mine.users["ceo"],
    )  # fmt: skip
    check_deferred_constraints()

    numbers = dict(
        StrategicObjective.objects.filter(plan=mine.strategic_plan).values_list("pk", "number")
    )
    assert numbers == {new.pk: 1, first.pk: 2, second.pk: 3}
    # Key foci follow their objectives' order: the first objective's key focus is still 1.
    assert KeyFocus.objects.get(pk=mine.key_focus.pk).number == 1
    assert KeyFocus.objects.get(pk=capacity_focus.pk).number == 2
    history = StrategicObjective.history.filter(id=first.pk).latest("history_date")
    assert (history.number, history.history_user) == (2, mine.users["ceo"])


def test_a_number_past_the_end_takes_the_next_one_and_an_approved_plan_keeps_the_numbers(mine):
    end = objective_create(
        plan=mine.strategic_plan, short_name="Estate", statement="Safe buildings.", number=9,
        acting_user=None,
    )  # fmt: skip
    assert end.number == 3
    annual_plan_approve(
        annual_plan=mine.annual_plan, approved_on=mine.terms[0].starts_on, acting_user=None
    )

    with pytest.raises(ValidationError, match="approved, so the numbers stay"):
        objective_create(
            plan=mine.strategic_plan, short_name="Late", statement="Too late.", number=1,
            acting_user=None,
        )  # fmt: skip
    assert not StrategicObjective.objects.filter(short_name="Late").exists()
    assert StrategicObjective.objects.get(pk=mine.objectives[0].pk).number == 1
