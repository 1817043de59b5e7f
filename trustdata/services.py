"""Leaving and erasure: the trust's archive, erasing a person, deleting a whole trust.

An archive is a row first (queued -> building -> ready or failed); its build task is sent by
name once the row is committed, and the sweep re-sends what the broker never got or a worker
dropped. Building twice is harmless: the claim lets one worker through.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import shutil
import string
import tempfile
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import kombu.exceptions
import redis.exceptions
from celery import current_app
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from schools.models import Invitation, Membership, Person, Trust
from trustdata.models import UNFINISHED, ArchiveStatus, TrustArchive
from trustplan.core.history import as_user

logger = logging.getLogger(__name__)

BUILD = "trustdata.build_archive"
BROKER_ERRORS = (kombu.exceptions.OperationalError, redis.exceptions.RedisError, OSError)
FOLDER = "archives"
# A queued archive nobody has picked up after this long is sent again (a repeat is harmless).
REQUEUE_AFTER = timedelta(minutes=5)


def _send_build(archive: TrustArchive) -> bool:
    try:
        current_app.send_task(BUILD, args=[archive.pk, archive.trust_id], retry=False)
    except BROKER_ERRORS as exc:
        logger.warning("archive %s: could not send its build (%s); the sweep will", archive.pk, exc)
        return False
    TrustArchive.objects.filter(pk=archive.pk, trust_id=archive.trust_id).update(
        enqueued_at=timezone.now()
    )
    return True


# Asking for an archive ------------------------------------------------------------------


@transaction.atomic
def archive_request(*, trust: Trust, acting_user) -> TrustArchive:
    """A new archive of the trust, or the one already on its way (asking twice builds once).
    Its build is sent once the row is committed."""
    Trust.objects.select_for_update().filter(pk=trust.pk).get()
    existing = TrustArchive.objects.filter(trust=trust, status__in=UNFINISHED).first()
    if existing is not None:
        existing.reused = True
        if existing.status == ArchiveStatus.QUEUED and existing.enqueued_at is None:
            # Its task never reached the broker: asking again is a good moment to retry.
            transaction.on_commit(lambda: _send_build(existing))
        return existing
    archive = TrustArchive(trust=trust, requested_by=acting_user)
    archive.save()
    archive.reused = False
    transaction.on_commit(lambda: _send_build(archive))
    return archive


# Building (the worker) ------------------------------------------------------------------


def _pending(archive_id: int, trust_id: int):
    return TrustArchive.objects.filter(pk=archive_id, trust_id=trust_id)


def archive_claim(*, archive_id: int, trust_id: int) -> TrustArchive | None:
    """Queued -> building, atomically; None when it is not queued (done, being built, or not
    this trust's), so a repeated task does nothing."""
    claimed = (
        _pending(archive_id, trust_id)
        .filter(status=ArchiveStatus.QUEUED)
        .update(
            status=ArchiveStatus.BUILDING,
            started_at=timezone.now(),
            progress=2,
            stage="Starting",
            error="",
            attempts=F("attempts") + 1,
        )
    )
    if not claimed:
        return None
    return TrustArchive.objects.select_related("trust").get(pk=archive_id, trust_id=trust_id)


def archive_path(file_name: str) -> Path:
    root = (Path(settings.PRIVATE_MEDIA_ROOT) / FOLDER).resolve()
    path = (root / file_name).resolve()
    if not file_name or not path.is_relative_to(root):
        raise FileNotFoundError("no stored archive")
    return path


def archive_build(archive: TrustArchive) -> TrustArchive | None:
    """Build a claimed archive and store it; None if it was taken from this worker meanwhile."""
    from trustdata.archive import build

    folder = Path(settings.PRIVATE_MEDIA_ROOT) / FOLDER / str(archive.trust_id)
    folder.mkdir(parents=True, exist_ok=True)

    def progress(percent: int, stage: str) -> None:
        _pending(archive.pk, archive.trust_id).filter(status=ArchiveStatus.BUILDING).update(
            progress=min(percent, 99), stage=stage[:120]
        )

    with tempfile.NamedTemporaryFile(dir=folder, prefix=".building-", delete=False) as handle:
        try:
            tables, files = build(archive.trust, handle, progress=progress)
            handle.flush()
            os.fsync(handle.fileno())
        except BaseException:
            Path(handle.name).unlink(missing_ok=True)
            raise
    digest = hashlib.sha256()
    with open(handle.name, "rb") as written:
        for chunk in iter(lambda: written.read(1 << 20), b""):
            digest.update(chunk)
    checksum = digest.hexdigest()
    name = f"{archive.trust_id}/archive-{archive.pk}-{checksum[:16]}.zip"
    os.chmod(handle.name, 0o640)
    os.replace(handle.name, archive_path(name))
    done = (
        _pending(archive.pk, archive.trust_id)
        .filter(status=ArchiveStatus.BUILDING)
        .update(
            status=ArchiveStatus.READY,
            progress=100,
            stage="Ready",
            file_name=name,
            bytes=archive_path(name).stat().st_size,
            checksum=checksum,
            tables=tables,
            files=files,
            finished_at=timezone.now(),
        )
    )
    if not done:
        archive_path(name).unlink(missing_ok=True)
        return None
    return TrustArchive.objects.get(pk=archive.pk, trust_id=archive.trust_id)


def archive_fail(*, archive: TrustArchive, error: str) -> None:
    _pending(archive.pk, archive.trust_id).exclude(status=ArchiveStatus.READY).update(
        status=ArchiveStatus.FAILED, error=error[:2000], finished_at=timezone.now()
    )


def archive_release(*, archive: TrustArchive, error: str) -> None:
    """Back to the queue before a retry, so the retried task can claim it."""
    _pending(archive.pk, archive.trust_id).filter(status=ArchiveStatus.BUILDING).update(
        status=ArchiveStatus.QUEUED, progress=0, error=error[:2000]
    )


def archives_remove(*, trust: Trust) -> int:
    """Delete the trust's stored archives (after an erasure they hold a name no longer kept)."""
    removed = 0
    for archive in TrustArchive.objects.filter(trust=trust).exclude(file_name=""):
        with contextlib.suppress(FileNotFoundError):
            archive_path(archive.file_name).unlink(missing_ok=True)
        removed += 1
    TrustArchive.objects.filter(trust=trust).delete()
    return removed


# Erasing a person -----------------------------------------------------------------------

ERASED_NAME = "Erased person"


def _erased_initials(trust_id: int, person_id: int) -> str:
    """Letters only (as initials must be), unique in the trust: X + the id in letters."""
    letters, n = "", person_id
    while True:
        letters = string.ascii_uppercase[n % 26] + letters
        n //= 26
        if n == 0:
            break
    candidate = ("X" + letters)[:10]
    taken = {
        i.lower()
        for i in Person.objects.filter(trust_id=trust_id).values_list("initials", flat=True)
    }
    while candidate.lower() in taken:
        candidate = (candidate + "X")[:10] if len(candidate) < 10 else "X" + candidate[2:] + "X"
    return candidate


@dataclass
class Erasure:
    person_id: int
    name: str
    initials: str
    history_rows: int = 0
    invitations: int = 0
    memberships_ended: int = 0
    account: str = ""  # "anonymised", "kept (a member of other trusts)" or ""
    archives_removed: int = 0
    notes: list[str] = field(default_factory=list)


def _history_models_with(field_name: str):
    for model in apps.get_models():
        if model.__name__.startswith("Historical") and field_name in {
            f.attname for f in model._meta.concrete_fields
        }:
            yield model


@transaction.atomic
def person_erase(*, person: Person, acting_user) -> Erasure:
    """Replace a person's name, initials and contact details everywhere the trust keeps them,
    their history included; end their membership; anonymise their account unless another
    trust still has them. What they did stays, attributed to the erased name."""
    trust_id = person.trust_id
    locked = Person.objects.select_for_update().get(pk=person.pk, trust_id=trust_id)
    initials = _erased_initials(trust_id, locked.pk)
    name = f"{ERASED_NAME} {initials}"
    result = Erasure(person_id=locked.pk, name=name, initials=initials)
    user = locked.user
    locked.full_name, locked.initials, locked.email, locked.job_title = name, initials, "", ""
    as_user(locked, acting_user).save()
    result.history_rows += Person.history.filter(id=locked.pk, trust_id=trust_id).update(
        full_name=name, initials=initials, email="", job_title=""
    )
    invitations = Invitation.objects.filter(trust_id=trust_id, person_id=locked.pk)
    if user is not None:
        invitations = Invitation.objects.filter(trust_id=trust_id).filter(
            Q(person_id=locked.pk) | Q(email__lower=user.email.lower())
        )
    erased_email = f"erased-{trust_id}-{locked.pk}@erased.invalid"
    ids = list(invitations.values_list("pk", flat=True))
    result.invitations = Invitation.objects.filter(pk__in=ids).update(email=erased_email)
    result.history_rows += Invitation.history.filter(trust_id=trust_id, id__in=ids).update(
        email=erased_email
    )
    if user is not None:
        for membership in Membership.objects.filter(trust_id=trust_id, user=user, is_active=True):
            membership.is_active = False
            membership.ended_at = timezone.now()
            as_user(membership, acting_user).save(update_fields=["is_active", "ended_at"])
            result.memberships_ended += 1
        elsewhere = Membership.objects.filter(user=user, is_active=True).exclude(trust_id=trust_id)
        if elsewhere.exists() or user.is_staff:
            # The account is someone else's too: take its name off this trust's history only.
            for model in _history_models_with("history_user_id"):
                if "trust_id" in {f.attname for f in model._meta.concrete_fields}:
                    result.history_rows += model.objects.filter(
                        trust_id=trust_id, history_user_id=user.pk
                    ).update(history_user_id=None)
            result.account = "kept (a member of other trusts); its name is off this trust's history"
        else:
            user.email = f"erased-user-{user.pk}@erased.invalid"
            user.full_name = name
            user.first_name = user.last_name = ""
            user.is_active = False
            user.set_unusable_password()
            user.save()
            result.account = "anonymised and closed"
    result.archives_removed = archives_remove(trust=locked.trust)
    result.notes.append(
        "Board packs already rendered keep what they printed; free text that names the person "
        "(an action's wording, a commentary) is not rewritten."
    )
    return result


# Deleting a trust -----------------------------------------------------------------------


def _trust_files(trust_id: int) -> list[Path]:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    from governance.papers import FOLDER as PAPERS
    from plans.imports.storage import FOLDER as IMPORTS

    return [root / "boardpacks" / str(trust_id), root / PAPERS / str(trust_id),
            root / IMPORTS / str(trust_id), root / FOLDER / str(trust_id)]  # fmt: skip


@dataclass
class Deleted:
    slug: str
    rows: int
    history_rows: int
    users: int


def _tenant_models() -> tuple[list, list]:
    """(models with a trust key, models without one that point at such rows)."""
    tenant, pointing = [], []
    for model in apps.get_models():
        fields = {f.name: f for f in model._meta.concrete_fields}
        trust_field = fields.get("trust")
        if (
            trust_field is not None
            and trust_field.is_relation
            and trust_field.related_model is Trust
        ):
            tenant.append(model)
    tenant_set = set(tenant)
    for model in apps.get_models():
        if model in tenant_set or model is Trust:
            continue
        for f in model._meta.concrete_fields:
            if f.is_relation and f.related_model in tenant_set and f.db_constraint:
                pointing.append((model, f))
    return tenant, pointing


@transaction.atomic
def trust_delete(*, trust: Trust) -> Deleted:
    """Delete the trust, every row and history row it has, its stored files, and the accounts
    that belonged to it alone. Only for a trust marked for deletion whose grace has passed.

    Rows go by plain DELETEs, table by table: the tables protect each other's rows (an action
    its ratings, a term its packs), and PostgreSQL checks the keys at commit, when all of the
    trust's rows are gone together.
    """
    current = Trust.objects.select_for_update().get(pk=trust.pk)
    if current.deletion_due_at is None or current.deletion_due_at > timezone.now():
        raise ValidationError(f"{current.name} is not due to be deleted yet.")
    user_model = get_user_model()
    member_ids = set(Membership.objects.filter(trust=current).values_list("user_id", flat=True))
    tenant, pointing = _tenant_models()
    rows = history_rows = 0
    for model, key in pointing:
        rows += model._base_manager.filter(**{f"{key.name}__trust": current})._raw_delete(
            model._base_manager.db
        )
    for model in tenant:
        rows += model._base_manager.filter(trust=current)._raw_delete(model._base_manager.db)
    for model in _history_models_with("trust_id"):
        history_rows += model.objects.filter(trust_id=current.pk).delete()[0]
    history_rows += Trust.history.filter(id=current.pk).delete()[0]
    slug = current.slug
    rows += Trust.objects.filter(pk=current.pk)._raw_delete(Trust.objects.db)
    lonely = user_model.objects.filter(
        pk__in=member_ids, is_staff=False, is_superuser=False
    ).exclude(memberships__isnull=False)
    users = lonely.count()
    lonely.delete()
    folders = _trust_files(trust.pk)
    transaction.on_commit(lambda: [shutil.rmtree(f, ignore_errors=True) for f in folders])
    return Deleted(slug=slug, rows=rows, history_rows=history_rows, users=users)


def trusts_delete_due() -> list[Deleted]:
    """Delete every trust whose grace period has passed (the sweep calls this)."""
    due = Trust.objects.filter(deletion_due_at__lte=timezone.now()).order_by("deletion_due_at")
    deleted = []
    for trust in due[:20]:
        try:
            deleted.append(trust_delete(trust=trust))
        except (ValidationError, IntegrityError) as exc:
            logger.error("trust %s could not be deleted: %s", trust.slug, exc)
    return deleted


# The sweep ------------------------------------------------------------------------------


@dataclass
class SweepResult:
    sent: int = 0
    requeued: int = 0
    failed: int = 0
    deleted: list[str] = field(default_factory=list)


def trustdata_sweep() -> SweepResult:
    """Re-send archives whose build never reached a worker, take back builds that died, and
    delete trusts whose grace period has passed."""
    result = SweepResult()
    now = timezone.now()
    stuck_before = now - timedelta(seconds=settings.TRUST_ARCHIVE_TIME_LIMIT + 60)
    with transaction.atomic():
        for archive in TrustArchive.objects.select_for_update(skip_locked=True).filter(
            status=ArchiveStatus.BUILDING, started_at__lt=stuck_before
        ):
            if archive.attempts >= 3:
                archive.status = ArchiveStatus.FAILED
                archive.error = "The build stopped without finishing three times."
                archive.finished_at = now
                result.failed += 1
            else:
                archive.status = ArchiveStatus.QUEUED
                archive.progress = 0
                archive.enqueued_at = None
                result.requeued += 1
            archive.save(
                update_fields=["status", "progress", "enqueued_at", "error", "finished_at"]
            )
    waiting = TrustArchive.objects.filter(status=ArchiveStatus.QUEUED).filter(
        Q(enqueued_at__isnull=True, requested_at__lte=now - REQUEUE_AFTER)
        | Q(enqueued_at__lte=now - REQUEUE_AFTER)
    )
    for archive in waiting[:100]:
        result.sent += _send_build(archive)
    result.deleted = [d.slug for d in trusts_delete_due()]
    return result
