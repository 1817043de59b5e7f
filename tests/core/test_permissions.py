"""Each role × each page and write, as docs/permissions.md says; checks are batched."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plans.grants import action_grants_sync
from plans.models import Action, ActionOwner
from schools.models import Role
from tests.urlwalk import OUT_OF_SCOPE_IDS, trust_routes
from trustplan.core.permissions import Scope, parse_table, scope_of, table

ROLES = list(Role.values)
ALLOWED = {200, 302}


def test_the_table_gives_every_role_a_scope_for_every_permission():
    for permission, scopes in table().items():
        assert set(scopes) == set(ROLES), permission


def test_a_table_without_every_role_is_refused():
    with pytest.raises(ValueError):
        parse_table("| permission | CEO | trustee |\n|---|---|---|\n| `x.y` | yes | — |")


def test_signed_out_people_are_sent_to_sign_in_from_every_trust_page(client, mine):
    for route in trust_routes():
        for method in route.view.http_methods:
            response = client.generic(method, route.url(mine))
            assert response.status_code == 302, route.route
            assert response["Location"].startswith("/sign-in/?next=")


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_what_the_table_allows_on_every_page(client, mine, role):
    client.force_login(mine.users[role])

    for route in trust_routes():
        scope = scope_of(role, route.view.trust_permission)
        for method in route.view.http_methods:
            status = client.generic(method, route.url(mine)).status_code
            expect_allowed = scope is not Scope.NONE
            assert (status in ALLOWED) == expect_allowed, (
                f"{role} {method} {route.route}: {status}, table says {scope.value}"
            )
            if not expect_allowed:
                assert status == 403, f"{role} {method} {route.route}: {status}"


@pytest.mark.parametrize("role", ROLES)
def test_own_and_school_scopes_stop_at_objects_outside_them(client, mine, role):
    client.force_login(mine.users[role])

    for route in trust_routes():
        scope = scope_of(role, route.view.trust_permission)
        if (
            scope not in {Scope.OWN, Scope.SCHOOL}
            or not set(route.keywords) & OUT_OF_SCOPE_IDS.keys()
        ):
            continue
        for method in route.view.http_methods:
            status = client.generic(method, route.url(mine, out_of_scope=True)).status_code
            assert status == 403, f"{role} {method} {route.route}: {status}"


def test_a_governor_reads_only_their_schools_actions_on_the_plan_page(client, mine):
    client.force_login(mine.users["governor"])

    body = client.get(f"/t/{mine.trust.slug}/plan/").content.decode()

    assert mine.lead_action.text in body
    assert mine.school_action.text in body
    assert mine.other_action.text not in body


def test_a_school_lead_may_change_their_own_and_their_schools_actions_only(mine):
    from trustplan.core.permissions import Perms

    perms = Perms(mine.users["school_lead"].memberships.get())

    assert perms.allows("action.change", mine.lead_action)
    assert perms.allows("action.change", mine.school_action)
    assert not perms.allows("action.change", mine.other_action)


def test_grants_follow_a_change_of_owner_once_it_commits(mine, django_capture_on_commit_callbacks):
    from plans.services import action_owners_set
    from trustplan.core.permissions import Perms

    membership = mine.users["school_lead"].memberships.get()
    with django_capture_on_commit_callbacks(execute=True):
        action_owners_set(
            action=mine.other_action, people=[mine.people["school_lead"]], acting_user=None
        )
    assert Perms(membership).allows("action.change", mine.other_action)

    with django_capture_on_commit_callbacks(execute=True):
        action_owners_set(action=mine.other_action, people=[mine.people["ceo"]], acting_user=None)
    assert not Perms(membership).allows("action.change", mine.other_action)


def test_grants_follow_a_change_of_the_leads_school(mine):
    from trustplan.core.permissions import Perms

    person = mine.people["school_lead"]
    person.school = mine.schools[1]
    person.save()
    perms = Perms(mine.users["school_lead"].memberships.get())

    assert perms.allows("action.change", mine.other_action)  # of schools[1]
    assert not perms.allows("action.change", mine.school_action)  # of schools[0], not owned
    assert perms.allows("action.change", mine.lead_action)  # still owned


def test_grants_go_when_a_lead_becomes_a_trustee(mine):
    from trustplan.core.permissions import Perms

    membership = mine.users["school_lead"].memberships.get()
    membership.role = Role.TRUSTEE
    membership.save()

    assert Perms(membership).granted_action_ids() == set()
    assert not Perms(membership).allows("action.change", mine.lead_action)


def add_actions(world, count: int) -> None:
    objective = world.objectives[1]
    actions = Action.objects.bulk_create(
        Action(
            trust=world.trust,
            annual_plan=world.annual_plan,
            objective=objective,
            reference=f"x{n}",
            position=100 + n,
            text=f"Extra action {n}",
            school=world.schools[n % 2],
        )
        for n in range(count)
    )
    lead = world.people["school_lead"]
    ActionOwner.objects.bulk_create(
        ActionOwner(trust=world.trust, action=a, person=lead) for a in actions[::3]
    )
    action_grants_sync(trust=world.trust)


def plan_page_queries(client, world) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/t/{world.trust.slug}/plan/")
    assert response.status_code == 200
    return len(queries)


def test_permission_checks_for_30_and_300_actions_cost_the_same_queries(client, mine):
    client.force_login(mine.users["school_lead"])
    add_actions(mine, 27)
    plan_page_queries(client, mine)  # warm the per-process caches
    thirty = plan_page_queries(client, mine)

    Action.objects.filter(trust=mine.trust, reference__startswith="x").delete()
    add_actions(mine, 297)
    three_hundred = plan_page_queries(client, mine)

    assert Action.objects.filter(trust=mine.trust).count() == 300
    assert thirty == three_hundred


def test_an_own_grant_on_an_action_grants_nothing_on_another_row_with_the_same_id(mine):
    from plans.models import KeyFocus
    from trustplan.core.permissions import Perms

    lead = Perms(mine.users["school_lead"].memberships.get())
    action = next(a for a in mine.actions if lead.allows("action.change", a))
    lookalike = KeyFocus(pk=action.pk, trust=mine.trust)

    assert lead.allows("action.change", action)
    assert not lead.allows("action.change", lookalike)
