"""Requesting, rendering, publishing and withdrawing board packs.

A pack is a database row first; its render task is sent to the broker only after the row is
committed. If the broker cannot be reached at that moment the row stays queued and the
periodic sweep sends it later, so nothing requested is lost.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max, Q
from django.utils import timezone

from boardpacks import dispatch
from boardpacks.models import BoardPack, PackStatus
from boardpacks.selectors import IN_THE_QUEUE, pack_contents, pack_fingerprint, pack_recipients
from governance.models import Body, BodyKind
from notifications.services import email_queue
from plans.models import AnnualPlan, Term
from plans.selectors import is_submitted
from schools.models import Trust
from trustplan.core.links import absolute_reverse

logger = logging.getLogger(__name__)


def _in_flight(trust_id: int, *, other_than: int | None = None):
    """The trust's packs that hold its turn: rendering, or sent to the queue and not yet
    claimed."""
    packs = BoardPack.objects.filter(trust_id=trust_id).filter(
        Q(status=PackStatus.RENDERING) | IN_THE_QUEUE
    )
    return packs.exclude(pk=other_than) if other_than else packs


def _send_render(pack: BoardPack) -> bool:
    """Send the pack's render task if it is its trust's turn; True when sent.

    A trust's packs render one at a time, in the order they were asked for: while one of its
    packs is in the queue or rendering, the next waits as a row (its turn comes when that one
    ends, `boardpack_send_next`). The queue then holds at most one pack per trust, so a trust
    that asks fifty times waits behind its own packs, never in front of another trust's.
    """
    pack.waiting_for_broker = pack.waiting_for_turn = False
    with transaction.atomic():
        # One decision per trust at a time, so two requests cannot both take the turn. NO KEY
        # UPDATE does not block the key-share locks that inserting the trust's rows takes.
        Trust.objects.select_for_update(no_key=True).filter(pk=pack.trust_id).exists()
        if _in_flight(pack.trust_id, other_than=pack.pk).exists():
            pack.waiting_for_turn = True
            return False
        sent = dispatch.send(dispatch.RENDER, pack, what="render")
        if sent:
            BoardPack.objects.filter(pk=pack.pk, trust_id=pack.trust_id).update(
                enqueued_at=timezone.now()
            )
    pack.waiting_for_broker = not sent
    return sent


def enqueue_render_on_commit(pack: BoardPack) -> None:
    """Send the render task once the row is committed; never lose the row if that fails."""
    pack.waiting_for_broker = pack.waiting_for_turn = False
    transaction.on_commit(lambda: _send_render(pack))


def boardpack_send_next(*, trust_id: int) -> BoardPack | None:
    """A render of the trust has ended: send its oldest waiting pack, if any and if the turn
    is free. The task calls this after every render, whatever its outcome."""
    waiting = (
        BoardPack.objects.filter(trust_id=trust_id, status=PackStatus.QUEUED, enqueued_at=None)
        .order_by("requested_at", "pk")
        .first()
    )
    if waiting is not None and _send_render(waiting):
        return waiting
    return None


# Requesting, publishing, withdrawing.


def check_pack_meeting(*, body: Body | None, meeting) -> None:
    """The trust's pack is the board's: it goes to a meeting of the board or a committee,
    never of a local body; a local body's pack goes to that body's own meetings."""
    if meeting is None:
        return
    meeting_body = meeting.body
    if body is None and meeting_body.kind == BodyKind.LOCAL:
        raise ValidationError(
            {
                "meeting": f"The trust's pack is the board's and cannot go to a meeting of "
                f"the {meeting_body.name}; request a pack for that body instead."
            }
        )
    if body is not None and meeting_body.pk != body.pk:
        raise ValidationError({"meeting": f"Choose a meeting of the {body.name}."})


@transaction.atomic
def boardpack_request(
    *,
    annual_plan: AnnualPlan,
    term: Term,
    acting_user,
    meeting=None,
    body: Body | None = None,
    include_trust_summary: bool = False,
) -> BoardPack:
    """A pack of this term's review: the trust's, for the board, or with `body` a local
    governing body's, limited to its schools (with the trust-wide summary if asked). The same
    inputs again give the same unpublished pack (a failed one is queued again), never a
    second row.

    The returned pack says `reused` (an existing pack was returned) and, once the transaction
    has committed, `waiting_for_broker` (the task could not be sent yet).
    """
    if term.trust_id != annual_plan.trust_id or term.annual_plan_id != annual_plan.pk:
        raise ValidationError("That term is not part of this annual plan.")
    if not is_submitted(term):
        # The board reads submitted terms only; a pack of an open term would carry drafts.
        raise ValidationError(
            {
                "term": f"{term.name} is still open for rating: submit it to the board first, "
                "then its pack can be made."
            }
        )
    if meeting is not None and meeting.trust_id != annual_plan.trust_id:
        raise ValidationError("That meeting does not belong to this trust.")
    if body is not None and (body.trust_id != annual_plan.trust_id or body.kind != BodyKind.LOCAL):
        raise ValidationError("Packs are made for the board or for a local governing body.")
    include_trust_summary = bool(include_trust_summary and body is not None)
    check_pack_meeting(body=body, meeting=meeting)
    # One request per term at a time: the "same inputs" check and the next version number are
    # then race-free (the partial unique constraint is the backstop).
    Term.objects.select_for_update(no_key=True).filter(
        pk=term.pk, trust_id=annual_plan.trust_id
    ).get()
    fingerprint = pack_fingerprint(
        annual_plan=annual_plan,
        term=term,
        meeting=meeting,
        body=body,
        include_trust_summary=include_trust_summary,
    )
    existing = BoardPack.objects.filter(
        trust_id=annual_plan.trust_id, term=term, fingerprint=fingerprint, published_at=None
    ).first()
    if existing is not None:
        existing.reused = True
        existing.waiting_for_broker = existing.waiting_for_turn = False
        if existing.status == PackStatus.FAILED:
            _reset(existing, requested_by=acting_user)
            enqueue_render_on_commit(existing)
        elif existing.status == PackStatus.QUEUED and existing.enqueued_at is None:
            # Its task never reached the broker: asking again is a good moment to retry.
            enqueue_render_on_commit(existing)
        return existing
    latest = BoardPack.objects.filter(
        trust_id=annual_plan.trust_id, term=term, body=body
    ).aggregate(latest=Max("version"))["latest"]
    pack = BoardPack(
        trust_id=annual_plan.trust_id,
        annual_plan=annual_plan,
        term=term,
        meeting=meeting,
        body=body,
        include_trust_summary=include_trust_summary,
        version=(latest or 0) + 1,
        fingerprint=fingerprint,
        requested_by=acting_user,
    )
    pack.save()
    pack.reused = False
    enqueue_render_on_commit(pack)
    return pack


def _reset(pack: BoardPack, *, requested_by) -> None:
    pack.status = PackStatus.QUEUED
    pack.progress = 0
    pack.attempts = 0
    pack.error = ""
    pack.started_at = pack.finished_at = pack.enqueued_at = None
    pack.requested_by = requested_by
    pack.save(
        update_fields=[
            "status",
            "progress",
            "attempts",
            "error",
            "started_at",
            "finished_at",
            "enqueued_at",
            "requested_by",
        ]
    )


@transaction.atomic
def boardpack_publish(*, pack: BoardPack, acting_user) -> BoardPack:
    """Publish a ready pack to its readers and e-mail them. From now on the pack is frozen.

    The e-mails are queued in the same transaction, one row per reader, and sent after it
    commits: a refused address or a lost worker never re-mails anyone or leaves one unsent."""
    current = BoardPack.objects.select_for_update().get(pk=pack.pk, trust_id=pack.trust_id)
    if current.published_at is not None:
        if current.withdrawn_at is not None:
            raise ValidationError(
                "This pack was withdrawn and cannot be published again; request a new version."
            )
        return current
    if current.status != PackStatus.READY:
        raise ValidationError("Only a ready pack can be published; wait until it is rendered.")
    current.published_at = timezone.now()
    current.published_by = acting_user
    current.save(update_fields=["published_at", "published_by"])
    boardpack_notify(pack=current)
    return current


@transaction.atomic
def boardpack_withdraw(*, pack: BoardPack, acting_user) -> BoardPack:
    """Take a published pack away from trustees; the file is kept for the record."""
    current = BoardPack.objects.select_for_update().get(pk=pack.pk, trust_id=pack.trust_id)
    if current.published_at is None:
        raise ValidationError("Only a published pack can be withdrawn.")
    if current.withdrawn_at is not None:
        return current
    current.withdrawn_at = timezone.now()
    current.withdrawn_by = acting_user
    current.save(update_fields=["withdrawn_at", "withdrawn_by"])
    return current


# Rendering (called by the worker).


def _pending(pack_id: int, trust_id: int):
    return BoardPack.objects.filter(pk=pack_id, trust_id=trust_id)


def boardpack_claim(*, pack_id: int, trust_id: int) -> BoardPack | None:
    """Mark a queued pack as rendering, atomically; None when it is not queued (already
    rendered, being rendered, failed, or not this trust's) so a repeat does nothing."""
    now = timezone.now()
    claimed = (
        _pending(pack_id, trust_id)
        .filter(status=PackStatus.QUEUED)
        .update(
            status=PackStatus.RENDERING,
            started_at=now,
            finished_at=None,
            progress=5,
            error="",
            attempts=F("attempts") + 1,
        )
    )
    if not claimed:
        return None
    return (
        BoardPack.objects.select_related("requested_by", "meeting")
        .filter(pk=pack_id, trust_id=trust_id)
        .get()
    )


def _progress(pack: BoardPack, percent: int) -> None:
    _pending(pack.pk, pack.trust_id).filter(status=PackStatus.RENDERING).update(progress=percent)


def pack_path(pack: BoardPack) -> Path:
    """Where the pack's PDF is stored, refusing a stored name that leaves the pack folder."""
    root = (Path(settings.PRIVATE_MEDIA_ROOT) / "boardpacks").resolve()
    path = (root / pack.file_name).resolve()
    if not pack.file_name or not path.is_relative_to(root):
        raise FileNotFoundError(f"board pack {pack.pk} has no stored file")
    return path


def store_pdf(pack: BoardPack, data: bytes, checksum: str) -> str:
    """Write the PDF next to its final name, then rename: readers never see half a file."""
    folder = Path(settings.PRIVATE_MEDIA_ROOT) / "boardpacks" / str(pack.trust_id)
    folder.mkdir(parents=True, exist_ok=True)
    name = f"pack-{pack.pk}-v{pack.version}-{checksum[:16]}.pdf"
    with tempfile.NamedTemporaryFile(dir=folder, prefix=".rendering-", delete=False) as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(handle.name, 0o640)
    os.replace(handle.name, folder / name)
    return f"{pack.trust_id}/{name}"


def pack_lineage(pack: BoardPack) -> tuple:
    """What makes later versions the same pack: the worker reuses its laid-out pieces."""
    return (
        pack.trust_id,
        pack.annual_plan_id,
        pack.term_id,
        pack.body_id,
        pack.meeting_id,
        pack.include_trust_summary,
    )


@dataclass
class RenderResult:
    pages: int
    bytes: int
    seconds: float
    refused: list[str]


def boardpack_render(pack: BoardPack) -> RenderResult | None:
    """Render a claimed pack to its stored PDF and mark it ready. None if it was taken away
    from this worker meanwhile (failed or re-queued by the sweep)."""
    from boardpacks.pieces import CACHE, collector_paused

    if settings.BOARDPACK_RENDER_DELAY:
        time.sleep(settings.BOARDPACK_RENDER_DELAY)
    # The garbage the render leaves is collected once the pack is stored and marked ready:
    # all of it when the worker dropped laid-out pages to make room.
    with collector_paused(full=CACHE.dropped_since):
        return _render_claimed(pack)


def _render_claimed(pack: BoardPack) -> RenderResult | None:
    from boardpacks.render import pack_html, pack_to_pdf

    started = time.monotonic()
    contents = pack_contents(pack)
    _progress(pack, 25)
    html = pack_html(pack, contents)
    _progress(pack, 40)
    rendered = pack_to_pdf(html, lineage=pack_lineage(pack))
    _progress(pack, 90)
    checksum = hashlib.sha256(rendered.data).hexdigest()
    file_name = store_pdf(pack, rendered.data, checksum)
    seconds = round(time.monotonic() - started, 3)
    if rendered.laid_out_pages is not None:
        logger.info(
            "board pack %s: %s pages, %s laid out now, %s reused from the last render",
            pack.pk,
            rendered.pages,
            rendered.laid_out_pages,
            rendered.reused_pages,
        )
    done = (
        _pending(pack.pk, pack.trust_id)
        .filter(status=PackStatus.RENDERING)
        .update(
            status=PackStatus.READY,
            progress=100,
            file_name=file_name,
            pages=rendered.pages,
            bytes=len(rendered.data),
            checksum=checksum,
            render_seconds=seconds,
            finished_at=timezone.now(),
            error="",
        )
    )
    if not done:
        # Someone else owns the pack now; do not leave an orphan file behind.
        stored = Path(settings.PRIVATE_MEDIA_ROOT) / "boardpacks" / file_name
        if not BoardPack.objects.filter(file_name=file_name).exists():
            stored.unlink(missing_ok=True)
        return None
    return RenderResult(rendered.pages, len(rendered.data), seconds, rendered.refused)


def boardpack_prepare_next(*, pack: BoardPack) -> int:
    """After a render, while no pack of any trust waits for a worker: lay out the page numbers
    the pack's next version may need, so that a re-render after a few changed ratings is
    ready sooner. In a rush a pack always waits, and this does nothing."""
    from boardpacks.render import numbers_ahead

    # Across trusts, as the sweep reads.
    if BoardPack.objects.filter(IN_THE_QUEUE).exists():
        return 0
    made = numbers_ahead(lineage=pack_lineage(pack))
    if made:
        logger.info("board pack %s: %s page numbers laid out ahead", pack.pk, made)
    return made


def boardpack_fail(*, pack: BoardPack, error: str) -> None:
    _pending(pack.pk, pack.trust_id).exclude(status=PackStatus.READY).update(
        status=PackStatus.FAILED, error=error[:2000], finished_at=timezone.now()
    )


def boardpack_release(*, pack: BoardPack, error: str) -> None:
    """Put a pack back in the queue before a retry, so the retried task can claim it."""
    _pending(pack.pk, pack.trust_id).filter(status=PackStatus.RENDERING).update(
        status=PackStatus.QUEUED, progress=0, error=error[:2000]
    )


# E-mail to readers.


@transaction.atomic
def boardpack_notify(*, pack: BoardPack) -> int:
    """Queue the publication e-mail for each reader of a published pack, once: one outbox row
    per reader, keyed by pack and user, so queueing again adds nobody twice. Returns how many
    rows it added."""
    current = (
        BoardPack.objects.select_for_update(of=("self",))
        .select_related("trust", "term__annual_plan", "body")
        .get(pk=pack.pk, trust_id=pack.trust_id)
    )
    if current.published_at is None or current.withdrawn_at is not None:
        return 0
    subject, body = notification(current)
    added = 0
    for membership in pack_recipients(current):
        email = email_queue(
            trust_id=current.trust_id,
            key=f"boardpack:{current.pk}:published:user:{membership.user_id}",
            to=membership.user.email,
            subject=subject,
            body=body,
            kind="boardpack.published",
            recipient_id=membership.user_id,
            about=f"boardpack:{current.pk}",
            link=absolute_reverse("boardpack_detail", current.trust.slug, current.pk),
        )
        added += email.created
    if current.notified_at is None:
        current.notified_at = timezone.now()
        current.save(update_fields=["notified_at"])
    pack.notified_at = current.notified_at
    return added


def notification(pack: BoardPack) -> tuple[str, str]:
    """The publication e-mail's subject and body (plain text: nothing in it is markup)."""
    term = pack.term
    link = absolute_reverse("boardpack_detail", pack.trust.slug, pack.pk)
    if pack.body_id:
        subject = f"{pack.body.name} pack published: {term.name} {term.annual_plan.year_label}"
        opening = f"A pack for the {pack.body.name} of {pack.trust.name} has been published"
        circle = "the governing body"
    else:
        subject = f"Board pack published: {term.name} {term.annual_plan.year_label}"
        opening = f"A board pack for {pack.trust.name} has been published"
        circle = "the board"
    body = (
        f"{opening}: {term.name} term {term.annual_plan.year_label}, version {pack.version}, "
        f"{pack.pages} pages.\n\n"
        f"Read or download it after signing in:\n{link}\n\n"
        f"The pack is confidential to {circle}. Please do not forward it.\n"
    )
    return subject, body


# The sweep (run by beat every minute, across every trust).


@dataclass
class SweepResult:
    requeued: int = 0
    failed: int = 0
    sent: int = 0
    unsent: int = 0
    waiting: int = 0  # left for their trust's turn: another of its packs is ahead
    lost: int = 0  # sent, yet neither in the queue nor claimed: sent again
    notified: int = 0  # published packs whose e-mails had not been queued


def boardpack_sweep() -> SweepResult:
    """Nothing requested is lost: retry or fail packs whose render died (still "rendering"
    past the hard time limit), send again packs whose task is neither in the queue nor
    claimed, send each trust's next pack where nobody did, and send notifications that never
    left. Runs across every trust; each task carries its own pack's trust."""
    result = SweepResult()
    now = timezone.now()
    stuck_before = now - timedelta(seconds=settings.BOARDPACK_STUCK_AFTER)
    requeue_before = now - timedelta(seconds=settings.BOARDPACK_REQUEUE_AFTER)
    reset = []
    with transaction.atomic():
        stuck = BoardPack.objects.select_for_update(skip_locked=True).filter(
            status=PackStatus.RENDERING, started_at__lt=stuck_before
        )
        for pack in stuck:
            if pack.attempts >= settings.BOARDPACK_MAX_ATTEMPTS:
                pack.status = PackStatus.FAILED
                pack.error = (
                    f"The render stopped without finishing {pack.attempts} times (the worker "
                    "was lost or ran out of time). Request the pack again to retry."
                )
                pack.finished_at = now
                result.failed += 1
            else:
                pack.status = PackStatus.QUEUED
                pack.progress = 0
                pack.enqueued_at = None
                pack.error = "The worker stopped in the middle of rendering; trying again."
                reset.append(pack.pk)
                result.requeued += 1
            pack.save(update_fields=["status", "progress", "enqueued_at", "error", "finished_at"])

    # A task sent a while ago whose pack is still unclaimed was lost (a broker restarted
    # without its data) only if the queue is empty: in a term-end rush it is just waiting, and
    # sending it again would only lengthen the queue.
    sent_long_ago = BoardPack.objects.filter(
        status=PackStatus.QUEUED, enqueued_at__lte=requeue_before
    )
    if sent_long_ago.exists() and dispatch.queue_depth() == 0:
        result.lost = sent_long_ago.update(enqueued_at=None)

    # Each trust's oldest pack not in the queue: its turn, unless another of its packs is
    # ahead. A just-requested pack is still being sent by its request; leave it a moment.
    unsent = (
        BoardPack.objects.filter(status=PackStatus.QUEUED, enqueued_at=None)
        .filter(Q(requested_at__lte=requeue_before) | Q(pk__in=reset))
        .order_by("trust_id", "requested_at", "pk")
        .distinct("trust_id")
    )
    for pack in unsent[:500]:
        if _send_render(pack):
            result.sent += 1
        elif pack.waiting_for_turn:
            result.waiting += 1
        else:
            result.unsent += 1

    # Published before the outbox existed, or by a transaction that queued no e-mail: queue
    # them now. Each e-mail is then the outbox's to send and retry.
    unnotified = BoardPack.objects.filter(
        notified_at=None, withdrawn_at=None, published_at__lte=requeue_before
    )
    for pack in unnotified[:500]:
        boardpack_notify(pack=pack)
        result.notified += 1
    return result
