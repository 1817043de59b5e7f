"""What the product queued to e-mail: the outbox's rows, oldest first."""

from notifications.models import OutgoingEmail


def queued(**filters) -> list[OutgoingEmail]:
    return list(OutgoingEmail.objects.filter(**filters).order_by("created_at", "id"))


def last_queued(**filters) -> OutgoingEmail:
    rows = queued(**filters)
    assert rows, f"nothing was queued to e-mail ({filters or 'any'})"
    return rows[-1]
