"""Two writers on the same plan at once (real threads, real PostgreSQL)."""

from django.test import Client

from plans.authoring.services import annual_plan_create
from plans.models import AnnualPlan
from tests.concurrency import race


def test_a_double_submit_of_a_new_years_plan_makes_one_plan_and_says_so(transactional_db, mine):
    ceo = mine.users["ceo"]
    browser = Client()
    browser.force_login(ceo)

    made, answer = race(
        lambda: annual_plan_create(
            strategic_plan=mine.strategic_plan, academic_year=2020, acting_user=ceo
        ),
        lambda: browser.post(
            f"/t/{mine.trust.slug}/authoring/plans/new/",
            {"year": f"{mine.strategic_plan.pk}:2020", "title": ""},
        ),
    )

    assert made.ok, made.error
    assert answer.ok, answer.error
    assert answer.value.status_code == 200
    assert "There is already a 2020-21 plan." in answer.value.content.decode()
    assert AnnualPlan.objects.filter(trust=mine.trust, academic_year=2020).count() == 1


def test_two_grant_syncs_at_once_insert_each_grant_once_and_neither_fails(transactional_db, mine):
    from plans.models import ActionUserObjectPermission
    from schools.services import person_update

    lead = mine.people["school_lead"]
    before = set(
        ActionUserObjectPermission.objects.filter(trust=mine.trust).values_list(
            "user_id", "content_object_id"
        )
    )
    ActionUserObjectPermission.objects.filter(trust=mine.trust).delete()
    admin = mine.users["admin"]

    # Two edits that each re-derive the trust's grants, so both insert the same missing rows.
    first, second = race(
        lambda: person_update(person=lead, acting_user=admin, job_title="Head of school"),
        lambda: person_update(person=mine.people["trustee"], acting_user=admin, job_title="Chair"),
    )

    assert first.ok, first.error
    assert second.ok, second.error
    after = set(
        ActionUserObjectPermission.objects.filter(trust=mine.trust).values_list(
            "user_id", "content_object_id"
        )
    )
    assert before and after == before


def test_grants_follow_an_owner_change_once_it_commits_not_before(transactional_db, mine):
    from django.db import transaction

    from plans.services import action_owners_set
    from trustplan.core.permissions import Perms

    lead = mine.users["school_lead"].memberships.get()
    theirs = next(a for a in mine.actions if a.school_id != mine.people["school_lead"].school_id)
    assert not Perms(lead).allows("action.change", theirs)

    with transaction.atomic():
        action_owners_set(action=theirs, people=[mine.people["school_lead"]], acting_user=None)
        inside = Perms(lead).allows("action.change", theirs)

    assert inside is False
    assert Perms(lead).allows("action.change", theirs)


def test_many_changes_in_one_transaction_sync_the_trusts_grants_once(transactional_db, mine):
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from plans.services import action_owners_set

    lead, ceo = mine.people["school_lead"], mine.people["ceo"]
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        for action in mine.actions:
            action_owners_set(action=action, people=[ceo, lead], acting_user=None)

    trust_locks = [
        q for q in queries if "FOR NO KEY UPDATE" in q["sql"] and "schools_trust" in q["sql"]
    ]
    assert len(trust_locks) == 1


def test_a_rolled_back_change_syncs_no_grants(transactional_db, mine):
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from plans.services import action_owners_set

    with CaptureQueriesContext(connection) as queries:
        try:
            with transaction.atomic():
                action_owners_set(
                    action=mine.actions[1], people=[mine.people["school_lead"]], acting_user=None
                )
                raise RuntimeError("changed my mind")
        except RuntimeError:
            pass

    assert not [q for q in queries if "actionuserobjectpermission" in q["sql"]]
