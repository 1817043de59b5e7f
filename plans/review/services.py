"""Changes to annual plans, actions and ratings. Each runs in a transaction and is recorded."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Subquery
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from plans.models import (
    COMMENTARY_MAX_LENGTH,
    Action,
    ActionStatus,
    AnnualPlan,
    Evaluation,
    KeyFocus,
    Rag,
    RagRating,
    Term,
    TermEvent,
    TermEventKind,
    TermStatus,
)
from plans.review import notify, selectors
from trustplan.core.history import as_user, save_with_history
from trustplan.core.locks import lock_parent


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


def _check_rating_input(*, action: Action, term: Term, status: str, commentary: str) -> None:
    if status not in Rag.values:
        choices = ", ".join(Rag.labels)
        raise ValidationError(f"{status!r} is not a rating. Choose one of: {choices}.")
    if len(commentary) > COMMENTARY_MAX_LENGTH:
        raise ValidationError(
            f"The commentary is {len(commentary):,} characters long; "
            f"the limit is {COMMENTARY_MAX_LENGTH:,}."
        )
    _check_rateable(action=action, term=term)


def _check_rateable(*, action: Action, term: Term) -> None:
    if action.trust_id != term.trust_id or action.annual_plan_id != term.annual_plan_id:
        raise ValidationError(
            f"That {term.trust.labels['action'].lower()} is not in this term's plan."
        )
    if action.status == ActionStatus.WITHDRAWN:
        raise ValidationError(
            f"This {action.trust.labels['action'].lower()} has been withdrawn and can no longer "
            "be rated."
        )


def _frozen(term: Term) -> ValidationError:
    return ValidationError(
        f"{term.name} has been submitted to the board, so its ratings are frozen. "
        "The CEO can reopen it with a reason."
    )


_RATING_FIELDS = RagRating._meta.concrete_fields
_LOCK_SQL = (
    # FOR SHARE on the term: many ratings may be saved at once, but not while the term is
    # being submitted. FOR UPDATE on this term's rating of the action, if there is one. One
    # round trip for both: the grid saves a row at every key press.
    "WITH t AS (SELECT id, status FROM {term} WHERE id = %s AND trust_id = %s FOR SHARE) "
    "SELECT t.status, {columns} FROM t LEFT JOIN LATERAL (SELECT * FROM {rating} "
    "WHERE trust_id = %s AND action_id = %s AND term_id = t.id FOR UPDATE) r ON true"
).format(
    term=connection.ops.quote_name(Term._meta.db_table),
    rating=connection.ops.quote_name(RagRating._meta.db_table),
    columns=", ".join(f"r.{connection.ops.quote_name(f.column)}" for f in _RATING_FIELDS),
)


def _locked_rating(action: Action, term: Term, expected_version: int | None) -> RagRating:
    """This term's rating of the action, locked, with the term share-locked and checked to be
    open; a new unsaved rating if there is none yet."""
    with connection.cursor() as cursor:
        cursor.execute(_LOCK_SQL, [term.pk, term.trust_id, action.trust_id, action.pk])
        row = cursor.fetchone()
    if row is None:
        raise ValidationError("That term does not exist in this trust.")
    if row[0] != TermStatus.OPEN:
        raise _frozen(term)
    if row[1] is None:
        if expected_version:
            raise ValidationError("This rating no longer exists; reload the page.")
        return RagRating(trust_id=action.trust_id, action=action, term=term, version=0)
    rating = RagRating.from_db(connection.alias, [f.attname for f in _RATING_FIELDS], row[1:])
    if expected_version is not None and rating.version != expected_version:
        raise RatingConflict(rating)
    # Already checked to be this trust's: saves need not fetch them again.
    rating.action, rating.term = action, term
    return rating


def _save_rating(rating: RagRating, acting_user) -> RagRating:
    rating.version += 1
    as_user(rating, acting_user)
    if rating.pk:
        save_with_history(rating)
        return rating
    try:
        with transaction.atomic():
            save_with_history(rating)
    except IntegrityError:
        # Someone created this term's rating between our read and our insert.
        raise RatingConflict(
            RagRating.objects.get(trust_id=rating.trust_id, action=rating.action, term=rating.term)
        ) from None
    return rating


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
    None skips the check, for imports and the demo. Accepting a proposal clears it.
    """
    _check_rating_input(action=action, term=term, status=status, commentary=commentary)
    rating = _locked_rating(action, term, expected_version)
    if rating.pk and (rating.status, rating.commentary) == (status, commentary):
        return rating
    if not rating.pk or commentary != rating.commentary:
        # Words typed now are written for this rating; a new rating alone leaves them
        # marked as written for the old one (see RagRating.commentary_outdated).
        rating.commentary_for = status
    rating.status = status
    rating.commentary = commentary
    rating.carried_from = None  # changed now, so no longer as it was in an earlier term
    rating.rated_by = acting_user
    rating.rated_at = timezone.now()
    if (rating.proposed_status, rating.proposed_commentary) == (status, commentary):
        rating.proposed_status = rating.proposed_commentary = ""
    return _save_rating(rating, acting_user)


def _previous_ratings(term: Term, action_ids: list[int]) -> dict[int, RagRating]:
    """{action id: its rating in the term before `term`}, rated ones only, in one query."""
    before = (
        Term.objects.filter(
            trust_id=term.trust_id, annual_plan_id=term.annual_plan_id, number__lt=term.number
        )
        .order_by("-number")
        .values("pk")[:1]
    )
    ratings = (
        RagRating.objects.filter(
            trust_id=term.trust_id, action_id__in=action_ids, term=Subquery(before)
        )
        .exclude(status="")
        .select_related("term", "carried_from")
    )
    return {rating.action_id: rating for rating in ratings}


def _carry(rating: RagRating, last: RagRating, acting_user) -> str:
    """Give `rating` the rating and commentary of `last`, as carried forward; the term it has
    been unchanged since (for the history's reason)."""
    since = last.carried_from or last.term
    rating.status = last.status
    rating.commentary = last.commentary
    rating.commentary_for = last.commentary_for
    rating.carried_from = since
    rating.rated_by = acting_user
    rating.rated_at = timezone.now()
    if (rating.proposed_status, rating.proposed_commentary) == (last.status, last.commentary):
        rating.proposed_status = rating.proposed_commentary = ""
    rating._change_reason = f"Carried forward from {last.term.name}, unchanged since {since.name}"
    return since.name


@transaction.atomic
def rating_carry_forward(
    *, action: Action, term: Term, acting_user, expected_version: int | None = None
) -> RagRating:
    """Keep last term's rating and commentary of the action for this term, recorded as
    carried forward (the pack says "unchanged since <term>"). A stale version conflicts."""
    _check_rateable(action=action, term=term)
    last = _previous_ratings(term, [action.pk]).get(action.pk)
    if last is None:
        raise ValidationError(
            f"{action.full_reference} has no rating from the term before {term.name} to keep."
        )
    rating = _locked_rating(action, term, expected_version)
    since = last.carried_from_id or last.term_id
    unchanged = (rating.status, rating.commentary) == (last.status, last.commentary)
    if rating.pk and unchanged and rating.carried_from_id == since:
        return rating
    _carry(rating, last, acting_user)
    return _save_rating(rating, acting_user)


@dataclass
class CarryResult:
    """What a carry-forward of many rows did: the actions kept as they were last term, and
    those left alone (rated meanwhile, withdrawn, or with nothing to keep)."""

    kept: list[Action] = field(default_factory=list)
    skipped: list[Action] = field(default_factory=list)


@transaction.atomic
def ratings_carry_forward(*, term: Term, actions: list[Action], acting_user) -> CarryResult:
    """Keep last term's rating and commentary for each of `actions` not yet rated this term.

    Rows rated this term (perhaps meanwhile, by someone else) are never overwritten: they are
    listed as skipped. A fixed number of queries, whatever the number of rows, plus one per
    row that already holds a proposal.
    """
    if _lock_term_status(term) != TermStatus.OPEN:
        raise _frozen(term)
    result = CarryResult()
    ids = [a.pk for a in actions]
    last = _previous_ratings(term, ids)
    current = {
        r.action_id: r
        for r in RagRating.objects.select_for_update().filter(
            trust_id=term.trust_id, term=term, action_id__in=ids
        )
    }
    new: list[RagRating] = []
    for action in actions:
        rating = current.get(action.pk)
        rateable = (
            action.trust_id == term.trust_id
            and action.annual_plan_id == term.annual_plan_id
            and action.status == ActionStatus.ACTIVE
        )
        if not rateable or action.pk not in last or (rating is not None and rating.status):
            result.skipped.append(action)
            continue
        if rating is None:
            rating = RagRating(trust_id=term.trust_id, action=action, term=term, version=1)
            _carry(rating, last[action.pk], acting_user)
            new.append(rating)
        else:
            rating.action, rating.term = action, term
            _carry(rating, last[action.pk], acting_user)
            _save_rating(rating, acting_user)
        result.kept.append(action)
    if new:
        try:
            with transaction.atomic():
                bulk_create_with_history(new, RagRating, default_user=acting_user)
        except IntegrityError:
            raise ValidationError(
                f"Someone rated some of these {term.trust.labels['action'].plural_lower} while "
                "you were confirming; nothing was kept. Look at the rows again."
            ) from None
    return result


@transaction.atomic
def rating_propose(
    *,
    action: Action,
    term: Term,
    status: str,
    commentary: str,
    acting_user,
    expected_version: int | None = None,
) -> RagRating:
    """A school lead's proposed rating, which the CEO sees in the grid and may accept."""
    _check_rating_input(action=action, term=term, status=status, commentary=commentary)
    rating = _locked_rating(action, term, expected_version)
    if rating.pk and (rating.proposed_status, rating.proposed_commentary) == (status, commentary):
        return rating
    rating.proposed_status = status
    rating.proposed_commentary = commentary
    rating.proposed_by = acting_user
    rating.proposed_at = timezone.now()
    saved = _save_rating(rating, acting_user)
    notify.proposal_sent(saved, acting_user=acting_user)
    return saved


@transaction.atomic
def rating_accept_proposal(*, rating: RagRating, acting_user, expected_version: int) -> RagRating:
    """Make the proposed rating and commentary the term's rating."""
    if not rating.proposed_status:
        raise ValidationError("There is no proposed rating to accept.")
    return rating_set(
        action=rating.action,
        term=rating.term,
        status=rating.proposed_status,
        commentary=rating.proposed_commentary,
        acting_user=acting_user,
        expected_version=expected_version,
    )


@transaction.atomic
def rating_keep_commentary(*, rating: RagRating, acting_user, expected_version: int) -> RagRating:
    """Keep a commentary written for an earlier rating as it is, for the current rating."""
    _check_rateable(action=rating.action, term=rating.term)
    locked = _locked_rating(rating.action, rating.term, expected_version)
    if not locked.pk or not locked.commentary_outdated:
        return locked
    locked.commentary_for = locked.status
    return _save_rating(locked, acting_user)


class SubmissionRefused(ValidationError):
    """The term has ratings the board should not receive as they are."""

    def __init__(self, check: selectors.SubmissionCheck):
        self.check = check
        super().__init__(check.messages)


def _lock_term(term: Term) -> Term:
    return Term.objects.select_for_update().get(pk=term.pk, trust_id=term.trust_id)


@transaction.atomic
def term_submit(*, term: Term, acting_user) -> Term:
    """Submit the term's review to the board: its ratings are frozen from now on.

    Refused (SubmissionRefused, listing each) while a red or amber rating lacks the commentary
    the trust asks for, or a commentary is still marked as written for an earlier rating.
    """
    locked = _lock_term(term)
    if locked.status != TermStatus.OPEN:
        raise ValidationError(f"{locked.name} has already been submitted.")
    # Ratings are saved under a share lock on the term, so none changes while we look.
    check = selectors.submission_check(locked)
    if not check.ok:
        raise SubmissionRefused(check)
    locked.status = TermStatus.SUBMITTED
    locked.submitted_at = timezone.now()
    locked.submitted_by = acting_user
    as_user(locked, acting_user).save()
    TermEvent.objects.create(
        trust_id=locked.trust_id, term=locked, kind=TermEventKind.SUBMITTED, by=acting_user
    )
    notify.term_submitted(locked)
    return locked


@transaction.atomic
def term_reopen(*, term: Term, acting_user, reason: str) -> Term:
    """Reopen a submitted term for changes; the reason is kept with the term's events."""
    reason = reason.strip()
    if not reason:
        raise ValidationError("Say why the term is being reopened.")
    locked = _lock_term(term)
    if locked.status != TermStatus.SUBMITTED:
        raise ValidationError(f"{locked.name} is not submitted, so there is nothing to reopen.")
    locked.status = TermStatus.OPEN
    as_user(locked, acting_user).save()
    TermEvent.objects.create(
        trust_id=locked.trust_id,
        term=locked,
        kind=TermEventKind.REOPENED,
        reason=reason,
        by=acting_user,
    )
    return locked


@transaction.atomic
def key_focus_evaluate(*, key_focus: KeyFocus, evaluation: str, note: str, acting_user) -> KeyFocus:
    """Record whether a key focus was achieved fully, partially or not at the year's end."""
    if evaluation and evaluation not in Evaluation.values:
        raise ValidationError(f"{evaluation!r} is not an evaluation.")
    if (key_focus.evaluation, key_focus.evaluation_note) == (evaluation, note):
        return key_focus
    key_focus.evaluation = evaluation
    key_focus.evaluation_note = note
    as_user(key_focus, acting_user).save(update_fields=["evaluation", "evaluation_note"])
    return key_focus


@transaction.atomic
def year_end_evaluations_save(
    *, annual_plan: AnnualPlan, evaluations: list[tuple[KeyFocus, str, str]], acting_user
) -> None:
    """The year-end page's evaluations, (key focus, evaluation, note) each, saved together or
    not at all: one refused evaluation leaves every key focus as it was."""
    lock_parent(AnnualPlan, pk=annual_plan.pk, trust_id=annual_plan.trust_id)
    current = KeyFocus.objects.filter(trust_id=annual_plan.trust_id, annual_plan=annual_plan)
    stored = current.in_bulk([key_focus.pk for key_focus, _, _ in evaluations])
    for key_focus, evaluation, note in evaluations:
        if key_focus.pk not in stored:
            raise ValidationError("That key focus is not in this plan.")
        key_focus_evaluate(
            key_focus=stored[key_focus.pk],
            evaluation=evaluation,
            note=note,
            acting_user=acting_user,
        )
