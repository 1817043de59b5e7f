"""Two people setting the same KPI's first target at once."""

from decimal import Decimal as D

from kpis.models import Target
from kpis.services import target_set
from tests.concurrency import race


def test_two_first_targets_set_at_once_keep_one_row_with_the_later_value(transactional_db, mine):
    kpi = mine.extra["trust_kpi"]
    Target.objects.filter(
        kpi=kpi, academic_year=mine.annual_plan.academic_year, school=None
    ).delete()

    def set_to(value):
        return lambda: target_set(
            kpi=kpi,
            academic_year=mine.annual_plan.academic_year,
            school=None,
            kind="absolute",
            value=D(value),
            acting_user=mine.users["ceo"],
        )

    first, second = race(set_to(95), set_to(96))

    assert first.ok, first.error
    assert second.ok, second.error
    targets = Target.objects.filter(
        kpi=kpi, academic_year=mine.annual_plan.academic_year, school=None
    )
    assert [t.value for t in targets] == [D(96)]
