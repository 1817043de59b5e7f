"""Reading a plan file into one shape for every format: paragraphs and tables, in order.

A table is a grid: one cell per column in every row, a merged cell repeated in each place it
covers (and marked as the same cell), so a key focus written once beside four actions reads
the same as one written four times. A Word table, an Excel sheet and a CSV file are tables;
paragraphs between Word tables are kept as paragraphs.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError

from plans.models import ImportFormat
from trustplan.core import csvcells

BULLET = re.compile(r"^\s*(?:[•◦▪‣⁃∙·●○■□➢➤►▸⇒→*–—-]|\d{1,2}[.)]|\(?[a-z][.)])\s+")


@dataclass
class Para:
    text: str
    is_list: bool = False
    is_heading: bool = False


@dataclass(eq=False)
class Cell:
    paragraphs: list[Para]

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs).strip()


EMPTY = Cell([])


@dataclass
class Row:
    number: int  # as the person sees it: the sheet's row number, or the table's row counted from 1
    cells: list[Cell]
    merged_above: list[bool]  # per column: the same cell as in the row above

    def text(self, col: int) -> str:
        return self.cells[col].text if col < len(self.cells) else ""


@dataclass
class Table:
    number: int  # 1-based: the n-th table of a document, or sheet
    name: str = ""  # the sheet's name
    rows: list[Row] = field(default_factory=list)

    @property
    def width(self) -> int:
        return max((len(r.cells) for r in self.rows), default=0)


@dataclass
class Paragraph:
    number: int
    para: Para


@dataclass
class Document:
    format: ImportFormat
    blocks: list[Table | Paragraph]
    notes: list[str] = field(default_factory=list)  # what was left unread, and why

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]


class Limits:
    def __init__(self):
        self.rows = settings.PLAN_IMPORT_MAX_ROWS
        self.columns = settings.PLAN_IMPORT_MAX_COLUMNS
        self.cell_chars = settings.PLAN_IMPORT_MAX_CELL_CHARS
        self.rows_seen = 0

    def count_row(self, where: str) -> None:
        self.rows_seen += 1
        if self.rows_seen > self.rows:
            raise ValidationError(
                f"The file has more than {self.rows:,} rows (counting every table); a plan "
                f"file may have at most {self.rows:,}. The limit was passed at {where}.",
                code="rows",
            )

    def check_width(self, width: int, where: str) -> None:
        if width > self.columns:
            raise ValidationError(
                f"{where} has {width:,} columns; a plan file's tables have at most {self.columns}.",
                code="columns",
            )

    def check_cell(self, text: str, where: str) -> None:
        if len(text) > self.cell_chars:
            raise ValidationError(
                f"{where} holds {len(text):,} characters; a cell may hold at most "
                f"{self.cell_chars:,}.",
                code="cell",
            )


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _lines(text: str) -> list[Para]:
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return [Para(line, is_list=bool(BULLET.match(line))) for line in lines if line]


# Word --------------------------------------------------------------------------------------


def read_docx(data: bytes) -> Document:
    from docx import Document as open_docx
    from docx.oxml.ns import qn

    document = open_docx(io.BytesIO(data))
    style_names = {style.style_id: style.name or "" for style in document.styles}
    limits = Limits()
    W_P, W_TBL, W_SDT = qn("w:p"), qn("w:tbl"), qn("w:sdt")
    W_T, W_TAB, W_BR, W_CR = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
    W_VAL = qn("w:val")

    def para_of(p) -> Para:
        parts = []
        for node in p.iter(W_T, W_TAB, W_BR, W_CR):
            if node.tag == W_T:
                parts.append(node.text or "")
            elif node.tag == W_TAB:
                parts.append(" ")
            else:
                parts.append("\n")
        text = re.sub(r"[ \t\xa0]+", " ", "".join(parts)).strip()
        ppr = p.find(qn("w:pPr"))
        style = ""
        numbered = False
        if ppr is not None:
            pstyle = ppr.find(qn("w:pStyle"))
            if pstyle is not None:
                style = style_names.get(pstyle.get(W_VAL), pstyle.get(W_VAL) or "")
            numbered = ppr.find(qn("w:numPr")) is not None
        lowered = style.lower()
        return Para(
            text,
            is_list=numbered or lowered.startswith("list") or bool(BULLET.match(text)),
            is_heading=lowered.startswith(("heading", "title")),
        )

    def cell_paragraphs(tc) -> list[Para]:
        found = []
        for node in tc.iter(W_P):
            para = para_of(node)
            for line in para.text.split("\n"):
                if line.strip():
                    found.append(Para(line.strip(), para.is_list, para.is_heading))
        return found

    def read_table(tbl, number: int) -> Table:
        table = Table(number=number)
        above: dict[int, Cell] = {}
        for row_number, tr in enumerate(tbl.findall(qn("w:tr")), start=1):
            where = f"Table {number}, row {row_number}"
            limits.count_row(where)
            cells: list[Cell] = []
            merged: list[bool] = []
            trpr = tr.find(qn("w:trPr"))
            before = trpr.find(qn("w:gridBefore")) if trpr is not None else None
            for _ in range(int(before.get(W_VAL, "0")) if before is not None else 0):
                cells.append(EMPTY)
                merged.append(False)
            for tc in tr.findall(qn("w:tc")):
                tcpr = tc.find(qn("w:tcPr"))
                span, vmerge = 1, None
                if tcpr is not None:
                    grid_span = tcpr.find(qn("w:gridSpan"))
                    if grid_span is not None:
                        span = max(1, int(grid_span.get(W_VAL, "1")))
                    vm = tcpr.find(qn("w:vMerge"))
                    if vm is not None:
                        vmerge = vm.get(W_VAL, "continue")
                col = len(cells)
                if vmerge == "continue" and col in above:
                    cell, is_merged = above[col], True
                else:
                    cell, is_merged = Cell(cell_paragraphs(tc)), False
                    limits.check_cell(cell.text, f"{where}, cell {col + 1}")
                for _ in range(span):
                    cells.append(cell)
                    merged.append(is_merged)
            limits.check_width(len(cells), f"Table {number}")
            above = dict(enumerate(cells))
            table.rows.append(Row(row_number, cells, merged))
        return table

    blocks: list[Table | Paragraph] = []
    tables = paragraphs = 0

    def walk(parent) -> None:
        nonlocal tables, paragraphs
        for child in parent.iterchildren():
            if child.tag == W_P:
                paragraphs += 1
                para = para_of(child)
                limits.check_cell(para.text, f"Paragraph {paragraphs}")
                for line in para.text.split("\n"):
                    if line.strip():
                        blocks.append(
                            Paragraph(paragraphs, Para(line.strip(), para.is_list, para.is_heading))
                        )
            elif child.tag == W_TBL:
                tables += 1
                blocks.append(read_table(child, tables))
            elif child.tag == W_SDT:
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    walk(content)

    walk(document.element.body)
    return Document(ImportFormat.DOCX, blocks)


# Excel -------------------------------------------------------------------------------------


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def read_xlsx(data: bytes) -> Document:
    import openpyxl

    limits = Limits()
    # First a streaming pass that only counts, so an oversized sheet is refused before the
    # whole workbook is loaded into memory.
    streaming = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        for sheet in streaming.worksheets:
            for number, _ in enumerate(sheet.iter_rows(values_only=True), start=1):
                limits.count_row(f"sheet “{sheet.title}”, row {number}")
    finally:
        streaming.close()
    limits.rows_seen = 0
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=False, data_only=True)
    document = Document(ImportFormat.XLSX, [])
    for index, sheet in enumerate(workbook.worksheets, start=1):
        if sheet.sheet_state != "visible":
            document.notes.append(f"The hidden sheet “{sheet.title}” was not read.")
            continue
        anchors: dict[tuple[int, int], tuple[int, int]] = {}
        for merged in sheet.merged_cells.ranges:
            for r in range(merged.min_row, merged.max_row + 1):
                for c in range(merged.min_col, merged.max_col + 1):
                    anchors[(r, c)] = (merged.min_row, merged.min_col)
        grid = [list(row) for row in sheet.iter_rows(values_only=True)]
        width = 0
        for row in grid:
            for c in range(len(row) - 1, -1, -1):
                if row[c] not in (None, ""):
                    width = max(width, c + 1)
                    break
        limits.check_width(width, f"Sheet “{sheet.title}”")
        table = Table(number=index, name=sheet.title)
        made: dict[tuple[int, int], Cell] = {}
        for r in range(1, len(grid) + 1):
            limits.count_row(f"sheet “{sheet.title}”, row {r}")
            cells, merged_flags = [], []
            for c in range(1, width + 1):
                anchor = anchors.get((r, c), (r, c))
                cell = made.get(anchor)
                if cell is None:
                    ar, ac = anchor
                    value = grid[ar - 1][ac - 1] if ac - 1 < len(grid[ar - 1]) else None
                    text = _cell_text(value)
                    limits.check_cell(
                        text, f"Sheet “{sheet.title}”, row {ar}, column {column_letter(ac - 1)}"
                    )
                    cell = made[anchor] = Cell(_lines(text))
                cells.append(cell)
                merged_flags.append(anchor[0] < r)
            table.rows.append(Row(r, cells, merged_flags))
        document.blocks.append(table)
    workbook.close()
    return document


# CSV ---------------------------------------------------------------------------------------


def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_csv(data: bytes) -> Document:
    text = decode(data)
    limits = Limits()
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    csv.field_size_limit(max(limits.cell_chars * 4, 131072))
    table = Table(number=1)
    try:
        for number, values in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), 1):
            limits.count_row(f"row {number}")
            limits.check_width(len(values), f"Row {number}")
            cells = []
            for c, value in enumerate(values):
                value = csvcells.read_cell(value)
                limits.check_cell(value, f"Row {number}, column {column_letter(c)}")
                cells.append(Cell(_lines(value)))
            table.rows.append(Row(number, cells, [False] * len(cells)))
    except csv.Error as exc:
        raise ValidationError(f"The CSV file cannot be read: {exc}.", code="csv") from None
    width = table.width
    for row in table.rows:
        row.cells += [EMPTY] * (width - len(row.cells))
        row.merged_above += [False] * (width - len(row.merged_above))
    return Document(ImportFormat.CSV, [table])


READERS = {ImportFormat.DOCX: read_docx, ImportFormat.XLSX: read_xlsx, ImportFormat.CSV: read_csv}


def read_document(data: bytes, file_format: str) -> Document:
    """The file as paragraphs and tables; a ValidationError when it cannot be read or passes a
    limit."""
    try:
        return READERS[ImportFormat(file_format)](data)
    except ValidationError:
        raise
    except Exception as exc:  # a damaged package: python-docx and openpyxl raise many kinds
        raise ValidationError(
            f"The file could not be read as {ImportFormat(file_format).label}: it may be "
            f"damaged ({type(exc).__name__}).",
            code="damaged",
        ) from None
