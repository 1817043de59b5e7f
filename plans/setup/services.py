"""The trust's plan columns: adding, renaming, placing, reordering and removing them.

Two people changing the columns at once take turns on the trust's row (lock_parent), so
positions and names never clash; the database's unique name and key decide the rest.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.text import slugify

from plans.models import COLUMN_LIMIT_CEILING, ColumnLevel, ColumnValue, PlanColumn
from schools.models import Trust
from trustplan.core.history import as_user
from trustplan.core.locks import lock_parent
from trustplan.core.words import propose_plural

UP, DOWN = "up", "down"
COLUMN_FIELDS = ("name", "name_plural", "level", "max_length", "on_plan", "on_grid",
                 "on_action", "on_pack")  # fmt: skip


def _check(trust: Trust, values: dict, *, exclude_pk: int | None = None) -> dict:
    name = " ".join((values.get("name") or "").split())
    if not name:
        raise ValidationError({"name": "Give the column a name, such as Measuring success."})
    plural = " ".join((values.get("name_plural") or "").split()) or propose_plural(name)
    clash = PlanColumn.objects.filter(trust=trust, name__lower=name.lower())
    if exclude_pk:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise ValidationError({"name": f"The trust already has a column called {name}."})
    level = values.get("level")
    if level not in ColumnLevel.values:
        raise ValidationError({"level": "Choose where the column belongs."})
    limit = values.get("max_length")
    if not isinstance(limit, int) or not 1 <= limit <= COLUMN_LIMIT_CEILING:
        raise ValidationError(
            {"max_length": f"A column's limit is between 1 and {COLUMN_LIMIT_CEILING:,}."}
        )
    return {**values, "name": name, "name_plural": plural, "max_length": limit}


def _key_for(trust: Trust, name: str) -> str:
    base = slugify(name)[:32] or "column"
    taken = set(PlanColumn.objects.filter(trust=trust).values_list("key", flat=True))
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


@transaction.atomic
def plan_column_create(
    *,
    trust: Trust,
    name: str,
    name_plural: str = "",
    level: str,
    max_length: int,
    on_plan: bool = True,
    on_grid: bool = False,
    on_action: bool = True,
    on_pack: bool = True,
    acting_user,
) -> PlanColumn:
    """Add a column after the trust's others; a plural left empty is proposed."""
    lock_parent(Trust, pk=trust.pk)
    values = _check(trust, {
        "name": name, "name_plural": name_plural, "level": level, "max_length": max_length,
    })  # fmt: skip
    last = PlanColumn.objects.filter(trust=trust).aggregate(p=Max("position"))["p"]
    column = PlanColumn(
        trust=trust,
        key=_key_for(trust, values["name"]),
        position=0 if last is None else last + 1,
        on_plan=on_plan,
        on_grid=on_grid,
        on_action=on_action,
        on_pack=on_pack,
        **values,
    )
    as_user(column, acting_user).save()
    return column


def values_count(column: PlanColumn) -> int:
    """How many rows have text in the column."""
    return (
        ColumnValue.objects.filter(trust_id=column.trust_id, column=column).exclude(text="").count()
    )


@transaction.atomic
def plan_column_update(*, column: PlanColumn, acting_user, **changes) -> list[str]:
    """Rename, re-place or re-limit a column. Its level changes only while it holds no text
    (the text belongs to rows of the old level); a limit below its longest text is refused."""
    unknown = set(changes) - set(COLUMN_FIELDS)
    if unknown:
        raise ValueError(f"plan_column_update cannot change {', '.join(sorted(unknown))}")
    lock_parent(Trust, pk=column.trust_id)
    current = PlanColumn.objects.select_for_update().get(pk=column.pk, trust_id=column.trust_id)
    wanted = {name: changes.get(name, getattr(current, name)) for name in COLUMN_FIELDS}
    if "name" in changes and changes["name"] != current.name and not changes.get("name_plural"):
        wanted["name_plural"] = ""
    wanted = _check(current.trust, wanted, exclude_pk=current.pk)
    if wanted["level"] != current.level:
        held = values_count(current)
        if held:
            raise ValidationError({"level": (
                f"{current.name} holds text in {held} "
                f"{'row' if held == 1 else 'rows'}, which belong where it is now. Remove "
                "the column (or its text) first, or add a new column at the other level."
            )})  # fmt: skip
        # Empty values (text removed) go with the move: they belonged to the old level.
        ColumnValue.objects.filter(trust_id=current.trust_id, column=current).delete()
    longest = max(
        (len(t) for t in ColumnValue.objects.filter(
            trust_id=current.trust_id, column=current).values_list("text", flat=True)),
        default=0,
    )  # fmt: skip
    if wanted["max_length"] < longest:
        raise ValidationError({"max_length": (
            f"Some text in {current.name} is {longest:,} characters long; the limit cannot be "
            "below that."
        )})  # fmt: skip
    changed = [name for name in COLUMN_FIELDS if getattr(current, name) != wanted[name]]
    for name in changed:
        setattr(current, name, wanted[name])
    if changed:
        try:
            with transaction.atomic():
                as_user(current, acting_user).save(update_fields=changed)
        except IntegrityError:
            raise ValidationError({"name": "Another column has this name."}) from None
    return changed


@transaction.atomic
def plan_column_move(*, column: PlanColumn, direction: str, acting_user) -> bool:
    """Swap a column with its neighbour in the trust's order; False at either end."""
    lock_parent(Trust, pk=column.trust_id)
    columns = list(
        PlanColumn.objects.select_for_update()
        .filter(trust_id=column.trust_id)
        .order_by("position", "id")
    )
    index = next(i for i, c in enumerate(columns) if c.pk == column.pk)
    other = index - 1 if direction == UP else index + 1
    if direction not in (UP, DOWN) or not 0 <= other < len(columns):
        return False
    columns[index], columns[other] = columns[other], columns[index]
    for position, each in enumerate(columns):
        if each.position != position:
            each.position = position
            as_user(each, acting_user).save(update_fields=["position"])
    return True


@transaction.atomic
def plan_column_delete(*, column: PlanColumn, acting_user) -> int:
    """Remove a column and its text everywhere (the history keeps what it held). Returns
    how many rows had text in it."""
    lock_parent(Trust, pk=column.trust_id)
    current = PlanColumn.objects.select_for_update().get(pk=column.pk, trust_id=column.trust_id)
    held = values_count(current)
    for value in ColumnValue.objects.filter(trust_id=current.trust_id, column=current):
        as_user(value, acting_user).delete()
    as_user(current, acting_user).delete()
    return held
