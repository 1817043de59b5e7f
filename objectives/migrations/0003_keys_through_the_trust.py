"""Keys through the trust (trustplan/core/trustkeys.py): each table's primary key becomes
(trust, id), its unique keys hold the trust, and each key onto another tenant table holds the
trust on both sides."""

import django.db.models.deletion
import trustplan.core.trustkeys
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('objectives', '0002_stage_outline'),
        ('schools', '0008_keys_through_the_trust'),
        # Every app's earlier migrations first: they make single-column keys onto these
        # tables, which need each table's old primary key.
        ('accounts', '0002_existing_addresses_verified'),
        ('boardpacks', '0005_history_indexes_for_the_fingerprint'),
        ('governance', '0004_meeting_reviews_plan'),
        ('kpis', '0004_judgement_level_history_index'),
        ('notifications', '0002_preferences_digest_html'),
        ('onboarding', '0001_initial'),
        ('plans', '0012_annual_plan_named_live'),
        ('reminders', '0001_reminders_and_update_links'),
        ('trustdata', '0002_archive_sweep_index'),
    ]

    operations = [
        migrations.AlterField(
            model_name='objectivelead',
            name='objective',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.CASCADE, related_name='lead_links', to='objectives.strategicobjective'),
        ),
        migrations.AlterField(
            model_name='objectivelead',
            name='person',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='schools.person'),
        ),
        migrations.AlterField(
            model_name='objectivestage',
            name='objective',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.CASCADE, related_name='stages', to='objectives.strategicobjective'),
        ),
        migrations.AlterField(
            model_name='strategicobjective',
            name='plan',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.CASCADE, related_name='objectives', to='objectives.strategicplan'),
        ),
        migrations.AlterField(
            model_name='strategicplan',
            name='replaces',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='replaced_by', to='objectives.strategicplan'),
        ),
        trustplan.core.trustkeys.TrustPrimaryKey('historicalobjectivelead'),
        trustplan.core.trustkeys.TrustPrimaryKey('historicalobjectivestage'),
        trustplan.core.trustkeys.TrustPrimaryKey('historicalstrategicobjective'),
        trustplan.core.trustkeys.TrustPrimaryKey('historicalstrategicplan'),
        trustplan.core.trustkeys.TrustPrimaryKey('objectivelead'),
        trustplan.core.trustkeys.TrustPrimaryKey('objectivestage'),
        trustplan.core.trustkeys.TrustPrimaryKey('strategicobjective'),
        trustplan.core.trustkeys.TrustPrimaryKey('strategicplan'),
        migrations.AddConstraint(
            model_name='objectivelead',
            constraint=trustplan.core.trustkeys.TrustForeignKey('objective', name='objectives_objectivelead_objective_tfk'),
        ),
        migrations.AddConstraint(
            model_name='objectivelead',
            constraint=trustplan.core.trustkeys.TrustForeignKey('person', name='objectives_objectivelead_person_tfk'),
        ),
        migrations.AddConstraint(
            model_name='objectivestage',
            constraint=trustplan.core.trustkeys.TrustForeignKey('objective', name='objectives_objectivestage_objective_tfk'),
        ),
        migrations.AddConstraint(
            model_name='strategicobjective',
            constraint=trustplan.core.trustkeys.TrustForeignKey('plan', name='objectives_strategicobjective_plan_tfk'),
        ),
        migrations.AddConstraint(
            model_name='strategicplan',
            constraint=trustplan.core.trustkeys.TrustForeignKey('replaces', name='objectives_strategicplan_replaces_tfk'),
        ),
    ]
