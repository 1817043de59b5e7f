"""Reading annual plans for the people who write them. Every selector starts from the trust."""

from __future__ import annotations

import copy
import datetime
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone

from objectives.models import StrategicObjective, StrategicPlan
from plans.columns import attach_cells, trust_columns
from plans.models import (
    Action,
    ActionStatus,
    AnnualPlan,
    AnnualPlanStatus,
    ColumnValue,
    KeyFocus,
    PlanColumn,
    Rag,
    RagRating,
)
from plans.selectors import (
    action_ratings,
    column_changes,
    owner_initials,
    plan_actions,
    plan_terms,
    ratings_by_term,
)
from schools.models import School, Trust
from trustplan.core.history import Change, changes


def trust_annual_plans(trust: Trust) -> QuerySet[AnnualPlan]:
    return (
        AnnualPlan.objects.for_trust(trust)
        .select_related("strategic_plan")
        .order_by("-academic_year")
    )


def trust_strategic_plans(trust: Trust) -> QuerySet[StrategicPlan]:
    return StrategicPlan.objects.for_trust(trust).order_by("-start_year")


def open_years(trust: Trust) -> list[tuple[StrategicPlan, int]]:
    """(strategic plan, academic year) for each year of a strategic plan with no annual plan."""
    taken = set(AnnualPlan.objects.for_trust(trust).values_list("academic_year", flat=True))
    return [
        (plan, year)
        for plan in trust_strategic_plans(trust)
        for year in plan.academic_years
        if year not in taken
    ]


def plan_objectives(annual_plan: AnnualPlan) -> QuerySet[StrategicObjective]:
    return StrategicObjective.objects.filter(
        trust_id=annual_plan.trust_id, plan_id=annual_plan.strategic_plan_id
    ).order_by("number")


def plan_key_foci(annual_plan: AnnualPlan) -> QuerySet[KeyFocus]:
    return KeyFocus.objects.filter(trust_id=annual_plan.trust_id, annual_plan=annual_plan).order_by(
        "number", "id"
    )


@dataclass
class ObjectiveOutline:
    objective: StrategicObjective
    key_foci: list[KeyFocus] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)


def plan_outline(annual_plan: AnnualPlan) -> list[ObjectiveOutline]:
    """Each objective of the plan with its key foci and actions (owners, ratings) in order.

    A fixed number of queries whatever the plan's size. Each action gets `owners_text`
    ("AL/CS Principals") and `has_ratings`; each row its `column_cells` (plans.columns).
    """
    outline = {o.pk: ObjectiveOutline(o) for o in plan_objectives(annual_plan)}
    columns = trust_columns(annual_plan.trust_id)
    foci = {}
    for focus in plan_key_foci(annual_plan):
        foci[focus.pk] = focus
        if focus.objective_id in outline:
            outline[focus.objective_id].key_foci.append(focus)
    schools = {s.pk: s for s in School.objects.filter(trust_id=annual_plan.trust_id)}
    actions = plan_actions(annual_plan)
    # Every column's text, the objectives', the key foci's and the actions' (one query).
    attach_cells(
        annual_plan.trust_id,
        columns,
        actions=actions,
        key_foci=foci.values(),
        objectives=[o.objective for o in outline.values()],
    )
    for action in actions:
        # The page shows each action's school and key focus: share the rows fetched once.
        action.school = schools.get(action.school_id)
        action.key_focus = foci.get(action.key_focus_id)
        action.owners_text = owner_initials(action)
        action.has_ratings = bool(action_ratings(action))
        if action.objective_id in outline:
            outline[action.objective_id].actions.append(action)
    return list(outline.values())


def next_year_possible(annual_plan: AnnualPlan) -> bool:
    """Whether "start next year from this one" can be offered: the next year is in the
    strategic plan and has no plan yet."""
    year = annual_plan.academic_year + 1
    return year in annual_plan.strategic_plan.academic_years and not (
        AnnualPlan.objects.filter(trust_id=annual_plan.trust_id, academic_year=year).exists()
    )


def latest_status(action: Action, terms: list) -> str:
    """The action's rating in the latest term that rated it ("" if never rated)."""
    ratings = ratings_by_term(action)
    for term in reversed(terms):
        rating = ratings.get(term.pk)
        if rating and rating.status:
            return rating.status
    return ""


@dataclass
class CarryChoice:
    action: Action
    owners: str
    latest: str
    chosen: bool


def carry_choices(annual_plan: AnnualPlan) -> list[CarryChoice]:
    """Every action of the plan, marked chosen when it should carry into next year by
    default: active, and not rated complete in its latest rated term."""
    terms = plan_terms(annual_plan)
    choices = []
    for action in plan_actions(annual_plan):
        latest = latest_status(action, terms)
        choices.append(
            CarryChoice(
                action=action,
                owners=owner_initials(action),
                latest=latest,
                chosen=action.status == ActionStatus.ACTIVE and latest != Rag.COMPLETE,
            )
        )
    return choices


@dataclass
class YearOfAction:
    action: Action
    ratings: list  # [(term, rating or None)]


def action_lineage(action: Action) -> list[YearOfAction]:
    """The earlier years' actions this one was carried from, oldest first, with their ratings."""
    years = []
    seen = {action.pk}
    current = action
    while current.carried_from_id and current.carried_from_id not in seen:
        earlier = (
            Action.objects.filter(trust_id=action.trust_id, pk=current.carried_from_id)
            .select_related("annual_plan", "objective")
            .prefetch_related("ratings__term")
            .first()
        )
        if earlier is None:
            break
        seen.add(earlier.pk)
        ratings = ratings_by_term(earlier)
        terms = plan_terms(earlier.annual_plan)
        years.append(YearOfAction(earlier, [(t, ratings.get(t.pk)) for t in terms]))
        current = earlier
    return list(reversed(years))


# Changes after approval, for the next board pack ---------------------------------------------


def approval_moment(annual_plan: AnnualPlan) -> datetime.datetime | None:
    """When the plan's approval was recorded: the history entry that made it approved, else
    the end of the approval day."""
    if not annual_plan.is_approved:
        return None
    records = AnnualPlan.history.filter(id=annual_plan.pk, trust_id=annual_plan.trust_id).order_by(
        "history_date", "history_id"
    )
    moment = None
    was_approved = False
    for record in records.only("status", "history_date"):
        approved = record.status == AnnualPlanStatus.APPROVED
        if approved and not was_approved:
            moment = record.history_date
        was_approved = approved or record.status == AnnualPlanStatus.CLOSED
    if moment is None and annual_plan.approved_on:
        next_day = annual_plan.approved_on + datetime.timedelta(days=1)
        moment = timezone.make_aware(datetime.datetime.combine(next_day, datetime.time()))
    return moment


def _since(records, moment) -> list:
    """Per object: the last record at or before `moment` (as a plain change, the baseline)
    and every record after it."""
    kept, baseline = [], {}
    for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
        if record.history_date <= moment:
            baseline[record.id] = record
        else:
            kept.append(record)
    ids_after = {r.id for r in kept}
    for object_id, record in baseline.items():
        if object_id in ids_after:
            plain = copy.copy(record)
            plain.history_type = "~"  # existed at approval: not "created" since then
            kept.append(plain)
    return kept


def changes_since_approval(annual_plan: AnnualPlan) -> list[Change]:
    """Actions and key foci reworded, added or withdrawn after the plan was approved, oldest
    first: each with the old and new text and who changed it. For the next board pack."""
    moment = approval_moment(annual_plan)
    if moment is None:
        return []
    labels = annual_plan.trust.labels
    numbers = dict(plan_objectives(annual_plan).values_list("pk", "number"))
    scope = {"trust_id": annual_plan.trust_id, "annual_plan_id": annual_plan.pk}
    action_records = Action.history.filter(**scope).select_related("history_user")
    focus_records = KeyFocus.history.filter(**scope).select_related("history_user")
    found = changes(
        _since(action_records, moment),
        {
            "reference": "Reference",
            "text": labels["action"],
            "owner_note": "Owner note",
            "status": "Status",
            "withdrawn_reason": "Reason for withdrawal",
        },
        describe=lambda r: f"{labels['action']} {numbers.get(r.objective_id, '?')}.{r.reference}",
        show=lambda r, name: ActionStatus(r.status).label if name == "status" else getattr(r, name),
    )
    found += changes(
        _since(focus_records, moment),
        {"title": labels["key_focus"]},
        describe=lambda r: f"{labels['key_focus']} {r.number}",
    )
    # Their columns' text: each value's history read whole, the changes after approval kept.
    names = {
        ("action", a.pk): f"{labels['action']} {numbers.get(a.objective_id, '?')}.{a.reference}"
        for a in Action.objects.filter(**scope)
    }
    names |= {
        ("key_focus", f.pk): f"{labels['key_focus']} {f.number}"
        for f in KeyFocus.objects.filter(**scope)
    }
    value_records = ColumnValue.history.filter(trust_id=annual_plan.trust_id).filter(
        Q(action__annual_plan_id=annual_plan.pk) | Q(key_focus__annual_plan_id=annual_plan.pk)
    )
    column_names = dict(
        PlanColumn.objects.filter(trust_id=annual_plan.trust_id).values_list("id", "name")
    )
    found += [
        change
        for change in column_changes(
            value_records.select_related("history_user"),
            column_names,
            lambda r: names.get((r.level, r.action_id or r.key_focus_id), ""),
        )
        if change.when > moment
    ]
    return sorted(found, key=lambda c: c.when)


def plan_has_ratings(annual_plan: AnnualPlan) -> bool:
    return RagRating.objects.filter(
        trust_id=annual_plan.trust_id,
        term__trust_id=annual_plan.trust_id,
        term__annual_plan=annual_plan,
    ).exists()
