"""Two people adding objectives to the same strategic plan at once."""

from objectives.models import StrategicObjective
from objectives.services import objective_create
from tests.concurrency import race


def test_two_objectives_added_at_once_both_land_with_the_next_two_numbers(transactional_db, mine):
    ceo = mine.users["ceo"]

    def add(name):
        return lambda: objective_create(
            plan=mine.strategic_plan, short_name=name, statement=f"{name} for all.", acting_user=ceo
        )

    first, second = race(add("Estates"), add("Finance"))

    assert first.ok, first.error
    assert second.ok, second.error
    numbers = dict(
        StrategicObjective.objects.filter(trust=mine.trust, plan=mine.strategic_plan).values_list(
            "short_name", "number"
        )
    )
    assert numbers == {"Vision": 1, "Capacity": 2, "Estates": 3, "Finance": 4}
