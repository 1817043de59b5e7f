import pytest

from plans.review.selectors import (
    IMPROVED,
    NEWLY_RATED,
    NOT_RATED,
    UNCHANGED,
    WORSE,
    movement,
    term_review,
)
from tests import factories as f


@pytest.mark.parametrize(
    ("last", "this", "expected"),
    [
        ("red", "amber", IMPROVED),
        ("amber", "green", IMPROVED),
        ("green", "complete", IMPROVED),
        ("not_started", "red", IMPROVED),
        ("green", "amber", WORSE),
        ("amber", "red", WORSE),
        ("green", "green", UNCHANGED),
        (None, "green", NEWLY_RATED),
        ("green", None, NOT_RATED),
        (None, None, NOT_RATED),
    ],
)
def test_movement_between_terms(last, this, expected):
    assert movement(last, this) == expected


def test_a_term_review_sets_each_action_beside_last_terms_rating(mine):
    spring = mine.terms[1]
    f.RatingFactory(trust=mine.trust, action=mine.lead_action, term=spring, status="amber")
    f.RatingFactory(trust=mine.trust, action=mine.other_action, term=spring, status="amber")

    review = term_review(mine.annual_plan, spring)

    assert review.previous == mine.terms[0]
    assert review.total == 3
    assert review.rated_count == 2
    assert [row.action for row in review.not_rated] == [mine.school_action]
    assert [row.action for row in review.worse] == [mine.lead_action]
    moved = {row.action: row.movement for row in review.rows}
    assert moved[mine.other_action] == IMPROVED
    assert review.objectives[0].counts["amber"] == 1
    assert review.counts["amber"] == 2


def test_a_term_review_costs_the_same_queries_for_few_and_many_actions(
    mine, django_assert_num_queries
):
    with django_assert_num_queries(6):
        term_review(mine.annual_plan, mine.terms[0])
    for _ in range(20):
        f.ActionFactory(
            trust=mine.trust, annual_plan=mine.annual_plan, objective=mine.objectives[1]
        )
    with django_assert_num_queries(6):
        term_review(mine.annual_plan, mine.terms[0])


# ---------------------------------------------------------------- who sees a term


def perms_of(world, role):
    from trustplan.core.permissions import Perms

    return Perms(world.users[role].memberships.get(trust=world.trust))


def test_the_board_reviews_the_last_submitted_term_while_the_next_is_being_prepared(mine):
    autumn, spring = mine.terms
    f.mark_submitted(autumn)
    f.RatingFactory(trust=mine.trust, action=mine.lead_action, term=spring, status="red")

    review = term_review(mine.annual_plan, reader=perms_of(mine, "trustee"))

    assert (review.term, review.preparing, review.whole) == (autumn, spring, True)
    assert review.rated_count == 3


def test_the_ceo_reviews_the_term_being_prepared(mine):
    autumn, spring = mine.terms
    f.mark_submitted(autumn)

    review = term_review(mine.annual_plan, reader=perms_of(mine, "ceo"))

    assert (review.term, review.preparing, review.whole) == (spring, None, True)


def test_before_any_term_is_submitted_the_board_reviews_none_and_is_told_why(mine):
    review = term_review(mine.annual_plan, reader=perms_of(mine, "governor"))

    assert (review.term, review.preparing) == (None, mine.terms[0])
    assert review.rated_count == 0


def test_a_school_lead_reads_the_drafts_of_their_own_actions_in_an_open_term(mine):
    autumn = mine.terms[0]  # open, rated for all three actions

    review = term_review(mine.annual_plan, autumn, reader=perms_of(mine, "school_lead"))

    seen = {row.action for row in review.rows if row.this is not None}
    assert seen == {mine.lead_action, mine.school_action}  # theirs and their school's
    assert review.whole is False  # so the term's counts are not theirs to read


@pytest.mark.parametrize("role", ["trustee", "governor", "viewer", "admin"])
def test_an_open_terms_ratings_are_out_of_sight_of_everyone_else(mine, role):
    review = term_review(mine.annual_plan, mine.terms[0], reader=perms_of(mine, role))

    assert [row.this for row in review.rows] == [None, None, None]
    assert review.whole is False


def test_the_review_for_a_reader_costs_the_same_queries_for_few_and_many_actions(
    mine, django_assert_num_queries
):
    lead = perms_of(mine, "school_lead")
    lead.granted_action_ids()  # fetched once per request, before the page is built
    with django_assert_num_queries(6):  # as many as without a reader
        term_review(mine.annual_plan, mine.terms[0], reader=lead)
    for _ in range(20):
        f.ActionFactory(
            trust=mine.trust, annual_plan=mine.annual_plan, objective=mine.objectives[1]
        )
    with django_assert_num_queries(6):  # as many as without a reader
        term_review(mine.annual_plan, mine.terms[0], reader=lead)


def test_the_live_plan_is_the_one_whose_year_contains_today(mine):
    import datetime

    from django.utils import timezone

    from plans.selectors import academic_year_of, current_annual_plan

    this_year = academic_year_of(mine.trust, timezone.localdate())
    current = f.AnnualPlanFactory(
        trust=mine.trust, strategic_plan=mine.strategic_plan, academic_year=this_year
    )
    f.AnnualPlanFactory(
        trust=mine.trust, strategic_plan=mine.strategic_plan, academic_year=this_year + 1,
        status="approved", approved_on=timezone.localdate(),
    )  # fmt: skip

    assert current_annual_plan(mine.trust) == current
    assert academic_year_of(mine.trust, datetime.date(2026, 8, 31)) == 2025
    assert academic_year_of(mine.trust, datetime.date(2026, 9, 1)) == 2026
