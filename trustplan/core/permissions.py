"""Roles and permissions, read from the table in docs/permissions.md.

Apps declare the permission names they check (`declare`); the table says how far each role's
permission reaches ("yes", "own", "school" or none). `Perms` answers for one membership,
batching object-level checks so a page of 300 actions costs a fixed number of queries.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from enum import Enum
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied

TABLE_PATH = Path(settings.BASE_DIR) / "docs" / "permissions.md"

ROLE_COLUMNS = {
    "CEO": "ceo",
    "administrator": "admin",
    "school lead": "school_lead",
    "trustee": "trustee",
    "governor": "governor",
    "viewer": "viewer",
}


class Scope(Enum):
    NONE = "—"
    ALL = "yes"
    OWN = "own"
    SCHOOL = "school"


_declared: dict[str, str] = {}
_grant_source: Callable[[object], set[int]] | None = None
_granted_model = ""  # the model whose rows the grant source names ("plans.Action")


def declare(name: str, description: str) -> str:
    """Register a permission an app checks; returns the name, for use as a constant."""
    _declared[name] = description
    return name


def declared() -> dict[str, str]:
    return dict(_declared)


def register_grant_source(source: Callable[[object], set[int]], *, model: str) -> None:
    """The app that keeps "own" grants gives the core its lookup: membership -> ids of rows of
    `model` (an app label and model name, "plans.Action"). An "own" check on anything else is
    refused: another table's id that happens to equal a granted action's grants nothing.

    The core stands below the apps and imports none of them; plans registers this in ready().
    """
    global _grant_source, _granted_model
    _grant_source, _granted_model = source, model


def parse_table(text: str) -> dict[str, dict[str, Scope]]:
    """{permission: {role: Scope}} from the markdown table whose header names the roles."""
    rows = [line for line in text.splitlines() if line.strip().startswith("|")]
    header = [cell.strip() for cell in rows[0].strip().strip("|").split("|")]
    role_at = {i: ROLE_COLUMNS[name] for i, name in enumerate(header) if name in ROLE_COLUMNS}
    if sorted(role_at.values()) != sorted(ROLE_COLUMNS.values()):
        raise ValueError(f"{TABLE_PATH.name}: the header must name every role")
    table: dict[str, dict[str, Scope]] = {}
    for line in rows[2:]:
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        name = re.fullmatch(r"`([a-z_]+\.[a-z_]+)`", cells[0])
        if not name:
            continue
        table[name.group(1)] = {role: _scope(cells[i]) for i, role in role_at.items()}
    return table


def _scope(cell: str) -> Scope:
    if cell in {"", "-", "no"}:
        return Scope.NONE
    return Scope(cell)


@cache
def table() -> dict[str, dict[str, Scope]]:
    return parse_table(TABLE_PATH.read_text(encoding="utf-8"))


def scope_of(role: str, permission: str) -> Scope:
    try:
        return table()[permission][role]
    except KeyError:
        raise KeyError(f"{permission!r} has no row in docs/permissions.md") from None


class Perms:
    """What one membership may do. Built once per request by the trust resolver."""

    def __init__(self, membership):
        self.membership = membership
        self.role = membership.role
        self.person = membership.person
        self.trust = membership.trust
        self._granted_action_ids: set[int] | None = None

    def scope(self, permission: str) -> Scope:
        return scope_of(self.role, permission)

    def has(self, permission: str) -> bool:
        """Whether the role reaches any object at all with this permission."""
        return self.scope(permission) is not Scope.NONE

    def has_all(self, permission: str) -> bool:
        return self.scope(permission) is Scope.ALL

    # Object-level checks. Actions are the only per-object grants so far.
    def granted_action_ids(self) -> set[int]:
        """Ids of the actions this user holds object grants on, fetched once per request."""
        if self._granted_action_ids is None:
            if _grant_source is None:
                raise RuntimeError("no app has registered the source of object grants")
            self._granted_action_ids = _grant_source(self.membership)
        return self._granted_action_ids

    def allows(self, permission: str, obj) -> bool:
        scope = self.scope(permission)
        if scope is Scope.ALL:
            return True
        if scope is Scope.OWN:
            granted = obj._meta.label == _granted_model
            return granted and obj.pk in self.granted_action_ids()
        if scope is Scope.SCHOOL:
            school_id = self.person.school_id if self.person else None
            return school_id is not None and getattr(obj, "school_id", None) == school_id
        return False

    def allowed_ids(self, permission: str, objects: Iterable) -> set[int]:
        """The ids among `objects` this user may act on: one query at most, whatever the count."""
        return {obj.pk for obj in objects if self.allows(permission, obj)}

    def require(self, permission: str, obj) -> None:
        if not self.allows(permission, obj):
            raise PermissionDenied(f"Your role does not allow {permission} on this.")


TRUST_VIEW = declare("trust.view", "open the trust's home page")
