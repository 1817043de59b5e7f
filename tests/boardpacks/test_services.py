import datetime
import hashlib
from pathlib import Path

import pytest
from celery.signals import before_task_publish
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from pypdf import PdfReader

from boardpacks.models import BoardPack, PackStatus
from boardpacks.services import (
    boardpack_claim,
    boardpack_notify,
    boardpack_publish,
    boardpack_render,
    boardpack_request,
    boardpack_sweep,
    boardpack_withdraw,
    pack_path,
)
from plans.review.services import rating_set
from tests.boardpacks.factories import ready_pack


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
    return boardpack_request(
        annual_plan=world.annual_plan,
        term=term or world.terms[1],
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


def test_readers_are_emailed_once_when_a_pack_is_published(mine, other):
    pack = ready_pack(mine, term=mine.terms[1])
    boardpack_publish(pack=pack, acting_user=mine.users["ceo"])

    sent = boardpack_notify(pack_id=pack.pk, trust_id=mine.trust.pk)
    again = boardpack_notify(pack_id=pack.pk, trust_id=mine.trust.pk)

    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted(mine.users[role].email for role in ["admin", "trustee", "governor"])
    assert (sent, again) == (3, 0)
    assert mail.outbox[0].subject == "Board pack published: Spring 2019-20"
    assert f"/t/{mine.trust.slug}/packs/{pack.pk}/" in mail.outbox[0].body
    assert boardpack_notify(pack_id=pack.pk, trust_id=other.trust.pk) == 0


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


def test_the_sweep_sends_a_notification_that_never_left(mine, sent_tasks):
    pack = ready_pack(mine, term=mine.terms[1])
    aged(pack, published_at=an_hour_ago(), published_by=mine.users["ceo"], notified_at=None)

    boardpack_sweep()

    assert ("boardpacks.notify_published", [pack.pk, mine.trust.pk]) in sent_tasks
