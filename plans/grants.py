"""The per-object grants (django-guardian) that let a school lead change actions.

A school lead may change the actions they own and the actions of their school, in the live
year's plan and the years after it, and in a past year's only when the CEO has reopened it: a
past year's evidence, once it went to the board, is not theirs to rewrite. The grants are
derived from ownership, schools, roles and which plan is live, and re-derived whenever one of
those changes: at once for one row, once per trust for a batch (`grants_batched`, which
copying a plan into next year uses). Writing them is idempotent: two syncs at once never
insert the same grant twice.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.contrib.auth.models import Permission
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from plans.models import Action, ActionOwner, ActionUserObjectPermission, AnnualPlan
from schools.models import Membership, Person, Role, Trust

CHANGE_ACTION = {
    "permission__content_type__app_label": "plans",
    "permission__codename": "change_action",
}


def change_action_permission_id() -> int:
    # Not cached: a test database flush recreates permissions under new ids.
    return Permission.objects.get(content_type__app_label="plans", codename="change_action").pk


def granted_action_ids(membership: Membership) -> set[int]:
    if membership.role != Role.SCHOOL_LEAD:
        return set()
    return set(
        ActionUserObjectPermission.objects.filter(
            trust_id=membership.trust_id, user_id=membership.user_id, **CHANGE_ACTION
        ).values_list("content_object_id", flat=True)
    )


def open_plan_ids(trust_id: int) -> set[int]:
    """The plans whose actions school leads may change: the live one, next year's draft after
    it, and any past year's the CEO reopened (plans.services.check_year_open is the same rule
    for every editor)."""
    from plans.selectors import current_annual_plan

    live = current_annual_plan(trust_id)
    plans = AnnualPlan.objects.filter(trust_id=trust_id)
    if live is not None:
        plans = plans.filter(Q(academic_year__gte=live.academic_year) | Q(reopened=True))
    return set(plans.values_list("pk", flat=True))


def action_grants_sync(*, trust: Trust | int, action_ids: Iterable[int] | None = None) -> None:
    """Make the stored grants match ownership and schools, for some actions or the whole trust."""
    trust_id = trust.pk if isinstance(trust, Trust) else trust
    actions = Action.objects.filter(trust_id=trust_id)
    if action_ids is not None:
        actions = actions.filter(pk__in=list(action_ids))
    considered = dict(actions.values_list("pk", "annual_plan_id"))
    open_plans = open_plan_ids(trust_id)
    action_school = dict(
        actions.filter(annual_plan_id__in=open_plans).values_list("pk", "school_id")
    )
    owners = ActionOwner.objects.filter(trust_id=trust_id, action_id__in=action_school)
    owned_by: dict[int, set[int]] = {}
    for action_id, person_id in owners.values_list("action_id", "person_id"):
        owned_by.setdefault(person_id, set()).add(action_id)
    leads = Membership.objects.filter(
        trust_id=trust_id, role=Role.SCHOOL_LEAD, is_active=True, person__isnull=False
    ).values_list("user_id", "person_id", "person__school_id")

    wanted = set()
    for user_id, person_id, school_id in leads:
        for action_id in owned_by.get(person_id, ()):
            wanted.add((user_id, action_id))
        if school_id is not None:
            wanted.update((user_id, a) for a, s in action_school.items() if s == school_id)

    permission_id = change_action_permission_id()
    existing = ActionUserObjectPermission.objects.filter(
        trust_id=trust_id, permission_id=permission_id
    )
    if action_ids is not None:
        existing = existing.filter(content_object_id__in=considered)
    have = {(u, a): pk for pk, u, a in existing.values_list("pk", "user_id", "content_object_id")}
    stale = [pk for key, pk in have.items() if key not in wanted]
    if stale:
        ActionUserObjectPermission.objects.filter(pk__in=stale).delete()
    ActionUserObjectPermission.objects.bulk_create(
        [
            ActionUserObjectPermission(
                trust_id=trust_id, user_id=u, content_object_id=a, permission_id=permission_id
            )
            for u, a in wanted - have.keys()
        ],
        # A sync running at the same moment may insert the same grant: the unique key decides
        # and the second insert does nothing.
        ignore_conflicts=True,
    )


_batch = threading.local()


@contextmanager
def grants_batched() -> Iterator[None]:
    """Inside, saves that would re-derive grants only note their trust; on leaving, each trust
    noted is synced once. For copying or importing many actions at once."""
    if getattr(_batch, "trusts", None) is not None:  # already batching: the outer one syncs
        yield
        return
    _batch.trusts = set()
    try:
        yield
        trusts = _batch.trusts
    finally:
        _batch.trusts = None
    for trust_id in sorted(trusts):
        action_grants_sync(trust=trust_id)


def _sync(trust_id: int, action_ids: list[int] | None = None) -> None:
    trusts = getattr(_batch, "trusts", None)
    if trusts is not None:
        trusts.add(trust_id)
    else:
        action_grants_sync(trust=trust_id, action_ids=action_ids)


def _cascaded(instance, kwargs) -> bool:
    # Deleted because its action, person or trust is being deleted: the grants go with them,
    # and re-deriving now would re-create grants for rows about to vanish.
    origin = kwargs.get("origin")
    return origin is not None and origin is not instance


@receiver([post_save, post_delete], sender=ActionOwner)
def _owner_changed(sender, instance: ActionOwner, **kwargs) -> None:
    if not _cascaded(instance, kwargs):
        _sync(instance.trust_id, [instance.action_id])


@receiver(post_save, sender=Action)
def _action_saved(sender, instance: Action, created, update_fields=None, **kwargs) -> None:
    if created or update_fields is None or "school" in update_fields:
        _sync(instance.trust_id, [instance.pk])


@receiver([post_save, post_delete], sender=Person)
@receiver([post_save, post_delete], sender=Membership)
def _people_changed(sender, instance, **kwargs) -> None:
    if not _cascaded(instance, kwargs):
        _sync(instance.trust_id)


@receiver(post_save, sender=AnnualPlan)
def _plan_saved(sender, instance: AnnualPlan, created, update_fields=None, **kwargs) -> None:
    # Which plan is live follows status and creation; a reopened past year opens its grants.
    if (
        created
        or update_fields is None
        or {"status", "reopened", "named_live"} & set(update_fields)
    ):
        _sync(instance.trust_id)


@receiver(post_delete, sender=AnnualPlan)
def _plan_deleted(sender, instance: AnnualPlan, **kwargs) -> None:
    # Deleting this year's draft can make another year's plan the live one.
    if not _cascaded(instance, kwargs):
        _sync(instance.trust_id)
