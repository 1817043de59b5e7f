# The pack fingerprint reads each content history table's newest row for one trust: the
# judgement scale's history gets the (trust_id, history_id) index every other one has
# (boardpacks/migrations/0005_history_indexes_for_the_fingerprint.py).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("kpis", "0003_three_kinds_of_measure")]

    operations = [
        migrations.RunSQL(
            sql='CREATE INDEX IF NOT EXISTS "kpis_historicaljudgementlevel_trust_hist" '
            'ON "kpis_historicaljudgementlevel" (trust_id, history_id);',
            reverse_sql='DROP INDEX IF EXISTS "kpis_historicaljudgementlevel_trust_hist";',
        ),
    ]
