import datetime
import re

import pytest
from django.http import Http404
from django.utils import timezone

from boardpacks.selectors import (
    ATTENTION_NOT_RATED,
    ATTENTION_RED,
    ATTENTION_WORSE,
    access_readable_pack,
    pack_contents,
    pack_fingerprint,
    readable_packs,
)
from plans.review.services import rating_set
from tests import factories as f
from tests.boardpacks.factories import BoardPackFactory, ready_pack
from trustplan.core.permissions import Perms


def perms_of(world, role):
    return Perms(world.users[role].memberships.get(trust=world.trust))


def fingerprint(world, term=None):
    return pack_fingerprint(annual_plan=world.annual_plan, term=term or world.terms[1])


def test_the_fingerprint_stays_the_same_while_nothing_changes(mine):
    assert fingerprint(mine) == fingerprint(mine)
    assert fingerprint(mine) != fingerprint(mine, mine.terms[0])


def test_the_fingerprint_changes_when_a_rating_or_an_action_changes(mine):
    before = fingerprint(mine)
    rating_set(
        action=mine.lead_action,
        term=mine.terms[1],
        status="amber",
        commentary="Behind plan.",
        acting_user=mine.users["ceo"],
    )
    after_rating = fingerprint(mine)
    action = mine.other_action
    action.text = "A reworded action"
    action.save()

    assert before != after_rating != fingerprint(mine)


def test_the_fingerprint_ignores_the_other_trusts_changes(mine, other):
    before = fingerprint(mine)

    rating_set(
        action=other.lead_action,
        term=other.terms[1],
        status="red",
        commentary="",
        acting_user=other.users["ceo"],
    )

    assert fingerprint(mine) == before


def test_the_fingerprint_costs_one_query(mine, django_assert_num_queries):
    with django_assert_num_queries(1):
        fingerprint(mine)


def spring_ratings(world, statuses):
    for action, status in zip(world.actions, statuses, strict=True):
        if status:
            rating_set(
                action=action,
                term=world.terms[1],
                status=status,
                commentary=f"Spring note on {action.full_reference}",
                acting_user=world.users["ceo"],
            )


def test_the_board_sees_every_red_worse_and_unrated_action_once_with_its_reasons(mine):
    # Autumn was green, amber, red.
    spring_ratings(mine, ["amber", None, "red"])
    pack = BoardPackFactory(trust=mine.trust, annual_plan=mine.annual_plan, term=mine.terms[1])

    contents = pack_contents(pack)

    reasons = {item.row.action: item.reasons for item in contents.attention}
    assert reasons == {
        mine.lead_action: [ATTENTION_WORSE],
        mine.school_action: [ATTENTION_NOT_RATED],
        mine.other_action: [ATTENTION_RED],
    }
    assert contents.completeness == 67
    assert contents.moved["worse"] == 1
    assert contents.moved["unchanged"] == 1
    assert contents.moved["not rated"] == 1


def test_the_pack_names_each_objectives_lead_stage_and_key_foci(mine):
    pack = BoardPackFactory(trust=mine.trust, annual_plan=mine.annual_plan, term=mine.terms[0])

    sections = pack_contents(pack).sections

    assert [s.objective for s in sections] == mine.objectives
    assert sections[0].key_foci == [mine.key_focus]
    assert sections[1].key_foci == []


def pack_queries(world) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    pack = BoardPackFactory(trust=world.trust, annual_plan=world.annual_plan, term=world.terms[0])
    with CaptureQueriesContext(connection) as queries:
        contents = pack_contents(pack)
        [row.owners for row in contents.review.rows]
    return len(queries)


def test_gathering_a_pack_costs_the_same_queries_for_few_and_many_actions(mine):
    few = pack_queries(mine)
    for number in range(40):
        action = f.ActionFactory(
            trust=mine.trust,
            annual_plan=mine.annual_plan,
            objective=mine.objectives[number % 2],
            reference=f"m{number}",
        )
        f.RatingFactory(trust=mine.trust, action=action, term=mine.terms[0], status="amber")

    assert pack_queries(mine) == few


def test_readers_see_published_packs_only_newest_first_and_the_ceo_sees_every_pack(mine):
    world_pack = mine.extra["pack"]
    draft = ready_pack(mine, term=mine.terms[1])
    newer = ready_pack(mine, published=True, term=mine.terms[1])
    withdrawn = ready_pack(mine, published=True, term=mine.terms[1])
    withdrawn.withdrawn_at = timezone.now()
    withdrawn.save()

    trustee_sees = list(readable_packs(mine.trust, perms_of(mine, "trustee")))
    ceo_sees = list(readable_packs(mine.trust, perms_of(mine, "ceo")))

    local = mine.extra["local_pack"]
    assert trustee_sees == [newer, local, world_pack]
    assert set(ceo_sees) == {world_pack, local, draft, newer, withdrawn}


def test_a_reader_cannot_open_an_unpublished_pack_or_another_trusts(mine, other):
    draft = ready_pack(mine, term=mine.terms[1])
    trustee = perms_of(mine, "trustee")

    with pytest.raises(Http404):
        access_readable_pack(mine.trust, draft.pk, trustee)
    with pytest.raises(Http404):
        access_readable_pack(mine.trust, other.extra["pack"].pk, perms_of(mine, "ceo"))
    assert access_readable_pack(mine.trust, draft.pk, perms_of(mine, "ceo")) == draft


# Whose pack it is: the board's, or a local governing body's.


def test_a_governor_reads_their_local_bodys_pack_and_is_refused_the_boards(mine):
    from django.core.exceptions import PermissionDenied

    governor = perms_of(mine, "governor")
    local, board = mine.extra["local_pack"], mine.extra["pack"]

    assert list(readable_packs(mine.trust, governor)) == [local]
    assert access_readable_pack(mine.trust, local.pk, governor) == local
    with pytest.raises(PermissionDenied):
        access_readable_pack(mine.trust, board.pk, governor)


def test_the_boards_pack_goes_to_the_board_and_a_local_pack_to_that_bodys_governors(mine):
    from boardpacks.selectors import pack_recipients

    board, local = mine.extra["pack"], mine.extra["local_pack"]
    other = ready_pack(mine, published=True, body=mine.extra["other_local_body"], version=1)

    def roles(pack):
        return sorted(m.role for m in pack_recipients(pack))

    # The published_by CEO is left out: the publisher knows.
    assert roles(board) == ["admin", "trustee"]
    assert roles(local) == ["governor"]
    assert roles(other) == []  # nobody of the test world governs the other school


def local_pack(world, *, include_trust_summary=False, term=None, **values):
    return BoardPackFactory(
        trust=world.trust,
        annual_plan=world.annual_plan,
        term=term or world.terms[0],
        body=world.extra["local_body"],
        include_trust_summary=include_trust_summary,
        **values,
    )


def test_a_local_bodys_pack_holds_its_schools_actions_and_no_trust_figures(mine):
    contents = pack_contents(local_pack(mine))

    school = mine.schools[0]
    actions = {row.action for row in contents.review.rows}
    assert actions == {mine.lead_action, mine.school_action}  # of the body's school only
    assert contents.schools == [school]
    assert [due.school for due in contents.reviews] == [school]
    assert contents.trust_review is None
    assert contents.changes is None  # the plan's trust-wide changes are the board's


def test_a_local_bodys_pack_carries_the_trust_summary_only_when_asked(mine):
    contents = pack_contents(local_pack(mine, include_trust_summary=True))

    assert {row.action for row in contents.trust_review.rows} == set(mine.actions)
    assert {row.action for row in contents.review.rows} == {mine.lead_action, mine.school_action}


def test_the_pack_carries_the_questions_put_into_its_meeting_and_the_last_decisions(mine):
    from governance.models import Decision
    from tests.governance.factories import MeetingFactory, QuestionFactory

    board = mine.extra["board"]
    meeting = mine.extra["board_meeting"]
    answered = QuestionFactory(
        trust=mine.trust, action=mine.lead_action, meeting=meeting, include_in_pack=True,
        answer="Termly, through the hub.", answered_at=timezone.now(),
    )  # fmt: skip
    QuestionFactory(trust=mine.trust, action=mine.school_action, meeting=meeting)  # not marked
    open_one = QuestionFactory(
        trust=mine.trust, action=mine.other_action, meeting=meeting, include_in_pack=True
    )
    past = MeetingFactory(
        trust=mine.trust, body=board, starts_at=timezone.now() - datetime.timedelta(days=30)
    )
    MeetingFactory(  # an older meeting: not the last one
        trust=mine.trust, body=board, starts_at=timezone.now() - datetime.timedelta(days=90)
    )
    decision = Decision.objects.create(
        trust=mine.trust, meeting=past, kind="general", text="The budget was approved."
    )

    contents = pack_contents(ready_pack(mine, term=mine.terms[1], meeting=meeting))

    assert contents.questions == [open_one, answered]  # open ones first
    assert contents.last_meeting == past
    assert contents.decisions == [decision]


def test_only_the_years_last_term_carries_the_key_foci_evaluation(mine):
    autumn = pack_contents(ready_pack(mine, term=mine.terms[0]))
    spring = pack_contents(ready_pack(mine, term=mine.terms[1]))  # the world's last term

    assert autumn.evaluations is None
    assert spring.evaluations == [mine.key_focus]


def test_the_fingerprint_changes_when_a_question_for_the_pack_is_answered(mine):
    from governance.services import question_answer

    question = mine.extra["other_question"]
    before = fingerprint(mine)

    question_answer(question=question, answer="By March.", acting_user=mine.users["ceo"])

    assert fingerprint(mine) != before


def test_every_history_table_the_fingerprint_reads_has_an_index_on_trust_then_history_id(db):
    from django.db import connection

    from boardpacks.selectors import _historical_models_with_trust

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename FROM pg_indexes WHERE indexdef LIKE %s",
            ["%USING btree (trust_id, history_id)"],
        )
        indexed = {row[0] for row in cursor.fetchall()}
    tables = {model._meta.db_table for model in _historical_models_with_trust()}

    assert tables - indexed == set()


def test_the_fingerprint_of_a_small_trust_beside_a_large_one_reads_the_trusts_index(
    two_trusts,
):
    """Not a walk down a history table's primary key past the large trust's newer rows."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    mine, other = two_trusts
    with connection.cursor() as cursor:
        for model_table in ("plans_historicalragrating", "plans_historicalaction"):
            cursor.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
                "AND column_name <> 'history_id'",
                [model_table],
            )
            columns = ", ".join(f'"{row[0]}"' for row in cursor.fetchall())
            cursor.execute(
                f'INSERT INTO "{model_table}" ({columns}) SELECT {columns} FROM "{model_table}", '
                "generate_series(1, 2000) WHERE trust_id = %s",
                [other.trust.pk],
            )
        cursor.execute("ANALYZE plans_historicalragrating, plans_historicalaction")
    with CaptureQueriesContext(connection) as captured:
        fingerprint(mine)
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + captured.captured_queries[-1]["sql"])
        plan = "\n".join(row[0] for row in cursor.fetchall())

    for table in ("plans_historicalragrating", "plans_historicalaction"):
        # (trust_id, history_id) (an index, or the primary key itself), or trust_id and a sort
        # of its few rows: the trust leads.
        used = re.search(rf"using ({table}_\w+) on {table} ", plan)
        assert used, plan
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT a.attname FROM pg_index x JOIN pg_attribute a "
                "ON a.attrelid = x.indrelid AND a.attnum = x.indkey[0] "
                "WHERE x.indexrelid = %s::regclass",
                [used.group(1)],
            )
            assert cursor.fetchone() == ("trust_id",), plan
