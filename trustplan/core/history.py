"""Who a change is recorded against, and the changes read back from simple-history."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from itertools import groupby

from django.db import connection
from django.utils import timezone


def as_user(instance, user):
    """Mark `instance` so its next save is recorded against `user` in its history."""
    instance._history_user = user
    return instance


def save_with_history(instance) -> None:
    """Save `instance` (an UPDATE, or an INSERT when it is new) and its history row in one
    statement, a data-modifying CTE.

    Written by hand because simple-history adds the history row with a second INSERT from the
    post_save signal, and the busiest write of all (a rating, many a second at the end of a
    term) is worth the round trip. The history row is the one simple-history would write: '+'
    or '~', now, the user given by as_user, the change reason. No model signal is sent, so
    only models with no receivers of their own may use it.
    """
    model = type(instance)
    history = model.history.model
    instance.check_same_trust()
    adding = instance._state.adding or instance.pk is None
    qn = connection.ops.quote_name
    written = [
        field
        for field in model._meta.concrete_fields
        if not (adding and field.primary_key and instance.pk is None)
    ]
    values = [
        field.get_db_prep_save(field.pre_save(instance, adding), connection) for field in written
    ]
    tracked = ", ".join(
        qn(field.column)
        for field in history._meta.concrete_fields
        if not field.name.startswith("history_")
    )
    table, pk = qn(model._meta.db_table), model._meta.pk
    if adding:
        columns = ", ".join(qn(field.column) for field in written)
        marks = ", ".join(["%s"] * len(written))
        save = f"INSERT INTO {table} ({columns}) VALUES ({marks}) RETURNING {tracked}"
        params = values
    else:
        sets = ", ".join(f"{qn(field.column)} = %s" for field in written if not field.primary_key)
        save = f"UPDATE {table} SET {sets} WHERE {qn(pk.column)} = %s RETURNING {tracked}"
        params = [v for f, v in zip(written, values, strict=True) if not f.primary_key]
        params.append(pk.get_db_prep_value(instance.pk, connection))
    user = getattr(instance, "_history_user", None)
    sql = (
        f"WITH saved AS ({save}) INSERT INTO {qn(history._meta.db_table)} ({tracked}, "
        '"history_date", "history_change_reason", "history_type", "history_user_id") '
        f"SELECT {tracked}, %s, %s, %s, %s FROM saved RETURNING {qn(pk.column)}"
    )
    params += [
        timezone.now(),
        getattr(instance, "_change_reason", None),
        "+" if adding else "~",
        user.pk if user is not None else None,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        raise model.DoesNotExist(f"{model._meta.verbose_name} {instance.pk} no longer exists.")
    if adding:
        setattr(instance, pk.attname, row[0])
    instance._state.adding = False
    instance._state.db = connection.alias


@dataclass
class Change:
    when: datetime
    who: object  # a user, or None for the system
    what: str  # e.g. "Rating (Autumn)"
    kind: str  # "created", "changed", "removed"
    field: str = ""
    old: str = ""
    new: str = ""


def changes(
    records: Iterable,
    fields: dict[str, str],
    *,
    describe: Callable[[object], str],
    show: Callable[[object, str], str] | None = None,
) -> list[Change]:
    """Field-by-field changes from historical records, oldest first within each object.

    `fields` maps field names to the words shown for them; `describe(record)` names the object;
    `show(record, field)` renders a value (default: the raw value). No query per record: the
    records are compared in memory.
    """
    show = show or (lambda record, name: getattr(record, name))
    out: list[Change] = []
    ordered = sorted(records, key=lambda r: (r.id, r.history_date, r.history_id))
    for _, group in groupby(ordered, key=lambda r: r.id):
        previous = None
        for record in group:
            who, what = record.history_user, describe(record)
            if record.history_type == "+":
                out.append(Change(record.history_date, who, what, "created"))
            elif record.history_type == "-":
                out.append(Change(record.history_date, who, what, "removed"))
            elif previous is not None:
                for name, label in fields.items():
                    old, new = show(previous, name), show(record, name)
                    if old != new:
                        out.append(
                            Change(record.history_date, who, what, "changed", label, old, new)
                        )
            previous = record
    return out
