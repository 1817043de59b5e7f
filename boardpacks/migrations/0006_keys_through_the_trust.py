"""Keys through the trust, first step: the single-column keys between tenant tables go (each
ForeignKey says db_constraint=False; its key through the trust comes in the next migration,
once every table's primary key holds the trust), and unique keys hold the trust."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('boardpacks', '0005_history_indexes_for_the_fingerprint'),
        ('governance', '0005_keys_through_the_trust'),
        ('plans', '0013_keys_through_the_trust'),
        ('schools', '0008_keys_through_the_trust'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='boardpack',
            name='annual_plan',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.PROTECT, related_name='board_packs', to='plans.annualplan'),
        ),
        migrations.AlterField(
            model_name='boardpack',
            name='body',
            field=models.ForeignKey(blank=True, db_constraint=False, help_text="Empty for the trust's pack, which is the board's; else the local governing body whose schools the pack covers and whose governors read it.", null=True, on_delete=django.db.models.deletion.PROTECT, related_name='board_packs', to='governance.body'),
        ),
        migrations.AlterField(
            model_name='boardpack',
            name='meeting',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='board_packs', to='governance.meeting'),
        ),
        migrations.AlterField(
            model_name='boardpack',
            name='term',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.PROTECT, related_name='board_packs', to='plans.term'),
        ),
    ]
