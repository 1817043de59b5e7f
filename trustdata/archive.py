"""The leaving archive: every table of the trust as JSON and CSV, every stored file, a README.

A table is any model with a `trust` key, and the history kept of each (simple-history's
tables carry the trust's id). Secrets are left out: invitation and calendar-link hashes, and
no password ever (the users' table holds names and addresses only).
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.text import get_valid_filename, slugify

from schools.models import Membership, Trust
from trustplan.core import csvcells

# Fields that hold a secret (or its hash): never written out.
SECRET_FIELDS = {"token_hash", "secret_hash", "digest", "password"}
# Our own bookkeeping of archives is not part of what the trust kept.
LEFT_OUT = {"trustdata.TrustArchive", "trustdata.HistoricalTrustArchive"}


@dataclass
class Table:
    name: str  # e.g. plans.Action, or history/plans.Action
    model: type[models.Model]
    queryset: models.QuerySet
    fields: list[str]


def _fields(model: type[models.Model]) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields if f.attname not in SECRET_FIELDS]


def _has_trust_key(model: type[models.Model]) -> bool:
    try:
        field = model._meta.get_field("trust")
    except Exception:
        return False
    return field.is_relation and field.related_model is Trust


def trust_tables(trust: Trust) -> list[Table]:
    """Every table with the trust's rows, in a stable order: the trust itself, its members'
    accounts, each tenant table, then each table's history."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    member_ids = Membership.objects.filter(trust=trust).values("user_id")
    tables = [
        Table("schools.Trust", Trust, Trust.objects.filter(pk=trust.pk), _fields(Trust)),
        Table(
            "accounts.User",
            user_model,
            user_model.objects.filter(pk__in=member_ids),
            ["id", "email", "full_name", "date_joined", "is_active"],
        ),
    ]
    history = []
    for model in sorted(apps.get_models(), key=lambda m: m._meta.label):
        label = model._meta.label
        if label in LEFT_OUT or model is Trust:
            continue
        is_history = model.__name__.startswith("Historical") and hasattr(model, "history_id")
        if is_history:
            base = label.replace(".Historical", ".", 1)
            if base == "schools.Trust":
                queryset = model.objects.filter(id=trust.pk)
            elif "trust_id" in {f.attname for f in model._meta.concrete_fields}:
                queryset = model.objects.filter(trust_id=trust.pk)
            else:
                continue
            history.append(
                Table(f"history/{base}", model, queryset.order_by("history_id"), _fields(model))
            )
        elif _has_trust_key(model):
            tables.append(
                Table(
                    label,
                    model,
                    model._base_manager.filter(trust=trust).order_by("pk"),
                    _fields(model),
                )
            )
    return tables + history


@dataclass
class StoredFile:
    folder: str
    name: str
    path: Path


def _unique(name: str, taken: set[str]) -> str:
    stem, dot, suffix = name.rpartition(".")
    candidate, n = name, 2
    while candidate in taken:
        candidate = f"{stem} ({n}){dot}{suffix}" if dot else f"{name} ({n})"
        n += 1
    taken.add(candidate)
    return candidate


def stored_files(trust: Trust) -> list[StoredFile]:
    """Every file the trust has stored: board packs, meeting papers, imported plan files."""
    from boardpacks.models import BoardPack, PackStatus
    from boardpacks.services import pack_path
    from governance.models import MeetingPaper
    from governance.papers import absolute_path
    from plans.imports.storage import import_path
    from plans.models import PlanImport

    found: list[StoredFile] = []
    taken: set[str] = set()
    packs = BoardPack.objects.filter(trust=trust, status=PackStatus.READY).select_related(
        "term__annual_plan"
    )
    for pack in packs.order_by("requested_at"):
        name = _unique(pack.download_name, taken)
        try:
            found.append(StoredFile("board-packs", name, pack_path(pack)))
        except FileNotFoundError:
            continue
    papers = MeetingPaper.objects.filter(trust=trust).select_related("meeting")
    for paper in papers.order_by("meeting__starts_at", "pk"):
        day = timezone.localtime(paper.meeting.starts_at)
        stem = get_valid_filename(f"{day:%Y-%m-%d} {paper.original_name}")
        found.append(
            StoredFile("meeting-papers", _unique(stem, taken), absolute_path(paper.file_name))
        )
    for upload in PlanImport.objects.filter(trust=trust).exclude(file_name="").order_by("pk"):
        name = _unique(get_valid_filename(f"{upload.pk}-{upload.original_name}"), taken)
        found.append(StoredFile("plan-imports", name, import_path(upload.file_name)))
    return found


def _rows(table: Table) -> Iterator[dict]:
    yield from table.queryset.values(*table.fields).iterator(chunk_size=2000)


def _csv(table: Table, rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csvcells.writer(out)
    writer.writerow(table.fields)
    for row in rows:
        writer.writerow(["" if row[f] is None else _plain(row[f]) for f in table.fields])
    return out.getvalue().encode("utf-8-sig")


def _plain(value) -> str:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def readme(trust: Trust, tables: list[tuple[str, int]], files: list[StoredFile]) -> str:
    lines = [
        f"{trust.name}: everything trustplan kept for the trust",
        "=" * 60,
        "",
        f"Made on {timezone.localtime():%-d %B %Y at %H:%M}.",
        "",
        "tables/   One JSON file and one CSV file per table of the trust's data. Both hold the",
        "          same rows: JSON keeps types (dates, numbers, empty values as null); CSV opens",
        "          in a spreadsheet (UTF-8; a cell that a spreadsheet would run as a formula",
        "          starts with an apostrophe). Columns ending in _id name a row of another",
        "          table by its id (for example action_id is the id column of plans.Action).",
        "history/  The same for the history of each table: every version of every row, with",
        "          history_date, history_type (+ created, ~ changed, - deleted) and",
        "          history_user_id (a row of accounts.User).",
        "files/    Every board pack (PDF), meeting paper and imported plan file stored.",
        "",
        "accounts.User lists the people who were members, with their e-mail addresses;",
        "passwords and the secrets in invitation and calendar links are never included.",
        "",
        "Tables",
        "------",
    ]
    lines += [f"{name}: {count} row{'s' if count != 1 else ''}" for name, count in tables]
    lines += ["", "Files", "-----"]
    lines += [f"files/{f.folder}/{f.name}" for f in files] or ["(none)"]
    return "\n".join(lines) + "\n"


def build(trust: Trust, out, *, progress: Callable[[int, str], None]) -> tuple[int, int]:
    """Write the archive as a zip into `out`; returns (tables, files). `progress(percent,
    stage)` is called as it goes."""
    tables = trust_tables(trust)
    files = stored_files(trust)
    root = f"{slugify(trust.slug)}-trustplan-{timezone.localdate():%Y-%m-%d}"
    counts: list[tuple[str, int]] = []
    steps = len(tables) + len(files) or 1
    done = 0
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for table in tables:
            rows = list(_rows(table))
            folder = "history" if table.name.startswith("history/") else "tables"
            base = table.name.removeprefix("history/")
            archive.writestr(
                f"{root}/{folder}/{base}.json",
                json.dumps(rows, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1),
            )
            archive.writestr(f"{root}/{folder}/{base}.csv", _csv(table, rows))
            counts.append((table.name, len(rows)))
            done += 1
            progress(5 + 85 * done // steps, f"Table {base}")
        written = []
        for stored in files:
            if stored.path.is_file():
                archive.write(stored.path, f"{root}/files/{stored.folder}/{stored.name}")
                written.append(stored)
            done += 1
            progress(5 + 85 * done // steps, f"File {stored.name}")
        archive.writestr(f"{root}/README.txt", readme(trust, counts, written))
    return len(tables), len(written)


def csv_reader(data: bytes) -> list[list[str]]:
    """Read back a CSV the archive wrote (for tests and for anyone checking a copy)."""
    return [
        [csvcells.read_cell(c) for c in row]
        for row in csv.reader(io.StringIO(data.decode("utf-8-sig")))
    ]
