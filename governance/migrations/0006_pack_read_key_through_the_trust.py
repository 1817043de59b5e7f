"""A pack read's key onto its board pack holds the trust on both sides, now that the packs'
table has its primary key (trust, id) (boardpacks 0006)."""

import django.db.models.deletion
import trustplan.core.trustkeys
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('boardpacks', '0006_keys_through_the_trust'),
        ('governance', '0005_keys_through_the_trust'),
    ]

    operations = [
        migrations.AlterField(
            model_name='packread',
            name='pack',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='boardpacks.boardpack'),
        ),
        migrations.AddConstraint(
            model_name='packread',
            constraint=trustplan.core.trustkeys.TrustForeignKey('pack', name='governance_packread_pack_tfk'),
        ),
    ]
