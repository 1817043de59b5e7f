"""Rules the database itself keeps: each test writes the bad row past every service and form
(a bulk insert or an update) and PostgreSQL refuses it."""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction

from kpis.models import Measurement
from plans.models import Action, RagRating, Term
from tests import factories as f


def refused_by_the_database(write) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        with connection.cursor() as cursor:  # deferred rules checked now, not at commit
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        write()


def a_term(world, **values):
    defaults = {"trust": world.trust, "annual_plan": world.annual_plan, "number": 3,
                "name": "Summer", "rating_deadline": datetime.date(2020, 7, 10)}  # fmt: skip
    return Term(**{**defaults, **values})


def test_a_term_overlapping_another_of_the_trust_is_refused(mine):
    overlapping = a_term(
        mine, starts_on=datetime.date(2020, 4, 1), ends_on=datetime.date(2020, 7, 17)
    )  # Spring ends on 3 April

    refused_by_the_database(lambda: Term.objects.bulk_create([overlapping]))


def test_terms_that_only_meet_another_trusts_dates_are_kept(mine, other):
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        Term.objects.bulk_create(
            [a_term(mine, starts_on=datetime.date(2020, 4, 20), ends_on=datetime.date(2020, 7, 17))]
        )
        # The other trust's Spring term has the same days as mine: another trust, no clash.
        other_spring = Term.objects.get(trust=other.trust, name="Spring")
        mine_spring = Term.objects.get(trust=mine.trust, name="Spring")
        assert (other_spring.starts_on, other_spring.ends_on) == (
            mine_spring.starts_on, mine_spring.ends_on,
        )  # fmt: skip

    assert Term.objects.filter(trust=mine.trust, name="Summer").exists()


def test_an_actions_key_focus_of_another_objective_is_refused(mine):
    other_objectives_action = next(a for a in mine.actions if a.objective == mine.objectives[1])

    refused_by_the_database(
        lambda: Action.objects.filter(pk=other_objectives_action.pk).update(
            key_focus=mine.key_focus
        )
    )


def next_years_term(world):
    plan = f.AnnualPlanFactory(
        trust=world.trust, strategic_plan=world.strategic_plan, academic_year=2020
    )
    return f.TermFactory(
        trust=world.trust, annual_plan=plan, starts_on=datetime.date(2020, 9, 3),
        ends_on=datetime.date(2020, 12, 18), rating_deadline=datetime.date(2020, 12, 11),
    )  # fmt: skip


def test_a_rating_for_a_term_of_another_years_plan_is_refused(mine):
    term = next_years_term(mine)
    rating = mine.ratings[0]

    refused_by_the_database(lambda: RagRating.objects.filter(pk=rating.pk).update(term=term))


def test_a_measurement_whose_term_is_not_in_its_plan_is_refused(mine):
    term = next_years_term(mine)
    measurement = Measurement.objects.filter(trust=mine.trust).exclude(term=None).first()

    refused_by_the_database(lambda: Measurement.objects.filter(pk=measurement.pk).update(term=term))
