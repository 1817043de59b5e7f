"""Keys through the trust (trustplan/core/trustkeys.py): each table's primary key becomes
(trust, id), its unique keys hold the trust, and each key onto another tenant table holds the
trust on both sides. A pack
read's key onto its pack follows in 0006, once the packs' table has its own."""

import django.db.models.deletion
import trustplan.core.trustkeys
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('boardpacks', '0005_history_indexes_for_the_fingerprint'),
        ('governance', '0004_meeting_reviews_plan'),
        ('kpis', '0005_keys_through_the_trust'),
        ('objectives', '0003_keys_through_the_trust'),
        ('plans', '0013_keys_through_the_trust'),
        ('schools', '0008_keys_through_the_trust'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        # Every app's earlier migrations first: they make single-column keys onto these
        # tables, which need each table's old primary key.
        ('accounts', '0002_existing_addresses_verified'),
        ('notifications', '0002_preferences_digest_html'),
        ('onboarding', '0001_initial'),
        ('reminders', '0001_reminders_and_update_links'),
        ('trustdata', '0002_archive_sweep_index'),
    ]

    operations = [
        migrations.AlterField(
            model_name='agendaitem',
            name='meeting',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.CASCADE, related_name='agenda_items', to='governance.meeting'),
        ),
        migrations.AlterField(
            model_name='appointment',
            name='body',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.PROTECT, related_name='appointments', to='governance.body'),
        ),
        migrations.AlterField(
            model_name='appointment',
            name='link_school',
            field=models.ForeignKey(blank=True, db_constraint=False, help_text='For a link trustee: the school they are linked to.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='schools.school'),
        ),
        migrations.AlterField(
            model_name='appointment',
            name='person',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.PROTECT, related_name='appointments', to='schools.person'),
        ),
        migrations.AlterField(
            model_name='bodyschool',
            name='body',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.CASCADE, related_name='school_links', to='governance.body'),
        ),
        migrations.AlterField(
            model_name='bodyschool',
            name='school',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='schools.school'),
        ),
        migrations.AlterField(
            model_name='decision',
            name='annual_plan',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='plans.annualplan'),
        ),
        migrations.AlterField(
            model_name='decision',
            name='meeting',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.PROTECT, related_name='decisions', to='governance.meeting'),
        ),
        migrations.AlterField(
            model_name='decision',
            name='term',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='plans.term'),
        ),
        migrations.AlterField(
            model_name='historicalmeetingpaper',
            name='file_name',
            field=models.CharField(help_text='Relative to PRIVATE_MEDIA_ROOT; never a URL.', max_length=255),
        ),
        migrations.AlterField(
            model_name='meeting',
            name='body',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.PROTECT, related_name='meetings', to='governance.body'),
        ),
        migrations.AlterField(
            model_name='meetingpaper',
            name='file_name',
            field=models.CharField(help_text='Relative to PRIVATE_MEDIA_ROOT; never a URL.', max_length=255),
        ),
        migrations.AlterField(
            model_name='meetingpaper',
            name='meeting',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.PROTECT, related_name='papers', to='governance.meeting'),
        ),
        migrations.AlterField(
            model_name='question',
            name='action',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='challenge_questions', to='plans.action'),
        ),
        migrations.AlterField(
            model_name='question',
            name='kpi',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='challenge_questions', to='kpis.kpi'),
        ),
        migrations.AlterField(
            model_name='question',
            name='meeting',
            field=models.ForeignKey(blank=True, db_constraint=False, help_text='The meeting it is raised for.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='questions', to='governance.meeting'),
        ),
        migrations.AlterField(
            model_name='question',
            name='objective',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='challenge_questions', to='objectives.strategicobjective'),
        ),
        migrations.AlterField(
            model_name='schoolreview',
            name='school',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.PROTECT, related_name='reviews', to='schools.school'),
        ),
        trustplan.core.trustkeys.TrustPrimaryKey('agendaitem'),
        trustplan.core.trustkeys.TrustPrimaryKey('appointment'),
        trustplan.core.trustkeys.TrustPrimaryKey('body'),
        trustplan.core.trustkeys.TrustPrimaryKey('bodyschool'),
        trustplan.core.trustkeys.TrustPrimaryKey('calendartoken'),
        trustplan.core.trustkeys.TrustPrimaryKey('decision'),
        trustplan.core.trustkeys.TrustPrimaryKey('historicalagendaitem'),
        trustplan.core.trustkeys.TrustPrimaryKey('historicalappointment'),
        trustplan.core.trustkeys.TrustPrimaryKey('historicalbody'),
        trustplan.core.trustkeys.TrustPrimaryKey('historicalbodyschool'),
        trustplan.core.trustkeys.TrustPrimaryKey('historicaldecision'),
        trustplan.core.trustkeys.TrustPrimaryKey('historicalmeeting'),
        trustplan.core.trustkeys.TrustPrimaryKey('historicalmeetingpaper'),
        trustplan.core.trustkeys.TrustPrimaryKey('historicalquestion'),
        trustplan.core.trustkeys.TrustPrimaryKey('historicalschoolreview'),
        trustplan.core.trustkeys.TrustPrimaryKey('meeting'),
        trustplan.core.trustkeys.TrustPrimaryKey('meetingpaper'),
        trustplan.core.trustkeys.TrustPrimaryKey('packread'),
        trustplan.core.trustkeys.TrustPrimaryKey('question'),
        trustplan.core.trustkeys.TrustPrimaryKey('schoolreview'),
        migrations.AddConstraint(
            model_name='agendaitem',
            constraint=trustplan.core.trustkeys.TrustForeignKey('meeting', name='governance_agendaitem_meeting_tfk'),
        ),
        migrations.AddConstraint(
            model_name='appointment',
            constraint=trustplan.core.trustkeys.TrustForeignKey('body', name='governance_appointment_body_tfk'),
        ),
        migrations.AddConstraint(
            model_name='appointment',
            constraint=trustplan.core.trustkeys.TrustForeignKey('person', name='governance_appointment_person_tfk'),
        ),
        migrations.AddConstraint(
            model_name='appointment',
            constraint=trustplan.core.trustkeys.TrustForeignKey('link_school', name='governance_appointment_link_school_tfk'),
        ),
        migrations.AddConstraint(
            model_name='bodyschool',
            constraint=trustplan.core.trustkeys.TrustForeignKey('body', name='governance_bodyschool_body_tfk'),
        ),
        migrations.AddConstraint(
            model_name='bodyschool',
            constraint=trustplan.core.trustkeys.TrustForeignKey('school', name='governance_bodyschool_school_tfk'),
        ),
        migrations.AddConstraint(
            model_name='decision',
            constraint=trustplan.core.trustkeys.TrustForeignKey('meeting', name='governance_decision_meeting_tfk'),
        ),
        migrations.AddConstraint(
            model_name='decision',
            constraint=trustplan.core.trustkeys.TrustForeignKey('annual_plan', name='governance_decision_annual_plan_tfk'),
        ),
        migrations.AddConstraint(
            model_name='decision',
            constraint=trustplan.core.trustkeys.TrustForeignKey('term', name='governance_decision_term_tfk'),
        ),
        migrations.AddConstraint(
            model_name='meeting',
            constraint=trustplan.core.trustkeys.TrustForeignKey('body', name='governance_meeting_body_tfk'),
        ),
        migrations.AddConstraint(
            model_name='meetingpaper',
            constraint=models.UniqueConstraint(fields=('trust', 'file_name'), name='meeting_paper_file_unique_in_trust'),
        ),
        migrations.AddConstraint(
            model_name='meetingpaper',
            constraint=trustplan.core.trustkeys.TrustForeignKey('meeting', name='governance_meetingpaper_meeting_tfk'),
        ),
        migrations.AddConstraint(
            model_name='question',
            constraint=trustplan.core.trustkeys.TrustForeignKey('action', name='governance_question_action_tfk'),
        ),
        migrations.AddConstraint(
            model_name='question',
            constraint=trustplan.core.trustkeys.TrustForeignKey('objective', name='governance_question_objective_tfk'),
        ),
        migrations.AddConstraint(
            model_name='question',
            constraint=trustplan.core.trustkeys.TrustForeignKey('kpi', name='governance_question_kpi_tfk'),
        ),
        migrations.AddConstraint(
            model_name='question',
            constraint=trustplan.core.trustkeys.TrustForeignKey('meeting', name='governance_question_meeting_tfk'),
        ),
        migrations.AddConstraint(
            model_name='schoolreview',
            constraint=trustplan.core.trustkeys.TrustForeignKey('school', name='governance_schoolreview_school_tfk'),
        ),
    ]
