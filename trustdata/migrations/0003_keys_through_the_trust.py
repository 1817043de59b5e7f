"""Keys through the trust (trustplan/core/trustkeys.py): each table's primary key becomes
(trust, id)."""

import trustplan.core.trustkeys
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('trustdata', '0002_archive_sweep_index'),
        # Every app's earlier migrations first: they make single-column keys onto these
        # tables, which need each table's old primary key.
        ('accounts', '0002_existing_addresses_verified'),
        ('boardpacks', '0005_history_indexes_for_the_fingerprint'),
        ('governance', '0004_meeting_reviews_plan'),
        ('kpis', '0004_judgement_level_history_index'),
        ('notifications', '0002_preferences_digest_html'),
        ('objectives', '0002_stage_outline'),
        ('onboarding', '0001_initial'),
        ('plans', '0012_annual_plan_named_live'),
        ('reminders', '0001_reminders_and_update_links'),
        ('schools', '0007_kpis_and_evidence_moved'),
    ]

    operations = [
        trustplan.core.trustkeys.TrustPrimaryKey('trustarchive'),
    ]
