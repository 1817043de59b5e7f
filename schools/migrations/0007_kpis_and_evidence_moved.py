"""The success and evidence columns' names moved to the trust's plan columns
(plans.PlanColumn, filled from these labels by plans 0010): the labels go."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('schools', '0006_trust_deletion_sweep_index'),
        ('plans', '0010_kpis_and_evidence_as_columns'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='historicaltrust',
            name='label_evidence',
        ),
        migrations.RemoveField(
            model_name='historicaltrust',
            name='label_evidence_plural',
        ),
        migrations.RemoveField(
            model_name='historicaltrust',
            name='label_kpis',
        ),
        migrations.RemoveField(
            model_name='historicaltrust',
            name='label_kpis_plural',
        ),
        migrations.RemoveField(
            model_name='trust',
            name='label_evidence',
        ),
        migrations.RemoveField(
            model_name='trust',
            name='label_evidence_plural',
        ),
        migrations.RemoveField(
            model_name='trust',
            name='label_kpis',
        ),
        migrations.RemoveField(
            model_name='trust',
            name='label_kpis_plural',
        ),
    ]
