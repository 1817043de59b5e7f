"""CSV files the product writes: no cell runs as a formula when a spreadsheet opens it.

A cell that begins with =, +, -, @, a tab or a carriage return is a formula to Excel and
LibreOffice ("CSV injection"): a KPI called =HYPERLINK(...) would run in whoever opens the
download. Such cells are written with a leading apostrophe, which spreadsheets show as text;
a plain number such as -1.5 is left alone, since it computes nothing. Every CSV the product
writes goes through `writer`; a file read back (the KPI upload) reads its cells with
`read_cell`, so a downloaded template comes back as it went out.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import IO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")


def safe_cell(value: object) -> str:
    """The cell as text a spreadsheet will not run."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def read_cell(text: str) -> str:
    """A cell as it was before safe_cell: the apostrophe it added is dropped."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


class SafeWriter:
    """csv.writer, with every cell through safe_cell."""

    def __init__(self, out: IO[str], **options):
        self._writer = csv.writer(out, **options)

    def writerow(self, row: Iterable[object]) -> None:
        self._writer.writerow([safe_cell(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(out: IO[str], **options) -> SafeWriter:
    return SafeWriter(out, **options)
