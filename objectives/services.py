"""Writing strategic plans: their span, numbered objectives, leads and yearly stages."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max

from objectives.models import (
    OUTLINE_MAX_LENGTH,
    STAGE_MAX_LENGTH,
    ObjectiveLead,
    ObjectiveStage,
    StrategicObjective,
    StrategicPlan,
    academic_year_label,
)
from plans.authoring.services import DOWN, UP, key_foci_renumber
from plans.columns import column_values_set
from plans.models import Action, AnnualPlan, AnnualPlanStatus, KeyFocus
from schools.models import Person, Trust
from trustplan.core.history import as_user
from trustplan.core.locks import lock_parent


def _check_span(plan: StrategicPlan) -> None:
    errors = {}
    if plan.end_year <= plan.start_year:
        errors["end_year"] = "The plan must end after it starts."
    elif plan.end_year > plan.start_year + 6:
        errors["end_year"] = "A strategic plan spans one to six academic years."
    clash = (
        StrategicPlan.objects.for_trust(plan.trust_id)
        .filter(start_year=plan.start_year, end_year=plan.end_year)
        .exclude(pk=plan.pk)
        .exists()
    )
    if clash:
        errors["start_year"] = f"There is already a {plan.span_label} strategic plan."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def strategic_plan_create(
    *, trust: Trust, title: str, start_year: int, end_year: int, acting_user
) -> StrategicPlan:
    """A draft strategic plan over academic years start_year to end_year (2018-23)."""
    plan = StrategicPlan(trust=trust, title=title.strip(), start_year=start_year, end_year=end_year)
    _check_span(plan)
    plan.full_clean()
    as_user(plan, acting_user).save()
    return plan


@transaction.atomic
def strategic_plan_update(
    *, plan: StrategicPlan, title: str, start_year: int, end_year: int, acting_user
) -> bool:
    """Rename a plan or change its span; its annual plans must stay inside the span."""
    values = {"title": title.strip(), "start_year": start_year, "end_year": end_year}
    if all(getattr(plan, k) == v for k, v in values.items()):
        return False
    for name, value in values.items():
        setattr(plan, name, value)
    _check_span(plan)
    outside = AnnualPlan.objects.filter(trust_id=plan.trust_id, strategic_plan=plan).exclude(
        academic_year__in=plan.academic_years
    )
    if outside.exists():
        label = academic_year_label(outside.first().academic_year)
        raise ValidationError({"end_year": f"The {label} action plan would fall outside the plan."})
    plan.full_clean()
    as_user(plan, acting_user).save()
    return True


@transaction.atomic
def objective_leads_set(
    *, objective: StrategicObjective, people: list[Person], acting_user
) -> bool:
    """Make `people` the objective's leads. Returns whether anything changed."""
    if any(p.trust_id != objective.trust_id for p in people):
        raise ValidationError({"leads": "Leads must be people of this trust."})
    current = {link.person_id: link for link in objective.lead_links.all()}
    wanted = [p.pk for p in people]
    changed = False
    for person_id, link in current.items():
        if person_id not in wanted:
            as_user(link, acting_user).delete()
            changed = True
    for person in people:
        if person.pk not in current:
            link = ObjectiveLead(trust_id=objective.trust_id, objective=objective, person=person)
            as_user(link, acting_user).save()
            changed = True
    return changed


def _check_objective_text(short_name: str, statement: str) -> None:
    errors = {}
    if not short_name.strip():
        errors["short_name"] = "Give the objective a short name, such as Vision."
    if not statement.strip():
        errors["statement"] = "Say what the objective sets out to achieve."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def objective_create(
    *,
    plan: StrategicPlan,
    short_name: str,
    statement: str,
    strands: str = "",
    aims: str = "",
    leads: list[Person] | None = None,
    number: int | None = None,
    columns: dict[int, str] | None = None,
    acting_user,
) -> StrategicObjective:
    """Add an objective numbered after the plan's last one, or at `number`: the one holding
    it and those after it move down one, as entering a plan in its own order needs. Not once
    an annual plan under it is approved (approved references keep their meaning). With its
    columns' text."""
    _check_objective_text(short_name, statement)
    lock_parent(StrategicPlan, pk=plan.pk, trust_id=plan.trust_id)
    siblings = StrategicObjective.objects.filter(trust_id=plan.trust_id, plan=plan)
    highest = siblings.aggregate(n=Max("number"))["n"] or 0
    if number is None or number > highest:
        number = highest + 1
    elif number < 1:
        raise ValidationError({"number": "Give a number of 1 or more."})
    else:
        approved = _approved_annual_plans(plan).first()
        if approved is not None:
            raise ValidationError(
                {
                    "number": f"The {approved.year_label} plan has been approved, so the "
                    f"numbers stay: leave it empty for number {highest + 1}."
                }
            )
        for later in siblings.filter(number__gte=number).order_by("-number"):
            later.number += 1
            as_user(later, acting_user).save(update_fields=["number"])
    objective = StrategicObjective(
        trust_id=plan.trust_id,
        plan=plan,
        number=number,
        short_name=short_name.strip(),
        statement=statement.strip(),
        strands=strands.strip(),
        aims=aims.strip(),
    )
    as_user(objective, acting_user).save()
    objective_leads_set(objective=objective, people=leads or [], acting_user=acting_user)
    column_values_set(owner=objective, values=columns or {}, acting_user=acting_user)
    if number <= highest:
        # Key foci are numbered in objective order across each year's plan.
        for annual_plan in AnnualPlan.objects.filter(trust_id=plan.trust_id, strategic_plan=plan):
            key_foci_renumber(annual_plan=annual_plan, acting_user=acting_user)
    return objective


@transaction.atomic
def objective_update(
    *,
    objective: StrategicObjective,
    short_name: str,
    statement: str,
    strands: str,
    aims: str,
    leads: list[Person],
    columns: dict[int, str] | None = None,
    acting_user,
) -> bool:
    _check_objective_text(short_name, statement)
    values = {
        "short_name": short_name.strip(),
        "statement": statement.strip(),
        "strands": strands.strip(),
        "aims": aims.strip(),
    }
    changed = [k for k, v in values.items() if getattr(objective, k) != v]
    for name in changed:
        setattr(objective, name, values[name])
    if changed:
        as_user(objective, acting_user).save(update_fields=changed)
    leads_changed = objective_leads_set(objective=objective, people=leads, acting_user=acting_user)
    texts_changed = column_values_set(
        owner=objective, values=columns or {}, acting_user=acting_user
    )
    return bool(changed) or leads_changed or bool(texts_changed)


def _approved_annual_plans(plan: StrategicPlan):
    return AnnualPlan.objects.filter(
        trust_id=plan.trust_id,
        strategic_plan=plan,
        status__in=[AnnualPlanStatus.APPROVED, AnnualPlanStatus.CLOSED],
    )


@transaction.atomic
def objective_move(*, objective: StrategicObjective, direction: str, acting_user) -> bool:
    """Swap an objective's number with its neighbour's. Not once an annual plan under it has
    been approved: approved references (2.3) must keep meaning the same action."""
    plan = objective.plan
    approved = _approved_annual_plans(plan).first()
    if approved is not None:
        raise ValidationError(
            f"The {approved.year_label} plan has been approved, so the objectives keep their "
            "numbers."
        )
    siblings = list(
        StrategicObjective.objects.select_for_update()
        .filter(trust_id=plan.trust_id, plan=plan)
        .order_by("number", "id")
    )
    index = next(i for i, o in enumerate(siblings) if o.pk == objective.pk)
    other = index - 1 if direction == UP else index + 1
    if direction not in (UP, DOWN) or not 0 <= other < len(siblings):
        return False
    mine, theirs = siblings[index], siblings[other]
    mine.number, theirs.number = theirs.number, mine.number
    as_user(mine, acting_user).save(update_fields=["number"])
    as_user(theirs, acting_user).save(update_fields=["number"])
    objective.number = mine.number
    # Key foci are numbered in objective order across each year's plan.
    for annual_plan in AnnualPlan.objects.filter(trust_id=plan.trust_id, strategic_plan=plan):
        key_foci_renumber(annual_plan=annual_plan, acting_user=acting_user)
    return True


@transaction.atomic
def objective_delete(*, objective: StrategicObjective, acting_user) -> None:
    """Delete an objective with no key foci or actions in any year; later ones move up."""
    in_use = (
        Action.objects.filter(trust_id=objective.trust_id, objective=objective).exists()
        or KeyFocus.objects.filter(trust_id=objective.trust_id, objective=objective).exists()
    )
    if in_use:
        words = objective.trust.labels
        raise ValidationError(
            f"This {words['objective'].lower()} has {words['key_focus'].plural_lower} or "
            f"{words['action'].plural_lower} in an annual plan, so it stays."
        )
    plan = objective.plan
    for link in objective.lead_links.all():
        as_user(link, acting_user).delete()
    for stage in objective.stages.all():
        as_user(stage, acting_user).delete()
    as_user(objective, acting_user).delete()
    later = StrategicObjective.objects.filter(
        trust_id=plan.trust_id, plan=plan, number__gt=objective.number
    ).order_by("number")
    for following in later:
        following.number -= 1
        as_user(following, acting_user).save(update_fields=["number"])


@transaction.atomic
def objective_stages_set(
    *,
    plan: StrategicPlan,
    stages: dict[tuple[int, int], str | tuple[str, str]],
    acting_user,
) -> int:
    """Set the grid of stages and outlines: {(objective id, academic year): (stage, outline)}
    (or the stage alone, keeping the outline); a cell with neither is cleared. A stage over
    its 40 characters or an outline over its limit is refused, naming the cell: nothing is
    cut, and nothing is saved.

    Returns the number of cells changed.
    """
    objectives = {
        o.pk: o for o in StrategicObjective.objects.filter(trust_id=plan.trust_id, plan=plan)
    }
    years = set(plan.academic_years)
    for objective_id, year in stages:
        if objective_id not in objectives or year not in years:
            raise ValidationError("A stage was given for an objective or year outside this plan.")
    existing = {
        (s.objective_id, s.academic_year): s
        for s in ObjectiveStage.objects.filter(trust_id=plan.trust_id, objective__plan=plan)
    }
    wanted = {}
    for key, given in stages.items():
        stage = existing.get(key)
        text, outline = (
            given if isinstance(given, tuple) else (given, stage.outline if stage else "")
        )
        text, outline = text.strip(), outline.strip().replace("\r\n", "\n")
        objective = objectives[key[0]]
        where = f"{objective.number}. {objective.short_name}, {academic_year_label(key[1])}"
        if len(text) > STAGE_MAX_LENGTH:
            raise ValidationError(
                f"The stage of {where} is {len(text)} characters; a stage is at most "
                f"{STAGE_MAX_LENGTH}. Put the rest in the year's outline."
            )
        if len(outline) > OUTLINE_MAX_LENGTH:
            raise ValidationError(
                f"The outline of {where} is {len(outline):,} characters; at most "
                f"{OUTLINE_MAX_LENGTH:,}. Shorten it: nothing was saved."
            )
        wanted[key] = (text, outline)
    changed = 0
    for key, (text, outline) in wanted.items():
        stage = existing.get(key)
        if stage is None and (text or outline):
            stage = ObjectiveStage(
                trust_id=plan.trust_id,
                objective=objectives[key[0]],
                academic_year=key[1],
                stage=text,
                outline=outline,
            )
            as_user(stage, acting_user).save()
            changed += 1
        elif stage is not None and not (text or outline):
            as_user(stage, acting_user).delete()
            changed += 1
        elif stage is not None and (stage.stage, stage.outline) != (text, outline):
            stage.stage, stage.outline = text, outline
            try:
                with transaction.atomic():
                    as_user(stage, acting_user).save(update_fields=["stage", "outline"])
            except IntegrityError:
                raise ValidationError("Someone changed the stages at the same moment.") from None
            changed += 1
    return changed
