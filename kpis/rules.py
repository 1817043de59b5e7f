"""How far kpi.view and kpi.enter reach for a KPI, beyond the role check of trust_view.

The table in docs/permissions.md gives governors "school" for kpi.view and school leads
"school" for kpi.enter. A KPI belongs to a school when it is measured per school and that
school is among the schools it measures; its figures for the trust as a whole belong to no
school. A school lead may define or re-define only a KPI measured for their school alone.
No queries: the KPI's school subset is prefetched.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from kpis.models import Kpi
from kpis.permissions import KPI_ENTER, KPI_VIEW
from trustplan.core.permissions import Perms, Scope


def own_school_id(perms: Perms) -> int | None:
    return perms.person.school_id if perms.person else None


def visible_school_ids(perms: Perms) -> set[int] | None:
    """The schools whose figures this reader sees: None for every school."""
    if perms.has_all(KPI_VIEW):
        return None
    school_id = own_school_id(perms)
    return {school_id} if school_id is not None and perms.has(KPI_VIEW) else set()


def sees_trust_figures(perms: Perms) -> bool:
    return perms.has_all(KPI_VIEW)


def may_view_kpi(perms: Perms, kpi: Kpi) -> bool:
    scope = perms.scope(KPI_VIEW)
    if scope is Scope.ALL:
        return True
    if scope is Scope.SCHOOL:
        school_id = own_school_id(perms)
        return school_id is not None and kpi.is_per_school and kpi.applies_to(school_id)
    return False


def may_enter_for(perms: Perms, kpi: Kpi, school_id: int | None) -> bool:
    """Whether this user may enter a value of `kpi` for this school (None: the trust)."""
    scope = perms.scope(KPI_ENTER)
    if scope is Scope.ALL:
        return True
    if scope is Scope.SCHOOL:
        own = own_school_id(perms)
        return own is not None and school_id == own and kpi.applies_to(own)
    return False


def may_enter_kpi(perms: Perms, kpi: Kpi) -> bool:
    """Whether there is any school (or the trust) this user may enter values of `kpi` for."""
    if perms.has_all(KPI_ENTER):
        return True
    return may_enter_for(perms, kpi, own_school_id(perms))


def may_define_kpi(perms: Perms, kpi: Kpi) -> bool:
    scope = perms.scope(KPI_ENTER)
    if scope is Scope.ALL:
        return True
    if scope is Scope.SCHOOL:
        own = own_school_id(perms)
        return own is not None and kpi.is_per_school and kpi.school_ids() == {own}
    return False


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied("Your role does not reach this KPI.")
