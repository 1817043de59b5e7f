"""Keys through the trust, first step: the single-column keys between tenant tables go (each
ForeignKey says db_constraint=False; its key through the trust comes in the next migration,
once every table's primary key holds the trust), and unique keys hold the trust."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('objectives', '0003_keys_through_the_trust'),
        ('plans', '0012_annual_plan_named_live'),
        ('schools', '0008_keys_through_the_trust'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
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
    ]
