"""The parent's row lock, taken where two writers meet.

Two people adding to the same parent at once (the next number, "is there one already?", "does
a CEO remain?") take turns on the parent's row: the second waits for the first to commit and
then sees what it did, so it gets a message or the next number, never an integrity error at
commit. FOR NO KEY UPDATE: rows that merely point at the parent can still be inserted.
"""

from django.db import models


def lock_parent(model: type[models.Model], *, pk: int, trust_id: int | None = None) -> None:
    """Lock one row until the surrounding transaction ends (call inside `transaction.atomic`)."""
    rows = model._base_manager.select_for_update(no_key=True).filter(pk=pk)
    if trust_id is not None:
        rows = rows.filter(trust_id=trust_id)
    list(rows.values_list("pk", flat=True))
