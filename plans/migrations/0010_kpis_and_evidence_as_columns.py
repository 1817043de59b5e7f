"""The action's two fixed text columns (KPIs / impact, evidence and evaluation) become the
trust's first two plan columns: two columns per trust named by its labels, one value per
action that ever had text, and the history of each value replayed from the action's history,
so who wrote what and when is kept. The values' level is their column's (a foreign key through
trust, column and level), and the new history tables get the fingerprint's index."""

from django.db import migrations

COLUMNS = [
    # key, label field, position, the text's field on the action
    ("kpis", "label_kpis", 0, "kpis"),
    ("evidence", "label_evidence", 1, "evidence"),
]
DEFAULT_LIMIT = 2000


def forward(apps, schema_editor):
    Trust = apps.get_model("schools", "Trust")
    Action = apps.get_model("plans", "Action")
    PlanColumn = apps.get_model("plans", "PlanColumn")
    ColumnValue = apps.get_model("plans", "ColumnValue")
    HistoricalAction = apps.get_model("plans", "HistoricalAction")
    HistoricalColumnValue = apps.get_model("plans", "HistoricalColumnValue")
    for trust in Trust.objects.all():
        for key, label, position, field in COLUMNS:
            longest = max(
                (len(t) for t in Action.objects.filter(trust=trust).values_list(field, flat=True)),
                default=0,
            )
            column = PlanColumn.objects.create(
                trust=trust,
                key=key,
                name=getattr(trust, label),
                name_plural=getattr(trust, f"{label}_plural"),
                level="action",
                position=position,
                # Nothing already written is over its limit.
                max_length=max(DEFAULT_LIMIT, longest),
                on_plan=True,
                on_grid=False,
                on_action=True,
                on_pack=True,
            )
            _copy(trust, column, field, Action, ColumnValue, HistoricalAction, HistoricalColumnValue)


def _copy(trust, column, field, Action, ColumnValue, HistoricalAction, HistoricalColumnValue):
    records = HistoricalAction.objects.filter(trust=trust).order_by("id", "history_date", "history_id")
    by_action = {}
    for record in records.values("id", field, "history_date", "history_type", "history_user_id",
                                 "history_change_reason"):
        by_action.setdefault(record["id"], []).append(record)
    current = dict(Action.objects.filter(trust=trust).values_list("id", field))
    ever = {a for a, text in current.items() if text}
    ever |= {a for a, rows in by_action.items() if a in current and any(r[field] for r in rows)}
    values = ColumnValue.objects.bulk_create(
        ColumnValue(trust=trust, column=column, level="action", action_id=a, text=current[a])
        for a in sorted(ever)
    )
    value_of = {v.action_id: v.pk for v in values}
    history = []
    for action_id in sorted(ever):
        previous = None
        for record in by_action.get(action_id, []):
            text = record[field] or ""
            if record["history_type"] == "-":
                break
            if previous is None and not text:
                continue
            if previous is not None and text == previous:
                continue
            history.append(HistoricalColumnValue(
                id=value_of[action_id], trust_id=trust.pk, column_id=column.pk, level="action",
                action_id=action_id, text=text, history_date=record["history_date"],
                history_type="+" if previous is None else "~",
                history_user_id=record["history_user_id"],
                history_change_reason=record["history_change_reason"],
            ))  # fmt: skip
            previous = text
    HistoricalColumnValue.objects.bulk_create(history)


def backward(apps, schema_editor):
    Action = apps.get_model("plans", "Action")
    ColumnValue = apps.get_model("plans", "ColumnValue")
    for value in ColumnValue.objects.filter(column__key__in=["kpis", "evidence"], level="action"):
        Action.objects.filter(pk=value.action_id).update(**{value.column.key: value.text})
    apps.get_model("plans", "PlanColumn").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("plans", "0009_plan_columns"), ("schools", "0006_trust_deletion_sweep_index")]

    operations = [
        migrations.RunSQL(
            sql="""
                ALTER TABLE plans_columnvalue
                ADD CONSTRAINT column_value_level_of_its_column
                FOREIGN KEY (trust_id, column_id, level)
                REFERENCES plans_plancolumn (trust_id, id, level)
                DEFERRABLE INITIALLY DEFERRED;
                CREATE INDEX IF NOT EXISTS "plans_historicalplancolumn_trust_hist"
                    ON "plans_historicalplancolumn" (trust_id, history_id);
                CREATE INDEX IF NOT EXISTS "plans_historicalcolumnvalue_trust_hist"
                    ON "plans_historicalcolumnvalue" (trust_id, history_id);
            """,
            reverse_sql="""
                ALTER TABLE plans_columnvalue DROP CONSTRAINT column_value_level_of_its_column;
                DROP INDEX IF EXISTS "plans_historicalplancolumn_trust_hist";
                DROP INDEX IF EXISTS "plans_historicalcolumnvalue_trust_hist";
            """,
        ),
        migrations.RunPython(forward, backward),
    ]
