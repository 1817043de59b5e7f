"""Keys through the trust (trustplan/core/trustkeys.py): each table's primary key becomes
(trust, id), its unique keys hold the trust, and each key onto another tenant table holds the
trust on both sides."""

import django.db.models.deletion
import trustplan.core.trustkeys
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('notifications', '0002_preferences_digest_html'),
        ('schools', '0008_keys_through_the_trust'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        # Every app's earlier migrations first: they make single-column keys onto these
        # tables, which need each table's old primary key.
        ('accounts', '0002_existing_addresses_verified'),
        ('boardpacks', '0005_history_indexes_for_the_fingerprint'),
        ('governance', '0004_meeting_reviews_plan'),
        ('kpis', '0004_judgement_level_history_index'),
        ('objectives', '0002_stage_outline'),
        ('onboarding', '0001_initial'),
        ('plans', '0012_annual_plan_named_live'),
        ('reminders', '0001_reminders_and_update_links'),
        ('trustdata', '0002_archive_sweep_index'),
    ]

    operations = [
        migrations.AlterField(
            model_name='outgoingemail',
            name='digest',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='carried', to='notifications.outgoingemail'),
        ),
        trustplan.core.trustkeys.TrustPrimaryKey('notificationpreference'),
        trustplan.core.trustkeys.TrustPrimaryKey('outgoingemail'),
        migrations.AddConstraint(
            model_name='outgoingemail',
            constraint=trustplan.core.trustkeys.TrustForeignKey('digest', name='notifications_outgoingemail_digest_tfk'),
        ),
    ]
