"""Who a change is recorded against, and the changes read back from simple-history."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from itertools import groupby


def as_user(instance, user):
    """Mark `instance` so its next save is recorded against `user` in its history."""
    instance._history_user = user
    return instance


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
