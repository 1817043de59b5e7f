"""The trust's text columns (plans.columns): one value per column and row, of the column's
level, within its limit; read for a page of rows in one query; in the row's history."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from plans.columns import (
    ACTION,
    KEY_FOCUS,
    attach_cells,
    column_values_set,
    trust_columns,
    values_by_key,
)
from plans.models import ColumnValue, PlanColumn
from plans.selectors import action_history
from tests import factories as f


def focus_column(world, **values) -> PlanColumn:
    return PlanColumn.objects.create(
        trust=world.trust, key="measuring-success", name="Measuring success",
        name_plural="Measuring success", level=KEY_FOCUS, position=5, **values,
    )  # fmt: skip


def test_a_new_trust_has_the_two_usual_action_columns(mine):
    columns = trust_columns(mine.trust)

    assert [(c.key, c.name, c.level) for c in columns] == [
        ("kpis", "Key Performance Indicators/Impact", ACTION),
        ("evidence", "Evidence + Evaluation", ACTION),
    ]


def test_text_over_a_columns_limit_is_refused_with_its_name_and_nothing_changes(mine):
    column = f.column_of(mine.trust, "evidence")
    column.max_length = 20
    column.save()
    action = mine.lead_action

    with pytest.raises(ValidationError) as refused:
        column_values_set(owner=action, values={column.pk: "x" * 21}, acting_user=mine.users["ceo"])

    assert (
        "Evidence + Evaluation is at most 20 characters; this has 21" in refused.value.messages[0]
    )
    assert values_by_key(action, ACTION, [column]) == {"evidence": ""}


def test_a_column_of_another_level_is_refused_for_a_row(mine):
    column = focus_column(mine)

    with pytest.raises(ValidationError):
        column_values_set(owner=mine.lead_action, values={column.pk: "Hm"}, acting_user=None)

    assert not ColumnValue.objects.filter(column=column).exists()


def test_another_trusts_column_is_refused(mine, other):
    column = f.column_of(other.trust, "kpis")

    with pytest.raises(ValidationError):
        column_values_set(owner=mine.lead_action, values={column.pk: "Hm"}, acting_user=None)


def test_the_database_refuses_a_value_whose_owner_is_not_of_its_columns_level(mine):
    column = focus_column(mine)

    with pytest.raises(IntegrityError), transaction.atomic():
        # The level says key focus but the row is an action: the check constraint refuses.
        ColumnValue.objects.create(
            trust=mine.trust, column=column, level=KEY_FOCUS, action=mine.lead_action, text="x"
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        # An action's value in a key-focus column: the key through (trust, column, level).
        ColumnValue.objects.create(
            trust=mine.trust, column=column, level=ACTION, action=mine.lead_action, text="x"
        )
        connection.check_constraints()


def test_a_column_holds_one_value_per_row(mine):
    column = f.column_of(mine.trust, "kpis")
    ColumnValue.objects.filter(column=column, action=mine.lead_action).delete()
    ColumnValue.objects.create(
        trust=mine.trust, column=column, level=ACTION, action=mine.lead_action, text="One"
    )

    with pytest.raises(IntegrityError), transaction.atomic():
        ColumnValue.objects.create(
            trust=mine.trust, column=column, level=ACTION, action=mine.lead_action, text="Two"
        )


def test_a_pages_values_cost_one_query_however_many_rows(mine):
    columns = trust_columns(mine.trust)
    focus_column(mine)
    columns = trust_columns(mine.trust)
    few = mine.actions[:1]
    many = [
        f.ActionFactory(
            trust=mine.trust, annual_plan=mine.annual_plan, objective=mine.objectives[1]
        )
        for _ in range(6)
    ] + list(mine.actions)

    with CaptureQueriesContext(connection) as one:
        attach_cells(mine.trust, columns, actions=few, key_foci=[mine.key_focus])
    with CaptureQueriesContext(connection) as more:
        attach_cells(mine.trust, columns, actions=many, key_foci=[mine.key_focus])

    assert len(one) == len(more) == 1
    assert [c.text for c in many[0].column_cells] == ["Something measurable improves", ""]
    assert [c.word for c in mine.key_focus.column_cells] == ["Measuring success"]


def test_an_actions_history_shows_each_change_of_its_columns_text(mine):
    column = f.column_of(mine.trust, "evidence")
    action = mine.lead_action
    column_values_set(
        owner=action, values={column.pk: "Visit notes"}, acting_user=mine.users["ceo"]
    )
    column_values_set(
        owner=action, values={column.pk: "Visit notes and a survey"}, acting_user=mine.users["ceo"]
    )

    found = [(c.field, c.old, c.new) for c in action_history(action) if c.field == column.name]

    assert found == [
        ("Evidence + Evaluation", "Visit notes", "Visit notes and a survey"),
        ("Evidence + Evaluation", "", "Visit notes"),
    ]
