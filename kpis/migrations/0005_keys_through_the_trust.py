"""Keys through the trust (trustplan/core/trustkeys.py): each table's primary key becomes
(trust, id), its unique keys hold the trust, and each key onto another tenant table holds the
trust on both sides."""

import django.db.models.deletion
import trustplan.core.trustkeys
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('kpis', '0004_judgement_level_history_index'),
        ('objectives', '0003_keys_through_the_trust'),
        ('plans', '0013_keys_through_the_trust'),
        ('schools', '0008_keys_through_the_trust'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        # Every app's earlier migrations first: they make single-column keys onto these
        # tables, which need each table's old primary key.
        ('accounts', '0002_existing_addresses_verified'),
        ('boardpacks', '0005_history_indexes_for_the_fingerprint'),
        ('governance', '0004_meeting_reviews_plan'),
        ('notifications', '0002_preferences_digest_html'),
        ('onboarding', '0001_initial'),
        ('reminders', '0001_reminders_and_update_links'),
        ('trustdata', '0002_archive_sweep_index'),
    ]

    operations = [
        migrations.AlterField(
            model_name='judgementlevel',
            name='kpi',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.CASCADE, related_name='levels', to='kpis.kpi'),
        ),
        migrations.AlterField(
            model_name='kpi',
            name='objective',
            field=models.ForeignKey(blank=True, db_constraint=False, help_text='The strategic objective this measure evidences.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='kpis', to='objectives.strategicobjective'),
        ),
        migrations.AlterField(
            model_name='kpischool',
            name='kpi',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.CASCADE, related_name='school_links', to='kpis.kpi'),
        ),
        migrations.AlterField(
            model_name='kpischool',
            name='school',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='schools.school'),
        ),
        migrations.AlterField(
            model_name='measurement',
            name='annual_plan',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.PROTECT, related_name='kpi_measurements', to='plans.annualplan'),
        ),
        migrations.AlterField(
            model_name='measurement',
            name='kpi',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.CASCADE, related_name='measurements', to='kpis.kpi'),
        ),
        migrations.AlterField(
            model_name='measurement',
            name='level',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='measurements', to='kpis.judgementlevel'),
        ),
        migrations.AlterField(
            model_name='measurement',
            name='school',
            field=models.ForeignKey(blank=True, db_constraint=False, help_text='Empty for the trust as a whole.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='kpi_measurements', to='schools.school'),
        ),
        migrations.AlterField(
            model_name='measurement',
            name='term',
            field=models.ForeignKey(blank=True, db_constraint=False, help_text='Empty for a yearly measure.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='kpi_measurements', to='plans.term'),
        ),
        migrations.AlterField(
            model_name='target',
            name='kpi',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.CASCADE, related_name='targets', to='kpis.kpi'),
        ),
        migrations.AlterField(
            model_name='target',
            name='level',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='kpis.judgementlevel'),
        ),
        migrations.AlterField(
            model_name='target',
            name='school',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='schools.school'),
        ),
        trustplan.core.trustkeys.TrustPrimaryKey('historicaljudgementlevel'),
        trustplan.core.trustkeys.TrustPrimaryKey('historicalkpi'),
        trustplan.core.trustkeys.TrustPrimaryKey('historicalkpischool'),
        trustplan.core.trustkeys.TrustPrimaryKey('historicalmeasurement'),
        trustplan.core.trustkeys.TrustPrimaryKey('historicaltarget'),
        trustplan.core.trustkeys.TrustPrimaryKey('judgementlevel'),
        trustplan.core.trustkeys.TrustPrimaryKey('kpi'),
        trustplan.core.trustkeys.TrustPrimaryKey('kpischool'),
        trustplan.core.trustkeys.TrustPrimaryKey('measurement'),
        trustplan.core.trustkeys.TrustPrimaryKey('target'),
        migrations.AddConstraint(
            model_name='judgementlevel',
            constraint=trustplan.core.trustkeys.TrustForeignKey('kpi', name='kpis_judgementlevel_kpi_tfk'),
        ),
        migrations.AddConstraint(
            model_name='kpi',
            constraint=trustplan.core.trustkeys.TrustForeignKey('objective', name='kpis_kpi_objective_tfk'),
        ),
        migrations.AddConstraint(
            model_name='kpischool',
            constraint=trustplan.core.trustkeys.TrustForeignKey('kpi', name='kpis_kpischool_kpi_tfk'),
        ),
        migrations.AddConstraint(
            model_name='kpischool',
            constraint=trustplan.core.trustkeys.TrustForeignKey('school', name='kpis_kpischool_school_tfk'),
        ),
        migrations.AddConstraint(
            model_name='measurement',
            constraint=trustplan.core.trustkeys.TrustForeignKey('annual_plan', name='kpis_measurement_annual_plan_tfk'),
        ),
        migrations.AddConstraint(
            model_name='measurement',
            constraint=trustplan.core.trustkeys.TrustForeignKey('school', name='kpis_measurement_school_tfk'),
        ),
        migrations.AddConstraint(
            model_name='target',
            constraint=trustplan.core.trustkeys.TrustForeignKey('school', name='kpis_target_school_tfk'),
        ),
    ]
