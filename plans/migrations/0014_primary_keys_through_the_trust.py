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
        ('reminders', '0002_keys_through_the_trust'),
        ('schools', '0008_keys_through_the_trust'),
        ('schools', '0009_primary_keys_through_the_trust'),
        ('trustdata', '0002_archive_sweep_index'),
    ]

    operations = [
        trustplan.core.trustkeys.TrustPrimaryKey('action'),
        trustplan.core.trustkeys.TrustPrimaryKey('actionowner'),
        trustplan.core.trustkeys.TrustPrimaryKey('actionuserobjectpermission'),
        trustplan.core.trustkeys.TrustPrimaryKey('annualobjectivelead'),
        trustplan.core.trustkeys.TrustPrimaryKey('annualplan'),
        trustplan.core.trustkeys.TrustPrimaryKey('columnvalue'),
        trustplan.core.trustkeys.TrustPrimaryKey('historicalaction'),
        trustplan.core.trustkeys.TrustPrimaryKey('historicalactionowner'),
        trustplan.core.trustkeys.TrustPrimaryKey('historicalannualobjectivelead'),
        trustplan.core.trustkeys.TrustPrimaryKey('historicalannualplan'),
        trustplan.core.trustkeys.TrustPrimaryKey('historicalcolumnvalue'),
        trustplan.core.trustkeys.TrustPrimaryKey('historicalkeyfocus'),
        trustplan.core.trustkeys.TrustPrimaryKey('historicalplancolumn'),
        trustplan.core.trustkeys.TrustPrimaryKey('historicalragrating'),
        trustplan.core.trustkeys.TrustPrimaryKey('historicalterm'),
        trustplan.core.trustkeys.TrustPrimaryKey('importheadermapping'),
        trustplan.core.trustkeys.TrustPrimaryKey('keyfocus'),
        trustplan.core.trustkeys.TrustPrimaryKey('plancolumn'),
        trustplan.core.trustkeys.TrustPrimaryKey('planimport'),
        trustplan.core.trustkeys.TrustPrimaryKey('ragrating'),
        trustplan.core.trustkeys.TrustPrimaryKey('term'),
        trustplan.core.trustkeys.TrustPrimaryKey('termevent'),
        migrations.AddConstraint(
            model_name='action',
            constraint=trustplan.core.trustkeys.TrustForeignKey('annual_plan', name='plans_action_annual_plan_tfk'),
        ),
        migrations.AddConstraint(
            model_name='action',
            constraint=trustplan.core.trustkeys.TrustForeignKey('objective', name='plans_action_objective_tfk'),
        ),
        migrations.AddConstraint(
            model_name='action',
            constraint=trustplan.core.trustkeys.TrustForeignKey('school', name='plans_action_school_tfk'),
        ),
        migrations.AddConstraint(
            model_name='action',
            constraint=trustplan.core.trustkeys.TrustForeignKey('carried_from', name='plans_action_carried_from_tfk'),
        ),
        migrations.AddConstraint(
            model_name='actionowner',
            constraint=trustplan.core.trustkeys.TrustForeignKey('action', name='plans_actionowner_action_tfk'),
        ),
        migrations.AddConstraint(
            model_name='actionowner',
            constraint=trustplan.core.trustkeys.TrustForeignKey('person', name='plans_actionowner_person_tfk'),
        ),
        migrations.AddConstraint(
            model_name='actionuserobjectpermission',
            constraint=trustplan.core.trustkeys.TrustForeignKey('content_object', name='plans_actionuserobjectpermission_content_object_tfk'),
        ),
        migrations.AddConstraint(
            model_name='annualobjectivelead',
            constraint=trustplan.core.trustkeys.TrustForeignKey('annual_plan', name='plans_annualobjectivelead_annual_plan_tfk'),
        ),
        migrations.AddConstraint(
            model_name='annualobjectivelead',
            constraint=trustplan.core.trustkeys.TrustForeignKey('objective', name='plans_annualobjectivelead_objective_tfk'),
        ),
        migrations.AddConstraint(
            model_name='annualobjectivelead',
            constraint=trustplan.core.trustkeys.TrustForeignKey('person', name='plans_annualobjectivelead_person_tfk'),
        ),
        migrations.AddConstraint(
            model_name='annualplan',
            constraint=trustplan.core.trustkeys.TrustForeignKey('strategic_plan', name='plans_annualplan_strategic_plan_tfk'),
        ),
        migrations.AddConstraint(
            model_name='columnvalue',
            constraint=trustplan.core.trustkeys.TrustForeignKey('action', name='plans_columnvalue_action_tfk'),
        ),
        migrations.AddConstraint(
            model_name='columnvalue',
            constraint=trustplan.core.trustkeys.TrustForeignKey('key_focus', name='plans_columnvalue_key_focus_tfk'),
        ),
        migrations.AddConstraint(
            model_name='columnvalue',
            constraint=trustplan.core.trustkeys.TrustForeignKey('objective', name='plans_columnvalue_objective_tfk'),
        ),
        migrations.AddConstraint(
            model_name='keyfocus',
            constraint=trustplan.core.trustkeys.TrustForeignKey('annual_plan', name='plans_keyfocus_annual_plan_tfk'),
        ),
        migrations.AddConstraint(
            model_name='keyfocus',
            constraint=trustplan.core.trustkeys.TrustForeignKey('objective', name='plans_keyfocus_objective_tfk'),
        ),
        migrations.AddConstraint(
            model_name='planimport',
            constraint=trustplan.core.trustkeys.TrustForeignKey('annual_plan', name='plans_planimport_annual_plan_tfk'),
        ),
        migrations.AddConstraint(
            model_name='ragrating',
            constraint=trustplan.core.trustkeys.TrustForeignKey('action', name='plans_ragrating_action_tfk'),
        ),
        migrations.AddConstraint(
            model_name='ragrating',
            constraint=trustplan.core.trustkeys.TrustForeignKey('term', name='plans_ragrating_term_tfk'),
        ),
        migrations.AddConstraint(
            model_name='ragrating',
            constraint=trustplan.core.trustkeys.TrustForeignKey('carried_from', name='plans_ragrating_carried_from_tfk'),
        ),
        migrations.AddConstraint(
            model_name='term',
            constraint=trustplan.core.trustkeys.TrustForeignKey('annual_plan', name='plans_term_annual_plan_tfk'),
        ),
        migrations.AddConstraint(
            model_name='termevent',
            constraint=trustplan.core.trustkeys.TrustForeignKey('term', name='plans_termevent_term_tfk'),
        ),
    ]
