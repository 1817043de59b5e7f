"""The action's text columns are now ColumnValue rows (plans 0010 copied them and their
history): its kpis and evidence fields go."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('plans', '0010_kpis_and_evidence_as_columns'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='action',
            name='evidence',
        ),
        migrations.RemoveField(
            model_name='action',
            name='kpis',
        ),
        migrations.RemoveField(
            model_name='historicalaction',
            name='evidence',
        ),
        migrations.RemoveField(
            model_name='historicalaction',
            name='kpis',
        ),
    ]
