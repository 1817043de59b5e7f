"""Meeting papers on disk: type checked by content as well as by name, size limited, stored
under PRIVATE_MEDIA_ROOT (never under a public URL) with a name of our own choosing."""

from __future__ import annotations

import hashlib
import os
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat

from governance.models import PaperKind

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# The stream a legacy Office file must hold, as its directory spells it (UTF-16LE).
OLE_STREAMS = {
    PaperKind.DOC: ["WordDocument"],
    PaperKind.XLS: ["Workbook", "Book"],
    PaperKind.PPT: ["PowerPoint Document"],
}
# The folder an Office Open XML package keeps its main part in.
OOXML_FOLDERS = {PaperKind.DOCX: "word/", PaperKind.XLSX: "xl/", PaperKind.PPTX: "ppt/"}

CONTENT_TYPES = {
    PaperKind.PDF: "application/pdf",
    PaperKind.DOC: "application/msword",
    PaperKind.XLS: "application/vnd.ms-excel",
    PaperKind.PPT: "application/vnd.ms-powerpoint",
    PaperKind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    PaperKind.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    PaperKind.PPTX: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
ACCEPTED = ", ".join(f".{kind}" for kind in PaperKind.values)
FOLDER = "meeting-papers"


def max_bytes() -> int:
    return settings.MEETING_PAPER_MAX_BYTES


def kind_from_name(name: str) -> PaperKind:
    suffix = Path(name).suffix.lower().lstrip(".")
    if suffix not in PaperKind.values:
        raise ValidationError(
            f"“{name}” is not a paper we accept. Upload a PDF or an Office file ({ACCEPTED}).",
            code="type",
        )
    return PaperKind(suffix)


def _ole_has_stream(data: bytes, names: list[str]) -> bool:
    return any(name.encode("utf-16-le") in data for name in names)


def check_content(upload: UploadedFile, kind: PaperKind) -> None:
    """Refuse a file whose first bytes (and, for Office files, whose structure) do not match
    the kind its name claims."""
    mismatch = ValidationError(
        f"“{upload.name}” does not contain what its name says: it is not a real {kind.label} file.",
        code="content",
    )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if kind == PaperKind.PDF:
        if not head.startswith(PDF_MAGIC):
            raise mismatch
    elif kind in OLE_STREAMS:
        # Bounded by the size check that runs first.
        if not head.startswith(OLE_MAGIC) or not _ole_has_stream(upload.read(), OLE_STREAMS[kind]):
            upload.seek(0)
            raise mismatch
    else:
        if not head.startswith(ZIP_MAGIC):
            raise mismatch
        try:
            with zipfile.ZipFile(upload) as package:
                names = package.namelist()  # the directory only; nothing is decompressed
        except zipfile.BadZipFile:
            raise mismatch from None
        folder = OOXML_FOLDERS[kind]
        if "[Content_Types].xml" not in names or not any(n.startswith(folder) for n in names):
            raise mismatch
        if any(n.lower().endswith("vbaproject.bin") for n in names):
            raise ValidationError(
                f"“{upload.name}” contains macros. Save it without macros and upload it again.",
                code="macros",
            )
    upload.seek(0)


def check_paper(upload: UploadedFile) -> PaperKind:
    """The paper's kind, or a ValidationError saying what is wrong with it."""
    kind = kind_from_name(upload.name or "")
    if upload.size == 0:
        raise ValidationError(f"“{upload.name}” is empty.", code="empty")
    if upload.size > max_bytes():
        raise ValidationError(
            f"“{upload.name}” is {filesizeformat(upload.size)}; the limit is "
            f"{filesizeformat(max_bytes())}.",
            code="size",
        )
    check_content(upload, kind)
    return kind


@dataclass
class StoredFile:
    file_name: str
    bytes: int
    checksum: str


def absolute_path(file_name: str) -> Path:
    """The stored file's path, refusing any name that would lead outside the private root."""
    root = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    path = (root / file_name).resolve()
    if not path.is_relative_to(root):
        raise ValueError("a stored file name must stay inside PRIVATE_MEDIA_ROOT")
    return path


def store(upload: UploadedFile, *, trust_id: int, kind: PaperKind) -> StoredFile:
    """Write the upload under a random name of our own; the person's file name is never used."""
    file_name = f"{FOLDER}/{trust_id}/{uuid.uuid4().hex}.{kind.value}"
    path = absolute_path(file_name)
    path.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640)
    upload.seek(0)
    with os.fdopen(descriptor, "wb") as out:
        for chunk in upload.chunks():
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    return StoredFile(file_name=file_name, bytes=size, checksum=digest.hexdigest())


def remove(file_name: str) -> None:
    absolute_path(file_name).unlink(missing_ok=True)
