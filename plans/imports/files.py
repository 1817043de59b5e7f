"""Checking a plan file before anything reads it: its size, that it is what its name says,
that it carries no macros, and that it does not expand too far when unzipped.

Word and Excel files are zip packages of XML. Python's zipfile reads each member up to the
size its directory declares, so checking the declared sizes bounds what reading can cost; a
member that claims to shrink more than any real document does is refused as a zip bomb.
OOXML never needs a DTD, so XML that declares one (the route to entity expansion) is refused.
"""

from __future__ import annotations

import contextlib
import io
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

from plans.models import ImportFormat

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PDF_MAGIC = b"%PDF-"
# What a real document compresses to at most; XML is repetitive, but not this repetitive.
MAX_RATIO = 200
RATIO_CHECKED_FROM = 1024 * 1024
MAX_MEMBERS = 5000
MACRO_SUFFIXES = {".docm", ".dotm", ".xlsm", ".xltm", ".xlam", ".xlsb", ".pptm"}
OLD_SUFFIXES = {".doc": "Word 97-2003", ".xls": "Excel 97-2003", ".dot": "Word 97-2003"}
# The folder each package keeps its main part in.
MAIN_PART = {"word/document.xml": "a Word document", "xl/workbook.xml": "an Excel workbook",
             "ppt/presentation.xml": "a PowerPoint presentation"}  # fmt: skip
WANTED_PART = {ImportFormat.DOCX: "word/document.xml", ImportFormat.XLSX: "xl/workbook.xml"}
ACCEPTED = "a Word document (.docx), an Excel workbook (.xlsx) or a CSV file (.csv)"


def refuse(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def format_from_name(name: str) -> ImportFormat:
    suffix = Path(name).suffix.lower()
    if suffix in MACRO_SUFFIXES:
        raise refuse(
            f"“{name}” is a macro-enabled file, and files with macros are refused. Save it as "
            f"{'.xlsx' if suffix.startswith('.x') else '.docx'} (without macros) and upload that.",
            "macros",
        )
    if suffix in OLD_SUFFIXES:
        modern = ".docx" if suffix.startswith(".d") else ".xlsx"
        raise refuse(
            f"“{name}” is in the older {OLD_SUFFIXES[suffix]} format. Open it and save it as "
            f"{modern}, then upload that.",
            "old_format",
        )
    try:
        return ImportFormat(suffix.lstrip("."))
    except ValueError:
        raise refuse(f"“{name}” cannot be imported. Choose {ACCEPTED}.", "type") from None


def check_size(name: str, size: int) -> None:
    limit = settings.PLAN_IMPORT_MAX_BYTES
    if size == 0:
        raise refuse(f"“{name}” is empty.", "empty")
    if size > limit:
        raise refuse(
            f"“{name}” is {filesizeformat(size)}; a plan file may be at most "
            f"{filesizeformat(limit)}.",
            "size",
        )


def _package_kind(names: set[str]) -> str | None:
    return next((kind for part, kind in MAIN_PART.items() if part in names), None)


def check_package(name: str, data: bytes, wanted: ImportFormat) -> None:
    """A .docx or .xlsx must be that kind of package, without macros, and expand safely."""
    label = "Word document" if wanted == ImportFormat.DOCX else "Excel workbook"
    if data.startswith(OLE_MAGIC):
        raise refuse(
            f"“{name}” is an older Office file renamed {Path(name).suffix}. Open it and save it "
            f"as a {label} ({'.' + wanted.value}), then upload that.",
            "content",
        )
    not_it = refuse(f"“{name}” is not a {label}, whatever its name says.", "content")
    if not data.startswith(ZIP_MAGIC):
        raise not_it
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        infos = package.infolist()  # the directory only; nothing is decompressed yet
    except (zipfile.BadZipFile, OSError, ValueError):
        raise not_it from None
    names = {info.filename for info in infos}
    lowered = {n.lower() for n in names}
    if any(n.endswith("vbaproject.bin") or n.endswith("vbadata.xml") for n in lowered):
        raise refuse(
            f"“{name}” contains macros, and files with macros are refused. Save a copy without "
            "macros and upload that.",
            "macros",
        )
    if len(infos) > MAX_MEMBERS:
        raise refuse(f"“{name}” holds {len(infos):,} parts; that is not a plan document.", "bomb")
    expanded = sum(info.file_size for info in infos)
    limit = settings.PLAN_IMPORT_MAX_EXPANDED_BYTES
    if expanded > limit:
        raise refuse(
            f"“{name}” would expand to {filesizeformat(expanded)} when unzipped; a plan file "
            f"may expand to at most {filesizeformat(limit)}.",
            "bomb",
        )
    for info in infos:
        if info.file_size >= RATIO_CHECKED_FROM and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise refuse(
                f"“{name}” has a part that expands {info.file_size // max(info.compress_size, 1):,}"
                " times its size when unzipped, as archive bombs do; it is refused.",
                "bomb",
            )
    if "[Content_Types].xml" not in names:
        raise not_it
    kind = _package_kind(names)
    if kind is None:
        raise not_it
    if WANTED_PART[wanted] not in names:
        raise refuse(
            f"“{name}” is {kind} renamed {Path(name).suffix}, not a {label}. Give it its own "
            "name and upload it again.",
            "content",
        )
    try:
        content_types = package.read("[Content_Types].xml")
        for info in infos:
            if info.filename.endswith((".xml", ".rels")):
                with package.open(info) as member:
                    head = member.read(4096)
                if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                    raise refuse(
                        f"“{name}” declares XML entities, which Office files never need; it is "
                        "refused.",
                        "content",
                    )
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise not_it from None
    if b"macroEnabled" in content_types or b"vbaProject" in content_types:
        raise refuse(
            f"“{name}” is a macro-enabled file, and files with macros are refused. Save it "
            f"as a plain {label} and upload that.",
            "macros",
        )


def check_text(name: str, data: bytes) -> None:
    """A .csv must be text: not an Office file, a zip, a PDF, or binary."""
    if data.startswith(ZIP_MAGIC):
        kind = "a zip package"
        with contextlib.suppress(zipfile.BadZipFile):
            kind = _package_kind(set(zipfile.ZipFile(io.BytesIO(data)).namelist())) or kind
        raise refuse(f"“{name}” is {kind}, not a CSV file, whatever its name says.", "content")
    if data.startswith(OLE_MAGIC) or data.startswith(PDF_MAGIC) or b"\x00" in data[:65536]:
        raise refuse(
            f"“{name}” is not a CSV file, whatever its name says: it is not text.", "content"
        )


def check_file(name: str, data: bytes) -> ImportFormat:
    """The file's format, or a ValidationError saying what is wrong with it."""
    wanted = format_from_name(name)
    check_size(name, len(data))
    if wanted == ImportFormat.CSV:
        check_text(name, data)
    else:
        check_package(name, data, wanted)
    return wanted


def read_upload(upload) -> tuple[ImportFormat, bytes]:
    """Check an uploaded file: its name and size before reading it, then its content."""
    name = Path(upload.name or "file").name
    format_from_name(name)
    check_size(name, upload.size or 0)
    upload.seek(0)
    data = upload.read(settings.PLAN_IMPORT_MAX_BYTES + 1)
    return check_file(name, data), data
