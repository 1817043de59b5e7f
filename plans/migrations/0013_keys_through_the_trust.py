"""Keys through the trust (trustplan/core/trustkeys.py): each table's primary key becomes
(trust, id), its unique keys hold the trust, and each key onto another tenant table holds the
trust on both sides."""

import django.db.models.deletion
import trustplan.core.trustkeys
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('objectives', '0003_keys_through_the_trust'),
        ('plans', '0012_annual_plan_named_live'),
        ('schools', '0008_keys_through_the_trust'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        # Every app's earlier migrations first: they make single-column keys onto these
        # tables, which need each table's old primary key.
        ('accounts', '0002_existing_addresses_verified'),
        ('boardpacks', '0005_history_indexes_for_the_fingerprint'),
        ('governance', '0004_meeting_reviews_plan'),
        ('kpis', '0004_judgement_level_history_index'),
        ('notifications', '0002_preferences_digest_html'),
        ('onboarding', '0001_initial'),
        ('reminders', '0001_reminders_and_update_links'),
        ('trustdata', '0002_archive_sweep_index'),
    ]

    operations = [
        migrations.AlterUniqueTogether(
            name='actionuserobjectpermission',
            unique_together=set(),
        ),
        migrations.AlterField(
            model_name='action',
            name='annual_plan',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.PROTECT, related_name='actions', to='plans.annualplan'),
        ),
        migrations.AlterField(
            model_name='action',
            name='carried_from',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='carried_to', to='plans.action'),
        ),
        migrations.AlterField(
            model_name='action',
            name='key_focus',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='actions', to='plans.keyfocus'),
        ),
        migrations.AlterField(
            model_name='action',
            name='objective',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.PROTECT, related_name='actions', to='objectives.strategicobjective'),
        ),
        migrations.AlterField(
            model_name='action',
            name='school',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='actions', to='schools.school'),
        ),
        migrations.AlterField(
            model_name='actiongroupobjectpermission',
            name='content_object',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.CASCADE, to='plans.action'),
        ),
        migrations.AlterField(
            model_name='actionowner',
            name='action',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.CASCADE, related_name='owner_links', to='plans.action'),
        ),
        migrations.AlterField(
            model_name='actionowner',
            name='person',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.PROTECT, related_name='action_links', to='schools.person'),
        ),
        migrations.AlterField(
            model_name='actionuserobjectpermission',
            name='content_object',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.CASCADE, to='plans.action'),
        ),
        migrations.AlterField(
            model_name='annualobjectivelead',
            name='annual_plan',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.CASCADE, related_name='objective_leads', to='plans.annualplan'),
        ),
        migrations.AlterField(
            model_name='annualobjectivelead',
            name='objective',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='objectives.strategicobjective'),
        ),
        migrations.AlterField(
            model_name='annualobjectivelead',
            name='person',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='schools.person'),
        ),
        migrations.AlterField(
            model_name='annualplan',
            name='strategic_plan',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.PROTECT, related_name='annual_plans', to='objectives.strategicplan'),
        ),
        migrations.AlterField(
            model_name='columnvalue',
            name='action',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='column_values', to='plans.action'),
        ),
        migrations.AlterField(
            model_name='columnvalue',
            name='column',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.CASCADE, related_name='values', to='plans.plancolumn'),
        ),
        migrations.AlterField(
            model_name='columnvalue',
            name='key_focus',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='column_values', to='plans.keyfocus'),
        ),
        migrations.AlterField(
            model_name='columnvalue',
            name='objective',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='column_values', to='objectives.strategicobjective'),
        ),
        migrations.AlterField(
            model_name='keyfocus',
            name='annual_plan',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.CASCADE, related_name='key_foci', to='plans.annualplan'),
        ),
        migrations.AlterField(
            model_name='keyfocus',
            name='objective',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.CASCADE, related_name='key_foci', to='objectives.strategicobjective'),
        ),
        migrations.AlterField(
            model_name='planimport',
            name='annual_plan',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.CASCADE, related_name='imports', to='plans.annualplan'),
        ),
        migrations.AlterField(
            model_name='ragrating',
            name='action',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.PROTECT, related_name='ratings', to='plans.action'),
        ),
        migrations.AlterField(
            model_name='ragrating',
            name='carried_from',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='plans.term'),
        ),
        migrations.AlterField(
            model_name='ragrating',
            name='term',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.PROTECT, related_name='ratings', to='plans.term'),
        ),
        migrations.AlterField(
            model_name='term',
            name='annual_plan',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.CASCADE, related_name='terms', to='plans.annualplan'),
        ),
        migrations.AlterField(
            model_name='termevent',
            name='term',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.CASCADE, related_name='events', to='plans.term'),
        ),
        migrations.AlterUniqueTogether(
            name='actionuserobjectpermission',
            unique_together={('trust', 'user', 'permission', 'content_object')},
        ),
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
