"""Changes to the plan shared by the features: an action's owners and wording, and the numbering
of key foci. Each runs in a transaction and is recorded."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from plans.columns import column_values_set
from plans.models import (
    Action,
    ActionOwner,
    AnnualPlan,
    KeyFocus,
)
from schools.models import Person
from trustplan.core.history import as_user


@transaction.atomic
def action_owners_set(*, action: Action, people: list[Person], acting_user) -> bool:
    """Make `people` the action's owners, in order. Returns whether anything changed."""
    current = list(action.owner_links.select_related("person").order_by("position", "id"))
    if [link.person_id for link in current] == [p.pk for p in people]:
        return False
    wanted = {p.pk: position for position, p in enumerate(people)}
    for link in current:
        if link.person_id not in wanted:
            as_user(link, acting_user).delete()
        elif link.position != wanted[link.person_id]:
            link.position = wanted[link.person_id]
            as_user(link, acting_user).save()
    present = {link.person_id for link in current}
    for person in people:
        if person.pk not in present:
            link = ActionOwner(
                trust_id=action.trust_id, action=action, person=person, position=wanted[person.pk]
            )
            as_user(link, acting_user).save()
    return True


class ActionConflict(Exception):
    """Someone else changed this action after the version the user started from."""

    def __init__(self, current: Action):
        self.current = current
        super().__init__(f"action {current.pk} is at version {current.version}")


def check_year_open(annual_plan: AnnualPlan) -> None:
    """A past year's plan (older than the live one) keeps its actions as they went to the
    board, unless the CEO has reopened it."""
    from plans.selectors import current_annual_plan

    live = current_annual_plan(annual_plan.trust_id)
    past = live is not None and annual_plan.academic_year < live.academic_year
    if past and not annual_plan.reopened:
        raise ValidationError(
            f"The {annual_plan.year_label} plan is a past year's: its "
            f"{annual_plan.trust.labels['action'].plural_lower} stay as they went to the board. "
            "The CEO can reopen it for changes."
        )


@transaction.atomic
def action_update(
    *,
    action: Action,
    acting_user,
    expected_version: int,
    text: str | None = None,
    columns: dict[int, str] | None = None,
) -> Action:
    """Change an action's wording and its columns' text ({column id: text}, through
    plans.columns); a stale version is a conflict, text over a column's limit a refusal."""
    current = (
        Action.objects.select_for_update(of=("self",))
        .select_related("annual_plan")
        .get(pk=action.pk, trust_id=action.trust_id)
    )
    check_year_open(current.annual_plan)
    if current.version != expected_version:
        raise ActionConflict(current)
    changed = []
    if text is not None and text != current.text:
        current.text = text
        changed.append("text")
    texts_changed = column_values_set(owner=current, values=columns or {}, acting_user=acting_user)
    if not changed and not texts_changed:
        return current
    current.version += 1
    as_user(current, acting_user).save(update_fields=[*changed, "version"])
    return current


# Key foci, numbered across the plan: authoring and the import both number them.


@transaction.atomic
def key_foci_renumber(
    *, annual_plan: AnnualPlan, acting_user, last: KeyFocus | None = None
) -> None:
    """Number the plan's key foci 1, 2, 3 … in objective order, keeping their order within
    each objective; `last` goes to the end of its objective. The unique number is checked at
    commit, so numbers may pass through duplicates here."""
    foci = list(
        KeyFocus.objects.select_for_update(of=("self",))
        .filter(trust_id=annual_plan.trust_id, annual_plan=annual_plan)
        .select_related("objective")
    )
    moved_id = last.pk if last else None

    def order(focus: KeyFocus):
        return (focus.objective.number, focus.pk == moved_id, focus.number, focus.pk)

    for number, focus in enumerate(sorted(foci, key=order), start=1):
        if focus.number != number:
            focus.number = number
            as_user(focus, acting_user).save(update_fields=["number"])
