import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from boardpacks.models import BoardPack
from tests.boardpacks.factories import BoardPackFactory


def test_two_unpublished_packs_for_the_same_inputs_are_refused_by_the_database(mine):
    BoardPackFactory(
        trust=mine.trust, annual_plan=mine.annual_plan, term=mine.terms[1], fingerprint="same"
    )

    with pytest.raises(IntegrityError), transaction.atomic():
        BoardPackFactory(
            trust=mine.trust, annual_plan=mine.annual_plan, term=mine.terms[1], fingerprint="same"
        )


def test_a_published_pack_does_not_block_a_new_version_with_the_same_inputs(mine):
    BoardPackFactory(
        trust=mine.trust,
        annual_plan=mine.annual_plan,
        term=mine.terms[1],
        fingerprint="same",
        status="ready",
        published_at=timezone.now(),
    )

    BoardPackFactory(
        trust=mine.trust, annual_plan=mine.annual_plan, term=mine.terms[1], fingerprint="same"
    )

    packs = BoardPack.objects.filter(trust=mine.trust, term=mine.terms[1], fingerprint="same")
    assert sorted(pack.is_published for pack in packs) == [False, True]


def test_a_pack_that_is_not_ready_cannot_be_published(mine):
    with pytest.raises(IntegrityError), transaction.atomic():
        BoardPackFactory(
            trust=mine.trust,
            annual_plan=mine.annual_plan,
            term=mine.terms[1],
            status="rendering",
            published_at=timezone.now(),
        )


def test_an_unpublished_pack_cannot_be_withdrawn(mine):
    with pytest.raises(IntegrityError), transaction.atomic():
        BoardPackFactory(
            trust=mine.trust,
            annual_plan=mine.annual_plan,
            term=mine.terms[1],
            status="ready",
            withdrawn_at=timezone.now(),
        )


def test_a_pack_cannot_point_at_another_trusts_term(mine, other):
    with pytest.raises(ValidationError) as caught:
        BoardPackFactory(trust=mine.trust, annual_plan=mine.annual_plan, term=other.terms[0])

    assert "term" in caught.value.message_dict
