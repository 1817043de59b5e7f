"""Saving an import: all or nothing, one change in the history, the same file twice changes
nothing, the mapping remembered, and a plan exported and imported comes back the same."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from objectives.models import StrategicObjective
from plans.exports.plan import plan_csv, plan_table, plan_xlsx
from plans.imports import services
from plans.imports.targets import ACTION_T, IGNORE
from plans.models import Action, ActionOwner, ImportHeaderMapping, ImportStatus, KeyFocus
from tests.plans.imports import documents as d
from tests.plans.imports.helpers import add_everyone, foci, import_and_save, plan_rows, read, start
from tests.snapshot import snapshot


def history_rows() -> dict[str, int]:
    return {model.__name__: model.history.count() for model in services.HISTORY_MODELS}


def test_nothing_is_saved_while_the_file_has_a_problem(new_trust):
    plan_import = start(new_trust, "plan.docx", d.seed_docx(duplicate_reference=True))
    preview = read(plan_import)
    plan_import = services.plan_import_map(
        plan_import=plan_import,
        mapping={},
        people=add_everyone(preview.reading),
        options={"split_actions": True, "owners_in_brackets": True},
        acting_user=new_trust.ceo,
    )
    before = snapshot()

    with pytest.raises(services.ImportNotReady) as caught:
        services.plan_import_save(plan_import=plan_import, acting_user=new_trust.ceo)

    assert snapshot() == before
    (problem,) = caught.value.messages
    assert problem.startswith("Table 2, row 3, cell 1 (Ref): the reference 2.1 is used twice")
    assert "also at Table 2, row 2, cell 1 (Ref)" in problem


def test_the_history_records_the_import_as_one_change_by_its_person(new_trust):
    plan_import = start(new_trust, "plan.csv", d.csv_file(d.HEADED_ROWS))
    people = add_everyone(read(plan_import).reading)
    plan_import = services.plan_import_map(
        plan_import=plan_import, mapping={}, people=people, options={}, acting_user=new_trust.ceo
    )
    services.plan_import_save(plan_import=plan_import, acting_user=new_trust.ceo)

    trust_id = new_trust.trust.pk
    records = [
        *Action.history.filter(trust_id=trust_id),
        *ActionOwner.history.filter(trust_id=trust_id),
        *KeyFocus.history.filter(trust_id=trust_id),
        *StrategicObjective.history.filter(trust_id=trust_id),
    ]
    assert len(records) == 4 + 5 + 3 + 2  # actions, owners (AL, CS, NB, AW, CS), foci, objectives
    assert {r.history_change_reason for r in records} == {f"Import {plan_import.pk}: plan.csv"}
    assert {r.history_user_id for r in records} == {new_trust.ceo.pk}
    plan_import.refresh_from_db()
    assert plan_import.status == ImportStatus.SAVED
    assert plan_import.summary["actions_created"] == 4


def test_importing_the_same_file_again_changes_nothing(new_trust):
    data = d.seed_docx()
    import_and_save(new_trust, "plan.docx", data)
    rows, history = plan_rows(new_trust.annual_plan), history_rows()

    again = start(new_trust, "plan.docx", data)
    preview = read(again)
    summary = services.plan_import_save(plan_import=again, acting_user=new_trust.ceo).summary

    assert preview.ok and not preview.reading.changes_anything
    assert summary["actions_unchanged"] == 19 and summary["actions_created"] == 0
    assert history_rows() == history
    assert plan_rows(new_trust.annual_plan) == rows


def test_a_changed_file_changes_only_what_changed(new_trust):
    import_and_save(new_trust, "plan.csv", d.csv_file(d.HEADED_ROWS))
    changed = [row[:] for row in d.HEADED_ROWS]
    changed[1][3] = "Consult the families and staff"
    changed[2][4] = "CS"

    again = start(new_trust, "plan.csv", d.csv_file(changed))
    reading = read(again).reading
    services.plan_import_save(plan_import=again, acting_user=new_trust.ceo)

    assert [(a.full_reference, a.outcome) for a in reading.actions] == [
        ("1.1", "unchanged"), ("1.2", "changed"), ("1.3", "changed"), ("2.1", "unchanged"),
    ]  # fmt: skip
    rows = plan_rows(new_trust.annual_plan)
    assert rows[1][1] == "Consult the families and staff"
    assert rows[2][2] == "CS"
    assert Action.objects.get(trust=new_trust.trust, reference="2").version == 2


def test_a_corrected_mapping_is_remembered_for_the_next_file(new_trust):
    header = ["Objective", "Ref", "What we'll deliver", "Owners", "Notes"]
    rows = [["1. Vision", "1", "Write the plan", "AL", "keep"]]
    plan_import = start(new_trust, "plan.csv", d.csv_file(rows, header=header))
    assert not read(plan_import).ok  # no column is read as the action

    plan_import = services.plan_import_map(
        plan_import=plan_import,
        mapping={"What we'll deliver": ACTION_T, "Notes": IGNORE},
        people={},
        options={},
        acting_user=new_trust.ceo,
    )
    services.plan_import_save(plan_import=plan_import, acting_user=new_trust.ceo)

    remembered = dict(ImportHeaderMapping.objects.values_list("header", "target"))
    assert remembered["what we ll deliver"] == ACTION_T
    next_import = start(new_trust, "next.csv", d.csv_file(rows, header=header))
    reading = read(next_import).reading
    assert reading.ok
    column = next(c for c in reading.columns if c.heading == "What we'll deliver")
    assert column.source == "remembered from the last import"


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_export_then_import_gives_back_the_same_plan(new_trust, fmt):
    import_and_save(new_trust, "plan.docx", d.merged_docx())
    original = new_trust.annual_plan
    table = plan_table(original, reader=None)
    data = plan_xlsx(table, about=[]) if fmt == "xlsx" else plan_csv(table)
    before = plan_rows(original), foci(original)

    # Into a new year of the same trust: the same people, new key foci and actions.
    from plans.authoring.services import annual_plan_create

    next_year = annual_plan_create(
        strategic_plan=new_trust.strategic_plan, academic_year=2020, acting_user=new_trust.ceo
    )
    new_trust.annual_plan = next_year
    import_and_save(new_trust, f"export.{fmt}", data)

    assert (plan_rows(next_year), foci(next_year)) == before
    # And into the plan it came from, it changes nothing.
    new_trust.annual_plan = original
    again = start(new_trust, f"export.{fmt}", data)
    assert not read(again).reading.changes_anything


def test_reading_a_300_action_file_costs_a_fixed_number_of_queries(new_trust):
    def queries(count: int) -> int:
        rows = [[f"{1 + n // 100}. Objective {1 + n // 100}", "", str(n), f"Action {n}", "AL",
                 "", ""] for n in range(count)]  # fmt: skip
        plan_import = start(new_trust, "plan.csv", d.csv_file(rows))
        with CaptureQueriesContext(connection) as captured:
            read(plan_import)
        return len(captured)

    assert queries(30) == queries(300)
