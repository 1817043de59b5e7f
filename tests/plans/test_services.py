import pytest
from django.core.exceptions import ValidationError

from plans.models import RagRating, TermStatus
from plans.review.services import RatingConflict, rating_set
from plans.services import action_owners_set


def test_history_records_who_changed_a_rating(mine):
    rating = mine.ratings[0]
    ceo = mine.users["ceo"]

    rating_set(
        action=rating.action,
        term=rating.term,
        status="amber",
        commentary="Slipped behind the timeline.",
        acting_user=ceo,
        expected_version=rating.version,
    )

    latest = RagRating.history.filter(id=rating.pk).latest("history_date")
    assert latest.history_user == ceo
    assert latest.status == "amber"
    previous = latest.prev_record
    assert previous.status == "green"


def test_saving_an_unchanged_rating_writes_no_history(mine):
    rating = mine.ratings[0]
    before = RagRating.history.filter(id=rating.pk).count()

    rating_set(
        action=rating.action,
        term=rating.term,
        status=rating.status,
        commentary=rating.commentary,
        acting_user=mine.users["ceo"],
    )

    assert RagRating.history.filter(id=rating.pk).count() == before


def test_a_rating_saved_from_a_stale_version_is_a_conflict(mine):
    rating = mine.ratings[0]
    start = rating.version
    rating_set(
        action=rating.action, term=rating.term, status="amber", commentary="First",
        acting_user=mine.users["ceo"], expected_version=start,
    )  # fmt: skip

    with pytest.raises(RatingConflict) as conflict:
        rating_set(
            action=rating.action, term=rating.term, status="red", commentary="Second",
            acting_user=mine.users["school_lead"], expected_version=start,
        )  # fmt: skip

    assert conflict.value.current.status == "amber"
    assert RagRating.objects.get(pk=rating.pk).commentary == "First"


@pytest.mark.parametrize(
    ("status", "commentary", "message"),
    [
        ("purple", "", "is not a rating"),
        ("red", "x" * 2001, "the limit is 2000"),
    ],
)
def test_bad_ratings_are_refused_with_a_message_and_change_nothing(
    mine, status, commentary, message
):
    rating = mine.ratings[0]

    with pytest.raises(ValidationError) as error:
        rating_set(
            action=rating.action, term=rating.term, status=status, commentary=commentary,
            acting_user=mine.users["ceo"],
        )  # fmt: skip

    assert message in error.value.messages[0]
    assert RagRating.objects.get(pk=rating.pk).status == rating.status


def test_a_submitted_terms_ratings_are_frozen(mine):
    rating = mine.ratings[0]
    rating.term.status = TermStatus.SUBMITTED
    rating.term.save()

    with pytest.raises(ValidationError) as error:
        rating_set(
            action=rating.action, term=rating.term, status="red", commentary="Too late",
            acting_user=mine.users["ceo"],
        )  # fmt: skip

    assert "frozen" in error.value.messages[0]


def test_an_action_of_another_trust_cannot_be_rated_in_this_trusts_term(mine, other):
    with pytest.raises(ValidationError):
        rating_set(
            action=other.actions[0], term=mine.terms[1], status="red", commentary="",
            acting_user=mine.users["ceo"],
        )  # fmt: skip


def test_owners_are_replaced_in_order_and_unchanged_owners_write_nothing(mine):
    action = mine.actions[0]
    lead, ceo = mine.people["school_lead"], mine.people["ceo"]

    assert action_owners_set(action=action, people=[ceo, lead], acting_user=None) is True
    assert list(action.owners.order_by("action_links__position")) == [ceo, lead]
    assert action_owners_set(action=action, people=[ceo, lead], acting_user=None) is False
