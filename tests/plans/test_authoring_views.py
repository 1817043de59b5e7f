import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plans.models import Action, AnnualPlan, RagRating
from tests import factories as f
from tests.plans.imports.helpers import column_text
from tests.snapshot import snapshot
from tests.urlwalk import trust_routes


def author_url(world, path: str = "") -> str:
    return f"/t/{world.trust.slug}/authoring/{path}"


# Who may write and who may rate ------------------------------------------------------------------


def test_an_administrator_cannot_rate(client, mine):
    client.force_login(mine.users["admin"])
    rating_routes = [
        r for r in trust_routes() if r.view.trust_permission in {"rating.set", "rating.propose"}
    ]
    assert rating_routes, "the rating pages exist"
    before = list(RagRating.objects.order_by("pk").values())

    for route in rating_routes:
        for method in route.view.http_methods:
            response = client.generic(method, route.url(mine))
            assert response.status_code == 403, f"{method} {route.route}"
    client.post(
        f"/t/{mine.trust.slug}/terms/{mine.terms[0].pk}/ratings/{mine.lead_action.pk}/",
        {"status": "red", "commentary": "Forged", "version": "1"},
    )

    assert list(RagRating.objects.order_by("pk").values()) == before


def test_a_school_lead_cannot_author(client, mine):
    client.force_login(mine.users["school_lead"])
    authoring = [r for r in trust_routes() if r.view.trust_permission == "plan.author"]
    assert len(authoring) > 20
    before = snapshot()

    for route in authoring:
        for method in route.view.http_methods:
            response = client.generic(method, route.url(mine))
            assert response.status_code == 403, f"{method} {route.route}"
    # Even a complete, well-formed post to an action the lead may edit elsewhere.
    client.post(
        author_url(mine, f"actions/{mine.lead_action.pk}/"),
        {"reference": "1", "text": "Rewritten by the lead", "objective": mine.objectives[0].pk,
         "version": mine.lead_action.version},
    )  # fmt: skip

    assert snapshot() == before


# Writing actions ---------------------------------------------------------------------------------


def test_owners_typed_as_initials_become_the_actions_owners_in_order(client, mine):
    client.force_login(mine.users["ceo"])
    ceo, lead = mine.people["ceo"], mine.people["school_lead"]
    url = author_url(
        mine, f"plans/{mine.annual_plan.pk}/objectives/{mine.objectives[1].pk}/actions/new/"
    )

    page = client.get(url).content.decode()
    assert re.search(r'name="reference"[^>]*value="2"', page)  # the next free reference

    response = client.post(
        url,
        {
            "reference": "2",
            "text": "Review external contracts",
            f"column_{f.column_of(mine.trust, 'kpis').pk}": "Contracts reviewed and reported",
            "owners": f"{lead.initials.lower()} / {ceo.initials}",
            "owner_note": "Principals",
            "school": mine.schools[1].pk,
        },
    )

    assert response.status_code == 302
    action = Action.objects.get(text="Review external contracts")
    assert [link.person for link in action.owner_links.order_by("position")] == [lead, ceo]
    assert action.owner_note == "Principals"
    assert column_text(action, "kpis") == "Contracts reviewed and reported"
    assert response["Location"].endswith(f"#action-{action.pk}")


def test_unknown_owner_initials_keep_the_form_and_list_the_known_ones(client, mine):
    client.force_login(mine.users["ceo"])
    url = author_url(
        mine, f"plans/{mine.annual_plan.pk}/objectives/{mine.objectives[1].pk}/actions/new/"
    )

    response = client.post(url, {"reference": "2", "text": "Keep me", "owners": "AL/CS"})

    page = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'id="id_owners_error"><li>No one in this trust has the initials AL, CS', page)
    assert "Known initials: OA, OB" in page
    assert 'value="AL/CS"' in page and "Keep me" in page
    assert not Action.objects.filter(text="Keep me").exists()


def test_a_key_focus_or_school_of_another_trust_is_refused(client, mine, other):
    client.force_login(mine.users["ceo"])
    url = author_url(
        mine, f"plans/{mine.annual_plan.pk}/objectives/{mine.objectives[0].pk}/actions/new/"
    )

    response = client.post(
        url,
        {
            "reference": "9",
            "text": "Stray",
            "key_focus": other.key_focus.pk,
            "school": other.schools[0].pk,
        },
    )

    page = response.content.decode()
    assert 'id="id_key_focus_error"' in page and 'id="id_school_error"' in page
    assert not Action.objects.filter(text="Stray").exists()


def test_the_owners_preview_names_people_and_suggests_for_the_last_initials(client, mine):
    client.force_login(mine.users["ceo"])
    ceo = mine.people["ceo"]

    page = client.get(author_url(mine, "owners/"), {"owners": f"{ceo.initials}/O"}).content.decode()

    assert f"{ceo.full_name} ({ceo.initials})" in page
    assert "Did you mean:" in page and mine.people["admin"].initials in page
    assert "Elm" not in page  # the other trust's people are never suggested


def test_an_edit_from_a_stale_page_is_a_conflict_and_shows_the_other_version(client, mine):
    client.force_login(mine.users["ceo"])
    action = mine.other_action
    url = author_url(mine, f"actions/{action.pk}/")
    form = {
        "reference": action.reference,
        "text": "First save",
        "owners": mine.people["ceo"].initials,
        "objective": action.objective_id,
        "version": action.version,
    }
    assert client.post(url, form).status_code == 302

    response = client.post(url, {**form, "text": "Second save"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved this action" in page and "First save" in page
    assert Action.objects.get(pk=action.pk).text == "First save"


def test_moving_an_action_with_htmx_keeps_the_button_and_announces_the_move(client, mine):
    client.force_login(mine.users["ceo"])
    second = mine.school_action

    response = client.post(
        author_url(mine, f"actions/{second.pk}/move/"),
        {"direction": "up"},
        headers={"HX-Request": "true"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert 'hx-swap-oob="innerHTML:#authoring-status"' in page
    assert f"Action {second.full_reference} moved up, to place 1." in page
    assert f'id="action-{second.pk}-up"' in page
    assert page.index(f'id="action-{second.pk}"') < page.index(f'id="action-{mine.lead_action.pk}"')


def test_deleting_a_rated_action_is_refused_in_the_browser_and_withdrawing_works(client, mine):
    client.force_login(mine.users["ceo"])
    action = mine.lead_action

    refused = client.post(author_url(mine, f"actions/{action.pk}/delete/"), {"confirm": "yes"})
    assert refused.status_code == 200
    assert "withdraw it instead" in refused.content.decode()
    assert Action.objects.filter(pk=action.pk).exists()

    client.post(author_url(mine, f"actions/{action.pk}/withdraw/"), {"reason": "Merged"})
    assert Action.objects.get(pk=action.pk).status == "withdrawn"
    page = client.get(author_url(mine, f"plans/{mine.annual_plan.pk}/")).content.decode()
    assert "<strong>Withdrawn</strong>: Merged" in page


def test_next_year_page_chooses_the_unfinished_actions_and_starts_the_plan(client, mine):
    client.force_login(mine.users["ceo"])
    f.RatingFactory(
        trust=mine.trust, action=mine.lead_action, term=mine.terms[1], status="complete"
    )
    url = author_url(mine, f"plans/{mine.annual_plan.pk}/next-year/")

    page = client.get(url).content.decode()
    assert "Start 2020-21 from 2019-20" in page
    assert f'value="{mine.lead_action.pk}" id="carry-{mine.lead_action.pk}">' in page
    assert f'value="{mine.school_action.pk}" id="carry-{mine.school_action.pk}" checked>' in page

    response = client.post(url, {"academic_year": "2020", "actions": [mine.school_action.pk]})

    new_plan = AnnualPlan.objects.get(trust=mine.trust, academic_year=2020)
    assert response["Location"] == author_url(mine, f"plans/{new_plan.pk}/")
    assert list(
        Action.objects.filter(annual_plan=new_plan).values_list("carried_from", flat=True)
    ) == [mine.school_action.pk]


def test_another_trusts_action_cannot_be_carried_into_my_next_year(client, mine, other):
    client.force_login(mine.users["ceo"])

    response = client.post(
        author_url(mine, f"plans/{mine.annual_plan.pk}/next-year/"),
        {"academic_year": "2020", "actions": [other.lead_action.pk]},
    )

    assert response.status_code == 200
    assert not AnnualPlan.objects.filter(trust=mine.trust, academic_year=2020).exists()


def plan_page_queries(client, world) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(author_url(world, f"plans/{world.annual_plan.pk}/"))
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("approved", [False, True])
def test_the_writing_page_costs_the_same_queries_for_3_and_60_actions(client, mine, approved):
    client.force_login(mine.users["ceo"])
    if approved:
        AnnualPlan.objects.filter(pk=mine.annual_plan.pk).update(
            status="approved", approved_on=mine.terms[0].starts_on
        )
    plan_page_queries(client, mine)
    few = plan_page_queries(client, mine)

    for n in range(57):
        action = f.ActionFactory(
            trust=mine.trust,
            annual_plan=mine.annual_plan,
            objective=mine.objectives[n % 2],
            reference=f"x{n}",
            school=mine.schools[n % 2],
        )
        f.RatingFactory(trust=mine.trust, action=action, term=mine.terms[0])
        f.KeyFocusFactory(
            trust=mine.trust,
            annual_plan=mine.annual_plan,
            objective=mine.objectives[n % 2],
            number=10 + n,
        )

    assert Action.objects.filter(annual_plan=mine.annual_plan).count() == 60
    assert plan_page_queries(client, mine) == few


# Approval is a decision of a board meeting ----------------------------------------------------


def test_the_approval_page_asks_which_board_meeting_and_records_the_decision_there(client, mine):
    import datetime

    from django.utils import timezone

    from governance.models import Decision
    from tests.governance.factories import MeetingFactory

    past = MeetingFactory(
        trust=mine.trust,
        body=mine.extra["board"],
        starts_at=timezone.now() - datetime.timedelta(days=2),
    )
    future, local = mine.extra["board_meeting"], mine.extra["local_meeting"]
    client.force_login(mine.users["ceo"])
    page_url = author_url(mine, f"plans/{mine.annual_plan.pk}/approve/")

    form = client.get(page_url).content.decode()
    refused = client.post(page_url, {"meeting": future.pk})
    response = client.post(page_url, {"meeting": past.pk})
    again = client.post(page_url, {"meeting": past.pk})

    assert f'value="{past.pk}"' in form
    assert f'value="{future.pk}"' not in form and f'value="{local.pk}"' not in form
    assert "Choose one of the board&#x27;s past meetings." in refused.content.decode()
    assert response.status_code == 302
    plan = AnnualPlan.objects.get(pk=mine.annual_plan.pk)
    assert (plan.status, plan.approved_on) == (
        "approved",
        timezone.localtime(past.starts_at).date(),
    )
    decision = Decision.objects.get(trust=mine.trust, kind="plan_approved")
    assert (decision.meeting, decision.annual_plan) == (past, plan)
    assert "cannot be approved again" in again.content.decode()
    assert Decision.objects.filter(trust=mine.trust, kind="plan_approved").count() == 1


def test_the_ceo_reopens_a_past_years_plan_from_its_page_and_closes_it_again(client, mine):
    import datetime

    from plans.authoring.services import annual_plan_start_next
    from plans.models import AnnualPlan

    new_plan = annual_plan_start_next(
        source=mine.annual_plan, actions=[], acting_user=mine.users["ceo"]
    )
    AnnualPlan.objects.filter(pk=new_plan.pk).update(
        status="approved", approved_on=datetime.date(2020, 7, 1)
    )
    client.force_login(mine.users["ceo"])
    page_url = f"/t/{mine.trust.slug}/authoring/plans/{mine.annual_plan.pk}/"

    assert "Reopen for changes" in client.get(page_url).content.decode()
    assert (
        "Reopen for changes"
        not in client.get(f"/t/{mine.trust.slug}/authoring/plans/{new_plan.pk}/").content.decode()
    )  # the live year is open already

    client.post(f"{page_url}reopen/", {"confirm": "yes", "reopened": "yes"})
    assert AnnualPlan.objects.get(pk=mine.annual_plan.pk).reopened
    assert "Close it to changes" in client.get(page_url).content.decode()

    client.post(f"{page_url}reopen/", {"confirm": "yes", "reopened": "no"})
    assert not AnnualPlan.objects.get(pk=mine.annual_plan.pk).reopened


# Which year is live, and deleting a draft --------------------------------------------------


def test_the_delete_page_says_what_goes_and_deletes_the_draft(client, mine):
    from plans.authoring.services import annual_plan_create

    ceo = mine.users["ceo"]
    client.force_login(ceo)
    draft = annual_plan_create(
        strategic_plan=mine.strategic_plan, academic_year=2020, acting_user=ceo
    )
    url = author_url(mine, f"plans/{draft.pk}/delete/")
    plan_page = client.get(author_url(mine, f"plans/{draft.pk}/")).content.decode()
    assert f'href="{url}"' in plan_page

    page = client.get(url).content.decode()
    assert "will be deleted with its 0 key foci, 0 actions and 3 terms" in page
    response = client.post(url, {"confirm": "yes"})

    assert response["Location"] == author_url(mine)
    assert not AnnualPlan.objects.filter(trust=mine.trust, pk=draft.pk).exists()


def test_a_rated_plan_offers_no_delete_and_refuses_one(client, mine):
    client.force_login(mine.users["ceo"])
    url = author_url(mine, f"plans/{mine.annual_plan.pk}/delete/")

    plan_page = client.get(author_url(mine, f"plans/{mine.annual_plan.pk}/")).content.decode()
    response = client.post(url, {"confirm": "yes"})

    assert url not in plan_page
    assert "has ratings, so it stays" in response.content.decode()
    assert AnnualPlan.objects.filter(trust=mine.trust, pk=mine.annual_plan.pk).exists()


def test_the_ceo_makes_a_draft_year_live_from_its_page(client, mine):
    from plans.authoring.services import annual_plan_create

    ceo = mine.users["ceo"]
    client.force_login(ceo)
    draft = annual_plan_create(
        strategic_plan=mine.strategic_plan, academic_year=2020, acting_user=ceo
    )
    page = client.get(author_url(mine, f"plans/{draft.pk}/")).content.decode()
    assert "Make 2020-21 the live plan" in page

    client.post(author_url(mine, f"plans/{draft.pk}/live/"), {"confirm": "yes", "live": "yes"})
    plan = client.get(f"/t/{mine.trust.slug}/plan/").content.decode()

    assert "2020-21 action plan" in plan
    assert (
        "Let the calendar choose the live plan"
        in client.get(author_url(mine, f"plans/{draft.pk}/")).content.decode()
    )


def test_save_and_add_another_keeps_the_key_focus_school_and_owners(client, mine, other):
    client.force_login(mine.users["ceo"])
    objective = mine.objectives[1]
    focus = f.KeyFocusFactory(trust=mine.trust, annual_plan=mine.annual_plan, objective=objective)
    lead = mine.people["school_lead"]
    url = author_url(mine, f"plans/{mine.annual_plan.pk}/objectives/{objective.pk}/actions/new/")

    response = client.post(
        url,
        {"reference": "2", "text": "First of a run", "owners": lead.initials,
         "owner_note": "Principals", "key_focus": focus.pk, "school": mine.schools[1].pk,
         "another": "1"},
    )  # fmt: skip
    page = client.get(response["Location"]).content.decode()

    assert re.search(rf'<option value="{focus.pk}" selected>', page)
    assert re.search(rf'<option value="{mine.schools[1].pk}" selected>', page)
    assert re.search(rf'name="owners" value="{lead.initials}"', page)
    assert 'value="Principals"' in page
    assert re.search(r'name="reference"[^>]*value="3"', page)
    assert re.search(r'<textarea name="text"[^>]*autofocus', page)
    # Another trust's key focus in the address selects nothing.
    foreign = f.KeyFocusFactory(trust=other.trust, annual_plan=other.annual_plan,
                                objective=other.objectives[0])  # fmt: skip
    forged = client.get(f"{url}?another=1&key_focus={foreign.pk}").content.decode()
    assert f'value="{foreign.pk}"' not in forged


def test_pasting_lines_previews_them_and_adds_nothing_until_confirmed(client, mine):
    client.force_login(mine.users["ceo"])
    focus = mine.key_focus
    url = author_url(mine, f"key-foci/{focus.pk}/paste/")
    count = Action.objects.filter(trust=mine.trust).count()
    pasted = "- Review <b>contracts</b>\n\n- Train governors"

    preview = client.post(url, {"lines": pasted}).content.decode()

    assert "2 actions to add" in preview
    assert "Review &lt;b&gt;contracts&lt;/b&gt;" in preview and "<b>contracts" not in preview
    assert Action.objects.filter(trust=mine.trust).count() == count

    response = client.post(url, {"lines": pasted, "confirm": "True"})

    assert response.status_code == 302
    added = Action.objects.filter(trust=mine.trust, key_focus=focus).order_by("position")
    assert [a.text for a in added][-2:] == ["Review <b>contracts</b>", "Train governors"]


def test_pasting_nothing_but_blank_lines_says_so(client, mine):
    client.force_login(mine.users["ceo"])
    count = Action.objects.filter(trust=mine.trust).count()

    page = client.post(
        author_url(mine, f"key-foci/{mine.key_focus.pk}/paste/"), {"lines": "\n  \n• \n"}
    ).content.decode()

    assert "Every line is empty" in page
    assert Action.objects.filter(trust=mine.trust).count() == count
