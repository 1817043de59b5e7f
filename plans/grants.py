"""The per-object grants (django-guardian) that let a school lead change actions.

A school lead may change the actions they own and the actions of their school, in the live
year's plan and the years after it, and in a past year's only when the CEO has reopened it: a
past year's evidence, once it went to the board, is not theirs to rewrite. The grants are
derived from ownership, schools, roles and which plan is live, and re-derived whenever one of
those changes: not in the transaction that changes them, row by row, but once per trust after
it commits (`grants_sync_after_commit`: one on_commit callback per transaction, however many
saves note their trust in it, so copying a plan into next year costs one sync). The sync
reads what is committed with the trust's row locked, so two syncs at once take turns, and
the grants' unique key decides any insert they share: neither fails, nothing is doubled.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import Permission
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from plans.models import Action, ActionOwner, ActionUserObjectPermission, AnnualPlan
from schools.models import Membership, Person, Role, Trust
from trustplan.core.locks import lock_parent

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
    """Make the stored grants match ownership and schools, for some actions or the whole trust.
    Its own transaction, with the trust's row locked: a second sync of the trust waits, then
    reads what the first wrote."""
    trust_id = trust.pk if isinstance(trust, Trust) else trust
    with transaction.atomic():
        lock_parent(Trust, pk=trust_id)
        _sync_locked(trust_id, action_ids)


def _sync_locked(trust_id: int, action_ids: Iterable[int] | None) -> None:
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


class _PendingGrants:
    """The trusts (and, where only some changed, their actions) whose grants one transaction
    changes: registered with on_commit once, run once it commits."""

    def __init__(self, transaction_key) -> None:
        self.transaction_key = transaction_key
        self.trusts: dict[int, set[int] | None] = {}
        self.done = False

    def add(self, trust_id: int, action_ids: Iterable[int] | None) -> None:
        if action_ids is None:
            self.trusts[trust_id] = None
        elif self.trusts.get(trust_id, set()) is not None:
            self.trusts.setdefault(trust_id, set()).update(action_ids)

    def __call__(self) -> None:
        self.done = True
        for trust_id, action_ids in sorted(self.trusts.items()):
            action_grants_sync(trust=trust_id, action_ids=action_ids)


def grants_sync_after_commit(*, trust_id: int, action_ids: Iterable[int] | None = None) -> None:
    """Re-derive the trust's grants (for these actions, or all) once the current transaction
    commits; at once outside a transaction. Every call in one transaction shares one callback,
    so a batch of saves costs one sync per trust. A rolled-back transaction (or savepoint)
    drops its callback with it, and the next save registers a new one."""
    connection = transaction.get_connection()
    outer = sum(1 for b in connection.atomic_blocks if getattr(b, "_from_testcase", False))
    if len(connection.atomic_blocks) == outer:
        # Autocommit as far as the product is concerned (a test's own wrapping transaction,
        # which never commits, aside): the change is already saved.
        action_grants_sync(trust=trust_id, action_ids=action_ids)
        return
    # Which transaction this is: in production the one open (run_on_commit empties at its
    # end); inside a test's wrapping transaction, the savepoint that stands for it.
    key = connection.savepoint_ids[outer - 1] if outer else None
    pending = next(
        (
            func
            for _, func, _ in connection.run_on_commit
            if isinstance(func, _PendingGrants) and func.transaction_key == key and not func.done
        ),
        None,
    )
    if pending is None:
        pending = _PendingGrants(key)
        transaction.on_commit(pending, robust=True)
    pending.add(trust_id, None if action_ids is None else list(action_ids))


def _sync(trust_id: int, action_ids: list[int] | None = None) -> None:
    grants_sync_after_commit(trust_id=trust_id, action_ids=action_ids)


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
