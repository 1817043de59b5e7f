"""Keys through the trust (trustplan/core/trustkeys.py): each table's primary key becomes
(trust, id), its unique keys hold the trust, and each key onto another tenant table holds the
trust on both sides."""

import django.db.models.deletion
import trustplan.core.trustkeys
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('plans', '0013_keys_through_the_trust'),
        ('reminders', '0001_reminders_and_update_links'),
        ('schools', '0008_keys_through_the_trust'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        # Every app's earlier migrations first: they make single-column keys onto these
        # tables, which need each table's old primary key.
        ('accounts', '0002_existing_addresses_verified'),
        ('boardpacks', '0005_history_indexes_for_the_fingerprint'),
        ('governance', '0004_meeting_reviews_plan'),
        ('kpis', '0004_judgement_level_history_index'),
        ('notifications', '0002_preferences_digest_html'),
        ('objectives', '0002_stage_outline'),
        ('onboarding', '0001_initial'),
        ('trustdata', '0002_archive_sweep_index'),
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
        trustplan.core.trustkeys.TrustPrimaryKey('remindersettings'),
        trustplan.core.trustkeys.TrustPrimaryKey('updatelink'),
        migrations.AddConstraint(
            model_name='updatelink',
            constraint=models.UniqueConstraint(fields=('trust', 'secret_hash'), name='update_link_secret_unique_in_trust'),
        ),
        migrations.AddConstraint(
            model_name='updatelink',
            constraint=trustplan.core.trustkeys.TrustForeignKey('term', name='reminders_updatelink_term_tfk'),
        ),
    ]
