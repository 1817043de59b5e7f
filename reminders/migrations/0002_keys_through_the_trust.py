"""Keys through the trust, first step: the single-column keys between tenant tables go (each
ForeignKey says db_constraint=False; its key through the trust comes in the next migration,
once every table's primary key holds the trust), and unique keys hold the trust."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('plans', '0013_keys_through_the_trust'),
        ('reminders', '0001_reminders_and_update_links'),
        ('schools', '0008_keys_through_the_trust'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='updatelink',
            name='secret_hash',
            field=models.CharField(db_index=True, editable=False, max_length=64),
        ),
        migrations.AlterField(
            model_name='updatelink',
            name='term',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='plans.term'),
        ),
        migrations.AddConstraint(
            model_name='updatelink',
            constraint=models.UniqueConstraint(fields=('trust', 'secret_hash'), name='update_link_secret_unique_in_trust'),
        ),
    ]
