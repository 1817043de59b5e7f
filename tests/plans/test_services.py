import datetime

import pytest
from django.core.exceptions import ValidationError

from plans.models import Action, AnnualPlan, KeyFocus, RagRating, Term, TermEvent, TermStatus
from plans.review.services import (
    RatingConflict,
    SubmissionRefused,
    key_focus_evaluate,
    rating_carry_forward,
    rating_keep_commentary,
    rating_set,
    ratings_carry_forward,
    term_submit,
)
from plans.services import action_owners_set
from tests import factories as f
from trustplan.core.permissions import Perms


def test_history_records_who_changed_a_rating(mine):
    rating = mine.ratings[0]
    ceo = mine.users["ceo"]

    rating_set(
        action=rating.action,
        term=rating.term,
        status="amber",
        commentary="Slipped behind the timeline.",
        acting_user=ceo,
        expected_version=rating.version,
    )

    latest = RagRating.history.filter(id=rating.pk).latest("history_date")
    assert latest.history_user == ceo
    assert latest.status == "amber"
    previous = latest.prev_record
    assert previous.status == "green"


def test_saving_an_unchanged_rating_writes_no_history(mine):
    rating = mine.ratings[0]
    before = RagRating.history.filter(id=rating.pk).count()

    rating_set(
        action=rating.action,
        term=rating.term,
        status=rating.status,
        commentary=rating.commentary,
        acting_user=mine.users["ceo"],
    )

    assert RagRating.history.filter(id=rating.pk).count() == before


def test_a_rating_saved_from_a_stale_version_is_a_conflict(mine):
    rating = mine.ratings[0]
    start = rating.version
    rating_set(
        action=rating.action, term=rating.term, status="amber", commentary="First",
        acting_user=mine.users["ceo"], expected_version=start,
    )  # fmt: skip

    with pytest.raises(RatingConflict) as conflict:
        rating_set(
            action=rating.action, term=rating.term, status="red", commentary="Second",
            acting_user=mine.users["school_lead"], expected_version=start,
        )  # fmt: skip

    assert conflict.value.current.status == "amber"
    assert RagRating.objects.get(pk=rating.pk).commentary == "First"


@pytest.mark.parametrize(
    ("status", "commentary", "message"),
    [
        ("purple", "", "is not a rating"),
        ("red", "x" * 2001, "The commentary is 2,001 characters long; the limit is 2,000."),
    ],
)
def test_bad_ratings_are_refused_with_a_message_and_change_nothing(
    mine, status, commentary, message
):
    rating = mine.ratings[0]

    with pytest.raises(ValidationError) as error:
        rating_set(
            action=rating.action, term=rating.term, status=status, commentary=commentary,
            acting_user=mine.users["ceo"],
        )  # fmt: skip

    assert message in error.value.messages[0]
    assert RagRating.objects.get(pk=rating.pk).status == rating.status


def test_a_submitted_terms_ratings_are_frozen(mine):
    rating = mine.ratings[0]
    rating.term.status = TermStatus.SUBMITTED
    rating.term.save()

    with pytest.raises(ValidationError) as error:
        rating_set(
            action=rating.action, term=rating.term, status="red", commentary="Too late",
            acting_user=mine.users["ceo"],
        )  # fmt: skip

    assert "frozen" in error.value.messages[0]


def test_an_action_of_another_trust_cannot_be_rated_in_this_trusts_term(mine, other):
    with pytest.raises(ValidationError):
        rating_set(
            action=other.actions[0], term=mine.terms[1], status="red", commentary="",
            acting_user=mine.users["ceo"],
        )  # fmt: skip


def test_owners_are_replaced_in_order_and_unchanged_owners_write_nothing(mine):
    action = mine.actions[0]
    lead, ceo = mine.people["school_lead"], mine.people["ceo"]

    assert action_owners_set(action=action, people=[ceo, lead], acting_user=None) is True
    assert list(action.owners.order_by("action_links__position")) == [ceo, lead]
    assert action_owners_set(action=action, people=[ceo, lead], acting_user=None) is False


# ---------------------------------------------------------------- submission protects the board


def test_submission_is_refused_while_a_red_or_amber_rating_lacks_its_commentary(mine):
    term, amber = mine.terms[0], mine.ratings[1]
    rating_set(
        action=amber.action, term=term, status="amber", commentary="",
        acting_user=mine.users["ceo"],
    )  # fmt: skip

    with pytest.raises(SubmissionRefused) as refused:
        term_submit(term=term, acting_user=mine.users["ceo"])

    assert [row.action for row in refused.value.check.missing] == [amber.action]
    assert refused.value.messages == [
        "Autumn cannot be submitted yet: 1 red or amber rating has no commentary (1.2)."
    ]
    term.refresh_from_db()
    assert term.status == TermStatus.OPEN
    assert not TermEvent.objects.filter(term=term).exists()


def test_a_trust_that_asks_for_no_commentary_submits_a_bare_amber(mine):
    mine.trust.commentary_required_for_red_amber = False
    mine.trust.save()
    amber = mine.ratings[1]
    rating_set(
        action=amber.action, term=amber.term, status="amber", commentary="",
        acting_user=mine.users["ceo"],
    )  # fmt: skip

    submitted = term_submit(term=mine.terms[0], acting_user=mine.users["ceo"])

    assert submitted.status == TermStatus.SUBMITTED


def test_a_new_rating_alone_marks_its_commentary_as_written_for_the_old_rating(mine):
    green = mine.ratings[0]
    ceo = mine.users["ceo"]

    changed = rating_set(
        action=green.action, term=green.term, status="red", commentary="On track.",
        acting_user=ceo,
    )  # fmt: skip

    assert changed.commentary_outdated and changed.commentary_for == "green"
    assert changed.outdated_warning.startswith("This commentary was written for a green rating.")
    edited = rating_set(
        action=green.action, term=green.term, status="red", commentary="Stalled in March.",
        acting_user=ceo,
    )  # fmt: skip
    assert not edited.commentary_outdated and edited.commentary_for == "red"
    back = rating_set(
        action=green.action, term=green.term, status="green", commentary="Stalled in March.",
        acting_user=ceo,
    )  # fmt: skip
    assert back.commentary_outdated


def test_keeping_a_commentary_on_purpose_clears_the_mark_and_is_recorded(mine):
    green = mine.ratings[0]
    ceo = mine.users["ceo"]
    changed = rating_set(
        action=green.action, term=green.term, status="complete", commentary="On track.",
        acting_user=ceo,
    )  # fmt: skip

    kept = rating_keep_commentary(rating=changed, acting_user=ceo, expected_version=changed.version)

    assert not kept.commentary_outdated
    assert RagRating.objects.get(pk=green.pk).commentary_for == "complete"
    assert RagRating.history.filter(id=green.pk).latest("history_date").history_user == ceo
    with pytest.raises(RatingConflict):
        rating_keep_commentary(rating=kept, acting_user=ceo, expected_version=changed.version)


def test_submission_lists_every_commentary_still_written_for_an_earlier_rating(mine):
    ceo = mine.users["ceo"]
    for rating, status in [(mine.ratings[0], "amber"), (mine.ratings[2], "green")]:
        rating_set(
            action=rating.action, term=rating.term, status=status, commentary="On track.",
            acting_user=ceo,
        )  # fmt: skip

    with pytest.raises(SubmissionRefused) as refused:
        term_submit(term=mine.terms[0], acting_user=ceo)

    assert [row.action.full_reference for row in refused.value.check.outdated] == ["1.1", "2.1"]
    assert (
        "2 commentaries were written for an earlier rating (1.1, 2.1)"
        in (refused.value.messages[0])
    )
    assert mine.terms[0].status == TermStatus.OPEN


def test_a_submitted_terms_commentary_cannot_be_kept_for_a_new_rating(mine):
    rating = mine.ratings[0]
    Term.objects.filter(pk=rating.term.pk).update(status=TermStatus.SUBMITTED)

    with pytest.raises(ValidationError) as error:
        rating_keep_commentary(
            rating=rating, acting_user=mine.users["ceo"], expected_version=rating.version
        )

    assert "frozen" in error.value.messages[0]


# ---------------------------------------------------------------- year-end evaluations


def test_a_key_focus_evaluation_is_recorded_once_and_an_unknown_one_refused(mine):
    focus, ceo = mine.key_focus, mine.users["ceo"]

    key_focus_evaluate(key_focus=focus, evaluation="fully", note="Met in every school.",
                       acting_user=ceo)  # fmt: skip
    records = KeyFocus.history.filter(id=focus.pk).count()
    key_focus_evaluate(key_focus=focus, evaluation="fully", note="Met in every school.",
                       acting_user=ceo)  # fmt: skip

    assert KeyFocus.history.filter(id=focus.pk).count() == records
    stored = KeyFocus.objects.get(pk=focus.pk)
    assert (stored.evaluation, stored.evaluation_note) == ("fully", "Met in every school.")
    with pytest.raises(ValidationError) as error:
        key_focus_evaluate(key_focus=focus, evaluation="mostly", note="", acting_user=ceo)
    assert error.value.messages == ["'mostly' is not an evaluation."]
    assert KeyFocus.objects.get(pk=focus.pk).evaluation == "fully"


def test_carrying_forward_keeps_last_terms_rating_and_commentary_and_says_so_in_history(mine):
    autumn, spring = mine.terms
    action = mine.school_action  # amber in Autumn
    RagRating.objects.filter(action=action, term=autumn).update(
        commentary="Two posts vacant.", commentary_for="amber"
    )

    rating = rating_carry_forward(
        action=action, term=spring, acting_user=mine.users["ceo"], expected_version=0
    )

    rating.refresh_from_db()
    assert (rating.status, rating.commentary, rating.carried_from) == (
        "amber", "Two posts vacant.", autumn,
    )  # fmt: skip
    assert not rating.commentary_outdated
    record = RagRating.history.filter(id=rating.pk).latest("history_date")
    assert record.history_user == mine.users["ceo"]
    assert record.history_change_reason == ("Carried forward from Autumn, unchanged since Autumn")
    from plans.selectors import action_history

    whats = [change.what for change in action_history(action)]
    assert "Spring rating, carried forward unchanged since Autumn" in whats


def test_a_carried_rating_changed_later_is_no_longer_marked_as_carried(mine):
    spring = mine.terms[1]
    action = mine.school_action
    rating = rating_carry_forward(action=action, term=spring, acting_user=mine.users["ceo"])

    rating_set(action=action, term=spring, status="red", commentary="Worse.",
               acting_user=mine.users["ceo"], expected_version=rating.version)  # fmt: skip

    rating.refresh_from_db()
    assert rating.carried_from is None


def test_carrying_forward_needs_a_rating_last_term_and_a_current_version(mine):
    autumn, spring = mine.terms
    with pytest.raises(ValidationError, match="no rating from the term before Autumn"):
        rating_carry_forward(action=mine.school_action, term=autumn, acting_user=None)

    rating_set(action=mine.school_action, term=spring, status="red", commentary="",
               acting_user=mine.users["ceo"])  # fmt: skip
    with pytest.raises(RatingConflict):
        rating_carry_forward(
            action=mine.school_action, term=spring, acting_user=None, expected_version=0
        )
    assert RagRating.objects.get(action=mine.school_action, term=spring).status == "red"


def test_carrying_many_forward_keeps_the_unrated_and_never_overwrites_a_rating(mine):
    autumn, spring = mine.terms
    rated, first, second = mine.actions
    rating_set(action=rated, term=spring, status="red", commentary="Mine.",
               acting_user=mine.users["ceo"])  # fmt: skip

    result = ratings_carry_forward(
        term=spring, actions=list(mine.actions), acting_user=mine.users["ceo"]
    )

    assert result.kept == [first, second]
    assert result.skipped == [rated]
    saved = {r.action_id: (r.status, r.carried_from_id) for r in spring.ratings.all()}
    assert saved == {rated.pk: ("red", None), first.pk: ("amber", autumn.pk),
                     second.pk: ("red", autumn.pk)}  # fmt: skip
    history = RagRating.history.filter(term=spring, action=first).get()
    assert history.history_user == mine.users["ceo"]
    assert history.history_change_reason.startswith("Carried forward from Autumn")


def test_a_rating_kept_twice_is_unchanged_since_the_first_term(mine):
    from tests import factories as f

    autumn, spring = mine.terms
    summer = f.TermFactory(
        trust=mine.trust, annual_plan=mine.annual_plan, number=3, name="Summer",
        starts_on=datetime.date(2020, 4, 20), ends_on=datetime.date(2020, 7, 17),
        rating_deadline=datetime.date(2020, 7, 10),
    )  # terms never overlap  # fmt: skip
    rating_carry_forward(action=mine.lead_action, term=spring, acting_user=None)

    rating = rating_carry_forward(action=mine.lead_action, term=summer, acting_user=None)

    assert rating.carried_from == autumn


def test_year_end_evaluations_are_saved_together_or_not_at_all(mine):
    from plans.review.services import year_end_evaluations_save

    second = f.KeyFocusFactory(
        trust=mine.trust, annual_plan=mine.annual_plan, objective=mine.objectives[1], number=2
    )

    with pytest.raises(ValidationError):
        year_end_evaluations_save(
            annual_plan=mine.annual_plan,
            evaluations=[(mine.key_focus, "fully", "Met."), (second, "mostly", "")],
            acting_user=mine.users["ceo"],
        )

    assert KeyFocus.objects.get(pk=mine.key_focus.pk).evaluation == ""
    year_end_evaluations_save(
        annual_plan=mine.annual_plan,
        evaluations=[(mine.key_focus, "fully", "Met."), (second, "partially", "Two of three.")],
        acting_user=mine.users["ceo"],
    )
    stored = dict(KeyFocus.objects.filter(trust=mine.trust).values_list("pk", "evaluation"))
    assert (stored[mine.key_focus.pk], stored[second.pk]) == ("fully", "partially")


# ---------------------------------------------------------------- past years


def _next_year_live(world):
    """Next year's plan, approved: this year's becomes a past year's."""
    from plans.authoring.services import annual_plan_start_next

    new_plan = annual_plan_start_next(
        source=world.annual_plan, actions=list(world.actions), acting_user=world.users["ceo"]
    )
    AnnualPlan.objects.filter(pk=new_plan.pk).update(
        status="approved", approved_on=datetime.date(2020, 7, 1)
    )
    new_plan.refresh_from_db()
    new_plan.save(update_fields=["status"])  # as the approval service saves it
    return new_plan


def test_a_past_years_action_is_refused_to_everyone_until_the_ceo_reopens_it(
    mine, django_capture_on_commit_callbacks
):
    from plans.authoring.services import annual_plan_reopen
    from plans.columns import trust_columns, values_by_key
    from plans.services import action_update

    _next_year_live(mine)
    action, lead = mine.lead_action, Perms(mine.users["school_lead"].memberships.get())
    evidence = next(c for c in trust_columns(mine.trust) if c.key == "evidence")

    assert not lead.allows("action.change", action)  # the grant stayed with the live year
    with pytest.raises(ValidationError) as refused:
        action_update(
            action=action, acting_user=mine.users["ceo"], expected_version=action.version,
            columns={evidence.pk: "Rewritten after the board met."},
        )  # fmt: skip
    assert "past year's" in refused.value.messages[0]
    assert values_by_key(Action.objects.get(pk=action.pk), "action", [evidence]) == {"evidence": ""}
    with pytest.raises(ValidationError):
        annual_plan_reopen(
            annual_plan=mine.annual_plan, reopened=True, acting_user=mine.users["admin"]
        )

    with django_capture_on_commit_callbacks(execute=True):
        annual_plan_reopen(
            annual_plan=mine.annual_plan, reopened=True, acting_user=mine.users["ceo"]
        )

    updated = action_update(
        action=action, acting_user=mine.users["ceo"], expected_version=action.version,
        columns={evidence.pk: "Corrected with the board's leave."},
    )  # fmt: skip
    assert values_by_key(updated, "action", [evidence]) == {
        "evidence": "Corrected with the board's leave."
    }
    lead = Perms(mine.users["school_lead"].memberships.get())
    assert lead.allows("action.change", action)


def _next_year_from(mine, n_actions: int, capture):
    """Start next year's plan from this one with `n_actions` actions of the lead's school
    (owned by the school lead), committing: (the new plan, its queries, the callbacks run)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from plans.authoring.services import annual_plan_start_next

    for n in range(3, 3 + n_actions - 2):  # two of the world's actions are under objective 1
        action = f.ActionFactory(
            trust=mine.trust, annual_plan=mine.annual_plan, objective=mine.objectives[0],
            reference=str(n), school=mine.schools[0],
        )  # fmt: skip
        action_owners_set(action=action, people=[mine.people["school_lead"]], acting_user=None)
    actions = list(
        Action.objects.filter(
            trust=mine.trust, annual_plan=mine.annual_plan, objective=mine.objectives[0]
        )
    )
    assert len(actions) == n_actions
    with CaptureQueriesContext(connection) as queries, capture(execute=True) as callbacks:
        new_plan = annual_plan_start_next(
            source=mine.annual_plan, actions=actions, acting_user=mine.users["ceo"]
        )
    return new_plan, queries, callbacks


def test_starting_next_year_syncs_the_grants_once_after_commit_not_per_copied_action(
    mine, django_capture_on_commit_callbacks
):
    from plans.grants import _PendingGrants

    _plan, queries, callbacks = _next_year_from(mine, 12, django_capture_on_commit_callbacks)

    grant_syncs = [c for c in callbacks if isinstance(c, _PendingGrants)]
    grant_queries = [q for q in queries if "actionuserobjectpermission" in q["sql"]]
    assert len(grant_syncs) == 1
    assert len(grant_queries) <= 3, len(grant_queries)


def test_starting_next_year_costs_a_fixed_number_of_queries_per_copied_action(
    two_trusts, django_capture_on_commit_callbacks
):
    mine, other = two_trusts
    _plan, few, _ = _next_year_from(mine, 2, django_capture_on_commit_callbacks)
    _plan, many, _ = _next_year_from(other, 12, django_capture_on_commit_callbacks)

    # Each copy: the action and its owners, their history rows and same-trust checks; its
    # grants add nothing (one sync for the whole plan, the same for 2 actions as for 12).
    def grant_queries(queries):
        return [q for q in queries if "actionuserobjectpermission" in q["sql"]]

    per_action = (len(many) - len(few)) / 10
    assert per_action <= 9, per_action
    assert len(grant_queries(many)) == len(grant_queries(few))


def test_after_starting_next_year_the_school_lead_may_change_the_copies_of_their_actions(
    mine, django_capture_on_commit_callbacks
):
    new_plan, _, _ = _next_year_from(mine, 4, django_capture_on_commit_callbacks)

    copies = list(Action.objects.filter(trust=mine.trust, annual_plan=new_plan))
    lead = Perms(mine.users["school_lead"].memberships.get())
    trustee = Perms(mine.users["trustee"].memberships.get())
    assert len(copies) == 4
    assert all(lead.allows("action.change", copy) for copy in copies)
    assert not any(trustee.allows("action.change", copy) for copy in copies)
