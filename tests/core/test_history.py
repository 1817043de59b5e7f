"""A save and its history row in one statement (trustplan/core/history.py)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plans.models import RagRating
from trustplan.core.history import as_user, save_with_history

pytestmark = pytest.mark.django_db

HISTORY = ["id", "status", "commentary", "version", "trust_id", "action_id", "term_id"]


def test_a_combined_save_writes_the_row_and_the_history_simple_history_would_in_one_statement(
    mine,
):
    ceo = mine.users["ceo"]
    kept = RagRating.objects.get(action=mine.school_action, term=mine.terms[0])
    rating = RagRating(trust=mine.trust, action=mine.lead_action, term=mine.terms[1], version=1)
    rating.status, rating.commentary = "amber", "Started late."

    with CaptureQueriesContext(connection) as captured:
        save_with_history(as_user(rating, ceo))
    kept.status, kept.version = "red", kept.version + 1
    kept._change_reason = "Checked at the visit"
    save_with_history(as_user(kept, ceo))

    assert len(captured) == 1
    created = RagRating.history.filter(action=mine.lead_action, term=mine.terms[1]).get()
    assert (created.history_type, created.history_user, created.status) == ("+", ceo, "amber")
    assert RagRating.objects.get(pk=rating.pk).commentary == "Started late."
    changed = kept.history.order_by("-history_id").first()
    assert (changed.history_type, changed.history_change_reason) == ("~", "Checked at the visit")
    assert [getattr(changed, name) for name in HISTORY] == [
        getattr(RagRating.objects.get(pk=kept.pk), name) for name in HISTORY
    ]


def test_a_combined_save_of_a_row_of_another_trusts_action_is_refused(mine, other):
    rating = RagRating(trust=mine.trust, action=other.lead_action, term=mine.terms[1], version=1)

    with pytest.raises(ValidationError, match="does not belong to this trust"):
        save_with_history(rating)
    assert not RagRating.objects.filter(action=other.lead_action, term=mine.terms[1]).exists()
