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
