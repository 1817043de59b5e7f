"""Each table's primary key becomes (trust, id) in the database (trustplan/core/trustkeys.py),
and each key onto another tenant table holds the trust on both sides. After every app's
single-column keys are gone (their keys_through_the_trust migrations), so that going back
restores every primary key before any single-column key returns."""

import trustplan.core.trustkeys
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_existing_addresses_verified'),
        ('boardpacks', '0006_keys_through_the_trust'),
        ('governance', '0005_keys_through_the_trust'),
        ('kpis', '0005_keys_through_the_trust'),
        ('notifications', '0003_keys_through_the_trust'),
        ('objectives', '0003_keys_through_the_trust'),
        ('objectives', '0004_primary_keys_through_the_trust'),
        ('onboarding', '0001_initial'),
        ('plans', '0013_keys_through_the_trust'),
        ('plans', '0014_primary_keys_through_the_trust'),
        ('reminders', '0002_keys_through_the_trust'),
        ('schools', '0008_keys_through_the_trust'),
        ('schools', '0009_primary_keys_through_the_trust'),
        ('trustdata', '0002_archive_sweep_index'),
    ]

    operations = [
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
