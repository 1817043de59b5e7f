import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plans.models import (
    Action,
    ActionOwner,
    AnnualPlan,
    KeyFocus,
    RagRating,
    Term,
    TermEvent,
    TermStatus,
)
from plans.review.services import rating_propose, rating_set, term_submit
from tests import factories as f

HTMX = {"HTTP_HX_REQUEST": "true"}


def grid_url(world, term=None):
    term = term or world.terms[0]
    return f"/t/{world.trust.slug}/terms/{term.pk}/rate/"


def cell_url(world, action, term=None):
    term = term or world.terms[0]
    return f"/t/{world.trust.slug}/terms/{term.pk}/ratings/{action.pk}/"


def post_rating(client, world, action, **data):
    rating = RagRating.objects.filter(action=action, term=world.terms[0]).first()
    payload = {"status": "green", "commentary": "", "version": rating.version if rating else 0}
    payload.update(data)
    return client.post(cell_url(world, action), payload, **HTMX)


def test_the_ceo_saves_a_rating_in_place_and_hears_it_saved(client, mine):
    client.force_login(mine.users["ceo"])

    response = post_rating(client, mine, mine.school_action, status="red", commentary="Behind.")

    assert response.status_code == 200
    body = response.content.decode()
    assert 'role="status"' in body and "Saved 1.2: Red." in body
    rating = RagRating.objects.get(action=mine.school_action, term=mine.terms[0])
    assert (rating.status, rating.commentary, rating.rated_by) == (
        "red",
        "Behind.",
        mine.users["ceo"],
    )
    assert f'id="version-{mine.school_action.pk}" value="{rating.version}"' in body


def test_a_red_rating_without_commentary_is_saved_and_flagged(client, mine):
    client.force_login(mine.users["ceo"])

    body = post_rating(client, mine, mine.school_action, status="amber").content.decode()

    assert "Commentary needed for an amber rating." in body


def test_the_grid_does_not_flag_missing_commentary_when_the_trust_does_not_ask(client, mine):
    mine.trust.commentary_required_for_red_amber = False
    mine.trust.save()
    client.force_login(mine.users["ceo"])

    body = post_rating(client, mine, mine.school_action, status="amber").content.decode()

    assert "Commentary needed" not in body


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"status": "purple"}, "purple is not a rating"),
        ({"commentary": "x" * 2001}, "has at most 2000 characters (it has 2001)."),
        ({"version": "not a number"}, "Enter a whole number"),
    ],
)
def test_bad_input_gets_a_clear_message_and_changes_nothing(client, mine, data, message):
    client.force_login(mine.users["ceo"])
    before = RagRating.objects.get(action=mine.school_action, term=mine.terms[0])

    body = post_rating(client, mine, mine.school_action, **data).content.decode()

    assert message in body
    after = RagRating.objects.get(pk=before.pk)
    assert (after.status, after.commentary, after.version) == (
        before.status,
        before.commentary,
        before.version,
    )


def test_a_stale_save_is_told_of_the_conflict_with_the_other_value(client, mine):
    client.force_login(mine.users["ceo"])
    rating = RagRating.objects.get(action=mine.school_action, term=mine.terms[0])
    start = rating.version
    rating_set(
        action=mine.school_action, term=mine.terms[0], status="red", commentary="Theirs",
        acting_user=mine.users["school_lead"], expected_version=start,
    )  # fmt: skip

    body = post_rating(
        client, mine, mine.school_action, status="green", commentary="Mine", version=start
    ).content.decode()

    assert "changed this rating while you were working" in body
    assert "Theirs" in body and "Keep mine" in body and "Keep theirs" in body
    assert RagRating.objects.get(pk=rating.pk).commentary == "Theirs"


def test_a_submitted_terms_rating_cannot_be_changed(client, mine):
    term = mine.terms[0]
    term.status = TermStatus.SUBMITTED
    term.save()
    client.force_login(mine.users["ceo"])

    body = post_rating(client, mine, mine.school_action, status="red").content.decode()

    assert "ratings are frozen" in body
    assert RagRating.objects.get(action=mine.school_action, term=term).status == "amber"


def test_a_rating_for_another_trusts_action_is_not_found(client, mine, other):
    client.force_login(mine.users["ceo"])

    response = client.post(cell_url(mine, other.actions[0]), {"status": "red", "version": 0})

    assert response.status_code == 404
    assert RagRating.objects.get(action=other.actions[0], term=other.terms[0]).status == "green"


def test_school_lead_cannot_rate_even_their_own_action(client, mine):
    client.force_login(mine.users["school_lead"])

    assert client.get(grid_url(mine)).status_code == 403
    response = post_rating(client, mine, mine.lead_action, status="complete")

    assert response.status_code == 403
    assert RagRating.objects.get(action=mine.lead_action, term=mine.terms[0]).status == "green"


def test_user_text_is_escaped_in_the_grid(client, mine):
    rating_set(
        action=mine.school_action, term=mine.terms[0], status="red",
        commentary='<script>alert("x")</script>', acting_user=mine.users["ceo"],
    )  # fmt: skip
    client.force_login(mine.users["ceo"])

    body = client.get(grid_url(mine)).content.decode()

    assert '<script>alert("x")</script>' not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body


def test_the_grid_filters_by_owner_status_and_unrated(client, mine):
    client.force_login(mine.users["ceo"])
    RagRating.objects.filter(action=mine.other_action).delete()

    def refs(**params):
        body = client.get(grid_url(mine), params).content.decode()
        return [a.full_reference for a in mine.actions if f'id="row-{a.pk}"' in body]

    assert refs() == ["1.1", "1.2", "2.1"]
    assert refs(owner=mine.people["school_lead"].pk) == ["1.1"]
    assert refs(status="amber") == ["1.2"]
    assert refs(unrated="on") == ["2.1"]
    assert refs(school=mine.schools[0].pk) == ["1.1", "1.2"]
    assert refs(objective=mine.objectives[1].pk) == ["2.1"]


def test_the_grid_shows_a_proposal_the_ceo_accepts(client, mine):
    rating_propose(
        action=mine.lead_action, term=mine.terms[0], status="complete",
        commentary="Done and signed off.", acting_user=mine.users["school_lead"],
    )  # fmt: skip
    client.force_login(mine.users["ceo"])
    assert "Done and signed off." in client.get(grid_url(mine)).content.decode()
    rating = RagRating.objects.get(action=mine.lead_action, term=mine.terms[0])

    url = f"/t/{mine.trust.slug}/terms/{mine.terms[0].pk}/ratings/{mine.lead_action.pk}/accept/"
    response = client.post(url, {"version": rating.version}, **HTMX)

    assert response.status_code == 200
    rating.refresh_from_db()
    assert (rating.status, rating.commentary, rating.proposed_status) == (
        "complete",
        "Done and signed off.",
        "",
    )


def add_actions(world, count):
    actions = Action.objects.bulk_create(
        Action(
            trust=world.trust, annual_plan=world.annual_plan, objective=world.objectives[1],
            reference=f"g{n}", position=10 + n, text=f"Grid action {n}",
            school=world.schools[n % 2],
        )
        for n in range(count)
    )  # fmt: skip
    ActionOwner.objects.bulk_create(
        ActionOwner(trust=world.trust, action=a, person=world.people["ceo"]) for a in actions
    )
    RagRating.objects.bulk_create(
        RagRating(trust=world.trust, action=a, term=world.terms[0], status="green", version=1)
        for a in actions[::2]
    )


def grid_queries(client, world) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(grid_url(world))
    assert response.status_code == 200
    return len(queries)


def test_the_grid_renders_30_and_300_actions_in_the_same_number_of_queries(client, mine):
    client.force_login(mine.users["ceo"])
    add_actions(mine, 27)
    grid_queries(client, mine)  # warm per-process caches
    thirty = grid_queries(client, mine)

    add_more(mine, 270)
    three_hundred = grid_queries(client, mine)

    assert Action.objects.filter(trust=mine.trust).count() == 300
    assert thirty == three_hundred


def add_more(world, count):
    actions = Action.objects.bulk_create(
        Action(
            trust=world.trust, annual_plan=world.annual_plan, objective=world.objectives[0],
            reference=f"h{n}", position=100 + n, text=f"More {n}",
        )
        for n in range(count)
    )  # fmt: skip
    RagRating.objects.bulk_create(
        RagRating(trust=world.trust, action=a, term=world.terms[0], status="amber", version=1)
        for a in actions[::3]
    )


def test_saving_one_rating_costs_at_most_six_queries_in_the_service(
    mine, django_assert_max_num_queries
):
    rating = RagRating.objects.get(action=mine.school_action, term=mine.terms[0])

    with django_assert_max_num_queries(6):
        rating_set(
            action=mine.school_action, term=mine.terms[0], status="red", commentary="Slipping",
            acting_user=mine.users["ceo"], expected_version=rating.version,
        )  # fmt: skip


def test_the_ceo_submits_a_term_and_reopens_it_with_a_reason(client, mine):
    client.force_login(mine.users["ceo"])
    base = f"/t/{mine.trust.slug}/terms/{mine.terms[0].pk}"

    assert client.post(f"{base}/submit/").status_code == 302
    term = mine.terms[0]
    term.refresh_from_db()
    assert term.status == TermStatus.SUBMITTED and term.submitted_by == mine.users["ceo"]

    client.post(f"{base}/reopen/", {"reason": ""})
    term.refresh_from_db()
    assert term.status == TermStatus.SUBMITTED

    client.post(f"{base}/reopen/", {"reason": "Evidence for 1.2 arrived late."})
    term.refresh_from_db()
    assert term.status == TermStatus.OPEN
    events = list(TermEvent.objects.filter(term=term).values_list("kind", "reason"))
    assert events == [("submitted", ""), ("reopened", "Evidence for 1.2 arrived late.")]
    assert "Evidence for 1.2 arrived late." in client.get(f"{base}/").content.decode()


def test_submitting_shows_what_will_freeze_and_who_can_then_read_it_first(client, mine):
    client.force_login(mine.users["ceo"])
    url = f"/t/{mine.trust.slug}/terms/{mine.terms[0].pk}/submit/"
    term_page = client.get(f"/t/{mine.trust.slug}/terms/{mine.terms[0].pk}/").content.decode()
    assert f'href="{url}"' in term_page

    body = client.get(url).content.decode()

    mine.terms[0].refresh_from_db()
    assert mine.terms[0].status == TermStatus.OPEN  # looking submits nothing
    assert "What will freeze" in body and "each of the plan's 3 active actions" in body
    for label in ["Green", "Amber", "Red"]:
        assert f"{label}</span></th><td>1</td>" in body, label
    assert "No e-mail is sent." in body
    for role in ["admin", "trustee", "governor", "viewer"]:  # those who read no drafts
        assert mine.people[role].full_name in body, role
    assert "<strong>Administrators</strong>" in body
    assert mine.people["school_lead"].full_name not in body
    assert '<button type="submit" class="button">Submit Autumn to the board</button>' in body


def test_submission_is_refused_with_a_link_to_each_rating_to_put_right(client, mine):
    amber, green = mine.ratings[1], mine.ratings[0]
    ceo = mine.users["ceo"]
    rating_set(action=amber.action, term=amber.term, status="amber", commentary="",
               acting_user=ceo)  # fmt: skip
    rating_set(action=green.action, term=green.term, status="red", commentary="On track.",
               acting_user=ceo)  # fmt: skip
    client.force_login(ceo)
    url = f"/t/{mine.trust.slug}/terms/{mine.terms[0].pk}/submit/"
    grid = grid_url(mine)

    page = client.get(url).content.decode()
    response = client.post(url)

    assert response.status_code == 409
    for body in (page, response.content.decode()):
        assert "Autumn cannot be submitted yet." in body
        assert "Submit Autumn to the board</button>" not in body
        missing = body.split('id="missing-heading"')[1].split("</section>")[0]
        assert f'href="{grid}#row-{amber.action.pk}">Action 1.2</a>' in missing
        outdated = body.split('id="outdated-heading"')[1].split("</section>")[0]
        assert f'href="{grid}#row-{green.action.pk}">Action 1.1</a>' in outdated
        assert "written for a green rating" in outdated
    mine.terms[0].refresh_from_db()
    assert mine.terms[0].status == TermStatus.OPEN


def test_the_grid_flags_a_commentary_left_from_the_old_rating_and_keeps_it_on_request(client, mine):
    action = mine.lead_action
    client.force_login(mine.users["ceo"])

    body = post_rating(client, mine, action, status="red", commentary="On track.").content.decode()

    assert "This commentary was written for a green rating." in body
    assert (
        f'hx-post="/t/{mine.trust.slug}/terms/{mine.terms[0].pk}/ratings/{action.pk}/keep/"' in body
    )
    row = client.get(grid_url(mine)).content.decode().split(f'id="row-{action.pk}"')[1]
    assert "Keep this commentary" in row.split("</tr>")[0]

    rating = RagRating.objects.get(action=action, term=mine.terms[0])
    kept = client.post(cell_url(mine, action) + "keep/", {"version": rating.version}, **HTMX)

    body = kept.content.decode()
    assert "Kept the commentary of 1.1 for a red rating." in body
    assert f'<div class="grid-keep" id="keep-{action.pk}" hx-swap-oob="true"></div>' in body
    rating.refresh_from_db()
    assert (rating.commentary_for, rating.commentary_outdated) == ("red", False)


def test_a_school_lead_proposes_a_rating_for_their_own_action_only(client, mine):
    client.force_login(mine.users["school_lead"])
    body = client.get(f"/t/{mine.trust.slug}/my-actions/").content.decode()
    assert mine.lead_action.text in body and mine.school_action.text in body
    assert mine.other_action.text not in body

    own = f"/t/{mine.trust.slug}/actions/{mine.lead_action.pk}/propose/"
    rating = RagRating.objects.get(action=mine.lead_action, term=mine.terms[0])
    prefix = f"a{mine.lead_action.pk}"
    client.post(own, {f"{prefix}-status": "amber", f"{prefix}-commentary": "Waiting on ICT.",
                      f"{prefix}-version": rating.version})  # fmt: skip
    rating.refresh_from_db()
    assert (rating.proposed_status, rating.status) == ("amber", "green")

    forged = f"/t/{mine.trust.slug}/actions/{mine.other_action.pk}/propose/"
    prefix = f"a{mine.other_action.pk}"
    response = client.post(forged, {f"{prefix}-status": "red", f"{prefix}-version": 1})
    assert response.status_code == 403
    assert RagRating.objects.get(action=mine.other_action, term=mine.terms[0]).proposed_status == ""


def test_the_action_page_shows_who_changed_what_with_old_and_new_values(client, mine):
    rating = RagRating.objects.get(action=mine.school_action, term=mine.terms[0])
    rating_set(
        action=mine.school_action, term=mine.terms[0], status="red", commentary="Slipped.",
        acting_user=mine.users["ceo"], expected_version=rating.version,
    )  # fmt: skip
    f.mark_submitted(mine.terms[0])
    client.force_login(mine.users["trustee"])

    body = client.get(f"/t/{mine.trust.slug}/actions/{mine.school_action.pk}/").content.decode()

    assert "Autumn rating: Rating" in body
    assert "Amber" in body and "Red" in body
    assert mine.users["ceo"].full_name in body


def summary_rows(body: str) -> dict[str, list[str]]:
    """The home page's ratings table: {objective: [red, amber, green, complete, not rated,
    movement]}."""
    table = body.split('id="objectives-heading"')[1].split("</table>")[0]
    return {
        heading: re.findall(r"<td>(.*?)</td>", cells)
        for heading, cells in re.findall(r'<th scope="row">(.*?)</th>(.*?)</tr>', table, re.S)
    }


def test_the_home_page_counts_each_objectives_ratings_not_started_included_and_their_movement(
    client, mine
):
    ceo = mine.users["ceo"]
    autumn, spring = mine.terms
    term_submit(term=autumn, acting_user=ceo)
    # Autumn: 1.1 green, 1.2 amber, 2.1 red.
    for action, status in [(mine.lead_action, "red"), (mine.school_action, "green"),
                           (mine.other_action, "red")]:  # fmt: skip
        rating_set(action=action, term=spring, status=status, commentary=f"Now {status}.",
                   acting_user=ceo)  # fmt: skip
    term_submit(term=spring, acting_user=ceo)
    client.force_login(mine.users["trustee"])

    body = client.get(f"/t/{mine.trust.slug}/").content.decode()

    assert "3 of 3 actions rated for Spring." in body
    assert "Since Autumn" in body
    # Red, amber, green, complete, not started, not rated, movement: every status counted.
    assert summary_rows(body) == {
        "1. Vision": ["1", "0", "1", "0", "0", "0", "1 improved, 1 worse, 0 unchanged"],
        "2. Capacity": ["1", "0", "0", "0", "0", "0", "0 improved, 0 worse, 1 unchanged"],
    }
    assert re.search(r'<th scope="col">.*Not started.*</th>\s*<th scope="col">Not rated</th>', body)
    assert "Every action has a rating." in body


def test_two_edits_of_an_action_from_the_same_version_do_not_overwrite_silently(client, mine):
    action = mine.lead_action
    url = f"/t/{mine.trust.slug}/actions/{action.pk}/edit/"
    start = action.version
    client.force_login(mine.users["ceo"])
    client.post(url, {"text": "CEO wording", "version": start})
    client.force_login(mine.users["school_lead"])

    response = client.post(url, {"text": "Lead wording", "version": start})

    assert response.status_code == 200
    body = response.content.decode()
    assert "Someone else saved this action while you were editing" in body
    assert "CEO wording" in body and "Lead wording" in body
    action.refresh_from_db()
    assert action.text == "CEO wording"

    response = client.post(url, {"text": "Lead wording", "version": action.version})  # fmt: skip
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.text == "Lead wording"


def test_the_action_page_has_one_heading_one_and_the_history_once(client, mine):
    client.force_login(mine.users["ceo"])

    body = client.get(f"/t/{mine.trust.slug}/actions/{mine.lead_action.pk}/").content.decode()

    assert body.count("<h1>") == 1
    assert "<h1>Action 1.1</h1>" in body
    assert body.count("<h2>History</h2>") == 1
    assert "<title>Action 1.1 · " in body


# ---------------------------------------------------------------- year-end evaluations


@pytest.mark.parametrize("role", ["trustee", "governor", "viewer"])
def test_readers_see_the_year_end_evaluations_as_text_with_no_field_to_edit(client, mine, role):
    from plans.models import KeyFocus

    KeyFocus.objects.filter(pk=mine.key_focus.pk).update(
        evaluation="partially", evaluation_note="Two schools still to start."
    )
    f.mark_submitted(*mine.terms)
    client.force_login(mine.users[role])

    body = client.get(f"/t/{mine.trust.slug}/terms/{mine.terms[-1].pk}/").content.decode()

    assert "Achieved partially: Two schools still to start." in body
    assert "<select" not in body and "<textarea" not in body
    assert "/evaluations/" not in body and "Save evaluations" not in body


def test_the_ceo_gets_the_year_end_evaluation_form(client, mine):
    client.force_login(mine.users["ceo"])

    body = client.get(f"/t/{mine.trust.slug}/terms/{mine.terms[-1].pk}/").content.decode()

    assert f'name="kf{mine.key_focus.pk}-evaluation"' in body
    assert "Save evaluations" in body


def test_a_governor_whose_school_has_no_actions_is_told_so_not_given_empty_counts(client, mine):
    from plans.models import Action

    f.mark_submitted(mine.terms[0])
    Action.objects.filter(school=mine.schools[0]).update(school=mine.schools[1])
    client.force_login(mine.users["governor"])

    body = client.get(f"/t/{mine.trust.slug}/").content.decode()

    assert "There are no actions in this plan for you to follow." in body
    assert "0 of 0" not in body and "Ratings by" not in body


# ---------------------------------------------------------------- the year-end evaluations


def evaluations_url(world):
    return f"/t/{world.trust.slug}/terms/{world.terms[-1].pk}/evaluations/"


def test_the_ceo_records_each_key_focus_evaluation_at_the_years_end(client, mine):
    focus = mine.key_focus
    client.force_login(mine.users["ceo"])

    response = client.post(evaluations_url(mine), {
        f"kf{focus.pk}-evaluation": "partially",
        f"kf{focus.pk}-note": "Two of the three schools met it.",
    })  # fmt: skip

    assert response.status_code == 302
    focus.refresh_from_db()
    assert (focus.evaluation, focus.evaluation_note) == (
        "partially", "Two of the three schools met it."
    )  # fmt: skip
    assert (
        KeyFocus.history.filter(id=focus.pk).latest("history_date").history_user
        == (mine.users["ceo"])
    )
    page = client.get(response["Location"]).content.decode()
    assert "Year-end evaluations saved." in page
    assert '<option value="partially" selected>' in page


def test_an_evaluation_that_is_not_one_of_the_choices_saves_nothing(client, mine):
    focus = mine.key_focus
    client.force_login(mine.users["ceo"])

    response = client.post(
        evaluations_url(mine), {f"kf{focus.pk}-evaluation": "mostly", f"kf{focus.pk}-note": "x"},
        follow=True,
    )  # fmt: skip

    assert "Some evaluations were not valid; nothing was saved." in response.content.decode()
    focus.refresh_from_db()
    assert (focus.evaluation, focus.evaluation_note) == ("", "")


@pytest.mark.parametrize("role", ["trustee", "governor", "school_lead"])
def test_only_the_ceo_records_year_end_evaluations(client, mine, role):
    focus = mine.key_focus
    client.force_login(mine.users[role])

    response = client.post(evaluations_url(mine), {f"kf{focus.pk}-evaluation": "fully"})

    assert response.status_code == 403
    focus.refresh_from_db()
    assert focus.evaluation == ""


def carry_url(world, action, term):
    return f"/t/{world.trust.slug}/terms/{term.pk}/ratings/{action.pk}/carry/"


def test_one_row_keeps_last_terms_rating_and_the_counts_come_back_with_it(client, mine):
    autumn, spring = mine.terms
    RagRating.objects.filter(action=mine.school_action, term=autumn).update(
        commentary="Two posts vacant."
    )
    client.force_login(mine.users["ceo"])

    response = client.post(carry_url(mine, mine.school_action, spring), {"version": 0}, **HTMX)

    body = response.content.decode()
    assert "Saved 1.2: Amber, unchanged since Autumn." in body
    assert f'<tr id="row-{mine.school_action.pk}"' in body and "Two posts vacant." in body
    assert re.search(r'id="grid-counts"[^>]*hx-swap-oob="true"', body)
    assert "1 of 3 actions rated" in body and "2 not yet rated" in body
    rating = RagRating.objects.get(action=mine.school_action, term=spring)
    assert (rating.status, rating.commentary, rating.carried_from) == (
        "amber", "Two posts vacant.", autumn,
    )  # fmt: skip
    grid = client.get(grid_url(mine, spring)).content.decode()
    assert "Unchanged since Autumn" in grid


def test_a_save_brings_back_the_rated_count_and_each_objectives(client, mine):
    client.force_login(mine.users["ceo"])
    spring = mine.terms[1]
    url = cell_url(mine, mine.other_action, spring)

    body = client.post(url, {"status": "red", "commentary": "", "version": 0}, **HTMX)
    body = body.content.decode()

    assert "1 of 3 actions rated" in body
    assert "1. Vision: 0 of 2" in body and "2. Capacity: 1 of 1" in body


def test_a_stale_carry_forward_is_refused_and_shows_theirs(client, mine):
    spring = mine.terms[1]
    rating_set(action=mine.school_action, term=spring, status="green", commentary="Theirs.",
               acting_user=mine.users["ceo"])  # fmt: skip
    client.force_login(mine.users["ceo"])

    response = client.post(carry_url(mine, mine.school_action, spring), {"version": 0}, **HTMX)

    body = response.content.decode()
    assert "changed this rating while you were working" in body and "Theirs." in body
    assert RagRating.objects.get(action=mine.school_action, term=spring).status == "green"


def test_the_rows_a_filter_shows_are_kept_after_a_confirmation_that_counts_them(client, mine):
    autumn, spring = mine.terms
    client.force_login(mine.users["ceo"])
    vision = mine.objectives[0]
    url = f"/t/{mine.trust.slug}/terms/{spring.pk}/carry-forward/?objective={vision.pk}"

    page = client.get(url).content.decode()
    assert "Keep the Autumn ratings and commentaries of 2 actions for Spring?" in page
    assert "Keep 2 ratings" in page
    assert spring.ratings.count() == 0  # looking keeps nothing
    ids = re.findall(r'name="action" value="(\d+)"', page)

    response = client.post(url, {"action": ids})

    assert response.status_code == 302 and response["Location"].endswith(f"?objective={vision.pk}")
    kept = {r.action_id: (r.status, r.carried_from_id) for r in spring.ratings.all()}
    assert kept == {mine.lead_action.pk: ("green", autumn.pk),
                    mine.school_action.pk: ("amber", autumn.pk)}  # fmt: skip


def test_the_unchanged_last_term_filter_shows_rows_whose_rating_stayed(client, mine):
    spring = mine.terms[1]
    summer = f.TermFactory(
        trust=mine.trust, annual_plan=mine.annual_plan, number=3, name="Summer",
        starts_on=datetime.date(2020, 4, 20), ends_on=datetime.date(2020, 7, 17),
        rating_deadline=datetime.date(2020, 7, 10),
    )  # terms never overlap  # fmt: skip
    for action, status in [(mine.lead_action, "green"), (mine.school_action, "red")]:
        rating_set(action=action, term=spring, status=status, commentary="",
                   acting_user=mine.users["ceo"])  # fmt: skip
    client.force_login(mine.users["ceo"])

    body = client.get(grid_url(mine, summer), {"unchanged": "on"}).content.decode()

    assert f'id="row-{mine.lead_action.pk}"' in body  # green, then green
    assert f'id="row-{mine.school_action.pk}"' not in body  # amber, then red


def test_trust_pages_are_never_kept_by_the_browser(client, mine):
    client.force_login(mine.users["ceo"])

    for url in [grid_url(mine), f"/t/{mine.trust.slug}/", f"/t/{mine.trust.slug}/plan/"]:
        assert client.get(url)["Cache-Control"] == "private, no-store", url


TRANSACTION_CONTROL = re.compile(r"^(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE SAVEPOINT)\b")


def test_the_whole_rating_request_costs_at_most_six_queries(transactional_db, client, mine):
    """Outside a test's transaction, as in production. Every statement that reads or writes
    counts (user, membership, middleware included; the session is read from the cache);
    BEGIN and COMMIT around the save are not queries and are left out of the six."""
    client.force_login(mine.users["ceo"])
    client.get(grid_url(mine))  # the session's first request records it
    rating = RagRating.objects.get(action=mine.school_action, term=mine.terms[0])

    with CaptureQueriesContext(connection) as captured:
        response = client.post(
            cell_url(mine, mine.school_action),
            {"status": "red", "commentary": "Behind.", "version": rating.version},
            **HTMX,
        )

    assert "Saved 1.2: Red." in response.content.decode()
    queries = [q["sql"] for q in captured if not TRANSACTION_CONTROL.match(q["sql"])]
    assert len(queries) <= 6, "\n".join(q[:120] for q in queries)


def test_my_actions_shows_each_actions_whole_title(client, mine):
    long = "Recruit and keep specialist teachers " * 6
    Action.objects.filter(pk=mine.lead_action.pk).update(text=long.strip())
    client.force_login(mine.users["school_lead"])

    body = client.get(f"/t/{mine.trust.slug}/my-actions/").content.decode()

    assert long.strip() in body and "…" not in body


def test_digits_that_are_not_plain_numbers_in_a_carry_request_are_refused_not_a_500(client, mine):
    client.force_login(mine.users["ceo"])
    base = f"/t/{mine.trust.slug}/terms/{mine.terms[1].pk}"

    one = client.post(f"{base}/ratings/{mine.lead_action.pk}/carry/", {"version": "2²"})
    many = client.post(f"{base}/carry-forward/", {"action": ["2²", "٣"], "confirm": "yes"})

    assert one.status_code != 500 and many.status_code != 500
    assert not mine.lead_action.ratings.filter(term=mine.terms[1]).exists()


# Years: the live one, and the others a reader may pick ------------------------------------


def _start_next_year(client, world):
    client.force_login(world.users["ceo"])
    response = client.post(
        f"/t/{world.trust.slug}/authoring/plans/{world.annual_plan.pk}/next-year/",
        {"academic_year": str(world.annual_plan.academic_year + 1), "actions": []},
    )
    assert response.status_code == 302
    client.get(response["Location"])  # reads its message, as the browser would
    return AnnualPlan.objects.get(
        trust=world.trust, academic_year=world.annual_plan.academic_year + 1
    )


def test_starting_next_years_plan_leaves_home_plan_and_grid_on_the_live_year(client, mine):
    live, base = mine.annual_plan, f"/t/{mine.trust.slug}"
    draft = _start_next_year(client, mine)

    home = client.get(f"{base}/").content.decode()
    plan = client.get(f"{base}/plan/").content.decode()
    rate = client.get(f"{base}/rate/")

    assert f'<h2 id="now-heading">{live}' in home and str(draft) not in home
    assert f"{live.year_label} action plan" in plan
    assert rate["Location"].startswith(f"{base}/terms/")
    term = Term.objects.get(trust=mine.trust, pk=rate["Location"].split("/")[4])
    assert term.annual_plan_id == live.pk
    # The draft is one pick away, marked as a draft, and never the one selected.
    assert f'<option value="{draft.academic_year}">{draft.year_label} (draft)</option>' in plan
    assert f'value="{live.academic_year}" selected>{live.year_label} (live)' in plan


def test_the_year_picker_shows_another_years_plan_on_home_plan_and_grid(client, mine):
    base = f"/t/{mine.trust.slug}"
    draft = _start_next_year(client, mine)

    plan = client.get(f"{base}/plan/?year={draft.academic_year}").content.decode()
    home = client.get(f"{base}/?year={draft.academic_year}").content.decode()
    rate = client.get(f"{base}/rate/?year={draft.academic_year}")

    assert f"{draft.year_label} action plan" in plan
    assert f"You are looking at the {draft.year_label} plan." in plan
    assert f'<h2 id="now-heading">{draft}' in home
    term = Term.objects.get(trust=mine.trust, pk=rate["Location"].split("/")[4])
    assert term.annual_plan_id == draft.pk


def test_a_year_with_no_plan_or_nonsense_in_the_picker_is_not_found(client, mine):
    client.force_login(mine.users["ceo"])
    for year in ("1999", "next", "2019; DROP"):
        assert client.get(f"/t/{mine.trust.slug}/plan/?year={year}").status_code == 404


def test_a_trustee_is_not_offered_another_years_draft(client, mine):
    draft = _start_next_year(client, mine)
    client.force_login(mine.users["trustee"])

    page = client.get(f"/t/{mine.trust.slug}/plan/").content.decode()
    asked = client.get(f"/t/{mine.trust.slug}/plan/?year={draft.academic_year}")

    assert draft.year_label not in page
    assert asked.status_code == 404
