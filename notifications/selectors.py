"""What was sent to one person in one trust, and their choices."""

from __future__ import annotations

from notifications import kinds
from notifications.models import Delivery, NotificationPreference, OutgoingEmail


def sent_to(trust, user, *, limit: int = 100):
    """The newest e-mails queued for `user` in `trust` (what the notifications page lists)."""
    return list(
        OutgoingEmail.objects.filter(trust=trust, recipient=user)
        .exclude(kind=kinds.DIGEST)
        .only("subject", "kind", "status", "created_at", "sent_at", "link")
        .order_by("-created_at", "-pk")[:limit]
    )


def choices_of(trust, user) -> dict[str, str]:
    """Every optional kind with the person's choice (as it happens when they made none)."""
    chosen = dict(
        NotificationPreference.objects.filter(trust=trust, user=user).values_list(
            "kind", "delivery"
        )
    )
    return {kind.name: chosen.get(kind.name, Delivery.IMMEDIATE) for kind in kinds.KINDS}
