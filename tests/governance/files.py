"""Small real files for upload tests: a PDF, Office Open XML packages and legacy Office files."""

from __future__ import annotations

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n"
    b"0000000101 00000 n \ntrailer<</Size 4/Root 1 0 R>>\nstartxref\n164\n%%EOF\n"
)
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def ooxml(folder: str, *, macros: bool = False) -> bytes:
    """A minimal Office Open XML package whose main part lives in `folder` (word, xl, ppt)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr(f"{folder}/document.xml", "<document/>")
        if macros:
            package.writestr(f"{folder}/vbaProject.bin", b"\x00" * 16)
    return buffer.getvalue()


def ole(stream: str) -> bytes:
    """The start of a legacy Office file: the OLE signature and a directory naming `stream`."""
    return OLE_MAGIC + b"\x00" * 504 + stream.encode("utf-16-le") + b"\x00" * 64


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def pdf_upload(name: str = "report.pdf") -> SimpleUploadedFile:
    return upload(name, PDF)
