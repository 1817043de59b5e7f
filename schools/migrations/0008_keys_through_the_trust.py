"""Keys through the trust (trustplan/core/trustkeys.py): each table's primary key becomes
(trust, id), its unique keys hold the trust, and each key onto another tenant table holds the
trust on both sides."""

import django.db.models.deletion
import trustplan.core.trustkeys
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('schools', '0007_kpis_and_evidence_moved'),
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
        ('plans', '0012_annual_plan_named_live'),
        ('reminders', '0001_reminders_and_update_links'),
        ('trustdata', '0002_archive_sweep_index'),
    ]

    operations = [
        migrations.AlterField(
            model_name='invitation',
            name='person',
            field=models.ForeignKey(blank=True, db_constraint=False, help_text="The invited person's entry in the trust's directory.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='invitations', to='schools.person'),
        ),
        migrations.AlterField(
            model_name='invitation',
            name='token_hash',
            field=models.CharField(db_index=True, editable=False, max_length=64),
        ),
        migrations.AlterField(
            model_name='membership',
            name='person',
            field=models.ForeignKey(blank=True, db_constraint=False, help_text="The user's entry in the trust's directory.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='memberships', to='schools.person'),
        ),
        migrations.AlterField(
            model_name='person',
            name='school',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='people', to='schools.school'),
        ),
        migrations.AlterField(
            model_name='school',
            name='category',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='schools', to='schools.schoolcategory'),
        ),
        trustplan.core.trustkeys.TrustPrimaryKey('historicalinvitation'),
        trustplan.core.trustkeys.TrustPrimaryKey('historicalmembership'),
        trustplan.core.trustkeys.TrustPrimaryKey('historicalperson'),
        trustplan.core.trustkeys.TrustPrimaryKey('historicalschool'),
        trustplan.core.trustkeys.TrustPrimaryKey('historicalschoolcategory'),
        trustplan.core.trustkeys.TrustPrimaryKey('invitation'),
        trustplan.core.trustkeys.TrustPrimaryKey('membership'),
        trustplan.core.trustkeys.TrustPrimaryKey('person'),
        trustplan.core.trustkeys.TrustPrimaryKey('school'),
        trustplan.core.trustkeys.TrustPrimaryKey('schoolcategory'),
        migrations.AddConstraint(
            model_name='invitation',
            constraint=models.UniqueConstraint(fields=('trust', 'token_hash'), name='invitation_token_unique_in_trust'),
        ),
        migrations.AddConstraint(
            model_name='invitation',
            constraint=trustplan.core.trustkeys.TrustForeignKey('person', name='schools_invitation_person_tfk'),
        ),
        migrations.AddConstraint(
            model_name='membership',
            constraint=trustplan.core.trustkeys.TrustForeignKey('person', name='schools_membership_person_tfk'),
        ),
        migrations.AddConstraint(
            model_name='person',
            constraint=trustplan.core.trustkeys.TrustForeignKey('school', name='schools_person_school_tfk'),
        ),
        migrations.AddConstraint(
            model_name='school',
            constraint=trustplan.core.trustkeys.TrustForeignKey('category', name='schools_school_category_tfk'),
        ),
    ]
