"""Writing annual plans: terms, key foci, actions, approval, and next year's plan from this one.

Each service runs in a transaction and saves models normally, so simple-history records who
made each change and plans.grants keeps the school leads' grants in step with owners and
schools. Every change to an action's wording bumps its version, so a stale form is a conflict.
"""

from __future__ import annotations

import datetime
import itertools
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from objectives.models import StrategicObjective, StrategicPlan, academic_year_label
from plans.columns import column_values_set, copy_values
from plans.models import (
    Action,
    ActionStatus,
    AnnualObjectiveLead,
    AnnualPlan,
    AnnualPlanStatus,
    KeyFocus,
    RagRating,
    Term,
)
from plans.services import ActionConflict, action_owners_set, check_year_open, key_foci_renumber
from schools.models import Person, Role, School, TermScheme, Trust
from schools.services import acting_role
from trustplan.core.history import as_user
from trustplan.core.locks import lock_parent
from trustplan.core.text import is_plain_number

UP, DOWN = "up", "down"


# Terms --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TermDates:
    name: str
    starts_on: datetime.date
    ends_on: datetime.date
    rating_deadline: datetime.date | None


# (name, months after the year's first month and day it starts, the same for its end).
TERM_PATTERNS = {
    TermScheme.THREE_TERMS: [
        ("Autumn", (0, 3), (3, 20)),
        ("Spring", (4, 6), (6, 31)),
        ("Summer", (7, 15), (10, 22)),
    ],
    TermScheme.SIX_HALF_TERMS: [
        ("Autumn 1", (0, 3), (1, 24)),
        ("Autumn 2", (2, 3), (3, 20)),
        ("Spring 1", (4, 6), (5, 13)),
        ("Spring 2", (5, 23), (6, 31)),
        ("Summer 1", (7, 15), (8, 23)),
        ("Summer 2", (9, 2), (10, 22)),
    ],
}


def _day(start_year: int, start_month: int, months_after: int, day: int) -> datetime.date:
    month_index = start_month - 1 + months_after
    year, month = start_year + month_index // 12, month_index % 12 + 1
    last_day = (datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(1)).day
    return datetime.date(year, month, min(day, last_day))


def _weekday_on_or_after(day: datetime.date) -> datetime.date:
    return day + datetime.timedelta(days=max(0, 7 - day.weekday()) if day.weekday() > 4 else 0)


def _weekday_on_or_before(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday() - 4 if day.weekday() > 4 else 0)


def terms_proposed(trust: Trust, academic_year: int) -> list[TermDates]:
    """The terms of a year as the trust's term scheme suggests them, for people to adjust.

    Terms start on a weekday and end on one; ratings are due a week before a term ends.
    """
    proposed = []
    for name, (start_after, start_day), (end_after, end_day) in TERM_PATTERNS[trust.term_scheme]:
        starts = _weekday_on_or_after(
            _day(academic_year, trust.year_start_month, start_after, start_day)
        )
        ends = _weekday_on_or_before(
            _day(academic_year, trust.year_start_month, end_after, end_day)
        )
        deadline = _weekday_on_or_before(ends - datetime.timedelta(days=7))
        proposed.append(TermDates(name, starts, ends, max(deadline, starts)))
    return proposed


def _check_terms(terms: list[TermDates]) -> None:
    errors = []
    names = [t.name.strip().lower() for t in terms]
    if not terms:
        errors.append("A year needs at least one term.")
    if any(not name for name in names):
        errors.append("Every term needs a name.")
    if len(set(names)) != len(names):
        errors.append("Two terms have the same name.")
    for number, term in enumerate(terms, start=1):
        if term.ends_on < term.starts_on:
            errors.append(f"Term {number} ({term.name}) ends before it starts.")
        if term.rating_deadline and term.rating_deadline < term.starts_on:
            errors.append(f"Term {number} ({term.name}): ratings cannot be due before it starts.")
    for earlier, later in itertools.pairwise(terms):
        if later.starts_on <= earlier.ends_on:
            errors.append(f"{later.name} starts before {earlier.name} has ended.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def terms_set(*, annual_plan: AnnualPlan, terms: list[TermDates], acting_user) -> list[Term]:
    """Make the plan's terms these, in order: dates, names and rating deadlines.

    A term that would go away is removed only if nothing has been rated in it.
    """
    _check_terms(terms)
    existing = {
        t.number: t
        for t in Term.objects.select_for_update().filter(
            trust_id=annual_plan.trust_id, annual_plan=annual_plan
        )
    }
    surplus = [t for number, t in existing.items() if number > len(terms)]
    rated = RagRating.objects.filter(trust_id=annual_plan.trust_id, term__in=surplus)
    if rated.exists():
        raise ValidationError(
            f"{rated.first().term.name} already has ratings, so it cannot be removed."
        )
    for term in surplus:
        as_user(term, acting_user).delete()
    saved = []
    for number, dates in enumerate(terms, start=1):
        term = existing.get(number) or Term(
            trust_id=annual_plan.trust_id, annual_plan=annual_plan, number=number
        )
        values = {
            "name": dates.name.strip(),
            "starts_on": dates.starts_on,
            "ends_on": dates.ends_on,
            "rating_deadline": dates.rating_deadline,
        }
        if term.pk is None or any(getattr(term, k) != v for k, v in values.items()):
            for name, value in values.items():
                setattr(term, name, value)
            try:
                with transaction.atomic():
                    as_user(term, acting_user).save()
            except IntegrityError:
                raise ValidationError(
                    "Two terms would share a name while renaming; rename in two steps."
                ) from None
        saved.append(term)
    return saved


# Annual plans -------------------------------------------------------------------------------


def _check_year(strategic_plan: StrategicPlan, academic_year: int) -> None:
    if academic_year not in strategic_plan.academic_years:
        raise ValidationError(
            {
                "academic_year": f"{academic_year_label(academic_year)} is outside "
                f"{strategic_plan.span_label}; start a new strategic plan for it."
            }
        )
    taken = AnnualPlan.objects.filter(
        trust_id=strategic_plan.trust_id, academic_year=academic_year
    ).exists()
    if taken:
        raise ValidationError(
            {"academic_year": f"There is already a {academic_year_label(academic_year)} plan."}
        )


@transaction.atomic
def annual_plan_create(
    *, strategic_plan: StrategicPlan, academic_year: int, title: str = "", acting_user
) -> AnnualPlan:
    """A draft plan for one year of the strategic plan, with terms proposed from the trust's
    term scheme (set-up can change their dates). A double submit waits for the first and is
    told the year is taken."""
    lock_parent(Trust, pk=strategic_plan.trust_id)
    _check_year(strategic_plan, academic_year)
    plan = AnnualPlan(
        trust_id=strategic_plan.trust_id,
        strategic_plan=strategic_plan,
        academic_year=academic_year,
        title=title.strip(),
    )
    as_user(plan, acting_user).save()
    terms_set(
        annual_plan=plan,
        terms=terms_proposed(strategic_plan.trust, academic_year),
        acting_user=acting_user,
    )
    return plan


@transaction.atomic
def annual_plan_update(*, annual_plan: AnnualPlan, title: str, acting_user) -> bool:
    if annual_plan.title == title.strip():
        return False
    annual_plan.title = title.strip()
    as_user(annual_plan, acting_user).save(update_fields=["title"])
    return True


@transaction.atomic
def annual_plan_mark_ready(*, annual_plan: AnnualPlan, acting_user) -> AnnualPlan:
    """The CEO says the plan is ready for trustees to approve."""
    if annual_plan.status != AnnualPlanStatus.DRAFT:
        raise ValidationError(f"The plan is {annual_plan.get_status_display().lower()} already.")
    if not Action.objects.filter(trust_id=annual_plan.trust_id, annual_plan=annual_plan).exists():
        raise ValidationError(
            f"Add at least one {annual_plan.trust.labels['action'].lower()} before sending the "
            "plan to the board."
        )
    annual_plan.status = AnnualPlanStatus.READY
    as_user(annual_plan, acting_user).save(update_fields=["status"])
    return annual_plan


@transaction.atomic
def annual_plan_approve(
    *, annual_plan: AnnualPlan, approved_on: datetime.date, acting_user
) -> AnnualPlan:
    """Record the trustees' approval: the one approval service, which governance calls when a
    board meeting's decision approves the plan. It locks the plan, so two approvals at once
    take turns, and refuses a future date and a plan already approved or closed. Later wording
    changes are listed for the next pack."""
    locked = AnnualPlan.objects.select_for_update().get(
        pk=annual_plan.pk, trust_id=annual_plan.trust_id
    )
    if locked.status not in (AnnualPlanStatus.DRAFT, AnnualPlanStatus.READY):
        when = f" on {locked.approved_on:%-d %B %Y}" if locked.approved_on else ""
        raise ValidationError(
            f"The {locked.year_label} plan is {locked.get_status_display().lower()}{when} "
            "already; it cannot be approved again."
        )
    if approved_on > timezone.localdate():
        raise ValidationError({"approved_on": "The approval date cannot be in the future."})
    locked.status = AnnualPlanStatus.APPROVED
    locked.approved_on = approved_on
    as_user(locked, acting_user).save(update_fields=["status", "approved_on"])
    annual_plan.status, annual_plan.approved_on = locked.status, locked.approved_on
    return annual_plan


def _lock_plan(annual_plan: AnnualPlan) -> None:
    """Serialise numbering and ordering within one plan: two people adding key foci or
    actions at once take turns, so numbers and references never clash at commit."""
    lock_parent(AnnualPlan, pk=annual_plan.pk, trust_id=annual_plan.trust_id)


def _check_objective(annual_plan: AnnualPlan, objective: StrategicObjective) -> None:
    same_trust = objective.trust_id == annual_plan.trust_id
    if not same_trust or objective.plan_id != annual_plan.strategic_plan_id:
        raise ValidationError({"objective": "That objective is not in this plan."})


# Key foci ------------------------------------------------------------------------------------


@transaction.atomic
def key_focus_create(
    *,
    annual_plan: AnnualPlan,
    objective: StrategicObjective,
    title: str,
    columns: dict[int, str] | None = None,
    acting_user,
) -> KeyFocus:
    """Add a key focus at the end of its objective's; later objectives' foci move down one."""
    _check_objective(annual_plan, objective)
    _lock_plan(annual_plan)
    if not title.strip():
        raise ValidationError({"title": "Say what the key focus is."})
    highest = KeyFocus.objects.filter(
        trust_id=annual_plan.trust_id, annual_plan=annual_plan
    ).aggregate(n=Max("number"))["n"]
    focus = KeyFocus(
        trust_id=annual_plan.trust_id,
        annual_plan=annual_plan,
        objective=objective,
        number=(highest or 0) + 1,
        title=title.strip(),
    )
    as_user(focus, acting_user).save()
    column_values_set(owner=focus, values=columns or {}, acting_user=acting_user)
    key_foci_renumber(annual_plan=annual_plan, acting_user=acting_user, last=focus)
    focus.refresh_from_db(fields=["number"])
    return focus


@transaction.atomic
def key_focus_update(
    *,
    key_focus: KeyFocus,
    objective: StrategicObjective,
    title: str,
    columns: dict[int, str] | None = None,
    acting_user,
) -> bool:
    """Reword a key focus and its columns, or move it to another objective (it goes to the
    end of that one's)."""
    annual_plan = key_focus.annual_plan
    _check_objective(annual_plan, objective)
    _lock_plan(annual_plan)
    if not title.strip():
        raise ValidationError({"title": "Say what the key focus is."})
    moved = key_focus.objective_id != objective.pk
    texts_changed = column_values_set(
        owner=key_focus, values=columns or {}, acting_user=acting_user
    )
    if not moved and key_focus.title == title.strip():
        return bool(texts_changed)
    if moved and key_focus.actions.exists():
        words = key_focus.trust.labels
        raise ValidationError(
            {
                "objective": f"{words['action'].plural} under this {words['key_focus'].lower()} "
                f"belong to its {words['objective'].lower()}; move them first."
            }
        )
    key_focus.objective = objective
    key_focus.title = title.strip()
    as_user(key_focus, acting_user).save(update_fields=["objective", "title"])
    if moved:
        key_foci_renumber(annual_plan=annual_plan, acting_user=acting_user, last=key_focus)
    return True


@transaction.atomic
def key_focus_move(*, key_focus: KeyFocus, direction: str, acting_user) -> bool:
    """Swap a key focus with its neighbour in the same objective; the numbers follow."""
    _lock_plan(key_focus.annual_plan)
    siblings = list(
        KeyFocus.objects.select_for_update()
        .filter(
            trust_id=key_focus.trust_id,
            annual_plan_id=key_focus.annual_plan_id,
            objective_id=key_focus.objective_id,
        )
        .order_by("number", "id")
    )
    index = next(i for i, f in enumerate(siblings) if f.pk == key_focus.pk)
    other = index - 1 if direction == UP else index + 1
    if direction not in (UP, DOWN) or not 0 <= other < len(siblings):
        return False
    mine, theirs = siblings[index], siblings[other]
    mine.number, theirs.number = theirs.number, mine.number
    as_user(mine, acting_user).save(update_fields=["number"])
    as_user(theirs, acting_user).save(update_fields=["number"])
    key_focus.number = mine.number
    return True


@transaction.atomic
def key_focus_delete(*, key_focus: KeyFocus, acting_user) -> None:
    """Delete a key focus of a plan not yet approved; its actions stay, without a key focus."""
    annual_plan = key_focus.annual_plan
    _lock_plan(annual_plan)
    if annual_plan.is_approved:
        raise ValidationError(
            "The plan has been approved: its key foci can be reworded, not deleted."
        )
    for action in Action.objects.filter(trust_id=key_focus.trust_id, key_focus=key_focus):
        action.key_focus = None
        as_user(action, acting_user).save(update_fields=["key_focus"])
    as_user(key_focus, acting_user).delete()
    key_foci_renumber(annual_plan=annual_plan, acting_user=acting_user)


# Actions -------------------------------------------------------------------------------------


def _check_action(
    *,
    annual_plan: AnnualPlan,
    objective: StrategicObjective,
    reference: str,
    text: str,
    key_focus: KeyFocus | None,
    school: School | None,
    owners: list[Person],
    exclude_pk: int | None = None,
) -> None:
    _check_objective(annual_plan, objective)
    errors: dict[str, str] = {}
    # The trust's words only when a message needs them (its row is not always loaded).
    words = SimpleLazyObject(lambda: annual_plan.trust.labels)
    action = SimpleLazyObject(lambda: words["action"])
    if not reference.strip():
        errors["reference"] = f"Give the {action.lower()} a reference, such as 3."
    elif (
        Action.objects.filter(
            trust_id=annual_plan.trust_id,
            annual_plan=annual_plan,
            objective=objective,
            reference__lower=reference.strip().lower(),
        )
        .exclude(pk=exclude_pk)
        .exists()
    ):
        errors["reference"] = (
            f"{action} {objective.number}.{reference.strip()} already exists; "
            "choose another reference."
        )
    if not text.strip():
        errors["text"] = f"Say what the {action.lower()} is."
    if key_focus is not None and (
        key_focus.annual_plan_id != annual_plan.pk or key_focus.objective_id != objective.pk
    ):
        errors["key_focus"] = (
            f"Choose {words['key_focus'].a} of the same {words['objective'].lower()} and year."
        )
    if school is not None and school.trust_id != annual_plan.trust_id:
        errors["school"] = "Choose one of the trust's schools."
    if any(person.trust_id != annual_plan.trust_id for person in owners):
        errors["owners"] = "Owners must be people of this trust."
    if errors:
        raise ValidationError(errors)


def next_reference(annual_plan: AnnualPlan, objective: StrategicObjective) -> str:
    """The next free whole-number reference under the objective ("5" after 1-4)."""
    references = Action.objects.filter(
        trust_id=annual_plan.trust_id, annual_plan=annual_plan, objective=objective
    ).values_list("reference", flat=True)
    numbers = [int(r) for r in references if is_plain_number(r)]
    return str(max(numbers, default=0) + 1)


@transaction.atomic
def action_create(
    *,
    annual_plan: AnnualPlan,
    objective: StrategicObjective,
    reference: str,
    text: str,
    owners: list[Person],
    owner_note: str = "",
    school: School | None = None,
    key_focus: KeyFocus | None = None,
    columns: dict[int, str] | None = None,
    acting_user,
) -> Action:
    """Add an action at the end of its objective's list, with its owners in the order given
    and its columns' text ({column id: text})."""
    _lock_plan(annual_plan)
    _check_action(
        annual_plan=annual_plan, objective=objective, reference=reference, text=text,
        key_focus=key_focus, school=school, owners=owners,
    )  # fmt: skip
    last = Action.objects.filter(
        trust_id=annual_plan.trust_id, annual_plan=annual_plan, objective=objective
    ).aggregate(p=Max("position"))["p"]
    action = Action(
        trust_id=annual_plan.trust_id,
        annual_plan=annual_plan,
        objective=objective,
        reference=reference.strip(),
        position=0 if last is None else last + 1,
        text=text.strip(),
        owner_note=owner_note.strip(),
        school=school,
        key_focus=key_focus,
    )
    as_user(action, acting_user).save()
    action_owners_set(action=action, people=owners, acting_user=acting_user)
    column_values_set(owner=action, values=columns or {}, acting_user=acting_user)
    return action


# A list under a bullet or a number: "• Review contracts", "3) Train governors", "- Audit".
_LIST_MARK = re.compile(r"^\s*(?:[-*•·–—▪◦]|\(?\d{1,3}[.)]|\(?[a-z][.)])(?:\s+|$)", re.IGNORECASE)
PASTE_MAX_LINES = 50
PASTE_MAX_LINE = 2000


def action_lines_read(text: str) -> list[str]:
    """The actions a pasted list holds, one per non-empty line, without its bullets or
    numbers (a plan copied from a document or a spreadsheet column)."""
    lines = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = _LIST_MARK.sub("", line).strip()
        if line:
            lines.append(line)
    return lines


def action_lines_check(lines: list[str]) -> None:
    """A pasted list the product takes: some lines, not too many, none too long."""
    if not lines:
        raise ValidationError("Every line is empty: paste one line for each.")
    if len(lines) > PASTE_MAX_LINES:
        raise ValidationError(
            f"Paste at most {PASTE_MAX_LINES} lines at once: this has {len(lines)}."
        )
    long = [n for n, line in enumerate(lines, 1) if len(line) > PASTE_MAX_LINE]
    if long:
        raise ValidationError(
            f"Line {long[0]} is longer than {PASTE_MAX_LINE:,} characters: shorten it, or add "
            "it on its own."
        )


@transaction.atomic
def actions_create_from_lines(
    *, key_focus: KeyFocus, lines: list[str], acting_user
) -> list[Action]:
    """One action per line under the key focus, each with the next free reference, in the
    order given; all or none. School leads' grants are derived once, after it commits."""
    action_lines_check(lines)
    annual_plan, objective = key_focus.annual_plan, key_focus.objective
    _lock_plan(annual_plan)
    return [
        action_create(
            annual_plan=annual_plan,
            objective=objective,
            reference=next_reference(annual_plan, objective),
            text=line,
            owners=[],
            key_focus=key_focus,
            acting_user=acting_user,
        )
        for line in lines
    ]


ACTION_WORDING = ("reference", "text", "owner_note", "school", "key_focus", "objective", "columns")


@transaction.atomic
def action_revise(
    *,
    action: Action,
    expected_version: int,
    reference: str,
    text: str,
    owners: list[Person],
    owner_note: str,
    school: School | None,
    key_focus: KeyFocus | None,
    objective: StrategicObjective | None = None,
    columns: dict[int, str] | None = None,
    acting_user,
) -> Action:
    """The author's edit of an action: wording, owners, school, key focus, objective.

    A form started from an older version is a conflict (ActionConflict). Any change bumps the
    version. On an approved plan the change is allowed, kept in the history and listed by
    plans.authoring.selectors.changes_since_approval for the next board pack.
    """
    _lock_plan(action.annual_plan)
    current = (
        Action.objects.select_for_update(of=("self",))
        .select_related("annual_plan", "objective")
        .get(pk=action.pk, trust_id=action.trust_id)
    )
    check_year_open(current.annual_plan)
    if current.version != expected_version:
        raise ActionConflict(current)
    objective = objective or current.objective
    _check_action(
        annual_plan=current.annual_plan, objective=objective, reference=reference, text=text,
        key_focus=key_focus, school=school, owners=owners, exclude_pk=current.pk,
    )  # fmt: skip
    wanted = {
        "reference": reference.strip(),
        "text": text.strip(),
        "owner_note": owner_note.strip(),
        "school_id": school.pk if school else None,
        "key_focus_id": key_focus.pk if key_focus else None,
        "objective_id": objective.pk,
    }
    changed = [name for name, value in wanted.items() if getattr(current, name) != value]
    if "objective_id" in changed:
        last = Action.objects.filter(
            trust_id=current.trust_id, annual_plan_id=current.annual_plan_id, objective=objective
        ).aggregate(p=Max("position"))["p"]
        current.position = 0 if last is None else last + 1
    for name in changed:
        setattr(current, name, wanted[name])
    owners_changed = action_owners_set(action=current, people=owners, acting_user=acting_user)
    texts_changed = column_values_set(owner=current, values=columns or {}, acting_user=acting_user)
    if changed or owners_changed or texts_changed:
        current.version += 1
        fields = [name.removesuffix("_id") for name in changed]
        if "objective" in fields:
            fields.append("position")
        as_user(current, acting_user).save(update_fields=[*fields, "version"])
    return current


@transaction.atomic
def action_move(*, action: Action, direction: str, acting_user) -> bool:
    """Swap an action with its neighbour under the same objective.

    Positions are ordering only (not in the history), so they are written without a record.
    """
    _lock_plan(action.annual_plan)
    siblings = list(
        Action.objects.select_for_update()
        .filter(
            trust_id=action.trust_id,
            annual_plan_id=action.annual_plan_id,
            objective_id=action.objective_id,
        )
        .order_by("position", "id")
    )
    index = next(i for i, a in enumerate(siblings) if a.pk == action.pk)
    other = index - 1 if direction == UP else index + 1
    if direction not in (UP, DOWN) or not 0 <= other < len(siblings):
        return False
    siblings[index], siblings[other] = siblings[other], siblings[index]
    renumbered = []
    for position, sibling in enumerate(siblings):
        if sibling.position != position:
            sibling.position = position
            renumbered.append(sibling)
    Action.objects.bulk_update(renumbered, ["position"])
    action.position = next(a.position for a in siblings if a.pk == action.pk)
    return True


@transaction.atomic
def action_withdraw(*, action: Action, reason: str, acting_user) -> Action:
    """Withdraw an action: it stays in the plan's history and in past packs, marked withdrawn,
    and can no longer be rated."""
    if not reason.strip():
        raise ValidationError({"reason": "Say why the action is being withdrawn."})
    current = Action.objects.select_for_update().get(pk=action.pk, trust_id=action.trust_id)
    if current.status == ActionStatus.WITHDRAWN:
        raise ValidationError("This action has already been withdrawn.")
    current.status = ActionStatus.WITHDRAWN
    current.withdrawn_at = timezone.now()
    current.withdrawn_reason = reason.strip()
    current.version += 1
    as_user(current, acting_user).save(
        update_fields=["status", "withdrawn_at", "withdrawn_reason", "version"]
    )
    return current


@transaction.atomic
def action_reinstate(*, action: Action, acting_user) -> Action:
    """Undo a withdrawal; the history keeps both steps."""
    current = Action.objects.select_for_update().get(pk=action.pk, trust_id=action.trust_id)
    if current.status != ActionStatus.WITHDRAWN:
        raise ValidationError("This action is not withdrawn.")
    current.status = ActionStatus.ACTIVE
    current.withdrawn_at = None
    current.withdrawn_reason = ""
    current.version += 1
    as_user(current, acting_user).save(
        update_fields=["status", "withdrawn_at", "withdrawn_reason", "version"]
    )
    return current


def deletion_refusal(action: Action) -> str | None:
    """Why an action cannot be deleted (then it can be withdrawn), or None if it can."""
    word = action.trust.labels["action"]
    if RagRating.objects.filter(trust_id=action.trust_id, action=action).exists():
        return f"This {word.lower()} has ratings, so it cannot be deleted; withdraw it instead."
    if action.annual_plan.is_approved:
        return (
            f"The plan has been approved, so its {word.plural_lower} cannot be deleted; "
            "withdraw it instead."
        )
    if Action.objects.filter(trust_id=action.trust_id, carried_from=action).exists():
        return f"This {word.lower()} was carried into a later year, so it cannot be deleted."
    return None


@transaction.atomic
def action_delete(*, action: Action, acting_user) -> None:
    """Delete a draft action that has never been rated. Anything else is withdrawn instead."""
    current = (
        Action.objects.select_for_update(of=("self",))
        .select_related("annual_plan")
        .get(pk=action.pk, trust_id=action.trust_id)
    )
    refusal = deletion_refusal(current)
    if refusal:
        raise ValidationError(refusal)
    for link in current.owner_links.all():
        as_user(link, acting_user).delete()
    as_user(current, acting_user).delete()


# Next year's plan from this year's ---------------------------------------------------------


@transaction.atomic
def annual_plan_start_next(
    *, source: AnnualPlan, actions: list[Action], title: str = "", acting_user
) -> AnnualPlan:
    """Start next year's plan from this year's: the same objectives and objective leads, a copy
    of every key focus, and a copy of each chosen action linked back to it (carried_from), so
    its ratings can be followed across years. The source plan is not changed. The school
    leads' grants are re-derived once after it commits, not for every copied action and owner
    (plans/grants.py)."""
    return _start_next(source=source, actions=actions, title=title, acting_user=acting_user)


@transaction.atomic
def annual_plan_reopen(*, annual_plan: AnnualPlan, reopened: bool, acting_user) -> bool:
    """The CEO opens a past year's plan again for changes to its actions (or closes it again);
    its school leads' grants follow. Returns whether anything changed."""
    if acting_role(annual_plan.trust, acting_user) not in (Role.CEO, None):
        raise ValidationError("Only the CEO can reopen a past year's plan.")
    locked = AnnualPlan.objects.select_for_update().get(
        pk=annual_plan.pk, trust_id=annual_plan.trust_id
    )
    if locked.reopened == reopened:
        return False
    locked.reopened = reopened
    as_user(locked, acting_user).save(update_fields=["reopened"])
    annual_plan.reopened = reopened
    return True


def _start_next(
    *, source: AnnualPlan, actions: list[Action], title: str, acting_user
) -> AnnualPlan:
    foreign = [a for a in actions if a.annual_plan_id != source.pk or a.trust_id != source.trust_id]
    if foreign:
        raise ValidationError({"actions": "Choose actions of this year's plan only."})
    target_year = source.academic_year + 1
    new_plan = annual_plan_create(
        strategic_plan=source.strategic_plan,
        academic_year=target_year,
        title=title,
        acting_user=acting_user,
    )
    trust_id = source.trust_id
    for lead in AnnualObjectiveLead.objects.filter(trust_id=trust_id, annual_plan=source):
        copy = AnnualObjectiveLead(
            trust_id=trust_id,
            annual_plan=new_plan,
            objective_id=lead.objective_id,
            person_id=lead.person_id,
        )
        as_user(copy, acting_user).save()
    focus_copies: dict[int, KeyFocus] = {}
    carried_pairs: list[tuple[Action, Action]] = []
    sources = list(
        KeyFocus.objects.filter(trust_id=trust_id, annual_plan=source).order_by("number")
    )
    for focus in sources:
        copy = KeyFocus(
            trust_id=trust_id,
            annual_plan=new_plan,
            objective_id=focus.objective_id,
            number=focus.number,
            title=focus.title,
        )
        as_user(copy, acting_user).save()
        focus_copies[focus.pk] = copy
    chosen = {a.pk for a in actions}
    originals = (
        Action.objects.filter(trust_id=trust_id, annual_plan=source, pk__in=chosen)
        .prefetch_related("owner_links__person")
        .order_by("objective_id", "position", "id")
    )
    for original in originals:
        carried = Action(
            trust_id=trust_id,
            annual_plan=new_plan,
            objective_id=original.objective_id,
            key_focus=focus_copies.get(original.key_focus_id),
            reference=original.reference,
            position=original.position,
            text=original.text,
            owner_note=original.owner_note,
            school_id=original.school_id,
            carried_from=original,
        )
        as_user(carried, acting_user).save()
        action_owners_set(
            action=carried,
            people=[link.person for link in original.owner_links.all()],
            acting_user=acting_user,
        )
        carried_pairs.append((original, carried))
    # Their columns' text comes along (a year's evidence and evaluation stays with its year).
    copy_values(pairs=carried_pairs, acting_user=acting_user)
    focus_pairs = [(f, focus_copies[f.pk]) for f in sources]
    copy_values(pairs=focus_pairs, acting_user=acting_user)
    return new_plan


# Which year is live, and taking back a draft ----------------------------------------------


@transaction.atomic
def annual_plan_name_live(*, annual_plan: AnnualPlan, live: bool, acting_user) -> bool:
    """The CEO names this plan the live one whatever the calendar says (live=True), or lets
    the calendar decide again (live=False). Home, the plan page, rating and school leads'
    grants follow. Locks the trust, so two namings at once end with one live plan. Returns
    whether anything changed."""
    if acting_role(annual_plan.trust, acting_user) not in (Role.CEO, None):
        raise ValidationError("Only the CEO can choose which plan is live.")
    lock_parent(Trust, pk=annual_plan.trust_id)
    plans = AnnualPlan.objects.filter(trust_id=annual_plan.trust_id)
    named = list(plans.filter(named_live=True))
    wanted = [annual_plan.pk] if live else []
    if [p.pk for p in named] == wanted:
        return False
    for plan in named:
        plan.named_live = False
        as_user(plan, acting_user).save(update_fields=["named_live"])
    if live:
        locked = plans.get(pk=annual_plan.pk)
        locked.named_live = True
        as_user(locked, acting_user).save(update_fields=["named_live"])
    annual_plan.named_live = live
    return True


@dataclass(frozen=True)
class PlanContents:
    key_foci: int
    actions: int
    terms: int
    ratings: int


def annual_plan_contents(annual_plan: AnnualPlan) -> PlanContents:
    """What deleting the plan would take with it (four counts)."""
    trust_id = annual_plan.trust_id
    return PlanContents(
        key_foci=KeyFocus.objects.filter(trust_id=trust_id, annual_plan=annual_plan).count(),
        actions=Action.objects.filter(trust_id=trust_id, annual_plan=annual_plan).count(),
        terms=Term.objects.filter(trust_id=trust_id, annual_plan=annual_plan).count(),
        ratings=RagRating.objects.filter(
            trust_id=trust_id, term__trust_id=trust_id, term__annual_plan=annual_plan
        ).count(),
    )


@transaction.atomic
def annual_plan_delete(*, annual_plan: AnnualPlan, acting_user) -> None:
    """Take back a draft plan nobody has rated: a year started by mistake, or started too
    early. Its terms, key foci and actions go with it; the history keeps them. A plan sent to
    the board, or with any rating, stays. Locks the plan, so a rating saved at the same moment
    either lands first (and the delete is refused) or waits and finds no plan."""
    if acting_role(annual_plan.trust, acting_user) not in (Role.CEO, None):
        raise ValidationError("Only the CEO can delete a plan.")
    locked = (
        AnnualPlan.objects.select_for_update()
        .filter(pk=annual_plan.pk, trust_id=annual_plan.trust_id)
        .first()
    )
    if locked is None:
        raise ValidationError("This plan has been deleted already.")
    if locked.status != AnnualPlanStatus.DRAFT:
        raise ValidationError(
            f"The {locked.year_label} plan is {locked.get_status_display().lower()}: only a "
            "draft plan can be deleted."
        )
    if RagRating.objects.filter(trust_id=locked.trust_id, term__annual_plan=locked).exists():
        raise ValidationError(
            f"The {locked.year_label} plan has ratings, so it stays: only a plan nobody has "
            "rated can be deleted."
        )
    trust_id = locked.trust_id
    try:
        with transaction.atomic():
            # Its own contents first: actions hold their plan against deletion by accident.
            for model in (Action, KeyFocus, AnnualObjectiveLead, Term):
                for row in model.objects.filter(trust_id=trust_id, annual_plan=locked):
                    as_user(row, acting_user).delete()
            as_user(locked, acting_user).delete()
    except (ProtectedError, RestrictedError) as exc:
        blocking = getattr(exc, "protected_objects", None) or exc.restricted_objects
        held = sorted({str(obj._meta.verbose_name_plural) for obj in blocking})
        raise ValidationError(
            f"The {locked.year_label} plan stays: {', '.join(held)} are recorded against it. "
            "Remove them first."
        ) from exc
