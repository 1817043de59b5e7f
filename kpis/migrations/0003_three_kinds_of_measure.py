"""Three kinds of measure (numeric, milestone, judgement) and targets by academic year.

Kpi.kind, a judgement's scale (JudgementLevel), and on measurements and targets the state, the
level and their KPI's kind (measure_kind), checked by constraints; a target's year moves from
its annual plan to the academic year itself, so a year of the strategic plan can have targets
before its annual plan exists.
"""


import django.db.models.deletion
import django.db.models.functions.text
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('kpis', '0002_measurement_term_in_its_plan'),
        ('objectives', '0001_initial'),
        ('plans', '0008_rules_in_the_database'),
        ('schools', '0006_trust_deletion_sweep_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalJudgementLevel',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('position', models.PositiveSmallIntegerField()),
                ('name', models.CharField(max_length=60)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical judgement level',
                'verbose_name_plural': 'historical judgement levels',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='JudgementLevel',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveSmallIntegerField()),
                ('name', models.CharField(max_length=60)),
            ],
            options={
                'ordering': ['position'],
            },
        ),
        migrations.AlterModelOptions(
            name='target',
            options={'ordering': ['academic_year', 'school_id']},
        ),
        migrations.AddField(
            model_name='historicalkpi',
            name='kind',
            field=models.CharField(choices=[('numeric', 'A number'), ('milestone', 'A milestone (not started, in progress, achieved or missed)'), ('judgement', "A judgement on the trust's own scale")], default='numeric', max_length=10, verbose_name='kind of measure'),
        ),
        migrations.AddField(
            model_name='historicalmeasurement',
            name='measure_kind',
            field=models.CharField(choices=[('numeric', 'A number'), ('milestone', 'A milestone (not started, in progress, achieved or missed)'), ('judgement', "A judgement on the trust's own scale")], default='numeric', max_length=10),
        ),
        migrations.AddField(
            model_name='historicalmeasurement',
            name='state',
            field=models.CharField(blank=True, choices=[('not_started', 'Not started'), ('in_progress', 'In progress'), ('achieved', 'Achieved'), ('missed', 'Missed')], max_length=12),
        ),
        migrations.AddField(
            model_name='historicalmeasurement',
            name='state_on',
            field=models.DateField(blank=True, help_text='Milestones: when it reached this state.', null=True, verbose_name='date'),
        ),
        migrations.AddField(
            model_name='historicaltarget',
            name='academic_year',
            field=models.PositiveSmallIntegerField(help_text='The calendar year the academic year starts in (2019 for 2019-20).', null=True),
        ),
        migrations.AddField(
            model_name='historicaltarget',
            name='measure_kind',
            field=models.CharField(choices=[('numeric', 'A number'), ('milestone', 'A milestone (not started, in progress, achieved or missed)'), ('judgement', "A judgement on the trust's own scale")], default='numeric', max_length=10),
        ),
        migrations.AddField(
            model_name='historicaltarget',
            name='state',
            field=models.CharField(blank=True, choices=[('not_started', 'Not started'), ('in_progress', 'In progress'), ('achieved', 'Achieved'), ('missed', 'Missed')], max_length=12),
        ),
        migrations.AddField(
            model_name='kpi',
            name='kind',
            field=models.CharField(choices=[('numeric', 'A number'), ('milestone', 'A milestone (not started, in progress, achieved or missed)'), ('judgement', "A judgement on the trust's own scale")], default='numeric', max_length=10, verbose_name='kind of measure'),
        ),
        migrations.AddField(
            model_name='measurement',
            name='measure_kind',
            field=models.CharField(choices=[('numeric', 'A number'), ('milestone', 'A milestone (not started, in progress, achieved or missed)'), ('judgement', "A judgement on the trust's own scale")], default='numeric', max_length=10),
        ),
        migrations.AddField(
            model_name='measurement',
            name='state',
            field=models.CharField(blank=True, choices=[('not_started', 'Not started'), ('in_progress', 'In progress'), ('achieved', 'Achieved'), ('missed', 'Missed')], max_length=12),
        ),
        migrations.AddField(
            model_name='measurement',
            name='state_on',
            field=models.DateField(blank=True, help_text='Milestones: when it reached this state.', null=True, verbose_name='date'),
        ),
        migrations.AddField(
            model_name='target',
            name='academic_year',
            field=models.PositiveSmallIntegerField(help_text='The calendar year the academic year starts in (2019 for 2019-20).', null=True),
        ),
        # A target's year was its annual plan's; it becomes the academic year itself. A
        # history row whose plan is gone takes the academic year in which it was written.
        migrations.RunSQL(
            sql="""
                UPDATE kpis_target t SET academic_year = p.academic_year
                FROM plans_annualplan p WHERE p.id = t.annual_plan_id;
                UPDATE kpis_historicaltarget h SET academic_year = p.academic_year
                FROM plans_annualplan p WHERE p.id = h.annual_plan_id;
                UPDATE kpis_historicaltarget SET academic_year =
                    EXTRACT(YEAR FROM history_date)::int
                    - CASE WHEN EXTRACT(MONTH FROM history_date) < 9 THEN 1 ELSE 0 END
                WHERE academic_year IS NULL;
            """,
            reverse_sql="""
                UPDATE kpis_target t SET annual_plan_id = p.id
                FROM plans_annualplan p
                WHERE p.trust_id = t.trust_id AND p.academic_year = t.academic_year;
                DELETE FROM kpis_target WHERE annual_plan_id IS NULL;
                UPDATE kpis_historicaltarget h SET annual_plan_id = p.id
                FROM plans_annualplan p
                WHERE p.trust_id = h.trust_id AND p.academic_year = h.academic_year;
            """,
        ),
        migrations.AlterField(
            model_name='target',
            name='academic_year',
            field=models.PositiveSmallIntegerField(help_text='The calendar year the academic year starts in (2019 for 2019-20).'),
        ),
        migrations.AlterField(
            model_name='historicaltarget',
            name='academic_year',
            field=models.PositiveSmallIntegerField(help_text='The calendar year the academic year starts in (2019 for 2019-20).'),
        ),
        migrations.RemoveConstraint(
            model_name='target',
            name='kpi_target_once_per_year_and_school',
        ),
        migrations.RemoveField(
            model_name='historicaltarget',
            name='annual_plan',
        ),
        migrations.RemoveField(
            model_name='target',
            name='annual_plan',
        ),
        migrations.AddField(
            model_name='target',
            name='measure_kind',
            field=models.CharField(choices=[('numeric', 'A number'), ('milestone', 'A milestone (not started, in progress, achieved or missed)'), ('judgement', "A judgement on the trust's own scale")], default='numeric', max_length=10),
        ),
        migrations.AddField(
            model_name='target',
            name='state',
            field=models.CharField(blank=True, choices=[('not_started', 'Not started'), ('in_progress', 'In progress'), ('achieved', 'Achieved'), ('missed', 'Missed')], max_length=12),
        ),
        migrations.AlterField(
            model_name='historicalkpi',
            name='unit',
            field=models.CharField(blank=True, choices=[('percentage', 'Percentage'), ('count', 'Count'), ('money', 'Money (£)'), ('ratio', 'Ratio'), ('grade', 'Grade')], help_text='Numeric measures only.', max_length=12),
        ),
        migrations.AlterField(
            model_name='historicalmeasurement',
            name='source_note',
            field=models.CharField(blank=True, help_text='Where the figure comes from; for a judgement, what it rests on.', max_length=300),
        ),
        migrations.AlterField(
            model_name='historicalmeasurement',
            name='value',
            field=models.DecimalField(blank=True, decimal_places=4, max_digits=16, null=True),
        ),
        migrations.AlterField(
            model_name='historicaltarget',
            name='value',
            field=models.DecimalField(blank=True, decimal_places=4, max_digits=16, null=True),
        ),
        migrations.AlterField(
            model_name='kpi',
            name='unit',
            field=models.CharField(blank=True, choices=[('percentage', 'Percentage'), ('count', 'Count'), ('money', 'Money (£)'), ('ratio', 'Ratio'), ('grade', 'Grade')], help_text='Numeric measures only.', max_length=12),
        ),
        migrations.AlterField(
            model_name='measurement',
            name='source_note',
            field=models.CharField(blank=True, help_text='Where the figure comes from; for a judgement, what it rests on.', max_length=300),
        ),
        migrations.AlterField(
            model_name='measurement',
            name='value',
            field=models.DecimalField(blank=True, decimal_places=4, max_digits=16, null=True),
        ),
        migrations.AlterField(
            model_name='target',
            name='value',
            field=models.DecimalField(blank=True, decimal_places=4, max_digits=16, null=True),
        ),
        migrations.AddConstraint(
            model_name='kpi',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind', 'numeric'), ('unit__gt', '')), models.Q(models.Q(('kind', 'numeric'), _negated=True), ('comparator_kind', ''), ('unit', '')), _connector='OR'), name='kpi_unit_only_for_numbers', violation_error_message='A numeric measure needs its unit; a milestone or a judgement has no unit and no comparator.'),
        ),
        migrations.AddConstraint(
            model_name='kpi',
            constraint=models.UniqueConstraint(fields=('trust', 'id', 'kind'), name='kpi_trust_id_kind'),
        ),
        migrations.AddField(
            model_name='historicaljudgementlevel',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicaljudgementlevel',
            name='kpi',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='kpis.kpi'),
        ),
        migrations.AddField(
            model_name='historicaljudgementlevel',
            name='trust',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='schools.trust'),
        ),
        migrations.AddField(
            model_name='judgementlevel',
            name='kpi',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='levels', to='kpis.kpi'),
        ),
        migrations.AddField(
            model_name='judgementlevel',
            name='trust',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='schools.trust'),
        ),
        migrations.AddField(
            model_name='historicalmeasurement',
            name='level',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='kpis.judgementlevel'),
        ),
        migrations.AddField(
            model_name='historicaltarget',
            name='level',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='kpis.judgementlevel'),
        ),
        migrations.AddField(
            model_name='measurement',
            name='level',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='measurements', to='kpis.judgementlevel'),
        ),
        migrations.AddField(
            model_name='target',
            name='level',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='kpis.judgementlevel'),
        ),
        migrations.AddConstraint(
            model_name='measurement',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('level__isnull', True), ('measure_kind', 'numeric'), ('state', ''), ('value__isnull', False)), models.Q(('level__isnull', True), ('measure_kind', 'milestone'), ('state_on__isnull', False), ('value__isnull', True), models.Q(('state', ''), _negated=True)), models.Q(('level__isnull', False), ('measure_kind', 'judgement'), ('state', ''), ('value__isnull', True)), _connector='OR'), name='kpi_measurement_one_value_of_its_kind', violation_error_message="A value holds its measure's own kind of value."),
        ),
        migrations.AddConstraint(
            model_name='measurement',
            constraint=models.CheckConstraint(condition=models.Q(('comparator_value__isnull', True), ('value__isnull', False), _connector='OR'), name='kpi_measurement_comparator_only_with_a_number'),
        ),
        migrations.AddConstraint(
            model_name='measurement',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('measure_kind', 'judgement'), _negated=True), models.Q(('source_note', ''), _negated=True), _connector='OR'), name='kpi_measurement_judgement_has_a_note', violation_error_message='A judgement needs its note.'),
        ),
        migrations.AddConstraint(
            model_name='target',
            constraint=models.UniqueConstraint(fields=('trust', 'kpi', 'academic_year', 'school'), name='kpi_target_once_per_year_and_school', nulls_distinct=False, violation_error_message='This KPI already has a target for that year and school.'),
        ),
        migrations.AddConstraint(
            model_name='target',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('level__isnull', True), ('measure_kind', 'numeric'), ('state', ''), ('value__isnull', False)), models.Q(('level__isnull', True), ('measure_kind', 'milestone'), ('value__isnull', True), models.Q(('state', ''), _negated=True)), models.Q(('level__isnull', False), ('measure_kind', 'judgement'), ('state', ''), ('value__isnull', True)), _connector='OR'), name='kpi_target_one_value_of_its_kind', violation_error_message="A target holds its measure's own kind of value."),
        ),
        migrations.AddConstraint(
            model_name='target',
            constraint=models.CheckConstraint(condition=models.Q(('kind', 'absolute'), ('measure_kind', 'numeric'), _connector='OR'), name='kpi_target_relative_only_for_numbers'),
        ),
        migrations.AddConstraint(
            model_name='judgementlevel',
            constraint=models.UniqueConstraint(fields=('trust', 'kpi', 'position'), name='kpi_level_position_unique'),
        ),
        migrations.AddConstraint(
            model_name='judgementlevel',
            constraint=models.UniqueConstraint(models.F('trust'), models.F('kpi'), django.db.models.functions.text.Lower('name'), name='kpi_level_name_unique_ci', violation_error_message='This scale already has a level with this name.'),
        ),
        migrations.AddConstraint(
            model_name='judgementlevel',
            constraint=models.UniqueConstraint(fields=('trust', 'kpi', 'id'), name='kpi_level_trust_kpi_id'),
        ),
            # Each measurement and target holds its KPI's own kind, and a level of its KPI's own
        # scale: foreign keys through the trust and the KPI.
        migrations.RunSQL(
            sql="""
                ALTER TABLE kpis_measurement
                ADD CONSTRAINT measurement_of_its_kpis_kind
                FOREIGN KEY (trust_id, kpi_id, measure_kind)
                REFERENCES kpis_kpi (trust_id, id, kind) DEFERRABLE INITIALLY DEFERRED;
                ALTER TABLE kpis_target
                ADD CONSTRAINT target_of_its_kpis_kind
                FOREIGN KEY (trust_id, kpi_id, measure_kind)
                REFERENCES kpis_kpi (trust_id, id, kind) DEFERRABLE INITIALLY DEFERRED;
                ALTER TABLE kpis_measurement
                ADD CONSTRAINT measurement_level_of_its_kpi
                FOREIGN KEY (trust_id, kpi_id, level_id)
                REFERENCES kpis_judgementlevel (trust_id, kpi_id, id) DEFERRABLE INITIALLY DEFERRED;
                ALTER TABLE kpis_target
                ADD CONSTRAINT target_level_of_its_kpi
                FOREIGN KEY (trust_id, kpi_id, level_id)
                REFERENCES kpis_judgementlevel (trust_id, kpi_id, id) DEFERRABLE INITIALLY DEFERRED;
            """,
            reverse_sql="""
                ALTER TABLE kpis_measurement DROP CONSTRAINT measurement_of_its_kpis_kind;
                ALTER TABLE kpis_target DROP CONSTRAINT target_of_its_kpis_kind;
                ALTER TABLE kpis_measurement DROP CONSTRAINT measurement_level_of_its_kpi;
                ALTER TABLE kpis_target DROP CONSTRAINT target_level_of_its_kpi;
            """,
        ),
    ]
