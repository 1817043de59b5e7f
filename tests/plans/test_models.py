import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from plans.models import Action, ActionOwner, RagRating


def test_an_action_reference_is_unique_within_its_objective_and_year(mine):
    first = mine.actions[0]
    duplicate = Action(
        trust=mine.trust,
        annual_plan=first.annual_plan,
        objective=first.objective,
        reference=first.reference,
        text="A second action with the same reference",
    )

    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "already has this reference" in str(error.value)

    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_the_same_reference_may_be_used_under_another_objective(mine):
    first = mine.actions[1]
    assert first.objective != mine.objectives[1]
    Action(
        trust=mine.trust,
        annual_plan=first.annual_plan,
        objective=mine.objectives[1],
        reference=first.reference,
        text="Same reference, other objective",
    ).save()


def test_an_action_has_one_rating_per_term(mine):
    existing = mine.ratings[0]
    second = RagRating(trust=mine.trust, action=existing.action, term=existing.term, status="red")

    with pytest.raises(ValidationError) as error:
        second.full_clean()
    assert "already has a rating for this term" in str(error.value)

    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()


def test_an_action_cannot_be_owned_by_another_trusts_person(mine, other):
    link = ActionOwner(trust=mine.trust, action=mine.actions[0], person=other.people["ceo"])

    with pytest.raises(ValidationError) as error:
        link.save()

    assert "does not belong to this trust" in str(error.value)
    assert not ActionOwner.objects.filter(person=other.people["ceo"], action__trust=mine.trust)


def test_a_rating_cannot_join_an_action_to_another_trusts_term(mine, other):
    rating = RagRating(trust=mine.trust, action=mine.actions[0], term=other.terms[1], status="red")

    with pytest.raises(ValidationError):
        rating.save()


def test_a_commentary_longer_than_the_limit_is_refused_by_the_database(mine):
    rating = mine.ratings[0]

    with pytest.raises(IntegrityError), transaction.atomic():
        RagRating.objects.filter(pk=rating.pk).update(commentary="x" * 2001)
