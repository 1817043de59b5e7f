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
        ('kpis', '0006_primary_keys_through_the_trust'),
        ('notifications', '0003_keys_through_the_trust'),
        ('objectives', '0003_keys_through_the_trust'),
        ('objectives', '0004_primary_keys_through_the_trust'),
        ('onboarding', '0001_initial'),
        ('plans', '0013_keys_through_the_trust'),
        ('plans', '0014_primary_keys_through_the_trust'),
        ('reminders', '0002_keys_through_the_trust'),
        ('schools', '0008_keys_through_the_trust'),
        ('schools', '0009_primary_keys_through_the_trust'),
        ('trustdata', '0002_archive_sweep_index'),
    ]

    operations = [
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
