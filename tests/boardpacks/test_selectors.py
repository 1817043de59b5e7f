import pytest
from django.http import Http404
from django.utils import timezone

from boardpacks.selectors import (
    ATTENTION_NOT_RATED,
    ATTENTION_RED,
    ATTENTION_WORSE,
    access_readable_pack,
    pack_contents,
    pack_fingerprint,
    readable_packs,
)
from plans.review.services import rating_set
from tests import factories as f
from tests.boardpacks.factories import BoardPackFactory, ready_pack
from trustplan.core.permissions import Perms


def perms_of(world, role):
    return Perms(world.users[role].memberships.get(trust=world.trust))


def fingerprint(world, term=None):
    return pack_fingerprint(annual_plan=world.annual_plan, term=term or world.terms[1])


def test_the_fingerprint_stays_the_same_while_nothing_changes(mine):
    assert fingerprint(mine) == fingerprint(mine)
    assert fingerprint(mine) != fingerprint(mine, mine.terms[0])


def test_the_fingerprint_changes_when_a_rating_or_an_action_changes(mine):
    before = fingerprint(mine)
    rating_set(
        action=mine.lead_action,
        term=mine.terms[1],
        status="amber",
        commentary="Behind plan.",
        acting_user=mine.users["ceo"],
    )
    after_rating = fingerprint(mine)
    action = mine.other_action
    action.text = "A reworded action"
    action.save()

    assert before != after_rating != fingerprint(mine)


def test_the_fingerprint_ignores_the_other_trusts_changes(mine, other):
    before = fingerprint(mine)

    rating_set(
        action=other.lead_action,
        term=other.terms[1],
        status="red",
        commentary="",
        acting_user=other.users["ceo"],
    )

    assert fingerprint(mine) == before


def test_the_fingerprint_costs_one_query(mine, django_assert_num_queries):
    with django_assert_num_queries(1):
        fingerprint(mine)


def spring_ratings(world, statuses):
    for action, status in zip(world.actions, statuses, strict=True):
        if status:
            rating_set(
                action=action,
                term=world.terms[1],
                status=status,
                commentary=f"Spring note on {action.full_reference}",
                acting_user=world.users["ceo"],
            )


def test_the_board_sees_every_red_worse_and_unrated_action_once_with_its_reasons(mine):
    # Autumn was green, amber, red.
    spring_ratings(mine, ["amber", None, "red"])
    pack = BoardPackFactory(trust=mine.trust, annual_plan=mine.annual_plan, term=mine.terms[1])

    contents = pack_contents(pack)

    reasons = {item.row.action: item.reasons for item in contents.attention}
    assert reasons == {
        mine.lead_action: [ATTENTION_WORSE],
        mine.school_action: [ATTENTION_NOT_RATED],
        mine.other_action: [ATTENTION_RED],
    }
    assert contents.completeness == 67
    assert contents.moved["worse"] == 1
    assert contents.moved["unchanged"] == 1
    assert contents.moved["not rated"] == 1


def test_the_pack_names_each_objectives_lead_stage_and_key_foci(mine):
    pack = BoardPackFactory(trust=mine.trust, annual_plan=mine.annual_plan, term=mine.terms[0])

    sections = pack_contents(pack).sections

    assert [s.objective for s in sections] == mine.objectives
    assert sections[0].key_foci == [mine.key_focus]
    assert sections[1].key_foci == []


def pack_queries(world) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    pack = BoardPackFactory(trust=world.trust, annual_plan=world.annual_plan, term=world.terms[0])
    with CaptureQueriesContext(connection) as queries:
        contents = pack_contents(pack)
        [row.owners for row in contents.review.rows]
    return len(queries)


def test_gathering_a_pack_costs_the_same_queries_for_few_and_many_actions(mine):
    few = pack_queries(mine)
    for number in range(40):
        action = f.ActionFactory(
            trust=mine.trust,
            annual_plan=mine.annual_plan,
            objective=mine.objectives[number % 2],
            reference=f"m{number}",
        )
        f.RatingFactory(trust=mine.trust, action=action, term=mine.terms[0], status="amber")

    assert pack_queries(mine) == few


def test_readers_see_published_packs_only_newest_first_and_the_ceo_sees_every_pack(mine):
    world_pack = mine.extra["pack"]
    draft = ready_pack(mine, term=mine.terms[1])
    newer = ready_pack(mine, published=True, term=mine.terms[1])
    withdrawn = ready_pack(mine, published=True, term=mine.terms[1])
    withdrawn.withdrawn_at = timezone.now()
    withdrawn.save()

    trustee_sees = list(readable_packs(mine.trust, perms_of(mine, "trustee")))
    ceo_sees = list(readable_packs(mine.trust, perms_of(mine, "ceo")))

    assert trustee_sees == [newer, world_pack]
    assert set(ceo_sees) == {world_pack, draft, newer, withdrawn}


def test_a_reader_cannot_open_an_unpublished_pack_or_another_trusts(mine, other):
    draft = ready_pack(mine, term=mine.terms[1])
    trustee = perms_of(mine, "trustee")

    with pytest.raises(Http404):
        access_readable_pack(mine.trust, draft.pk, trustee)
    with pytest.raises(Http404):
        access_readable_pack(mine.trust, other.extra["pack"].pk, perms_of(mine, "ceo"))
    assert access_readable_pack(mine.trust, draft.pk, perms_of(mine, "ceo")) == draft
