import datetime

import pytest

from governance import selectors
from governance.models import SchoolReview
from schools.models import SchoolCategory
from tests.governance.factories import AppointmentFactory, QuestionFactory
from trustplan.core.permissions import Perms


def perms_of(world, role: str) -> Perms:
    return Perms(world.users[role].memberships.get())


def test_a_governors_reach_is_their_schools_local_body_and_their_seats(mine):
    reach = selectors.governance_reach(perms_of(mine, "governor"))

    assert reach.body_ids == {mine.extra["local_body"].pk}
    assert not reach.allows_body(mine.extra["other_local_body"].pk)


def test_trust_wide_roles_reach_every_body(mine):
    assert selectors.governance_reach(perms_of(mine, "trustee")).body_ids is None
    assert selectors.governance_reach(perms_of(mine, "viewer")).body_ids == set()


def test_an_ended_seat_no_longer_widens_a_governors_reach(mine):
    board = mine.extra["board"]
    AppointmentFactory(
        trust=mine.trust, body=board, person=mine.people["governor"],
        starts_on=datetime.date(2015, 9, 1), ends_on=datetime.date(2019, 8, 31),
    )  # fmt: skip

    assert board.pk not in selectors.governance_reach(perms_of(mine, "governor")).body_ids


def test_terms_ending_covers_today_to_ninety_days_ahead(mine):
    today = datetime.date(2021, 5, 1)
    board, person = mine.extra["board"], mine.people["viewer"]
    seats = {
        days: AppointmentFactory(
            trust=mine.trust,
            body=board,
            person=person,
            ends_on=today + datetime.timedelta(days=days),
        )
        for days in (-1, 0, 45, 90, 91)
    }
    reach = selectors.governance_reach(perms_of(mine, "admin"))

    ending = selectors.terms_ending(mine.trust, reach, today)

    assert ending == [seats[0], seats[45], seats[90]]


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2020, 1, 31), 1, datetime.date(2020, 2, 29)),
        (datetime.date(2019, 11, 30), 4, datetime.date(2020, 3, 30)),
        (datetime.date(2019, 9, 15), 12, datetime.date(2020, 9, 15)),
        (datetime.date(2019, 12, 31), 2, datetime.date(2020, 2, 29)),
    ],
)
def test_months_are_added_to_the_same_day_or_the_months_last(day, months, expected):
    assert selectors.add_months(day, months) == expected


def test_each_categorys_cadence_sets_the_next_review_and_overdue_ones_show(mine):
    today = datetime.date(2020, 3, 5)
    yearly = SchoolCategory.objects.create(
        trust=mine.trust, number=1, name="Secure and supporting", review_cadence="yearly"
    )
    half_termly = SchoolCategory.objects.create(
        trust=mine.trust, number=3, name="Needs support", review_cadence="half_termly"
    )
    primary, secondary = mine.schools
    primary.category = yearly
    primary.save()
    SchoolReview.objects.create(
        trust=mine.trust, school=primary, reviewed_on=datetime.date(2019, 6, 1)
    )
    SchoolReview.objects.create(
        trust=mine.trust, school=secondary, reviewed_on=datetime.date(2019, 10, 1)
    )
    SchoolReview.objects.create(
        trust=mine.trust, school=secondary, reviewed_on=datetime.date(2019, 12, 1)
    )

    rows = {row.school: row for row in selectors.review_schedule(mine.trust, today)}

    assert rows[primary].next_due == datetime.date(2020, 6, 1)
    assert rows[primary].status == selectors.ON_SCHEDULE
    assert rows[secondary].last.reviewed_on == datetime.date(2019, 12, 1)  # termly
    assert rows[secondary].next_due == datetime.date(2020, 4, 1)
    assert rows[secondary].status == selectors.DUE_SOON
    secondary.category = half_termly
    secondary.save()
    rows = {row.school: row for row in selectors.review_schedule(mine.trust, today)}
    assert rows[secondary].next_due == datetime.date(2020, 2, 1)
    assert rows[secondary].status == selectors.OVERDUE


def test_a_school_never_reviewed_is_due_now_and_one_without_a_category_has_no_cadence(mine):
    today = datetime.date(2020, 3, 1)
    rows = {row.school: row for row in selectors.review_schedule(mine.trust, today)}

    assert rows[mine.schools[0]].status == selectors.NO_CADENCE
    assert rows[mine.schools[1]].status == selectors.OVERDUE
    assert rows[mine.schools[1]].next_due == today


def test_the_review_schedule_costs_two_queries_whatever_the_number_of_schools(
    mine, django_assert_num_queries
):
    from tests import factories as f

    for n in range(10):
        f.SchoolFactory(trust=mine.trust, category=mine.category, code=f"X{n}")

    with django_assert_num_queries(2):
        selectors.review_schedule(mine.trust, datetime.date(2020, 3, 1))


def test_a_lead_answers_only_questions_on_their_granted_actions(mine):
    perms = perms_of(mine, "school_lead")
    on_school_action = QuestionFactory(trust=mine.trust, action=mine.school_action)
    on_objective = QuestionFactory(trust=mine.trust, objective=mine.objectives[0])

    questions = selectors.questions_to_answer(mine.trust, perms)

    assert set(questions) == {mine.extra["lead_question"], on_school_action}
    assert on_objective not in questions
    assert selectors.can_answer(perms_of(mine, "ceo"), on_objective)


def test_questions_to_answer_cost_the_same_queries_for_few_and_many(
    mine, django_assert_max_num_queries
):
    perms = perms_of(mine, "school_lead")
    selectors.questions_to_answer(mine.trust, perms)  # grants fetched once per request
    for _ in range(30):
        QuestionFactory(trust=mine.trust, action=mine.lead_action)

    with django_assert_max_num_queries(1):
        assert len(selectors.questions_to_answer(mine.trust, perms)) == 31


def test_a_governor_may_raise_questions_on_their_schools_actions_only(mine):
    subjects = selectors.question_subjects(mine.trust, perms_of(mine, "governor"))

    assert set(subjects.actions) == {mine.lead_action, mine.school_action}
    assert subjects.objectives == []
    trustee = selectors.question_subjects(mine.trust, perms_of(mine, "trustee"))
    assert set(trustee.actions) == set(mine.actions)
    assert set(trustee.objectives) == set(mine.objectives)
