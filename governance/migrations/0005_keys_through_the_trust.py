"""Keys through the trust, first step: the single-column keys between tenant tables go (each
ForeignKey says db_constraint=False; its key through the trust comes in the next migration,
once every table's primary key holds the trust), and unique keys hold the trust."""

import django.db.models.deletion
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
        migrations.AddConstraint(
            model_name='meetingpaper',
            constraint=models.UniqueConstraint(fields=('trust', 'file_name'), name='meeting_paper_file_unique_in_trust'),
        ),
        migrations.AlterField(
            model_name='packread',
            name='pack',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='boardpacks.boardpack'),
        ),
    ]
