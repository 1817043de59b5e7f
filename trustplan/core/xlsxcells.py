"""Excel cells the product writes: text is always text, and never runs as a formula.

openpyxl stores a string that begins with "=" as a formula; every text cell here is written as
a string instead, and one that begins with =, +, -, @, a tab or a carriage return (what
trustplan.core.csvcells guards against in CSV) also gets Excel's "quote prefix", so that editing the
cell in Excel keeps it text. The text itself is unchanged: reading the file back gives exactly
what was written. Characters a workbook cannot hold (control characters) become U+FFFD.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from trustplan.core.csvcells import FORMULA_STARTS


def write(cell, value) -> None:
    """Put `value` in an openpyxl cell: numbers and dates as themselves, anything else as text."""
    if value is None or value == "":
        cell.value = None
        return
    if isinstance(value, bool):
        value = "yes" if value else "no"
    if isinstance(value, (int, float, Decimal, datetime.date, datetime.datetime)):
        cell.value = value
        return
    text = ILLEGAL_CHARACTERS_RE.sub("\ufffd", str(value))
    cell.value = text
    cell.data_type = "s"
    if text.startswith(FORMULA_STARTS):
        cell.quotePrefix = True


def append(sheet, values) -> int:
    """Add a row of values to the sheet; returns its row number."""
    row = sheet.max_row + 1 if sheet.max_row > 1 or sheet["A1"].value is not None else 1
    for column, value in enumerate(values, start=1):
        write(sheet.cell(row=row, column=column), value)
    return row
