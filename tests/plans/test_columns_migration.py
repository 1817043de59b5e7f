"""The move of the action's KPIs and evidence into the trust's columns (plans 0010): two
columns per trust named by its labels, each action's text as a value, and the text's history
replayed so the action's history still says who wrote what."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("plans", "0009_plan_columns"), ("schools", "0006_trust_deletion_sweep_index")]
AFTER = [("plans", "0010_kpis_and_evidence_as_columns")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def back_to_latest():
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("back_to_latest")
def test_each_trusts_kpis_and_evidence_become_its_first_two_columns_with_their_history():
    old = migrate(BEFORE)
    Trust = old.get_model("schools", "Trust")
    trust = Trust.objects.create(
        name="Oak", short_name="Oak", slug="oak-migration", label_kpis="Measuring success",
        label_kpis_plural="Measuring success", label_evidence="Monitoring",
        label_evidence_plural="Monitoring",
    )  # fmt: skip
    plan = old.get_model("objectives", "StrategicPlan").objects.create(
        trust_id=trust.pk, title="Plan", start_year=2019, end_year=2022
    )
    objective = old.get_model("objectives", "StrategicObjective").objects.create(
        trust_id=trust.pk, plan=plan, number=1, short_name="Vision", statement="Grow."
    )
    annual = old.get_model("plans", "AnnualPlan").objects.create(
        trust_id=trust.pk, strategic_plan=plan, academic_year=2019
    )
    long_text = "A" * 2500
    action = old.get_model("plans", "Action").objects.create(
        trust_id=trust.pk, annual_plan=annual, objective=objective, reference="1",
        text="Do it", kpis="Second wording", evidence=long_text,
    )  # fmt: skip
    history = old.get_model("plans", "HistoricalAction")
    for n, (kpis, kind) in enumerate([("First wording", "+"), ("Second wording", "~")]):
        history.objects.create(
            id=action.pk, trust_id=trust.pk, annual_plan_id=annual.pk, objective_id=objective.pk,
            reference="1", text="Do it", kpis=kpis, evidence=long_text, status="active",
            version=1, history_type=kind,
            history_date=datetime.datetime(2019, 9, 1 + n, tzinfo=datetime.UTC),
        )  # fmt: skip

    new = migrate(AFTER)

    columns = new.get_model("plans", "PlanColumn").objects.filter(trust_id=trust.pk)
    assert [(c.key, c.name, c.level, c.position) for c in columns.order_by("position")] == [
        ("kpis", "Measuring success", "action", 0),
        ("evidence", "Monitoring", "action", 1),
    ]
    # Nothing already written is over its column's limit.
    assert columns.get(key="evidence").max_length == 2500
    values = new.get_model("plans", "ColumnValue").objects.filter(action_id=action.pk)
    assert dict(values.values_list("column__key", "text")) == {
        "kpis": "Second wording",
        "evidence": long_text,
    }
    replayed = new.get_model("plans", "HistoricalColumnValue").objects.filter(
        action_id=action.pk, column__key="kpis"
    )
    assert list(replayed.order_by("history_date").values_list("history_type", "text")) == [
        ("+", "First wording"),
        ("~", "Second wording"),
    ]
