"""Keys through the trust, first step: the single-column keys between tenant tables go (each
ForeignKey says db_constraint=False; its key through the trust comes in the next migration,
once every table's primary key holds the trust), and unique keys hold the trust."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('kpis', '0004_judgement_level_history_index'),
        ('objectives', '0003_keys_through_the_trust'),
        ('plans', '0013_keys_through_the_trust'),
        ('schools', '0008_keys_through_the_trust'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
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
    ]
