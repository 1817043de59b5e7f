"""Keys through the trust, first step: the single-column keys between tenant tables go (each
ForeignKey says db_constraint=False; its key through the trust comes in the next migration,
once every table's primary key holds the trust), and unique keys hold the trust."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('objectives', '0002_stage_outline'),
        ('schools', '0008_keys_through_the_trust'),
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
    ]
