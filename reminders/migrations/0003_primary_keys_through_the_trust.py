"""Each table's primary key becomes (trust, id) in the database (trustplan/core/trustkeys.py),
and each key onto another tenant table holds the trust on both sides. After every app's
single-column keys are gone (their keys_through_the_trust migrations), so that going back
restores every primary key before any single-column key returns."""

import trustplan.core.trustkeys
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_existing_addresses_verified'),
        ('boardpacks', '0006_keys_through_the_trust'),
        ('governance', '0005_keys_through_the_trust'),
        ('kpis', '0005_keys_through_the_trust'),
        ('notifications', '0003_keys_through_the_trust'),
        ('objectives', '0003_keys_through_the_trust'),
        ('onboarding', '0001_initial'),
        ('plans', '0013_keys_through_the_trust'),
        ('plans', '0014_primary_keys_through_the_trust'),
        ('reminders', '0002_keys_through_the_trust'),
        ('schools', '0008_keys_through_the_trust'),
        ('trustdata', '0002_archive_sweep_index'),
    ]

    operations = [
        trustplan.core.trustkeys.TrustPrimaryKey('remindersettings'),
        trustplan.core.trustkeys.TrustPrimaryKey('updatelink'),
        migrations.AddConstraint(
            model_name='updatelink',
            constraint=trustplan.core.trustkeys.TrustForeignKey('term', name='reminders_updatelink_term_tfk'),
        ),
    ]
