"""Changes to annual plans, actions and ratings. Each runs in a transaction and is recorded."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from plans.models import (
    COMMENTARY_MAX_LENGTH,
    Action,
    ActionOwner,
    ActionStatus,
    Rag,
    RagRating,
    Term,
    TermStatus,
)
from schools.models import Person
from trustplan.history import as_user


class RatingConflict(Exception):
    """Someone else saved this rating after the version the user started from."""

    def __init__(self, current: RagRating):
        self.current = current
        super().__init__(f"rating {current.pk} is at version {current.version}")


def _lock_term_status(term: Term) -> str:
    # FOR SHARE: many ratings may be saved at once, but not while the term is being submitted.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT status FROM plans_term WHERE id = %s AND trust_id = %s FOR SHARE",
            [term.pk, term.trust_id],
        )
        row = cursor.fetchone()
    if row is None:
        raise ValidationError("That term does not exist in this trust.")
    return row[0]


@transaction.atomic
def rating_set(
    *,
    action: Action,
    term: Term,
    status: str,
    commentary: str,
    acting_user,
    expected_version: int | None = None,
) -> RagRating:
    """Rate an action for a term. Unchanged values write nothing; a stale version conflicts.

    expected_version is the version the user's form started from (0 when there was no rating);
    None skips the check, for imports and the demo.
    """
    if action.trust_id != term.trust_id or action.annual_plan_id != term.annual_plan_id:
        raise ValidationError("That action is not in this term's plan.")
    if status not in Rag.values:
        raise ValidationError(
            f"{status!r} is not a rating. Choose one of: {', '.join(Rag.labels)}."
        )
    if len(commentary) > COMMENTARY_MAX_LENGTH:
        raise ValidationError(
            f"The commentary is {len(commentary)} characters; the limit is {COMMENTARY_MAX_LENGTH}."
        )
    if action.status == ActionStatus.WITHDRAWN:
        raise ValidationError("This action has been withdrawn and can no longer be rated.")
    if _lock_term_status(term) != TermStatus.OPEN:
        raise ValidationError(
            f"{term.name} has been submitted to the board, so its ratings are frozen. "
            "The CEO can reopen it with a reason."
        )
    rating = (
        RagRating.objects.select_for_update()
        .filter(trust_id=action.trust_id, action=action, term=term)
        .first()
    )
    if rating is None:
        if expected_version:
            raise ValidationError("This rating no longer exists; reload the page.")
        rating = RagRating(trust_id=action.trust_id, action=action, term=term, version=1)
    else:
        if expected_version is not None and rating.version != expected_version:
            raise RatingConflict(rating)
        if rating.status == status and rating.commentary == commentary:
            return rating
        rating.version += 1
    rating.status = status
    rating.commentary = commentary
    rating.rated_by = acting_user
    rating.rated_at = timezone.now()
    try:
        with transaction.atomic():
            as_user(rating, acting_user).save()
    except IntegrityError:
        # Someone created this term's rating between our read and our insert.
        raise RatingConflict(RagRating.objects.get(action=action, term=term)) from None
    return rating


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


ACTION_TEXT_FIELDS = ("text", "kpis", "evidence")


@transaction.atomic
def action_update(*, action: Action, acting_user, expected_version: int, **changes: str) -> Action:
    """Change an action's wording (text, kpis, evidence); a stale version is a conflict."""
    unknown = changes.keys() - set(ACTION_TEXT_FIELDS)
    if unknown:
        raise ValueError(f"action_update cannot change {', '.join(sorted(unknown))}")
    current = Action.objects.select_for_update().get(pk=action.pk, trust_id=action.trust_id)
    if current.version != expected_version:
        raise ActionConflict(current)
    changed = [name for name, value in changes.items() if getattr(current, name) != value]
    if not changed:
        return current
    for name in changed:
        setattr(current, name, changes[name])
    current.version += 1
    as_user(current, acting_user).save(update_fields=[*changed, "version"])
    return current
