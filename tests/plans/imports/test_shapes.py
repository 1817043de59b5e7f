"""Each shape trusts keep their plans in, imported from a file the test builds."""

import pytest

from objectives.models import StrategicObjective
from plans.imports import services
from plans.models import Action
from schools.models import Person
from tests.plans.imports import documents as d
from tests.plans.imports.helpers import foci, import_and_save, plan_rows, read, start


def test_the_first_seeds_action_plan_table_imports_whole(new_trust):
    summary = import_and_save(new_trust, "action-plan.docx", d.seed_docx())

    plan = new_trust.annual_plan
    objectives = list(
        StrategicObjective.objects.filter(plan=plan.strategic_plan)
        .order_by("number")
        .values_list("number", "short_name", "statement")
    )
    assert objectives == [
        (1, "Vision", "to grow the BEST in everyone"),
        (2, "Capacity + Commitment", "to deliver our objectives"),
        (3, "Improvement activity", "to deliver outcomes in the top 20% nationally"),
        (4, "Shared Services", "to add value"),
        (5, "Quality Assurance", "to ensure best value"),
    ]
    assert summary["actions_created"] == d.seed_action_count() == 19
    assert [f[0] for f in foci(plan)] == list(range(1, 18))
    assert foci(plan)[4] == (5, 2, "Align practice across the trust")
    rows = {row[0]: row for row in plan_rows(plan)}
    assert rows["1.1"][1:4] == ("Fold the two-tier plans into the growth strategy", "AL/CS", "")
    assert rows["1.2"][2:4] == ("CS", "all")
    assert rows["4.1"][2:4] == ("NB", "Principals")
    # The row that continues 4.4 across a page break adds its text and its owners.
    assert rows["4.4"][5].endswith("ICT contract bedded in (CS); recruitment reviewed (AA)")
    assert rows["4.4"][2] == "AA/CS"
    aims = StrategicObjective.objects.get(plan=plan.strategic_plan, number=2).aims
    assert aims.splitlines() == [
        "A trust structure that supports school improvement",
        "A team that adds the best value",
    ]


def test_objective_and_key_focus_cells_merged_down_a_word_table(new_trust):
    import_and_save(new_trust, "plan.docx", d.merged_docx())

    rows = plan_rows(new_trust.annual_plan)
    assert [(r[0], r[1], r[4]) for r in rows] == [
        ("1.1", "Write the two-tier plan", 1),
        ("1.2a", "Consult the families", 1),
        ("1.2b", "Report to the Board", 1),
        ("1.3", "Refresh the signage", 2),
        ("2.1", "Agree the model of aligned autonomy", 3),
        ("2.2", "Run the practitioner forums", 3),
    ]
    assert [(r[2], r[3]) for r in rows] == [
        ("AL/CS", ""), ("NB", ""), ("NB", ""), ("AW/CS", ""), ("", "Principals"), ("", "all"),
    ]  # fmt: skip


@pytest.mark.parametrize("merged", [True, False], ids=["merged", "repeated"])
def test_a_sheet_whose_objectives_and_key_foci_are_merged_or_repeated_down(new_trust, merged):
    import_and_save(new_trust, "plan.xlsx", d.headed_xlsx(merged=merged))

    rows = plan_rows(new_trust.annual_plan)
    assert [(r[0], r[1], r[4], r[5], r[6]) for r in rows] == [
        ("1.1", "Write the plan", 1, "Plan agreed", ""),
        ("1.2", "Consult the families", 1, "Survey done", "Responses logged"),
        ("1.3", "Refresh the signage", 2, "New signs up", ""),
        ("2.1", "Agree the model", 3, "Model agreed", ""),
    ]
    assert foci(new_trust.annual_plan) == [
        (1, 1, "Plan for two tiers"),
        (2, 1, "Raise the profile"),
        (3, 2, "Align practice"),
    ]


def test_a_csv_with_each_row_repeating_its_objective_and_key_focus(new_trust):
    import_and_save(new_trust, "plan.csv", d.csv_file(d.HEADED_ROWS))

    rows = plan_rows(new_trust.annual_plan)
    assert [(r[0], r[2], r[3]) for r in rows] == [
        ("1.1", "AL/CS", ""), ("1.2", "NB", ""), ("1.3", "AW/CS", ""), ("2.1", "", "Principals"),
    ]  # fmt: skip


def test_a_csv_separated_by_semicolons_reads_the_same(new_trust):
    import_and_save(new_trust, "plan.csv", d.csv_file(d.HEADED_ROWS, delimiter=";"))

    assert len(plan_rows(new_trust.annual_plan)) == 4


def test_objective_headings_as_rows_merged_across_a_sheet(new_trust):
    import_and_save(new_trust, "plan.xlsx", d.headings_xlsx())

    rows = plan_rows(new_trust.annual_plan)
    assert [(r[0], r[1], r[2], r[5]) for r in rows] == [
        ("1.1", "Write the plan", "AL", "Write the plan done"),
        ("1.2", "Consult the families", "CS", "Consult the families done"),
        ("2.1", "Agree the model", "NB", "Agree the model done"),
    ]


def test_several_actions_in_one_cell_as_lines_share_the_row_line_by_line(new_trust):
    rows = [["1. Vision", "", "", "First action\nSecond action\nThird action", "AL\nNB\nCS",
             "Shared measure", ""]]  # fmt: skip
    import_and_save(new_trust, "plan.csv", d.csv_file(rows))

    assert [(r[0], r[1], r[2], r[5]) for r in plan_rows(new_trust.annual_plan)] == [
        ("1.1", "First action", "AL", "Shared measure"),
        ("1.2", "Second action", "NB", "Shared measure"),
        ("1.3", "Third action", "CS", "Shared measure"),
    ]


def test_one_action_per_cell_when_splitting_is_turned_off(new_trust):
    rows = [["1. Vision", "", "1", "One long action\nwritten over two lines", "AL", "", ""]]
    import_and_save(
        new_trust,
        "plan.csv",
        d.csv_file(rows),
        options={"split_actions": False, "owners_in_brackets": True},
    )

    assert [r[1] for r in plan_rows(new_trust.annual_plan)] == [
        "One long action written over two lines"
    ]


def test_references_given_as_objective_dot_number_place_the_action(new_trust):
    header = ["Ref", "Action", "Owners"]
    rows = [
        ["1.1", "Vision work", "AL"],
        ["2.1", "Capacity work", "AL"],
        ["2.2", "More", "AL"],
    ]  # AL: the CEO
    StrategicObjective.objects.create(
        trust=new_trust.trust, plan=new_trust.strategic_plan, number=1, short_name="Vision",
        statement="to grow",
    )  # fmt: skip
    StrategicObjective.objects.create(
        trust=new_trust.trust, plan=new_trust.strategic_plan, number=2, short_name="Capacity",
        statement="to deliver",
    )  # fmt: skip

    import_and_save(new_trust, "plan.csv", d.csv_file(rows, header=header))

    assert [r[0] for r in plan_rows(new_trust.annual_plan)] == ["1.1", "2.1", "2.2"]


def test_missing_references_are_numbered_after_those_given(new_trust):
    rows = [["1. Vision", "", "", "A", "AL", "", ""], ["1. Vision", "", "1", "B", "AL", "", ""],
            ["1. Vision", "", "", "C", "AL", "", ""]]  # fmt: skip
    import_and_save(new_trust, "plan.csv", d.csv_file(rows))

    assert [(r[0], r[1]) for r in plan_rows(new_trust.annual_plan)] == [
        ("1.2", "A"), ("1.1", "B"), ("1.3", "C"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("owners", "initials", "note"),
    [
        ("AL/CS", "AL/CS", ""),
        ("(NB)", "NB", ""),
        ("AW + CS", "AW/CS", ""),
        ("CS/NGB", "CS/NGB", ""),
        ("Principals", "", "Principals"),
        ("all", "", "all"),
        ("Principals/NB", "NB", "Principals"),
    ],
)
def test_owners_as_initials_and_groups(new_trust, owners, initials, note):
    rows = [["1. Vision", "", "1", "An action", owners, "", ""]]
    import_and_save(new_trust, "plan.csv", d.csv_file(rows))

    (row,) = plan_rows(new_trust.annual_plan)
    assert (row[2], row[3]) == (initials, note)


def test_initials_nobody_has_are_offered_as_new_people_and_made_with_the_plan(new_trust):
    rows = [["1. Vision", "", "1", "An action", "AL/ZW", "", ""],
            ["1. Vision", "", "2", "Another", "QX", "", ""]]  # fmt: skip
    plan_import = start(new_trust, "plan.csv", d.csv_file(rows))

    preview = read(plan_import)
    assert sorted(preview.reading.unknown_initials) == ["QX", "ZW"]
    assert any("initials QX" in str(p) and "Row 3" in str(p) for p in preview.reading.problems)
    assert not Person.objects.filter(trust=new_trust.trust, initials="ZW").exists()

    plan_import = services.plan_import_map(
        plan_import=plan_import,
        mapping={},
        people={"ZW": {"add": True, "name": "Zoe Wright"}, "QX": {"add": False}},
        options={"split_actions": True, "owners_in_brackets": True},
        acting_user=new_trust.ceo,
    )
    services.plan_import_save(plan_import=plan_import, acting_user=new_trust.ceo)

    assert Person.objects.get(trust=new_trust.trust, initials="ZW").full_name == "Zoe Wright"
    assert not Person.objects.filter(trust=new_trust.trust, initials="QX").exists()
    assert [r[2] for r in plan_rows(new_trust.annual_plan)] == ["AL/ZW", ""]


def test_a_key_focus_list_in_one_cell_of_a_summary_table(new_trust):
    data = d.csv_file(
        [["VISION: to grow the best in everyone", "1. Plan for two tiers\n2. Raise the profile"]],
        header=["Strategic Objectives", "Key foci"],
    )
    plan_import = start(new_trust, "summary.csv", data)

    reading = read(plan_import).reading

    assert [f.label for f in reading.foci] == ["1. Plan for two tiers", "2. Raise the profile"]
    assert reading.objectives[0].name == "Vision"


def test_an_action_is_never_saved_without_its_objective(new_trust):
    rows = [["", "", "1", "An action with no objective", "AL", "", ""]]
    plan_import = start(new_trust, "plan.csv", d.csv_file(rows))

    problems = [str(p) for p in read(plan_import).reading.problems]

    assert any("Row 2, column D (Action)" in p and "not under any" in p for p in problems)
    assert not Action.objects.filter(trust=new_trust.trust).exists()


def test_a_header_row_repeated_down_the_table_is_not_read_as_a_row(new_trust):
    rows = [d.HEADED_ROWS[0], d.HEADED, d.HEADED_ROWS[1]]
    import_and_save(new_trust, "plan.csv", d.csv_file(rows))

    assert [r[1] for r in plan_rows(new_trust.annual_plan)] == [
        "Write the plan",
        "Consult the families",
    ]


def test_one_objective_number_with_two_names_is_a_problem_naming_both_places(new_trust):
    rows = [["1. Vision: to grow", "", "1", "A", "AL", "", ""],
            ["1. Values: to care", "", "2", "B", "AL", "", ""]]  # fmt: skip
    plan_import = start(new_trust, "plan.csv", d.csv_file(rows))

    problems = [str(p) for p in read(plan_import).reading.problems]

    assert problems == [
        "Row 3, column A (Objective): strategic objective 1 is called “Values” here and "
        "“Vision” at Row 2, column A (Objective): one number, one strategic objective."
    ]


def test_a_csv_saved_by_excel_in_windows_1252_reads(new_trust):
    rows = [["1. Vision", "", "1", "Spend £2,000 on the café", "AL", "", ""]]
    data = d.csv_file(rows).decode("utf-8").encode("cp1252")

    import_and_save(new_trust, "plan.csv", data)

    assert plan_rows(new_trust.annual_plan)[0][1] == "Spend £2,000 on the café"


def test_a_cell_longer_than_its_columns_limit_is_named_in_the_preview_and_nothing_is_saved(
    new_trust,
):
    from plans.models import PlanColumn
    from tests.snapshot import snapshot

    kpis = PlanColumn.objects.get(trust=new_trust.trust, key="kpis")
    PlanColumn.objects.filter(pk=kpis.pk).update(max_length=20)
    rows = [["1. Vision: to grow", "", "1", "Write the plan", "", "Agreed by the board in May", ""]]
    plan_import = start(new_trust, "plan.csv", d.csv_file(rows))
    before = snapshot()

    problems = [str(p) for p in read(plan_import).reading.problems]

    assert any("Row 2" in p and f"“{kpis.name}” text is 26 characters; at most 20" in p
               for p in problems), problems  # fmt: skip
    with pytest.raises(services.ImportNotReady):
        services.plan_import_save(plan_import=plan_import, acting_user=new_trust.ceo)
    assert snapshot() == before
