import pytest
from django.apps import apps
from django.core.management import call_command

from objectives.models import StrategicObjective
from plans.models import Action, KeyFocus, RagRating
from schools.models import Membership, School, Trust
from tests.snapshot import PROJECT_APPS


@pytest.fixture
def demo(db):
    call_command("demo", password="demo pass phrase", verbosity=0)


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in PROJECT_APPS
    }


def test_running_the_demo_twice_leaves_every_table_unchanged(demo):
    before = row_counts()

    call_command("demo", password="demo pass phrase", verbosity=0)

    assert row_counts() == before
    assert before["plans.HistoricalRagRating"] == before["plans.RagRating"]


def test_the_best_demo_trust_has_its_schools_objectives_foci_and_actions(demo):
    best = Trust.objects.get(slug="best")

    assert School.objects.for_trust(best).count() == 14
    assert StrategicObjective.objects.for_trust(best).count() == 5
    plan_2019 = {"trust": best, "annual_plan__academic_year": 2019}
    assert KeyFocus.objects.filter(**plan_2019).count() == 17
    assert Action.objects.filter(**plan_2019).count() == 19
    per_objective = [
        Action.objects.filter(**plan_2019, objective__number=n).count() for n in range(1, 6)
    ]
    assert per_objective == [4, 4, 4, 4, 3]
    assert RagRating.objects.filter(trust=best, term__name="Autumn").count() == 19
    assert RagRating.objects.filter(trust=best, term__name="Spring").count() == 19


def test_the_symphony_demo_trust_has_its_seven_schools(demo):
    assert School.objects.filter(trust__slug="symphony").count() == 7


def test_symphony_states_its_success_once_per_priority_in_two_key_focus_columns(demo, client):
    from plans.models import ColumnValue, PlanColumn

    symphony = Trust.objects.get(slug="symphony")
    focus_columns = list(
        PlanColumn.objects.filter(trust=symphony, level="key_focus").values_list("name", flat=True)
    )
    foci = KeyFocus.objects.filter(trust=symphony).count()

    assert focus_columns == ["Measuring success", "What success will look like"]
    for name in focus_columns:
        filled = ColumnValue.objects.filter(trust=symphony, column__name=name).exclude(text="")
        assert filled.count() == foci
    client.login(email="ceo@symphony.test", password="demo pass phrase")
    plan = client.get("/t/symphony/plan/").content.decode()
    assert plan.count("<dt>Measuring success</dt>") == foci


def test_each_demo_trust_has_a_sign_in_for_every_role(demo, client):
    for slug in ["best", "symphony"]:
        roles = set(Membership.objects.filter(trust__slug=slug).values_list("role", flat=True))
        assert roles == {"ceo", "admin", "school_lead", "trustee", "governor"}
    assert client.login(email="lead@best.test", password="demo pass phrase")


def test_the_demo_school_lead_owns_some_actions(demo):
    lead = Membership.objects.get(user__email="lead@best.test")
    assert Action.objects.filter(owner_links__person=lead.person).count() >= 4


def test_the_demo_is_skipped_when_asked_to_load_only_into_an_empty_database(demo, capsys):
    call_command("demo", if_empty=True)
    assert "already present" in capsys.readouterr().out
