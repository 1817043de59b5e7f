import datetime
import hashlib
import weakref
from pathlib import Path

import pytest
from celery.signals import before_task_publish
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from pypdf import PdfReader

from boardpacks import dispatch as boardpacks_dispatch
from boardpacks import pieces
from boardpacks.models import BoardPack, PackStatus
from boardpacks.services import (
    boardpack_claim,
    boardpack_notify,
    boardpack_prepare_next,
    boardpack_publish,
    boardpack_render,
    boardpack_request,
    boardpack_send_next,
    boardpack_sweep,
    boardpack_withdraw,
    pack_path,
)
from notifications.models import OutgoingEmail
from plans.review.services import rating_set, term_reopen
from tests.boardpacks.factories import ready_pack
from tests.factories import mark_submitted


@pytest.fixture
def sent_tasks():
    """(task name, args) of every task sent to the broker during the test."""
    sent = []

    def record(sender=None, body=None, **kwargs):
        sent.append((sender, list(body[0])))

    before_task_publish.connect(record)
    yield sent
    before_task_publish.disconnect(record)


def request_pack(world, term=None, **kwargs):
    """A pack of a submitted term (Spring unless `term` names another)."""
    term = term or world.terms[1]
    if term.status == "open":
        mark_submitted(term)
    return boardpack_request(
        annual_plan=world.annual_plan,
        term=term,
        acting_user=world.users["ceo"],
        **kwargs,
    )


def test_a_request_saves_a_queued_row_and_sends_its_task_only_after_commit(
    mine, django_capture_on_commit_callbacks, sent_tasks
):
    with django_capture_on_commit_callbacks(execute=True):
        pack = request_pack(mine)
        assert BoardPack.objects.filter(pk=pack.pk, status="queued").exists()
        assert sent_tasks == []

    assert sent_tasks == [("boardpacks.render", [pack.pk, mine.trust.pk])]
    pack.refresh_from_db()
    assert (pack.version, pack.status, pack.requested_by) == (1, "queued", mine.users["ceo"])
    assert pack.enqueued_at is not None


def test_a_second_request_for_the_same_inputs_returns_the_same_pack(
    mine, django_capture_on_commit_callbacks, sent_tasks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = request_pack(mine)
    with django_capture_on_commit_callbacks(execute=True):
        second = request_pack(mine)

    assert second.pk == first.pk
    assert second.reused
    assert BoardPack.objects.filter(trust=mine.trust, term=mine.terms[1]).count() == 1
    assert len(sent_tasks) == 1


def test_asking_again_resends_a_pack_whose_task_never_reached_the_broker(
    mine, django_capture_on_commit_callbacks, sent_tasks
):
    first = request_pack(mine)  # its on-commit send never ran, as if the broker was down

    with django_capture_on_commit_callbacks(execute=True):
        again = request_pack(mine)

    assert again.pk == first.pk
    assert sent_tasks == [("boardpacks.render", [first.pk, mine.trust.pk])]


def test_a_changed_rating_makes_the_next_request_a_new_version(mine):
    first = request_pack(mine)
    term_reopen(term=mine.terms[1], reason="One rating was wrong.", acting_user=mine.users["ceo"])
    rating_set(
        action=mine.lead_action,
        term=mine.terms[1],
        status="red",
        commentary="Stalled.",
        acting_user=mine.users["ceo"],
    )

    second = request_pack(mine)

    assert second.pk != first.pk
    assert (first.version, second.version) == (1, 2)


def test_after_publication_the_same_inputs_make_a_new_version(mine):
    first = request_pack(mine)
    BoardPack.objects.filter(pk=first.pk).update(status="ready")
    boardpack_publish(pack=first, acting_user=mine.users["ceo"])

    second = request_pack(mine)

    assert second.pk != first.pk
    assert second.fingerprint == first.fingerprint
    assert second.version == 2


def test_a_failed_pack_is_queued_again_by_a_new_request(mine):
    pack = request_pack(mine)
    BoardPack.objects.filter(pk=pack.pk).update(status="failed", error="Boom", attempts=3)

    again = request_pack(mine)

    assert again.pk == pack.pk
    pack.refresh_from_db()
    assert (pack.status, pack.error, pack.attempts) == ("queued", "", 0)


def test_a_term_still_open_for_rating_is_refused_so_no_draft_reaches_the_board(mine):
    with pytest.raises(ValidationError) as refusal:
        boardpack_request(
            annual_plan=mine.annual_plan, term=mine.terms[1], acting_user=mine.users["ceo"]
        )

    assert "Spring is still open for rating" in str(refusal.value)
    assert not BoardPack.objects.filter(trust=mine.trust, term=mine.terms[1]).exists()


def test_a_term_of_another_trust_or_another_plan_is_refused(mine, other):
    with pytest.raises(ValidationError):
        boardpack_request(
            annual_plan=mine.annual_plan, term=other.terms[0], acting_user=mine.users["ceo"]
        )
    assert not BoardPack.objects.filter(trust=mine.trust, term=other.terms[0]).exists()


def test_only_a_ready_pack_can_be_published_and_publishing_twice_changes_nothing(mine):
    queued = request_pack(mine)
    with pytest.raises(ValidationError):
        boardpack_publish(pack=queued, acting_user=mine.users["ceo"])

    ready = ready_pack(mine, term=mine.terms[1])
    published = boardpack_publish(pack=ready, acting_user=mine.users["ceo"])
    again = boardpack_publish(pack=ready, acting_user=mine.users["admin"])

    assert again.published_at == published.published_at
    assert again.published_by == mine.users["ceo"]


def test_a_withdrawn_pack_cannot_be_published_again(mine):
    pack = mine.extra["pack"]
    boardpack_withdraw(pack=pack, acting_user=mine.users["ceo"])

    with pytest.raises(ValidationError):
        boardpack_publish(pack=pack, acting_user=mine.users["ceo"])
    pack.refresh_from_db()
    assert pack.withdrawn_by == mine.users["ceo"]
    assert not pack.is_published


def test_publishing_queues_one_email_per_board_reader_once_and_none_for_governors(mine, settings):
    settings.SITE_URL = "https://plans.oak.test"
    pack = ready_pack(mine, term=mine.terms[1])

    boardpack_publish(pack=pack, acting_user=mine.users["ceo"])
    boardpack_publish(pack=pack, acting_user=mine.users["ceo"])
    again = boardpack_notify(pack=pack)

    emails = OutgoingEmail.objects.filter(trust=mine.trust, kind="boardpack.published")
    # The publisher (the CEO) is not mailed; the governor never gets the board's pack.
    assert sorted(emails.values_list("to", flat=True)) == sorted(
        mine.users[role].email for role in ["admin", "trustee"]
    )
    assert again == 0
    email = emails.first()
    assert email.subject == "Board pack published: Spring 2019-20"
    assert f"https://plans.oak.test/t/{mine.trust.slug}/packs/{pack.pk}/" in email.body
    pack.refresh_from_db()
    assert pack.notified_at is not None


def cached_styles() -> list:
    """Weak references to the styles of the pages the worker keeps: a style refers to itself,
    so only the cycle collector frees it once its page is dropped."""
    found, stack = (
        [],
        [laid.page._page_box for piece in pieces.CACHE.pieces.values() for laid in piece.pages],
    )
    while stack:
        box = stack.pop()
        if type(box.style).__name__ == "AnonymousStyle":
            found.append(weakref.ref(box.style))
        stack.extend(getattr(box, "children", ()))
    return found


def test_pages_a_worker_drops_to_make_room_are_freed_once_the_next_pack_is_ready(
    mine, other, monkeypatch
):
    pieces.CACHE.clear()
    boardpack_render(boardpack_claim(pack_id=request_pack(mine).pk, trust_id=mine.trust.pk))
    mine_kept = cached_styles()
    assert mine_kept and all(ref() is not None for ref in mine_kept)
    monkeypatch.setattr(pieces.CACHE, "max_pages", 1)  # the other trust's pack pushes mine out

    boardpack_render(boardpack_claim(pack_id=request_pack(other).pk, trust_id=other.trust.pk))

    assert [ref() for ref in mine_kept] == [None] * len(mine_kept)
    pieces.CACHE.clear()


def test_the_claim_takes_a_queued_pack_once_and_only_in_its_own_trust(mine, other):
    pack = request_pack(mine)

    assert boardpack_claim(pack_id=pack.pk, trust_id=other.trust.pk) is None
    claimed = boardpack_claim(pack_id=pack.pk, trust_id=mine.trust.pk)
    assert claimed.status == PackStatus.RENDERING
    assert claimed.attempts == 1
    assert boardpack_claim(pack_id=pack.pk, trust_id=mine.trust.pk) is None


def test_a_render_stores_the_pdf_under_its_trust_with_its_checksum_and_pages(mine):
    pack = boardpack_claim(pack_id=request_pack(mine).pk, trust_id=mine.trust.pk)

    result = boardpack_render(pack)

    pack.refresh_from_db()
    path = pack_path(pack)
    data = path.read_bytes()
    assert (pack.status, pack.progress) == ("ready", 100)
    assert path.parent == Path(settings.PRIVATE_MEDIA_ROOT) / "boardpacks" / str(mine.trust.pk)
    assert pack.checksum == hashlib.sha256(data).hexdigest()
    assert pack.bytes == len(data) == result.bytes
    assert pack.pages == len(PdfReader(path).pages) == result.pages
    assert not list(path.parent.glob(".rendering-*"))  # written aside, then renamed


def test_a_stored_name_that_leaves_the_pack_folder_is_refused(mine):
    pack = mine.extra["pack"]
    pack.file_name = "../../../etc/passwd"

    with pytest.raises(FileNotFoundError):
        pack_path(pack)


def aged(pack, **fields):
    """Move the pack's timestamps into the past."""
    BoardPack.objects.filter(pk=pack.pk).update(**fields)
    pack.refresh_from_db()
    return pack


def an_hour_ago():
    return timezone.now() - datetime.timedelta(hours=1)


def test_the_sweep_sends_a_pack_that_never_reached_the_broker(mine, sent_tasks):
    lost = aged(request_pack(mine), requested_at=an_hour_ago(), enqueued_at=None)
    just_now = request_pack(mine, term=mine.terms[0])

    result = boardpack_sweep()

    assert sent_tasks == [("boardpacks.render", [lost.pk, mine.trust.pk])]
    assert (result.sent, result.unsent) == (1, 0)
    assert BoardPack.objects.get(pk=just_now.pk).enqueued_at is None  # its request sends it


def test_the_sweep_retries_a_render_that_died_and_fails_it_after_the_last_attempt(
    mine, settings, sent_tasks
):
    settings.BOARDPACK_MAX_ATTEMPTS = 2
    long_ago = timezone.now() - datetime.timedelta(seconds=settings.BOARDPACK_STUCK_AFTER + 5)
    pack = request_pack(mine)
    aged(pack, status="rendering", started_at=long_ago, attempts=1, requested_at=long_ago)

    first = boardpack_sweep()
    pack.refresh_from_db()
    assert (first.requeued, pack.status) == (1, "queued")
    assert sent_tasks == [("boardpacks.render", [pack.pk, mine.trust.pk])]

    aged(pack, status="rendering", started_at=long_ago, attempts=2)
    second = boardpack_sweep()
    pack.refresh_from_db()
    assert (second.failed, pack.status) == (1, "failed")
    assert "2 times" in pack.error


def test_the_sweep_leaves_a_render_inside_its_time_limit_alone(mine):
    pack = request_pack(mine)
    aged(pack, status="rendering", started_at=timezone.now(), attempts=1)

    result = boardpack_sweep()

    pack.refresh_from_db()
    assert (result.requeued, result.failed, pack.status) == (0, 0, "rendering")


def test_the_sweep_queues_the_emails_of_a_pack_published_without_them(
    mine, sent_tasks, django_capture_on_commit_callbacks
):
    pack = ready_pack(mine, term=mine.terms[1])
    aged(pack, published_at=an_hour_ago(), published_by=mine.users["ceo"], notified_at=None)

    with django_capture_on_commit_callbacks(execute=True):
        result = boardpack_sweep()

    emails = OutgoingEmail.objects.filter(trust=mine.trust, key__startswith=f"boardpack:{pack.pk}:")
    assert result.notified == 1
    assert emails.count() == 2
    sent = [args for name, args in sent_tasks if name == "notifications.send_email"]
    assert sorted(sent) == sorted([email.pk, mine.trust.pk] for email in emails)


def test_the_boards_pack_never_goes_to_a_local_meeting_and_a_local_pack_only_to_its_own(mine):
    body = mine.extra["local_body"]

    with pytest.raises(ValidationError) as board_to_local:
        request_pack(mine, meeting=mine.extra["local_meeting"])
    with pytest.raises(ValidationError) as local_to_other:
        request_pack(mine, body=body, meeting=mine.extra["other_local_meeting"])
    with pytest.raises(ValidationError):
        request_pack(mine, body=mine.extra["board"])  # packs are for the board or a local body

    assert "cannot go to a meeting of the" in str(board_to_local.value)
    assert f"Choose a meeting of the {body.name}" in str(local_to_other.value)
    assert request_pack(mine, body=body, meeting=mine.extra["local_meeting"]).body == body


def test_versions_count_separately_for_the_board_and_each_local_body(mine):
    board = request_pack(mine)
    local = request_pack(mine, body=mine.extra["local_body"])
    other = request_pack(mine, body=mine.extra["other_local_body"])
    with_summary = request_pack(mine, body=mine.extra["local_body"], include_trust_summary=True)

    assert [board.version, local.version, other.version, with_summary.version] == [1, 1, 1, 2]
    assert len({board.fingerprint, local.fingerprint, with_summary.fingerprint}) == 3


def test_a_local_pack_is_emailed_to_its_governors_only(mine):
    pack = ready_pack(mine, term=mine.terms[1], body=mine.extra["local_body"], version=1)

    boardpack_publish(pack=pack, acting_user=mine.users["ceo"])

    emails = OutgoingEmail.objects.filter(trust=mine.trust, kind="boardpack.published")
    assert list(emails.values_list("to", flat=True)) == [mine.users["governor"].email]
    assert emails.get().subject == f"{mine.extra['local_body'].name} pack published: Spring 2019-20"


def test_reordering_two_actions_makes_a_new_pack(mine):
    from plans.authoring.services import DOWN, action_move

    first = request_pack(mine)
    vision_actions = [a for a in mine.actions if a.objective_id == mine.objectives[0].pk]
    action_move(action=vision_actions[0], direction=DOWN, acting_user=mine.users["ceo"])

    second = request_pack(mine)

    assert second.pk != first.pk and not second.reused
    assert second.fingerprint != first.fingerprint


def test_a_governance_change_makes_a_new_pack(mine):
    from governance.models import Body

    first = request_pack(mine)
    body = Body.objects.filter(trust=mine.trust).first()
    body.name = f"{body.name} (renamed)"
    body.save()

    assert request_pack(mine).pk != first.pk


# A trust's packs render one at a time, so the queue is fair across trusts.


def test_a_trusts_second_pack_waits_for_its_first_while_another_trusts_pack_is_sent(
    mine, other, django_capture_on_commit_callbacks, sent_tasks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = request_pack(mine)
    with django_capture_on_commit_callbacks(execute=True):
        second = request_pack(mine, term=mine.terms[0])
    with django_capture_on_commit_callbacks(execute=True):
        theirs = request_pack(other)

    assert sent_tasks == [
        ("boardpacks.render", [first.pk, mine.trust.pk]),
        ("boardpacks.render", [theirs.pk, other.trust.pk]),
    ]
    assert (second.waiting_for_turn, second.waiting_for_broker) == (True, False)
    second.refresh_from_db()
    assert (second.status, second.enqueued_at) == ("queued", None)


def test_when_a_trusts_render_ends_its_oldest_waiting_pack_is_sent_next(
    mine, django_capture_on_commit_callbacks, sent_tasks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = request_pack(mine)
    waiting = [
        request_pack(mine, term=mine.terms[0]),
        request_pack(mine, body=mine.extra["other_local_body"]),
    ]
    assert boardpack_send_next(trust_id=mine.trust.pk) is None  # the first still holds the turn
    boardpack_render(boardpack_claim(pack_id=first.pk, trust_id=mine.trust.pk))

    sent = boardpack_send_next(trust_id=mine.trust.pk)

    assert sent == waiting[0]
    assert sent_tasks[-1] == ("boardpacks.render", [waiting[0].pk, mine.trust.pk])
    assert boardpack_send_next(trust_id=mine.trust.pk) is None  # now the second holds it


def test_the_sweep_sends_each_trusts_oldest_unsent_pack_and_leaves_the_rest_their_turn(
    mine, other, sent_tasks
):
    older = aged(request_pack(mine), requested_at=an_hour_ago(), enqueued_at=None)
    newer = aged(
        request_pack(mine, term=mine.terms[0]),
        requested_at=an_hour_ago() + datetime.timedelta(minutes=1),
        enqueued_at=None,
    )
    theirs = aged(request_pack(other), requested_at=an_hour_ago(), enqueued_at=None)

    first = boardpack_sweep()
    second = boardpack_sweep()

    assert sorted(sent_tasks) == sorted(
        [
            ("boardpacks.render", [older.pk, mine.trust.pk]),
            ("boardpacks.render", [theirs.pk, other.trust.pk]),
        ]
    )
    assert (first.sent, first.waiting, second.sent, second.waiting) == (2, 0, 0, 1)
    assert BoardPack.objects.get(pk=newer.pk).enqueued_at is None


def test_the_sweep_sends_again_a_task_lost_from_an_empty_queue_but_not_one_still_queued(
    mine, celery_app, redis_available, sent_tasks
):
    celery_app.control.purge()
    pack = request_pack(mine)
    boardpacks_dispatch.send(boardpacks_dispatch.RENDER, pack, what="render")  # in the queue
    aged(pack, requested_at=an_hour_ago(), enqueued_at=an_hour_ago())

    waiting = boardpack_sweep()
    celery_app.control.purge()  # the broker lost it
    lost = boardpack_sweep()

    assert boardpacks_dispatch.queue_depth() == 1  # sent again, once
    assert (waiting.lost, waiting.sent, lost.lost, lost.sent) == (0, 0, 1, 1)
    assert sent_tasks == [("boardpacks.render", [pack.pk, mine.trust.pk])] * 2
    celery_app.control.purge()


def test_after_a_render_page_numbers_are_laid_out_ahead_only_while_no_pack_waits_for_a_worker(
    mine, other, celery_app, redis_available, django_capture_on_commit_callbacks, sent_tasks
):
    pieces.CACHE.clear()
    pack = boardpack_claim(pack_id=request_pack(mine).pk, trust_id=mine.trust.pk)
    boardpack_render(pack)
    with django_capture_on_commit_callbacks(execute=True):
        theirs = request_pack(other)  # sent to the queue, where it waits for a worker

    while_waiting = boardpack_prepare_next(pack=pack)
    boardpack_claim(pack_id=theirs.pk, trust_id=other.trust.pk)  # a worker took it
    when_idle = boardpack_prepare_next(pack=pack)

    pack.refresh_from_db()
    assert sent_tasks == [("boardpacks.render", [theirs.pk, other.trust.pk])]
    assert (while_waiting, when_idle) == (0, (pack.pages - 1) + (pack.pages + 1))
    pieces.CACHE.clear()
    celery_app.control.purge()
