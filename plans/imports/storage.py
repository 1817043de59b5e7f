"""Imported plan files on disk, under PRIVATE_MEDIA_ROOT (never a public URL), with a name of
our own choosing: the person's file name is kept only as text."""

from __future__ import annotations

import contextlib
import hashlib
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

FOLDER = "plan-imports"


def import_path(file_name: str) -> Path:
    """The stored file's path, refusing any name that would lead outside the folder."""
    root = (Path(settings.PRIVATE_MEDIA_ROOT) / FOLDER).resolve()
    path = (Path(settings.PRIVATE_MEDIA_ROOT) / file_name).resolve()
    if not file_name or not path.is_relative_to(root):
        raise FileNotFoundError("not a stored plan import")
    return path


@dataclass
class Stored:
    file_name: str
    bytes: int
    checksum: str


def store(data: bytes, *, trust_id: int, suffix: str) -> Stored:
    file_name = f"{FOLDER}/{trust_id}/{uuid.uuid4().hex}.{suffix}"
    path = import_path(file_name)
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640)
    with os.fdopen(descriptor, "wb") as out:
        out.write(data)
    return Stored(file_name, len(data), hashlib.sha256(data).hexdigest())


def read(file_name: str) -> bytes:
    return import_path(file_name).read_bytes()


def remove(file_name: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        import_path(file_name).unlink(missing_ok=True)
