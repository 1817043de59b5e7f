import datetime
import itertools

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from plans.authoring.selectors import carry_choices, changes_since_approval, plan_outline
from plans.authoring.services import (
    TermDates,
    action_create,
    action_delete,
    action_move,
    action_reinstate,
    action_revise,
    action_withdraw,
    annual_plan_approve,
    annual_plan_create,
    annual_plan_delete,
    annual_plan_mark_ready,
    annual_plan_name_live,
    annual_plan_start_next,
    key_focus_create,
    key_focus_delete,
    key_focus_move,
    key_focus_update,
    next_reference,
    terms_proposed,
    terms_set,
)
from plans.models import (
    Action,
    ActionOwner,
    ActionStatus,
    AnnualObjectiveLead,
    AnnualPlan,
    KeyFocus,
    RagRating,
    Term,
)
from plans.review.services import rating_set
from plans.services import ActionConflict
from tests import factories as f
from trustplan.core.permissions import Perms


def check_deferred_constraints() -> None:
    """Run the deferred unique checks now, as the commit would."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def numbers(world) -> list[tuple[str, int]]:
    return list(
        KeyFocus.objects.filter(annual_plan=world.annual_plan)
        .order_by("number")
        .values_list("title", "number")
    )


def texts(row) -> dict[int, str]:
    """{column id: text} of an action's columns, as stored."""
    from plans.columns import column_texts

    return column_texts(row.trust_id, actions=[row]).get(("action", row.pk), {})


def add_action(world, objective, text, owners=(), **extra) -> Action:
    return action_create(
        annual_plan=world.annual_plan,
        objective=objective,
        reference=extra.pop("reference", next_reference(world.annual_plan, objective)),
        text=text,
        owners=list(owners),
        acting_user=world.users["ceo"],
        **extra,
    )


# Key foci ----------------------------------------------------------------------------------------


def test_key_foci_are_numbered_across_the_plan_in_objective_order(mine):
    vision, capacity = mine.objectives
    ceo = mine.users["ceo"]
    KeyFocus.objects.filter(pk=mine.key_focus.pk).update(title="V1")
    key_focus_create(annual_plan=mine.annual_plan, objective=capacity, title="C1", acting_user=ceo)
    key_focus_create(annual_plan=mine.annual_plan, objective=capacity, title="C2", acting_user=ceo)

    # A new focus of the first objective goes after its own and pushes the rest down.
    added = key_focus_create(
        annual_plan=mine.annual_plan, objective=vision, title="V2", acting_user=ceo
    )
    check_deferred_constraints()

    assert added.number == 2
    assert numbers(mine) == [("V1", 1), ("V2", 2), ("C1", 3), ("C2", 4)]
    assert KeyFocus.history.filter(title="C1").latest().history_user == ceo


def test_moving_a_key_focus_swaps_it_with_its_neighbour_and_stops_at_the_ends(mine):
    vision, capacity = mine.objectives
    KeyFocus.objects.filter(pk=mine.key_focus.pk).update(title="V1")
    v2 = key_focus_create(
        annual_plan=mine.annual_plan, objective=vision, title="V2", acting_user=None
    )
    c1 = key_focus_create(
        annual_plan=mine.annual_plan, objective=capacity, title="C1", acting_user=None
    )

    assert key_focus_move(key_focus=v2, direction="up", acting_user=None)
    check_deferred_constraints()
    assert numbers(mine) == [("V2", 1), ("V1", 2), ("C1", 3)]

    # Not across objectives: V1 is last of its objective, C1 first of its.
    assert not key_focus_move(
        key_focus=KeyFocus.objects.get(title="V1"), direction="down", acting_user=None
    )
    assert not key_focus_move(key_focus=c1, direction="up", acting_user=None)
    assert numbers(mine) == [("V2", 1), ("V1", 2), ("C1", 3)]


def test_moving_a_key_focus_to_another_objective_and_deleting_one_renumber_the_rest(mine):
    vision, capacity = mine.objectives
    KeyFocus.objects.filter(pk=mine.key_focus.pk).update(title="V1")
    Action.objects.filter(key_focus=mine.key_focus).update(key_focus=None)
    v2 = key_focus_create(
        annual_plan=mine.annual_plan, objective=vision, title="V2", acting_user=None
    )
    key_focus_create(annual_plan=mine.annual_plan, objective=capacity, title="C1", acting_user=None)

    key_focus_update(
        key_focus=KeyFocus.objects.get(title="V1"), objective=capacity, title="V1", acting_user=None
    )
    check_deferred_constraints()
    assert numbers(mine) == [("V2", 1), ("C1", 2), ("V1", 3)]

    key_focus_delete(key_focus=v2, acting_user=None)
    check_deferred_constraints()
    assert numbers(mine) == [("C1", 1), ("V1", 2)]


def test_deleting_a_key_focus_keeps_its_actions_without_one(mine):
    key_focus_delete(key_focus=mine.key_focus, acting_user=mine.users["ceo"])

    action = Action.objects.get(pk=mine.lead_action.pk)
    assert action.key_focus is None
    assert action.history.latest().history_user == mine.users["ceo"]


def test_a_key_focus_of_another_plans_objective_is_refused(mine, other):
    with pytest.raises(ValidationError):
        key_focus_create(
            annual_plan=mine.annual_plan, objective=other.objectives[0], title="X", acting_user=None
        )


# Actions -----------------------------------------------------------------------------------------


def test_an_action_gets_the_next_reference_position_and_its_owners_in_order(
    mine, django_capture_on_commit_callbacks
):
    vision = mine.objectives[0]
    lead, ceo = mine.people["school_lead"], mine.people["ceo"]

    with django_capture_on_commit_callbacks(execute=True):
        action = add_action(
            mine, vision, "Grow the trust", owners=[ceo, lead], school=mine.schools[0]
        )

    assert action.reference == "3"
    assert action.position > max(a.position for a in mine.actions if a.objective == vision)
    assert [link.person for link in action.owner_links.order_by("position")] == [ceo, lead]
    # The school lead owns it, so the grant follows once it is saved.
    assert Perms(mine.users["school_lead"].memberships.get()).allows("action.change", action)


def test_an_action_reference_is_unique_under_its_objective(mine):
    with pytest.raises(ValidationError) as error:
        add_action(mine, mine.objectives[0], "Copy", reference="1")
    assert "reference" in error.value.error_dict

    add_action(mine, mine.objectives[1], "Same reference, other objective", reference="2")


def test_revising_an_action_bumps_its_version_and_a_stale_form_conflicts(
    mine, django_capture_on_commit_callbacks
):
    action = mine.other_action
    start = action.version
    fields = {
        "reference": action.reference,
        "owner_note": "",
        "school": action.school,
        "key_focus": None,
        "owners": [mine.people["ceo"]],
    }

    revised = action_revise(
        action=action,
        expected_version=start,
        text="Reworded",
        acting_user=mine.users["ceo"],
        **fields,
    )
    assert revised.version == start + 1

    with pytest.raises(ActionConflict) as conflict:
        action_revise(
            action=action, expected_version=start, text="Mine instead", acting_user=None, **fields
        )
    assert conflict.value.current.text == "Reworded"

    # Changing only the owners is a change too.
    with django_capture_on_commit_callbacks(execute=True):
        revised = action_revise(
            action=action,
            expected_version=start + 1,
            text="Reworded",
            acting_user=None,
            **{**fields, "owners": [mine.people["school_lead"]]},
        )
    assert revised.version == start + 2
    assert Perms(mine.users["school_lead"].memberships.get()).allows("action.change", action)


def test_an_unchanged_revision_writes_nothing(mine):
    action = mine.other_action
    before = Action.history.filter(id=action.pk).count()

    action_revise(
        action=action,
        expected_version=action.version,
        reference=action.reference,
        text=action.text,
        owners=[mine.people["ceo"]],
        owner_note="",
        school=action.school,
        key_focus=None,
        acting_user=None,
    )

    assert Action.history.filter(id=action.pk).count() == before
    assert Action.objects.get(pk=action.pk).version == action.version


def test_moving_an_action_reorders_its_objective_without_a_history_entry(mine):
    vision = mine.objectives[0]
    third = add_action(mine, vision, "Third")
    before = Action.history.filter(id=third.pk).count()

    assert action_move(action=third, direction="up", acting_user=None)

    order = list(
        Action.objects.filter(annual_plan=mine.annual_plan, objective=vision)
        .order_by("position", "id")
        .values_list("pk", flat=True)
    )
    assert order == [mine.lead_action.pk, third.pk, mine.school_action.pk]
    assert Action.history.filter(id=third.pk).count() == before
    assert not action_move(action=mine.lead_action, direction="up", acting_user=None)


# Removing things never loses ratings -------------------------------------------------------------


def test_deleting_an_action_with_ratings_is_refused_and_withdrawing_it_works(mine):
    action = mine.lead_action
    ratings = RagRating.objects.filter(action=action).count()
    assert ratings

    with pytest.raises(ValidationError) as error:
        action_delete(action=action, acting_user=mine.users["ceo"])
    assert "withdraw it instead" in str(error.value)
    assert Action.objects.filter(pk=action.pk).exists()

    action_withdraw(action=action, reason="Merged into 1.2.", acting_user=mine.users["ceo"])

    withdrawn = Action.objects.get(pk=action.pk)
    assert withdrawn.status == ActionStatus.WITHDRAWN
    assert withdrawn.withdrawn_at is not None and withdrawn.withdrawn_reason == "Merged into 1.2."
    assert RagRating.objects.filter(action=action).count() == ratings
    assert withdrawn.history.latest().history_user == mine.users["ceo"]
    # Still in the plan (for history and past packs), but no longer rated.
    assert withdrawn.pk in [a.pk for s in plan_outline(mine.annual_plan) for a in s.actions]
    with pytest.raises(ValidationError):
        rating_set(
            action=withdrawn, term=mine.terms[1], status="green", commentary="", acting_user=None
        )

    action_reinstate(action=withdrawn, acting_user=None)
    assert Action.objects.get(pk=action.pk).status == ActionStatus.ACTIVE


def test_withdrawing_needs_a_reason(mine):
    with pytest.raises(ValidationError) as error:
        action_withdraw(action=mine.lead_action, reason="  ", acting_user=None)
    assert "reason" in error.value.error_dict


def test_a_draft_action_without_ratings_can_be_deleted_but_not_once_approved(mine):
    draft = add_action(mine, mine.objectives[1], "A thought", owners=[mine.people["ceo"]])

    action_delete(action=draft, acting_user=mine.users["ceo"])
    assert not Action.objects.filter(pk=draft.pk).exists()
    assert not ActionOwner.objects.filter(action_id=draft.pk).exists()

    late = add_action(mine, mine.objectives[1], "Another thought")
    annual_plan_approve(
        annual_plan=mine.annual_plan, approved_on=datetime.date(2019, 7, 10), acting_user=None
    )
    with pytest.raises(ValidationError):
        action_delete(action=late, acting_user=None)


# The plan's life: create, ready, approve, changes after approval ---------------------------------


def test_a_new_annual_plan_gets_its_terms_from_the_trusts_scheme(mine):
    plan = annual_plan_create(
        strategic_plan=mine.strategic_plan, academic_year=2020, acting_user=None
    )

    terms = list(Term.objects.filter(annual_plan=plan).order_by("number"))
    assert [t.name for t in terms] == ["Autumn", "Spring", "Summer"]
    assert terms[0].starts_on.year == 2020 and terms[-1].ends_on.year == 2021
    for term in terms:
        assert term.starts_on.weekday() < 5 and term.ends_on.weekday() < 5
        assert term.starts_on <= term.rating_deadline <= term.ends_on
    for earlier, later in itertools.pairwise(terms):
        assert earlier.ends_on < later.starts_on


def test_six_half_terms_are_proposed_for_a_trust_that_reviews_half_termly(mine):
    mine.trust.term_scheme = "six"

    proposed = terms_proposed(mine.trust, 2021)

    assert [t.name for t in proposed][:2] == ["Autumn 1", "Autumn 2"]
    assert len(proposed) == 6
    assert all(a.ends_on < b.starts_on for a, b in itertools.pairwise(proposed))


@pytest.mark.parametrize(("year", "message"), [(2017, "outside"), (2019, "already")])
def test_an_annual_plan_outside_the_span_or_for_a_taken_year_is_refused(mine, year, message):
    with pytest.raises(ValidationError) as error:
        annual_plan_create(strategic_plan=mine.strategic_plan, academic_year=year, acting_user=None)
    assert message in str(error.value)


def test_terms_with_ratings_are_not_removed_and_overlaps_are_refused(mine):
    autumn, spring = mine.terms
    keep = [
        TermDates("Autumn", autumn.starts_on, autumn.ends_on, autumn.rating_deadline),
        TermDates("Spring", spring.starts_on, spring.ends_on, spring.rating_deadline),
    ]
    overlapping = [keep[0], TermDates("Spring", autumn.ends_on, spring.ends_on, None)]

    with pytest.raises(ValidationError) as error:
        terms_set(annual_plan=mine.annual_plan, terms=overlapping, acting_user=None)
    assert "starts before" in str(error.value)
    f.RatingFactory(trust=mine.trust, action=mine.lead_action, term=spring, status="green")
    with pytest.raises(ValidationError) as error:
        terms_set(annual_plan=mine.annual_plan, terms=keep[:1], acting_user=None)
    assert "Spring already has ratings" in str(error.value)
    assert Term.objects.filter(pk=spring.pk).exists()

    summer = TermDates("Summer", datetime.date(2020, 4, 20), datetime.date(2020, 7, 17), None)
    saved = terms_set(annual_plan=mine.annual_plan, terms=[*keep, summer], acting_user=None)
    assert [t.name for t in saved] == ["Autumn", "Spring", "Summer"]


def test_a_plan_is_marked_ready_then_approved(mine):
    plan = annual_plan_create(
        strategic_plan=mine.strategic_plan, academic_year=2021, acting_user=None
    )
    with pytest.raises(ValidationError):
        annual_plan_mark_ready(annual_plan=plan, acting_user=None)  # no actions yet

    annual_plan_mark_ready(annual_plan=mine.annual_plan, acting_user=None)
    annual_plan_approve(
        annual_plan=mine.annual_plan, approved_on=datetime.date(2019, 9, 20), acting_user=None
    )

    plan = AnnualPlan.objects.get(pk=mine.annual_plan.pk)
    assert (plan.status, plan.approved_on) == ("approved", datetime.date(2019, 9, 20))


def test_changes_after_approval_are_listed_with_old_and_new_text_and_who(mine):
    ceo = mine.users["ceo"]
    action = mine.other_action
    action_revise(
        action=action, expected_version=action.version, reference=action.reference,
        text="Changed before approval", owners=[mine.people["ceo"]],
        owner_note="", school=action.school, key_focus=None, acting_user=ceo,
    )  # fmt: skip
    annual_plan_approve(
        annual_plan=mine.annual_plan, approved_on=datetime.date(2019, 9, 20), acting_user=ceo
    )
    assert changes_since_approval(AnnualPlan.objects.get(pk=mine.annual_plan.pk)) == []

    action = Action.objects.get(pk=action.pk)
    action_revise(
        action=action, expected_version=action.version, reference=action.reference,
        text="Changed after approval", owners=[mine.people["ceo"]],
        owner_note="", school=action.school, key_focus=None, acting_user=ceo,
    )  # fmt: skip
    key_focus_update(
        key_focus=mine.key_focus, objective=mine.objectives[0], title="Sharper", acting_user=ceo
    )
    added = add_action(mine, mine.objectives[1], "Added after approval")
    action_withdraw(action=mine.school_action, reason="No longer needed", acting_user=ceo)

    changes = changes_since_approval(AnnualPlan.objects.get(pk=mine.annual_plan.pk))

    text_change = next(c for c in changes if c.field == "Action" and c.kind == "changed")
    assert (text_change.old, text_change.new) == (
        "Changed before approval",
        "Changed after approval",
    )
    assert text_change.who == ceo
    assert text_change.what == f"Action 2.{action.reference}"
    focus_change = next(c for c in changes if c.field == "Key focus")
    assert focus_change.new == "Sharper"
    assert any(c.kind == "created" and c.what.endswith(added.reference) for c in changes)
    assert any(c.field == "Status" and c.new == "Withdrawn" for c in changes)
    assert [c.when for c in changes] == sorted(c.when for c in changes)


# Next year from this year ------------------------------------------------------------------------


def snapshot_of(plan) -> dict:
    return {
        "plan": list(AnnualPlan.objects.filter(pk=plan.pk).values()),
        "actions": list(Action.objects.filter(annual_plan=plan).order_by("pk").values()),
        "foci": list(KeyFocus.objects.filter(annual_plan=plan).order_by("pk").values()),
        "ratings": list(RagRating.objects.filter(action__annual_plan=plan).order_by("pk").values()),
        "owners": list(
            ActionOwner.objects.filter(action__annual_plan=plan).order_by("pk").values()
        ),
    }


def test_by_default_next_year_carries_the_actions_not_complete_nor_withdrawn(mine):
    f.RatingFactory(
        trust=mine.trust, action=mine.lead_action, term=mine.terms[1], status="complete"
    )
    action_withdraw(action=mine.other_action, reason="Done differently", acting_user=None)

    chosen = {c.action.pk for c in carry_choices(mine.annual_plan) if c.chosen}

    assert chosen == {mine.school_action.pk}


def test_next_year_copies_exactly_the_chosen_actions_and_links_them(
    mine, django_capture_on_commit_callbacks
):
    source = mine.annual_plan
    AnnualObjectiveLead.objects.create(
        trust=mine.trust,
        annual_plan=source,
        objective=mine.objectives[0],
        person=mine.people["ceo"],
    )
    before = snapshot_of(source)
    chosen = [mine.lead_action, mine.other_action]

    with django_capture_on_commit_callbacks(execute=True):
        new_plan = annual_plan_start_next(
            source=source, actions=chosen, title="Year five", acting_user=mine.users["ceo"]
        )

    assert (new_plan.academic_year, new_plan.strategic_plan, new_plan.status) == (
        2020,
        source.strategic_plan,
        "draft",
    )
    carried = list(Action.objects.filter(annual_plan=new_plan).order_by("carried_from_id"))
    assert [a.carried_from_id for a in carried] == sorted(a.pk for a in chosen)
    for copy in carried:
        original = copy.carried_from
        assert (copy.objective_id, copy.reference, copy.text, texts(copy), copy.school_id) == (
            original.objective_id, original.reference, original.text, texts(original),
            original.school_id,
        )  # fmt: skip
        assert list(copy.owners.all()) == list(original.owners.all())
        assert copy.status == ActionStatus.ACTIVE and not copy.ratings.exists()
    foci = list(KeyFocus.objects.filter(annual_plan=new_plan).values_list("number", "title"))
    assert foci == [(mine.key_focus.number, mine.key_focus.title)]
    lead_copy = next(a for a in carried if a.carried_from_id == mine.lead_action.pk)
    assert lead_copy.key_focus.annual_plan_id == new_plan.pk
    assert AnnualObjectiveLead.objects.filter(annual_plan=new_plan).count() == 1
    assert Term.objects.filter(annual_plan=new_plan).count() == 3
    # The lead still owns next year's copy, so may change it.
    assert Perms(mine.users["school_lead"].memberships.get()).allows("action.change", lead_copy)
    assert snapshot_of(source) == before


def test_next_year_refuses_another_plans_actions_and_a_year_outside_the_strategy(mine, other):
    with pytest.raises(ValidationError):
        annual_plan_start_next(
            source=mine.annual_plan, actions=[other.lead_action], acting_user=None
        )
    assert not AnnualPlan.objects.filter(trust=mine.trust, academic_year=2020).exists()

    last = AnnualPlan.objects.create(
        trust=mine.trust, strategic_plan=mine.strategic_plan, academic_year=2022
    )
    with pytest.raises(ValidationError) as error:
        annual_plan_start_next(source=last, actions=[], acting_user=None)
    assert "outside" in str(error.value)


def test_a_reference_of_digits_that_are_not_plain_numbers_leaves_the_next_reference_working(mine):
    vision = mine.objectives[0]
    # "2²" and "٣" are digits to str.isdigit() but not numbers int() reads the same way.
    f.ActionFactory(
        trust=mine.trust, annual_plan=mine.annual_plan, objective=vision, reference="2²"
    )

    assert next_reference(mine.annual_plan, vision) == "3"


# Which year is live, and deleting a draft --------------------------------------------------


def test_the_ceo_names_another_plan_live_and_can_give_the_choice_back_to_the_calendar(mine):
    from plans.selectors import current_annual_plan

    ceo = mine.users["ceo"]
    draft = annual_plan_create(
        strategic_plan=mine.strategic_plan, academic_year=2020, acting_user=ceo
    )
    assert current_annual_plan(mine.trust) == mine.annual_plan

    assert annual_plan_name_live(annual_plan=draft, live=True, acting_user=ceo)
    assert current_annual_plan(mine.trust) == draft
    # Naming the other one moves the name: never two live plans.
    assert annual_plan_name_live(annual_plan=mine.annual_plan, live=True, acting_user=ceo)
    assert list(AnnualPlan.objects.filter(trust=mine.trust, named_live=True)) == [mine.annual_plan]
    assert annual_plan_name_live(annual_plan=mine.annual_plan, live=False, acting_user=ceo)
    assert not AnnualPlan.objects.filter(trust=mine.trust, named_live=True).exists()
    assert current_annual_plan(mine.trust) == mine.annual_plan
    assert not annual_plan_name_live(annual_plan=mine.annual_plan, live=False, acting_user=ceo)


def test_only_the_ceo_names_the_live_plan(mine):
    with pytest.raises(ValidationError, match="Only the CEO"):
        annual_plan_name_live(
            annual_plan=mine.annual_plan, live=True, acting_user=mine.users["admin"]
        )
    assert not AnnualPlan.objects.filter(trust=mine.trust, named_live=True).exists()


def test_the_database_refuses_a_second_live_plan(mine):
    from django.db import IntegrityError, transaction

    draft = f.AnnualPlanFactory(
        trust=mine.trust, strategic_plan=mine.strategic_plan, academic_year=2020, named_live=True
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        AnnualPlan.objects.filter(pk=mine.annual_plan.pk).update(named_live=True)
    assert list(AnnualPlan.objects.filter(trust=mine.trust, named_live=True)) == [draft]


def test_a_draft_plan_nobody_has_rated_is_deleted_with_its_terms_and_actions(mine):
    ceo = mine.users["ceo"]
    draft = annual_plan_create(
        strategic_plan=mine.strategic_plan, academic_year=2020, acting_user=ceo
    )
    f.ActionFactory(trust=mine.trust, annual_plan=draft, objective=mine.objectives[0])

    annual_plan_delete(annual_plan=draft, acting_user=ceo)

    assert not AnnualPlan.objects.filter(trust=mine.trust, academic_year=2020).exists()
    assert not Term.objects.filter(trust=mine.trust, annual_plan_id=draft.pk).exists()
    assert not Action.objects.filter(trust=mine.trust, annual_plan_id=draft.pk).exists()
    assert AnnualPlan.history.filter(id=draft.pk, history_type="-").get().history_user == ceo


@pytest.mark.parametrize("case", ["rated", "ready"])
def test_a_rated_or_sent_plan_is_not_deleted_and_nothing_changes(mine, case):
    ceo = mine.users["ceo"]
    plan = mine.annual_plan
    if case == "ready":
        plan = annual_plan_create(
            strategic_plan=mine.strategic_plan, academic_year=2020, acting_user=ceo
        )
        f.ActionFactory(trust=mine.trust, annual_plan=plan, objective=mine.objectives[0])
        annual_plan_mark_ready(annual_plan=plan, acting_user=ceo)
    actions = Action.objects.filter(trust=mine.trust, annual_plan=plan).count()

    message = "has ratings" if case == "rated" else "only a draft plan can be deleted"
    with pytest.raises(ValidationError, match=message):
        annual_plan_delete(annual_plan=plan, acting_user=ceo)
    assert Action.objects.filter(trust=mine.trust, annual_plan=plan).count() == actions


# Pasting a list of actions -----------------------------------------------------------------


def test_a_pasted_list_loses_its_bullets_numbers_and_empty_lines():
    from plans.authoring.services import action_lines_read

    pasted = "• Review contracts\r\n\r\n3) Train governors\n - Audit the estate \n1.2 Keep me whole"

    assert action_lines_read(pasted) == [
        "Review contracts", "Train governors", "Audit the estate", "1.2 Keep me whole",
    ]  # fmt: skip


def test_pasted_lines_become_actions_under_the_key_focus_with_the_next_references(mine):
    from plans.authoring.services import actions_create_from_lines

    focus, objective = mine.key_focus, mine.key_focus.objective
    before = next_reference(mine.annual_plan, objective)

    made = actions_create_from_lines(
        key_focus=focus, lines=["Review contracts", "Train governors"],
        acting_user=mine.users["ceo"],
    )  # fmt: skip

    assert [(a.reference, a.text, a.key_focus_id) for a in made] == [
        (before, "Review contracts", focus.pk),
        (str(int(before) + 1), "Train governors", focus.pk),
    ]
    assert all(a.history.get().history_user == mine.users["ceo"] for a in made)


def test_too_many_pasted_lines_are_refused_and_nothing_is_added(mine):
    from plans.authoring.services import PASTE_MAX_LINES, actions_create_from_lines

    count = Action.objects.filter(trust=mine.trust).count()
    with pytest.raises(ValidationError, match=f"at most {PASTE_MAX_LINES} lines"):
        actions_create_from_lines(
            key_focus=mine.key_focus, lines=["x"] * (PASTE_MAX_LINES + 1), acting_user=None
        )
    assert Action.objects.filter(trust=mine.trust).count() == count
