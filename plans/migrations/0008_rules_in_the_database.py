"""Rules the database keeps, not only the services: a trust's terms never overlap (an
exclusion constraint, the trust compared as a range of one so that core GiST serves it), an action's key focus
is of the action's own plan and objective (a foreign key through trust, plan and objective),
and a rating's term is in its action's plan (a constraint trigger: the rating row holds no plan
to key on)."""

import django.contrib.postgres.constraints
import django.db.models.constraints
import plans.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('objectives', '0001_initial'),
        ('plans', '0007_annual_plan_reopened'),
        ('schools', '0005_initials_without_full_stops'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='keyfocus',
            constraint=models.UniqueConstraint(fields=('trust', 'annual_plan', 'objective', 'id'), name='key_focus_trust_plan_objective_id_key'),
        ),
        migrations.AddConstraint(
            model_name='term',
            constraint=django.contrib.postgres.constraints.ExclusionConstraint(deferrable=django.db.models.constraints.Deferrable['DEFERRED'], expressions=[(plans.models.TrustRange('trust', 'trust', models.Value('[]')), '&&'), (plans.models.DateRange('starts_on', 'ends_on', models.Value('[]')), '&&')], name='term_dates_never_overlap_in_trust', violation_error_message='Terms cannot overlap: another term has these days.'),
        ),
        migrations.AddConstraint(
            model_name='term',
            constraint=models.UniqueConstraint(fields=('trust', 'annual_plan', 'id'), name='term_trust_plan_id_key'),
        ),
            migrations.RunSQL(
            sql="""
                ALTER TABLE plans_action
                ADD CONSTRAINT action_key_focus_of_its_plan_and_objective
                FOREIGN KEY (trust_id, annual_plan_id, objective_id, key_focus_id)
                REFERENCES plans_keyfocus (trust_id, annual_plan_id, objective_id, id)
                DEFERRABLE INITIALLY DEFERRED;
            """,
            reverse_sql=(
                "ALTER TABLE plans_action "
                "DROP CONSTRAINT action_key_focus_of_its_plan_and_objective;"
            ),
        ),
        migrations.RunSQL(
            sql="""
                CREATE FUNCTION plans_rating_term_in_action_plan() RETURNS trigger AS $$
                BEGIN
                    -- Checked at commit: a rating deleted since (with its trust) is no longer
                    -- there to check.
                    IF NOT EXISTS (SELECT 1 FROM plans_ragrating r WHERE r.id = NEW.id) THEN
                        RETURN NULL;
                    END IF;
                    IF NOT EXISTS (
                        SELECT 1 FROM plans_action a
                        JOIN plans_term t
                          ON t.annual_plan_id = a.annual_plan_id AND t.trust_id = a.trust_id
                        WHERE a.id = NEW.action_id AND t.id = NEW.term_id
                          AND a.trust_id = NEW.trust_id
                    ) THEN
                        RAISE EXCEPTION 'rating %: its term is not in its action''s plan', NEW.id
                            USING ERRCODE = 'check_violation',
                                  CONSTRAINT = 'rating_term_in_action_plan';
                    END IF;
                    RETURN NEW;
                END
                $$ LANGUAGE plpgsql;
                CREATE CONSTRAINT TRIGGER rating_term_in_action_plan
                AFTER INSERT OR UPDATE OF trust_id, action_id, term_id ON plans_ragrating
                DEFERRABLE INITIALLY DEFERRED
                FOR EACH ROW EXECUTE FUNCTION plans_rating_term_in_action_plan();
            """,
            reverse_sql="""
                DROP TRIGGER rating_term_in_action_plan ON plans_ragrating;
                DROP FUNCTION plans_rating_term_in_action_plan();
            """,
        ),
    ]
