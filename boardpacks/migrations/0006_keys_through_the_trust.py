"""Keys through the trust (trustplan/core/trustkeys.py): each table's primary key becomes
(trust, id), its unique keys hold the trust, and each key onto another tenant table holds the
trust on both sides."""

import django.db.models.deletion
import trustplan.core.trustkeys
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('boardpacks', '0005_history_indexes_for_the_fingerprint'),
        ('governance', '0005_keys_through_the_trust'),
        ('plans', '0013_keys_through_the_trust'),
        ('schools', '0008_keys_through_the_trust'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        # Every app's earlier migrations first: they make single-column keys onto these
        # tables, which need each table's old primary key.
        ('accounts', '0002_existing_addresses_verified'),
        ('kpis', '0004_judgement_level_history_index'),
        ('notifications', '0002_preferences_digest_html'),
        ('objectives', '0002_stage_outline'),
        ('onboarding', '0001_initial'),
        ('reminders', '0001_reminders_and_update_links'),
        ('trustdata', '0002_archive_sweep_index'),
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
        trustplan.core.trustkeys.TrustPrimaryKey('boardpack'),
        migrations.AddConstraint(
            model_name='boardpack',
            constraint=trustplan.core.trustkeys.TrustForeignKey('annual_plan', name='boardpacks_boardpack_annual_plan_tfk'),
        ),
        migrations.AddConstraint(
            model_name='boardpack',
            constraint=trustplan.core.trustkeys.TrustForeignKey('term', name='boardpacks_boardpack_term_tfk'),
        ),
        migrations.AddConstraint(
            model_name='boardpack',
            constraint=trustplan.core.trustkeys.TrustForeignKey('meeting', name='boardpacks_boardpack_meeting_tfk'),
        ),
        migrations.AddConstraint(
            model_name='boardpack',
            constraint=trustplan.core.trustkeys.TrustForeignKey('body', name='boardpacks_boardpack_body_tfk'),
        ),
    ]
