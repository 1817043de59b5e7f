"""A measurement's term is a term of the measurement's own plan: a foreign key through trust,
plan and term, to the key plans' migration gives terms (term_trust_plan_id_key)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("kpis", "0001_initial"),
        ("plans", "0008_rules_in_the_database"),
    ]

    operations = [
        migrations.RunSQL(
            sql="""
                ALTER TABLE kpis_measurement
                ADD CONSTRAINT measurement_term_of_its_plan
                FOREIGN KEY (trust_id, annual_plan_id, term_id)
                REFERENCES plans_term (trust_id, annual_plan_id, id)
                DEFERRABLE INITIALLY DEFERRED;
            """,
            reverse_sql="ALTER TABLE kpis_measurement DROP CONSTRAINT measurement_term_of_its_plan;",
        ),
    ]
