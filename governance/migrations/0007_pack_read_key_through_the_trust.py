"""A pack read's key onto its board pack holds the trust on both sides, now that the packs'
table has its primary key (trust, id) (boardpacks 0007)."""

import trustplan.core.trustkeys
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('boardpacks', '0007_primary_keys_through_the_trust'),
        ('governance', '0006_primary_keys_through_the_trust'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='packread',
            constraint=trustplan.core.trustkeys.TrustForeignKey('pack', name='governance_packread_pack_tfk'),
        ),
    ]
