"""The pack fingerprint reads MAX(history_id) per trust from every content app's history table
(boardpacks.selectors.pack_fingerprint). An index on (trust_id, history_id) answers each of
those with one step down the index instead of reading every history row of the trust, however
long the history grows."""

from django.db import migrations

# boardpacks.selectors.CONTENT_APPS, as of this migration.
CONTENT_APPS = ["schools", "objectives", "plans", "kpis", "governance"]


def _history_tables(apps) -> list[str]:
    tables = []
    for label in CONTENT_APPS:
        for model in apps.get_app_config(label).get_models():
            fields = {f.name for f in model._meta.get_fields()}
            if {"history_id", "trust"} <= fields:
                tables.append(model._meta.db_table)
    return sorted(tables)


def _index_name(table: str) -> str:
    return f"{table[:45]}_trust_hist"


def create(apps, schema_editor):
    for table in _history_tables(apps):
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{_index_name(table)}" ON "{table}" '
            "(trust_id, history_id)"
        )


def drop(apps, schema_editor):
    for table in _history_tables(apps):
        schema_editor.execute(f'DROP INDEX IF EXISTS "{_index_name(table)}"')


class Migration(migrations.Migration):
    dependencies = [
        ("boardpacks", "0004_sweep_indexes"),
        ("governance", "0003_question_on_a_kpi"),
        ("kpis", "0002_measurement_term_in_its_plan"),
        ("objectives", "0001_initial"),
        ("plans", "0008_rules_in_the_database"),
        ("schools", "0006_trust_deletion_sweep_index"),
    ]

    operations = [migrations.RunPython(create, drop)]
