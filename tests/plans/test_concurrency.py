"""Two writers on the same plan at once (real threads, real PostgreSQL)."""

from django.test import Client

from plans.authoring.services import annual_plan_create
from plans.models import AnnualPlan
from tests.concurrency import race


def test_a_double_submit_of_a_new_years_plan_makes_one_plan_and_says_so(transactional_db, mine):
    ceo = mine.users["ceo"]
    browser = Client()
    browser.force_login(ceo)

    made, answer = race(
        lambda: annual_plan_create(
            strategic_plan=mine.strategic_plan, academic_year=2020, acting_user=ceo
        ),
        lambda: browser.post(
            f"/t/{mine.trust.slug}/authoring/plans/new/",
            {"year": f"{mine.strategic_plan.pk}:2020", "title": ""},
        ),
    )

    assert made.ok, made.error
    assert answer.ok, answer.error
    assert answer.value.status_code == 200
    assert "There is already a 2020-21 plan." in answer.value.content.decode()
    assert AnnualPlan.objects.filter(trust=mine.trust, academic_year=2020).count() == 1
