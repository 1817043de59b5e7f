"""What operators do to a whole trust: suspend it, restore it, mark it for deletion.

Deleting happens later (trustdata.services.trusts_delete_due, run by the sweep) once the
grace period has passed; until then an operator can restore the trust.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from schools.models import Trust
from trustplan.core.history import as_user


def _locked(trust: Trust) -> Trust:
    return Trust.objects.select_for_update().get(pk=trust.pk)


@transaction.atomic
def trust_suspend(*, trust: Trust, reason: str, acting_user) -> Trust:
    """Members see a "suspended" page instead of the trust; its data is kept."""
    current = _locked(trust)
    if current.suspended_at is not None:
        raise ValidationError(f"{current.name} is already suspended.")
    current.suspended_at = timezone.now()
    current.suspended_reason = reason.strip()[:200]
    as_user(current, acting_user).save(update_fields=["suspended_at", "suspended_reason"])
    return current


@transaction.atomic
def trust_restore(*, trust: Trust, acting_user) -> Trust:
    """Lift a suspension, and any deletion planned with it."""
    current = _locked(trust)
    if current.suspended_at is None:
        raise ValidationError(f"{current.name} is not suspended.")
    current.suspended_at = None
    current.suspended_reason = ""
    current.deletion_due_at = None
    as_user(current, acting_user).save(
        update_fields=["suspended_at", "suspended_reason", "deletion_due_at"]
    )
    return current


def grace_period() -> datetime.timedelta:
    return datetime.timedelta(days=settings.TRUST_DELETION_GRACE_DAYS)


@transaction.atomic
def trust_mark_for_deletion(*, trust: Trust, confirmation: str, acting_user) -> Trust:
    """Suspend the trust now and delete it once the grace period has passed. The operator
    confirms by typing the trust's address."""
    current = _locked(trust)
    if confirmation.strip().lower() != current.slug:
        raise ValidationError(
            {"confirmation": f"Type the trust's address, {current.slug}, to confirm."}
        )
    if current.deletion_due_at is not None:
        raise ValidationError(
            f"{current.name} is already due to be deleted on "
            f"{timezone.localtime(current.deletion_due_at):%-d %B %Y}."
        )
    now = timezone.now()
    current.suspended_at = current.suspended_at or now
    current.suspended_reason = current.suspended_reason or "Due to be deleted."
    current.deletion_due_at = now + grace_period()
    as_user(current, acting_user).save(
        update_fields=["suspended_at", "suspended_reason", "deletion_due_at"]
    )
    return current


@transaction.atomic
def trust_deletion_cancel(*, trust: Trust, acting_user) -> Trust:
    """Keep the trust after all; it stays suspended until restored."""
    current = _locked(trust)
    if current.deletion_due_at is None:
        raise ValidationError(f"{current.name} is not due to be deleted.")
    current.deletion_due_at = None
    as_user(current, acting_user).save(update_fields=["deletion_due_at"])
    return current
