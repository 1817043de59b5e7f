"""Measurements from a CSV file: read and check every row, then save all of them or none.

The file has a header line naming its columns, in any order:

    kpi,period,school,value,comparator,note,date

kpi, period and value are required columns; school, comparator, note and date are optional.
The period is a year of the trust's plans ("2019-20") or a term of one ("Autumn 2019-20"); the
school is a school's code or name, left empty for the trust as a whole. The value is the KPI
kind's own: a number; a milestone's state ("Yes" or "achieved", "in progress", "not
started", "missed"), dated by the date column (the day of the upload when empty); or a
level of a judgement's scale, with its note. A row with no value is skipped, so a template
with empty values can be filled in part. Checking reads the database but never writes; the
preview and the save both check the same text afresh.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils import timezone

from kpis.formatting import describe_measurement, format_value
from kpis.models import JudgementLevel, Kpi, Measurement, MilestoneState
from kpis.periods import Period, trust_periods
from kpis.rules import may_enter_for, own_school_id
from kpis.selectors import trust_kpis, trust_schools
from schools.models import School, Trust
from trustplan.core import csvcells
from trustplan.core.permissions import Perms

REQUIRED_COLUMNS = ("kpi", "period", "value")
OPTIONAL_COLUMNS = ("school", "comparator", "note", "date")
COLUMNS = ("kpi", "period", "school", "value", "comparator", "note", "date")
MAX_BYTES = 1_000_000
MAX_ROWS = 5_000
# A line never needs more cells than there are columns; a little slack for trailing commas.
MAX_COLUMNS = 20
MAX_CELL_LENGTH = 1_000
NOTE_MAX_LENGTH = 300
INTEGER_DIGITS, DECIMAL_PLACES = 12, 4

_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")


class NotANumber(ValueError):
    pass


def parse_number(text: str) -> Decimal:
    """ "96.1", "96.1%", "£12,400", "−1.5" -> Decimal; anything else raises NotANumber."""
    cleaned = text.strip().replace("\u2212", "-").replace(" ", "")
    sign = ""
    if cleaned[:1] in {"+", "-"}:
        sign, cleaned = cleaned[0], cleaned[1:]
    cleaned = cleaned.removeprefix("£").removesuffix("%")
    if _THOUSANDS.fullmatch(cleaned):
        cleaned = cleaned.replace(",", "")
    if not _PLAIN_NUMBER.fullmatch(cleaned):
        raise NotANumber(f"{text.strip()!r} is not a number")
    try:
        number = Decimal(sign + cleaned)
    except InvalidOperation:
        raise NotANumber(f"{text.strip()!r} is not a number") from None
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -DECIMAL_PLACES:
        raise NotANumber(f"{text.strip()!r} has more than {DECIMAL_PLACES} decimal places")
    if abs(number) >= Decimal(10) ** INTEGER_DIGITS:
        raise NotANumber(f"{text.strip()!r} is too large")
    return number


# What a milestone's value may say, in any case and spacing.
MILESTONE_WORDS = {
    "yes": MilestoneState.ACHIEVED,
    "achieved": MilestoneState.ACHIEVED,
    "done": MilestoneState.ACHIEVED,
    "complete": MilestoneState.ACHIEVED,
    "completed": MilestoneState.ACHIEVED,
    "in progress": MilestoneState.IN_PROGRESS,
    "started": MilestoneState.IN_PROGRESS,
    "not started": MilestoneState.NOT_STARTED,
    "not yet started": MilestoneState.NOT_STARTED,
    "missed": MilestoneState.MISSED,
    "not achieved": MilestoneState.MISSED,
}
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d %b %Y", "%d %B %Y")


def parse_state(text: str) -> str:
    """ "Yes", "achieved", "In progress" -> a MilestoneState; anything else raises ValueError."""
    wanted = " ".join(text.replace("_", " ").split()).lower()
    if wanted in MILESTONE_WORDS:
        return MILESTONE_WORDS[wanted]
    raise ValueError(
        f"{text.strip()!r} is not a milestone's state (write achieved or yes, in progress, "
        "not started, or missed)"
    )


def parse_date(text: str) -> datetime.date:
    """ "2020-03-12", "12/03/2020", "12 Mar 2020" -> a date; else ValueError."""
    for form in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(" ".join(text.split()), form).date()
        except ValueError:
            continue
    raise ValueError(f"{text.strip()!r} is not a date (write it as 2020-03-12 or 12/03/2020)")


def parse_level(kpi: Kpi, text: str) -> JudgementLevel:
    """A level of the KPI's scale by its name, in any case; else ValueError."""
    wanted = " ".join(text.split()).lower()
    scale = kpi.scale()
    for level in scale:
        if level.name.lower() == wanted:
            return level
    names = ", ".join(level.name for level in scale)
    raise ValueError(f"{text.strip()!r} is not a level of {kpi.name}'s scale ({names})")


def decode(data: bytes) -> str:
    """The file's text: UTF-8 (with or without a byte-order mark), else Windows-1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


@dataclass
class UploadRow:
    line: int
    kpi: Kpi
    period: Period
    school: School | None
    value: Decimal | None
    comparator_value: Decimal | None
    note: str
    state: str = ""
    state_on: datetime.date | None = None
    level: JudgementLevel | None = None
    existing: Measurement | None = None
    # The version the preview showed (0: no value yet); the confirm step saves against it.
    expected_version: int | None = None

    @property
    def version(self) -> int:
        """The version of the value this row would replace, 0 when there is none."""
        return self.existing.version if self.existing is not None else 0

    @property
    def place(self) -> str:
        school = self.school.name if self.school else "the trust"
        return f"line {self.line} ({self.kpi.name}, {school}, {self.period.label})"

    @property
    def value_text(self) -> str:
        return describe_measurement(self.kpi, self)

    @property
    def comparator_text(self) -> str:
        return (
            ""
            if self.comparator_value is None
            else format_value(self.comparator_value, self.kpi.unit)
        )

    @property
    def change(self) -> str:
        """What saving this row does, in words, for the preview."""
        if self.existing is None:
            return "New value"
        old = self.existing
        if (
            old.value,
            old.comparator_value,
            old.state,
            old.state_on,
            old.level_id,
            old.source_note,
        ) == (
            self.value,
            self.comparator_value,
            self.state,
            self.state_on,
            self.level.pk if self.level else None,
            self.note,
        ):
            return "Unchanged"
        return f"Replaces {describe_measurement(self.kpi, old)}"

    @property
    def level_id(self) -> int | None:
        return self.level.pk if self.level else None


@dataclass
class LineError:
    line: int
    message: str


@dataclass
class Upload:
    rows: list[UploadRow] = field(default_factory=list)
    errors: list[LineError] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)  # lines with no value

    @property
    def versions(self) -> dict[str, int]:
        """{line: version} of every row, carried by the confirm form."""
        return {str(row.line): row.version for row in self.rows}

    def changed_since(self, previewed: dict[str, int]) -> list[UploadRow]:
        """Rows whose stored value is not the one the preview showed; the others are set to
        save against the previewed version."""
        changed = []
        for row in self.rows:
            seen = previewed.get(str(row.line))
            if seen != row.version:
                changed.append(row)
            row.expected_version = seen
        return changed

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)

    def error(self, line: int, message: str) -> None:
        self.errors.append(LineError(line, message))


def _csv_problem(exc: csv.Error) -> str:
    # The csv module stops at its own, larger, cell limit; name ours.
    if "field larger than field limit" in str(exc):
        return f"a cell is longer than {MAX_CELL_LENGTH:,} characters, the most a cell may be"
    return str(exc)


def _too_wide(cells: list[str]) -> str:
    """Why a line cannot be read cell by cell, or "": too many cells, or a cell too long."""
    if len(cells) > MAX_COLUMNS:
        return (
            f"it has {len(cells):,} cells; a line of this file has at most {MAX_COLUMNS} "
            f"(the columns are {', '.join(COLUMNS)})"
        )
    longest = max(map(len, cells), default=0)
    if longest > MAX_CELL_LENGTH:
        return f"a cell is {longest:,} characters long; a cell is at most {MAX_CELL_LENGTH:,}"
    return ""


def _header(upload: Upload, cells: list[str]) -> dict[str, int] | None:
    # Every check here is one pass over the cells: a header of 60,000 columns is refused by
    # _too_wide before any of it, and nothing counts per column (that was quadratic).
    if wide := _too_wide(cells):
        upload.error(1, f"The header line cannot be used: {wide}.")
        return None
    names = [cell.strip().lower() for cell in cells]
    problems = []
    unknown = [name or "(empty)" for name in names if name not in COLUMNS]
    if unknown:
        problems.append(
            f"unknown column{'s' if len(unknown) > 1 else ''} {', '.join(unknown)} "
            f"(the columns are {', '.join(COLUMNS)})"
        )
    counts = Counter(names)
    repeated = sorted(name for name, count in counts.items() if name and count > 1)
    if repeated:
        problems.append(f"column {', '.join(repeated)} appears more than once")
    missing = [name for name in REQUIRED_COLUMNS if name not in names]
    if missing:
        problems.append(f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}")
    if problems:
        upload.error(1, "The header line is wrong: " + "; ".join(problems) + ".")
        return None
    return {name: index for index, name in enumerate(names)}


def parse_upload(*, trust: Trust, text: str, perms: Perms) -> Upload:
    """Check every row of the file and say what saving it would do; writes nothing."""
    upload = Upload()
    if len(text.encode("utf-8")) > MAX_BYTES:
        upload.error(0, f"The file is larger than {MAX_BYTES // 1000} kB; split it into parts.")
        return upload
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header_cells = next(reader)
    except StopIteration:
        upload.error(1, "The file is empty: its first line should name the columns.")
        return upload
    except csv.Error as exc:
        upload.error(1, f"The file cannot be read as CSV: {_csv_problem(exc)}.")
        return upload
    columns = _header(upload, header_cells)
    if columns is None:
        return upload

    kpis = {kpi.name.strip().lower(): kpi for kpi in trust_kpis(trust)}
    schools = trust_schools(trust)
    school_by_code = {school.code.lower(): school for school in schools}
    school_by_name = {school.name.lower(): school for school in schools}
    periods = trust_periods(trust)
    own = own_school_id(perms)
    own_name = next((s.name for s in schools if s.pk == own), "your school")
    today = timezone.localdate()
    seen: dict[tuple, int] = {}

    line = 1
    read = 0
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            upload.error(start, f"This line cannot be read as CSV: {_csv_problem(exc)}.")
            break
        line = start
        read += 1  # empty and skipped lines count too: every line read costs work
        if read > MAX_ROWS:
            upload.error(line, f"The file has more than {MAX_ROWS:,} rows; split it into parts.")
            break
        if wide := _too_wide(cells):
            upload.error(line, f"This line cannot be used: {wide}.")
            continue
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(columns):
            upload.error(
                line, f"This line has {len(cells)} cells but the header names {len(columns)}."
            )
            continue

        def cell(name: str, cells=cells) -> str:
            index = columns.get(name)
            if index is None or index >= len(cells):
                return ""
            return csvcells.read_cell(cells[index].strip()).strip()

        if not cell("value"):
            upload.skipped.append(line)
            continue
        problems: list[str] = []

        kpi = kpis.get(cell("kpi").lower())
        if not cell("kpi"):
            problems.append("the kpi is empty")
        elif kpi is None:
            problems.append(f"there is no KPI called {cell('kpi')!r} in this trust")

        period = periods.by_label(cell("period")) if cell("period") else None
        if not cell("period"):
            problems.append("the period is empty")
        elif period is None:
            years = ", ".join(periods.year_labels) or "none yet"
            problems.append(
                f"{cell('period')!r} is not a year or term of this trust's plans "
                f"(its plan years: {years})"
            )
        elif kpi is not None and kpi.is_termly and period.is_year:
            problems.append(
                f"{kpi.name} is measured termly: give a term, such as Autumn {period.label}"
            )
        elif kpi is not None and not kpi.is_termly and not period.is_year:
            problems.append(
                f"{kpi.name} is measured yearly: give the year "
                f"({period.annual_plan.year_label}), not a term"
            )

        school = None
        school_text = cell("school")
        if school_text:
            school = school_by_code.get(school_text.lower()) or school_by_name.get(
                school_text.lower()
            )
            if school is None:
                problems.append(f"there is no school {school_text!r} in this trust")
        if kpi is not None and school_text and school is not None:
            if not kpi.is_per_school:
                problems.append(f"{kpi.name} is trust-wide: leave the school empty")
            elif not kpi.applies_to(school.pk):
                problems.append(f"{kpi.name} is not measured for {school.name}")
        school_id = school.pk if school else None
        if (
            kpi is not None
            and (school is not None or not school_text)
            and kpi.applies_to(school_id)
            and not may_enter_for(perms, kpi, school_id)
        ):
            problems.append(f"you may enter values for {own_name} only")

        value = comparator_value = level = state_on = None
        state = ""
        if kpi is not None and kpi.is_milestone:
            try:
                state = parse_state(cell("value"))
            except ValueError as exc:
                problems.append(f"the value {exc}")
            try:
                state_on = parse_date(cell("date")) if cell("date") else today
            except ValueError as exc:
                problems.append(f"the date {exc}")
        elif kpi is not None and kpi.is_judgement:
            try:
                level = parse_level(kpi, cell("value"))
            except ValueError as exc:
                problems.append(f"the value {exc}")
            if not cell("note"):
                problems.append(f"{kpi.name} is a judgement: give the note it rests on")
        else:
            try:
                value = parse_number(cell("value"))
            except NotANumber as exc:
                problems.append(f"the value {exc}")
        if kpi is not None and not kpi.is_milestone and cell("date"):
            problems.append(f"{kpi.name} is not a milestone: leave the date empty")
        if cell("comparator"):
            try:
                comparator_value = parse_number(cell("comparator"))
            except NotANumber as exc:
                problems.append(f"the comparator {exc}")
            if kpi is not None and not kpi.comparator_kind:
                problems.append(f"{kpi.name} has no comparator: leave the comparator empty")
        note = cell("note")
        if len(note) > NOTE_MAX_LENGTH:
            problems.append(f"the note is longer than {NOTE_MAX_LENGTH} characters")

        if kpi is not None and period is not None and not problems:
            key = (kpi.pk, period.key, school.pk if school else None)
            if key in seen:
                problems.append(f"it repeats line {seen[key]} (the same KPI, period and school)")
            else:
                seen[key] = line
        if problems:
            upload.error(line, _sentence(problems))
            continue
        upload.rows.append(
            UploadRow(
                line=line,
                kpi=kpi,
                period=period,
                school=school,
                value=value,
                comparator_value=comparator_value,
                note=note,
                state=state,
                state_on=state_on,
                level=level,
            )
        )
    if not upload.rows and not upload.errors:
        upload.error(line, "The file has no rows with a value to save.")
    _attach_existing(trust, upload)
    return upload


def _sentence(problems: list[str]) -> str:
    text = "; ".join(problems)
    return text[0].upper() + text[1:] + "."


def _attach_existing(trust: Trust, upload: Upload) -> None:
    """Each row's current value, for the preview, in one query."""
    if not upload.rows:
        return
    existing = {
        (m.kpi_id, m.annual_plan_id, m.term_id, m.school_id): m
        for m in Measurement.objects.for_trust(trust).filter(
            kpi__in={row.kpi.pk for row in upload.rows}
        )
    }
    for row in upload.rows:
        row.existing = existing.get(
            (
                row.kpi.pk,
                row.period.annual_plan.pk,
                row.period.term.pk if row.period.term else None,
                row.school.pk if row.school else None,
            )
        )


def template_csv(*, trust: Trust, perms: Perms, period_for) -> str:
    """A CSV to fill in: one row per KPI and school this user may enter, values empty.

    period_for(kpi) gives the period to suggest for each KPI.
    """
    out = io.StringIO()
    writer = csvcells.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    schools = trust_schools(trust)
    for kpi in trust_kpis(trust):
        period = period_for(kpi)
        label = period.label if period else ""
        targets = [None, *schools] if kpi.is_per_school else [None]
        for school in targets:
            school_id = school.pk if school else None
            if kpi.applies_to(school_id) and may_enter_for(perms, kpi, school_id):
                writer.writerow([kpi.name, label, school.code if school else "", "", "", "", ""])
    return out.getvalue()
