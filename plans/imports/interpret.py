"""Reading a plan out of a document: its objectives, key foci and actions, each with the place
it came from, checked against the plan it goes into. Reads the database, never writes.

How each shape is recognised:

- **The header row.** In each table (a Word table, an Excel sheet, the CSV file) the first of
  its first twelve rows in which at least two cells name something this import reads (the
  person's choice for this file, the trust's remembered choice, the trust's own words, or a
  common heading such as "Ref", "Lead", "Success criteria") is the header row. Rows above it
  are read as headings (below). A table with no header row that directly follows one with a
  header, and has as many columns, continues it (Word splits long tables). Any other table is
  left out, and the preview says so.
- **Objectives and key foci down the rows.** A cell merged over several rows, or left empty
  below a filled one, means the same as the cell above: a key focus written once beside four
  actions belongs to all four. A new objective clears the key focus.
- **Objective headings.** A paragraph between tables, or a table row with one cell (merged
  across, or the only one filled), reading "1. Vision: to grow…" or "Strategic objective 2:
  Capacity" starts that objective; what follows belongs to it. Below it, "Objectives:" or
  "Aims:" starts a list of the objective's aims, and "Key foci:" (or "2019-20 Foci:", or the
  trust's own word) starts its list of key foci, numbered or not; the list ends at a table.
  Other text is left out, and the preview lists it.
- **Several actions in one cell.** Each paragraph, line or bullet of an action cell is an
  action (the mapping step can turn this off). The row's other cells are shared out one line
  each when they have as many lines as there are actions, and go to every action otherwise.
  A row with no action but other text continues the action above.
- **References.** "1.1" under objective 1 is reference 1; with no objective given, "2.3"
  places the action under objective 2. One reference for three actions gives 3a, 3b, 3c.
  Actions without one are numbered after the references the file gives in that objective.
- **Owners.** Initials the trust's people have become owners; groups such as "Principals" or
  "all" become the owner note; initials nobody has are offered as new people. With no owners
  column, initials in brackets in the action's text ("… in place (AL/CS)") are read instead.
- **Columns of the key focus or the objective.** A column that belongs to the key focus (or
  the objective) is read once per group: the same text repeated or merged down is one value,
  two different texts for one key focus are an error.

Matching the plan: objectives by number (or by name), key foci by title then number within
their objective, actions by objective and reference. What matches and is the same is left
alone, so importing the same file twice changes nothing the second time. Nothing the file
does not give (a column it lacks) is changed, and nothing is deleted.
"""

from __future__ import annotations

import re
import string
from collections import defaultdict
from dataclasses import dataclass, field

from objectives.models import StrategicObjective, StrategicPlan
from plans.columns import ACTION, KEY_FOCUS, OBJECTIVE, TextColumn, column_texts
from plans.imports.owners import Owners, owners_in_brackets, read_owners
from plans.imports.readers import BULLET, Cell, Document, Para, Paragraph, Row, Table, column_letter
from plans.imports.targets import (
    ACTION_T,
    IGNORE,
    KEY_FOCUS_T,
    OBJECTIVE_T,
    OWNERS,
    REFERENCE,
    SCHOOL,
    HeadingReader,
    Target,
    normalise,
)
from plans.models import Action, ActionOwner, AnnualPlan, ImportFormat, KeyFocus
from schools.models import Person, School, Trust

HEADER_SEARCH_ROWS = 12
NAME_MAX = StrategicObjective._meta.get_field("short_name").max_length
REFERENCE_MAX = Action._meta.get_field("reference").max_length
NOTE_MAX = Action._meta.get_field("owner_note").max_length
AIM_LABELS = {"objectives", "objective", "aims", "aim", "our aims", "objective aims", "purpose"}
FOCI_LABELS = {"foci", "focus", "key foci", "key focus", "priorities", "key priorities",
               "priority", "annual priorities", "this year s foci"}  # fmt: skip
_LABEL = re.compile(r"^(?P<label>[^:]{1,60}?)\s*:\s*(?P<rest>.*)$")
_NUMBERED = re.compile(r"^\(?(?P<number>\d{1,3})\s*[.):]\s*(?P<rest>\S.*)$")
_ONLY_NUMBER = re.compile(r"^(?P<number>\d{1,2})[.)]?$")
_SPLIT_NAME = re.compile(r"\s*(?::|\s[–—-]\s)\s*")
_DOTTED_REFERENCE = re.compile(r"^(?P<objective>\d{1,2})\.(?P<rest>[A-Za-z0-9][A-Za-z0-9.]*)$")


# Places and problems --------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    format: str
    table: int | None = None
    sheet: str = ""
    row: int | None = None
    col: int | None = None
    heading: str = ""
    paragraph: int | None = None

    def __str__(self) -> str:
        if self.paragraph is not None:
            return f"Paragraph {self.paragraph}"
        parts = []
        if self.format == ImportFormat.DOCX:
            parts.append(f"Table {self.table}")
        elif self.format == ImportFormat.XLSX:
            parts.append(f"Sheet “{self.sheet}”")
        if self.row is not None:
            parts.append(f"row {self.row}" if parts else f"Row {self.row}")
        if self.col is not None:
            heading = f" ({self.heading})" if self.heading else ""
            if self.format == ImportFormat.DOCX:
                parts.append(f"cell {self.col + 1}{heading}")
            else:
                parts.append(f"column {column_letter(self.col)}{heading}")
        return ", ".join(parts)

    def at(self, col: int, heading: str = "") -> Place:
        return Place(self.format, self.table, self.sheet, self.row, col, heading)


@dataclass
class Problem:
    place: Place | None
    message: str

    def __str__(self) -> str:
        return f"{self.place}: {self.message}" if self.place else self.message


# What the file gives --------------------------------------------------------------------


@dataclass(eq=False)
class ObjectiveSpec:
    number: int | None
    name: str
    statement: str
    place: Place
    aims: list[str] = field(default_factory=list)
    texts: dict[str, tuple[str, Place]] = field(default_factory=dict)
    alias: ObjectiveSpec | None = None
    existing: StrategicObjective | None = None
    final_number: int | None = None

    def root(self) -> ObjectiveSpec:
        spec = self
        while spec.alias is not None:
            spec = spec.alias
        return spec

    @property
    def label(self) -> str:
        spec = self.root()
        name = spec.existing.short_name if spec.existing else spec.name
        return f"{spec.final_number or spec.number or '?'}. {name}".strip()

    @property
    def is_new(self) -> bool:
        return self.root().existing is None


@dataclass(eq=False)
class FocusSpec:
    objective: ObjectiveSpec
    number: int | None
    title: str
    place: Place
    texts: dict[str, tuple[str, Place]] = field(default_factory=dict)
    existing: KeyFocus | None = None
    changes: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        number = self.existing.number if self.existing else self.number
        return f"{number}. {self.title}" if number else self.title


@dataclass
class NewPerson:
    initials: str
    full_name: str


@dataclass(eq=False)
class ActionSpec:
    objective: ObjectiveSpec | None
    focus: FocusSpec | None
    ref_text: str
    text: str
    place: Place
    owners: Owners = field(default_factory=Owners)
    school_text: str = ""
    texts: dict[str, str] = field(default_factory=dict)
    given: set[str] = field(default_factory=set)  # what the file gives: owners, key_focus …
    reference: str = ""
    generated: bool = False
    people: list[Person | NewPerson] = field(default_factory=list)
    school: School | None = None
    existing: Action | None = None
    changes: list[str] = field(default_factory=list)
    ref_place: Place | None = None
    school_place: Place | None = None
    owners_place: Place | None = None
    preview: RowPreview | None = None

    @property
    def full_reference(self) -> str:
        number = self.objective.root().final_number if self.objective else None
        return f"{number}.{self.reference}" if number else self.reference

    @property
    def owner_initials(self) -> str:
        initials = "/".join(p.initials for p in self.people)
        return " ".join(part for part in [initials, self.owners.note[:NOTE_MAX]] if part)

    @property
    def outcome(self) -> str:
        if self.existing is None:
            return "new"
        return "changed" if self.changes else "unchanged"


@dataclass
class RowPreview:
    place: Place
    objective: ObjectiveSpec | None = None
    foci: list[FocusSpec] = field(default_factory=list)
    actions: list[ActionSpec] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    continued: ActionSpec | None = None  # a row that adds text to the action above


@dataclass
class ColumnFound:
    heading: str
    key: str
    target: Target | None
    source: str
    where: list[str] = field(default_factory=list)
    samples: list[str] = field(default_factory=list)

    @property
    def where_text(self) -> str:
        if len(self.where) <= 3:
            return ", ".join(self.where)
        return f"{self.where[0]} and {len(self.where) - 1} more"


@dataclass
class Reading:
    format: str
    columns: list[ColumnFound]
    objectives: list[ObjectiveSpec]
    foci: list[FocusSpec]
    actions: list[ActionSpec]
    rows: list[RowPreview]
    problems: list[Problem]
    ignored: list[tuple[Place, str]]
    notes: list[str]
    unknown_initials: dict[str, list[Place]]
    new_people: list[NewPerson]
    left_out_initials: list[str]
    has_owner_column: bool
    text_columns: list[TextColumn]

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def new_objectives(self) -> list[ObjectiveSpec]:
        return [o for o in self.objectives if o.existing is None]

    @property
    def new_foci(self) -> list[FocusSpec]:
        return [f for f in self.foci if f.existing is None]

    @property
    def changed_foci(self) -> list[FocusSpec]:
        return [f for f in self.foci if f.existing is not None and f.changes]

    def count(self, outcome: str) -> int:
        return sum(1 for a in self.actions if a.outcome == outcome)

    @property
    def actions_new(self) -> int:
        return self.count("new")

    @property
    def actions_changed(self) -> int:
        return self.count("changed")

    @property
    def actions_same(self) -> int:
        return self.count("unchanged")

    @property
    def changes_anything(self) -> bool:
        return bool(
            self.new_objectives
            or self.new_foci
            or self.changed_foci
            or self.new_people
            or any(a.outcome != "unchanged" for a in self.actions)
        )


# The plan it goes into ------------------------------------------------------------------


@dataclass
class PlanState:
    trust: Trust
    strategic_plan: StrategicPlan
    annual_plan: AnnualPlan | None
    objectives: dict[int, StrategicObjective]
    foci: list[KeyFocus]
    actions: dict[tuple[int, str], Action]
    owners: dict[int, list[str]]  # action id -> initials in order
    people: dict[str, Person]  # upper-case initials -> person
    schools: dict[str, School]  # lower-case code and name -> school
    columns: list[TextColumn]


def load_state(
    *, trust: Trust, strategic_plan: StrategicPlan, annual_plan: AnnualPlan | None, columns
) -> PlanState:
    """What the import compares the file with, in seven queries whatever the plan's size."""
    objectives = {
        o.number: o for o in StrategicObjective.objects.filter(trust=trust, plan=strategic_plan)
    }
    foci: list[KeyFocus] = []
    actions: dict[tuple[int, str], Action] = {}
    owners: dict[int, list[str]] = defaultdict(list)
    if annual_plan is not None:
        foci = list(KeyFocus.objects.filter(trust=trust, annual_plan=annual_plan))
        found = list(Action.objects.filter(trust=trust, annual_plan=annual_plan))
        texts = column_texts(trust, actions=found)
        by_pk = {c.pk: c.key for c in columns}
        for action in found:
            # Its columns' text by key, as the file names them.
            given = texts.get((ACTION, action.pk), {})
            action.column_text = {by_pk[pk]: text for pk, text in given.items() if pk in by_pk}
            actions[(action.objective_id, action.reference.lower())] = action
        links = ActionOwner.objects.filter(trust=trust, action__annual_plan=annual_plan)
        for action_id, initials in links.order_by("position", "id").values_list(
            "action_id", "person__initials"
        ):
            owners[action_id].append(initials.upper())
    people = {p.initials.upper(): p for p in Person.objects.filter(trust=trust)}
    schools: dict[str, School] = {}
    for school in School.objects.filter(trust=trust):
        schools[school.code.lower()] = school
        schools.setdefault(school.name.lower(), school)
    return PlanState(
        trust, strategic_plan, annual_plan, objectives, foci, actions, owners, people,
        schools, columns,
    )  # fmt: skip


# Small readers --------------------------------------------------------------------------


def strip_bullet(text: str) -> str:
    return BULLET.sub("", text, count=1).strip()


def tidy_name(name: str) -> str:
    """ "CAPACITY + COMMITMENT" -> "Capacity + Commitment"; other names as written."""
    name = name.strip().rstrip(".:")
    letters = [c for c in name if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) > 3:
        return string.capwords(name.lower())
    return name


def split_name(rest: str) -> tuple[str, str]:
    """ "Vision: to grow the best in everyone" -> ("Vision", "to grow the best in everyone")."""
    parts = _SPLIT_NAME.split(rest.strip(), maxsplit=1)
    if len(parts) == 2 and parts[0] and parts[1]:
        return tidy_name(parts[0]), parts[1].strip()
    return tidy_name(rest), ""


def _same(a: str, b: str) -> bool:
    return normalise(a) == normalise(b)


# The reader -----------------------------------------------------------------------------


@dataclass
class Options:
    split_actions: bool = True
    owners_in_brackets: bool = True

    @classmethod
    def from_dict(cls, data: dict) -> Options:
        return cls(
            split_actions=bool(data.get("split_actions", True)),
            owners_in_brackets=bool(data.get("owners_in_brackets", True)),
        )


@dataclass
class TableColumn:
    index: int
    heading: str
    target: Target | None


class Interpreter:
    def __init__(
        self,
        document: Document,
        state: PlanState,
        headings: HeadingReader,
        *,
        options: Options,
        people_choices: dict,
        words: dict[str, str],
    ):
        self.document = document
        self.state = state
        self.headings = headings
        self.options = options
        self.people_choices = {k.upper(): v for k, v in (people_choices or {}).items()}
        self.words = words
        self.known_initials = set(state.people)
        self.objective_specs: list[ObjectiveSpec] = []
        self.focus_specs: list[FocusSpec] = []
        self.actions: list[ActionSpec] = []
        self.rows: list[RowPreview] = []
        self.problems: list[Problem] = []
        self.ignored: list[tuple[Place, str]] = []
        self.notes: list[str] = list(document.notes)
        self.columns_found: dict[str, ColumnFound] = {}
        self.objective: ObjectiveSpec | None = None
        self.objective_from_column = False
        self.focus: FocusSpec | None = None  # the key focus of table rows
        self.section: str | None = None
        self.header_seen = False
        self.has_owner_column = False
        self.last_actions: list[ActionSpec] = []
        self._candidate_rows: list[tuple[Table, Row]] = []
        names = {normalise(words["objective"]), normalise(words["objective_plural"])}
        names |= {"objective", "strategic objective", "goal", "key area", "priority"}
        objective_words = "|".join(re.escape(w) for w in sorted(names) if w)
        self.objective_heading = re.compile(
            rf"^(?:(?:{objective_words})\s+)?\(?(?P<number>\d{{1,2}})\s*[.):]?\s+(?P<rest>\S.*)$",
            re.IGNORECASE,
        )
        self.foci_labels = FOCI_LABELS | {
            normalise(words["key_focus"]),
            normalise(words["key_focus_plural"]),
        }
        self.group_columns = {
            normalise(name): column
            for column in state.columns
            if column.level in (OBJECTIVE, KEY_FOCUS)
            for name in (column.heading, *column.synonyms)
        }

    # Places --------------------------------------------------------------------------

    def place(self, table: Table, row: Row) -> Place:
        return Place(self.document.format, table.number, table.name, row.number)

    def problem(self, place: Place | None, message: str, preview: RowPreview | None = None):
        self.problems.append(Problem(place, message))
        if preview is not None:
            preview.problems.append(message)

    # Objectives and key foci ----------------------------------------------------------

    def objective_spec(self, number: int | None, name: str, statement: str, place: Place):
        spec = None
        if number is not None:
            spec = next((s for s in self.objective_specs if s.number == number), None)
        if spec is None and (name or statement):
            spec = next(
                (
                    s
                    for s in self.objective_specs
                    if (name and s.name and _same(s.name, name))
                    or (statement and s.statement and _same(s.statement, statement))
                ),
                None,
            )
            if spec is not None and number is not None and spec.number not in (None, number):
                spec = None
        if spec is None:
            spec = ObjectiveSpec(number, name, statement, place)
            self.objective_specs.append(spec)
        else:
            spec = spec.root()
            if spec.number is None and number is not None:
                spec.number = number
            if name and spec.name and not _same(name, spec.name) and number is not None:
                word = self.words["objective"].lower()
                self.problem(
                    place,
                    f"{word} {number} is called “{name}” here and “{spec.name}” at {spec.place}: "
                    f"one number, one {word}.",
                )
            spec.name = spec.name or name
            spec.statement = spec.statement or statement
        return spec

    def objective_from_text(self, text: str, place: Place) -> ObjectiveSpec | None:
        text = " ".join(text.split())
        if match := _ONLY_NUMBER.match(text):
            return self.objective_spec(int(match["number"]), "", "", place)
        if match := self.objective_heading.match(text):
            name, statement = split_name(match["rest"])
            return self.objective_spec(int(match["number"]), name, statement, place)
        name, statement = split_name(text)
        return self.objective_spec(None, name, statement, place) if name else None

    def focus_spec(self, objective: ObjectiveSpec, text: str, place: Place) -> FocusSpec | None:
        text = " ".join(strip_bullet(text).split()) if not _NUMBERED.match(text) else text
        number = None
        if match := _NUMBERED.match(text.strip()):
            number, text = int(match["number"]), match["rest"].strip()
        text = text.strip()
        if not text:
            return None
        root = objective.root()
        for spec in self.focus_specs:
            if spec.objective.root() is root and _same(spec.title, text):
                if spec.number is None:
                    spec.number = number
                return spec
        spec = FocusSpec(objective, number, text, place)
        self.focus_specs.append(spec)
        return spec

    def group_text(self, owner, key: str, value: str, place: Place, preview=None) -> None:
        if not value:
            return
        current = owner.texts.get(key)
        column = next(c for c in self.state.columns if c.key == key)
        if column.limit and len(value) > column.limit:
            self.problem(
                place,
                f"the “{column.heading}” of {owner.label} is {len(value):,} characters; at "
                f"most {column.limit:,}.",
                preview,
            )
        if current is None:
            owner.texts[key] = (value, place)
        elif current[0] != value:
            self.problem(
                place,
                f"{owner.label} has two different “{column.heading}” texts (the other is at "
                f"{current[1]}); it has one, so give it once.",
                preview,
            )

    # Lines: paragraphs and heading rows ------------------------------------------------

    def line(self, para: Para, place: Place) -> None:
        text = " ".join(para.text.split())
        if not text:
            return
        if match := _LABEL.match(text):
            label, rest = normalise(match["label"]), match["rest"].strip()
            if label in AIM_LABELS:
                self.section = "aims"
                if rest:
                    self.aim(rest, place)
                return
            if label in self.foci_labels:
                self.section = "foci"
                if rest:
                    self.listed_focus(rest, place)
                return
            if label in self.group_columns and self.objective is not None:
                column = self.group_columns[label]
                if column.level == OBJECTIVE:
                    self.section = None
                    self.group_text(self.objective, column.key, rest, place)
                    return
        if para.is_heading:
            self.section = None
            self.heading(text, place)
            return
        if self.section == "foci" and (para.is_list or _NUMBERED.match(text)):
            self.listed_focus(text, place)
            return
        if self.section == "aims" and (para.is_list or BULLET.match(text)):
            self.aim(text, place)
            return
        if self.objective_heading.match(text):
            self.section = None
            self.heading(text, place)
            return
        self.ignored.append((place, text))

    def heading(self, text: str, place: Place) -> None:
        spec = self.objective_from_text(text, place)
        if spec is None:
            self.ignored.append((place, text))
            return
        self.objective = spec
        self.objective_from_column = False
        self.focus = None

    def aim(self, text: str, place: Place) -> None:
        if self.objective is None:
            self.ignored.append((place, text))
            return
        aim = strip_bullet(text)
        aims = self.objective.root().aims
        if aim and aim not in aims:
            aims.append(aim)

    def listed_focus(self, text: str, place: Place) -> None:
        if self.objective is None:
            self.problem(
                place,
                f"“{text[:80]}” is listed as a {self.words['key_focus'].lower()} before any "
                f"{self.words['objective'].lower()}: put it under one.",
            )
            return
        self.focus_spec(self.objective, text, place)

    def row_lines(self, row: Row, place: Place) -> bool:
        """Read a row with one cell as lines (headings, lists); False if it is not one."""
        distinct = []
        for cell in row.cells:
            if cell.text and all(cell is not c for c in distinct):
                distinct.append(cell)
        if len(distinct) != 1:
            return False
        for para in distinct[0].paragraphs:
            self.line(para, place)
        return True

    # Tables ------------------------------------------------------------------------------

    def header_columns(self, table: Table, row: Row) -> list[TableColumn] | None:
        columns: list[TableColumn] = []
        seen: list[Cell] = []
        kinds = set()
        for index, cell in enumerate(row.cells):
            if any(cell is c for c in seen):
                continue  # a heading merged across columns names the first of them
            seen.append(cell)
            target = self.headings.target(cell.text) if cell.text else None
            columns.append(TableColumn(index, cell.text, target))
            if target is not None and target.key != IGNORE:
                kinds.add(target.key)
        return columns if len(kinds) >= 2 else None

    def record_columns(self, table: Table, columns: list[TableColumn], body: list[Row]) -> None:
        where = f"table {table.number}" if not table.name else f"sheet “{table.name}”"
        if self.document.format == ImportFormat.CSV:
            where = "the file"
        for column in columns:
            if not column.heading:
                continue
            key = normalise(column.heading)
            found = self.columns_found.get(key)
            if found is None:
                found = self.columns_found[key] = ColumnFound(
                    column.heading, key, column.target, self.headings.source(column.heading)
                )
            if where not in found.where:
                found.where.append(where)
            for row in body:
                if len(found.samples) >= 2:
                    break
                text = row.text(column.index)
                if text and text not in found.samples:
                    found.samples.append(text[:120])

    def table(self, table: Table, previous: tuple[Table, list[TableColumn]] | None):
        self.section = None
        header_index, columns = None, None
        for index, row in enumerate(table.rows[:HEADER_SEARCH_ROWS]):
            columns = self.header_columns(table, row)
            if columns is not None:
                header_index = index
                break
        if columns is None:
            if previous is not None and previous[0].width == table.width:
                columns, start = previous[1], 0
            else:
                read = [self.row_lines(row, self.place(table, row)) for row in table.rows]
                if not all(read) and any(
                    len([c for c in r.cells if c.text]) > 1 for r in table.rows
                ):
                    what = f"Table {table.number}" if not table.name else f"Sheet “{table.name}”"
                    self.notes.append(
                        f"{what} was left out: no row of it names the columns this import reads."
                    )
                    self._candidates(table)
                return None
        else:
            for row in table.rows[:header_index]:
                place = self.place(table, row)
                if not self.row_lines(row, place) and any(c.text for c in row.cells):
                    self.ignored.append((place, " · ".join(c.text for c in row.cells if c.text)))
            start = header_index + 1
            self.header_seen = True
        self.section = None
        self.check_columns(table, columns)
        self.record_columns(table, columns, table.rows[start:])
        self.last_actions = []
        for row in table.rows[start:]:
            self.data_row(table, row, columns)
        return columns

    def _candidates(self, table: Table) -> None:
        """With no header row anywhere, offer a table's first full row to the mapping step."""
        for row in table.rows[:HEADER_SEARCH_ROWS]:
            filled = [c for c in row.cells if c.text]
            if len(filled) >= 2:
                self._candidate_rows.append((table, row))
                return

    def check_columns(self, table: Table, columns: list[TableColumn]) -> None:
        by_target: dict[str, list[TableColumn]] = defaultdict(list)
        for column in columns:
            if column.target is not None and column.target.key != IGNORE:
                by_target[column.target.key].append(column)
        header_row = None
        for found in by_target.values():
            if len(found) > 1:
                target = found[0].target
                names = " and ".join(f"“{c.heading}”" for c in found)
                header_row = header_row or next(
                    (r for r in table.rows if any(r.text(c.index) == c.heading for c in found)),
                    None,
                )
                place = self.place(table, header_row) if header_row else None
                self.problem(
                    place,
                    f"{names} are both read as {target.label}; choose one on the mapping page "
                    "and mark the other as not used.",
                )
        if OWNERS in by_target:
            self.has_owner_column = True

    def data_row(self, table: Table, row: Row, columns: list[TableColumn]) -> None:
        place = self.place(table, row)
        used = [c for c in columns if c.target is not None and c.target.key != IGNORE]
        distinct: list[Cell] = []
        for cell in row.cells:
            if cell.text and all(cell is not c for c in distinct):
                distinct.append(cell)
        if not distinct:
            return
        if all(row.text(c.index) == c.heading for c in columns if c.heading):
            return  # the header again (as a long table repeats it on each page)
        if len(distinct) == 1:
            only = distinct[0]
            spans_all = all(c is only for c in row.cells) and len(row.cells) > 1
            at = next(c for c in columns if row.cells[c.index] is only)
            kind = at.target.kind if at.target else None
            loose = kind in (None, IGNORE, REFERENCE) and len(only.text) > REFERENCE_MAX
            if spans_all or loose:
                self.row_lines(row, place)
                return
        preview = RowPreview(place)
        cell_of = {c.target.key: c for c in used}

        def cell(key: str) -> tuple[Cell | None, bool, Place | None]:
            column = cell_of.get(key)
            if column is None:
                return None, False, None
            return (
                row.cells[column.index],
                row.merged_above[column.index],
                place.at(column.index, column.heading),
            )

        # The objective: a cell, else the one above, else the heading before the table.
        objective_cell, _, objective_place = cell(OBJECTIVE_T)
        if objective_cell is not None and objective_cell.text:
            spec = self.objective_from_text(objective_cell.text, objective_place)
            if spec is not None and (
                self.objective is None or spec.root() is not self.objective.root()
            ):
                self.focus = None
            self.objective = spec
            self.objective_from_column = True
        preview.objective = self.objective

        # The key focus: a cell (one, or a list of them on a row without an action).
        focus_cell, _, focus_place = cell(KEY_FOCUS_T)
        action_cell, action_merged, action_place = cell(ACTION_T)
        has_action = action_cell is not None and action_cell.text and not action_merged
        if focus_cell is not None and focus_cell.text:
            items = [p.text for p in focus_cell.paragraphs if p.text.strip()]
            if self.objective is None:
                self.problem(
                    focus_place,
                    f"the {self.words['key_focus'].lower()} has no "
                    f"{self.words['objective'].lower()}: give one in a column or a heading.",
                    preview,
                )
            elif len(items) > 1 and has_action:
                self.problem(
                    focus_place,
                    f"an {self.words['action'].lower()} belongs to one "
                    f"{self.words['key_focus'].lower()}, and this cell lists {len(items)}.",
                    preview,
                )
            else:
                if len(items) > 1:
                    preview.foci = [
                        f
                        for f in (self.focus_spec(self.objective, i, focus_place) for i in items)
                        if f
                    ]
                    self.focus = preview.foci[-1] if preview.foci else None
                else:
                    self.focus = self.focus_spec(self.objective, focus_cell.text, focus_place)
                    preview.foci = [self.focus] if self.focus else []
        elif (
            self.focus is not None
            and self.objective is not None
            and self.focus.objective.root() is not self.objective.root()
        ):
            self.focus = None
        if focus_cell is not None and self.focus is not None and not preview.foci:
            preview.foci = [self.focus]

        # Columns of the key focus and the objective: once per group.
        for column in used:
            target = column.target
            if not target.is_text or target.level == ACTION:
                continue
            value = row.cells[column.index].text
            at = place.at(column.index, column.heading)
            if not value:
                continue
            if target.level == KEY_FOCUS:
                if self.focus is None:
                    self.problem(
                        at,
                        f"“{column.heading}” belongs to the {self.words['key_focus'].lower()}, "
                        f"and this row has none.",
                        preview,
                    )
                else:
                    self.group_text(self.focus, target.column.key, value, at, preview)
            elif self.objective is None:
                self.problem(
                    at, f"“{column.heading}” has no {self.words['objective'].lower()}.", preview
                )
            else:
                self.group_text(self.objective.root(), target.column.key, value, at, preview)

        # The actions.
        reference_cell, _, reference_place = cell(REFERENCE)
        owners_cell, _, _ = cell(OWNERS)
        school_cell, _, school_place = cell(SCHOOL)
        action_texts = {
            c.target.column.key: row.cells[c.index]
            for c in used
            if c.target.is_text and c.target.level == ACTION
        }
        text_places = {
            c.target.column.key: place.at(c.index, c.heading)
            for c in used
            if c.target.is_text and c.target.level == ACTION
        }
        owners_column = cell_of.get(OWNERS)
        if action_cell is None:
            if not self.header_seen or not (preview.foci or preview.objective):
                return
            self.rows.append(preview)
            return
        if action_merged or not action_cell.text:
            # No action of its own: text here continues the action above.
            extra = {k: c.text for k, c in action_texts.items() if c.text}
            owners_text = owners_cell.text if owners_cell is not None else ""
            if reference_cell is not None and reference_cell.text and not action_merged:
                self.problem(
                    reference_place,
                    f"the reference {reference_cell.text} has no {self.words['action'].lower()}"
                    " text beside it.",
                    preview,
                )
                self.rows.append(preview)
            elif extra or owners_text:
                if not self.last_actions:
                    self.problem(
                        place,
                        f"this row has text but no {self.words['action'].lower()}, and no "
                        f"{self.words['action'].lower()} above it to continue.",
                        preview,
                    )
                else:
                    target = self.last_actions[-1]
                    for key, value in extra.items():
                        target.texts[key] = "\n".join(
                            t for t in [target.texts.get(key, ""), value] if t
                        )
                        target.given.add("text:" + key)
                    if owners_text:
                        target.owners.add(read_owners(owners_text, self.known_initials))
                        target.given.add("owners")
                    elif owners_cell is None and self.options.owners_in_brackets:
                        for value in extra.values():
                            found = owners_in_brackets(value, self.known_initials)
                            if found:
                                target.owners.add(found)
                                target.given.add("owners")
                    preview.continued = target
                self.rows.append(preview)
            elif preview.foci:
                self.rows.append(preview)
            return

        if self.options.split_actions:
            items = [strip_bullet(p.text) for p in action_cell.paragraphs if p.text.strip()]
        else:
            items = [" ".join(p.text for p in action_cell.paragraphs).strip()]
        items = [i for i in items if i]
        count = len(items)

        def share(cell_: Cell | None) -> list[str]:
            """One text per action: a line each when the counts match, else all to each."""
            if cell_ is None or not cell_.text:
                return [""] * count
            lines = [p.text for p in cell_.paragraphs if p.text.strip()]
            if count > 1 and len(lines) == count:
                return lines
            return [cell_.text] * count

        references = [""] * count
        if reference_cell is not None and reference_cell.text:
            given = [p.text.strip() for p in reference_cell.paragraphs if p.text.strip()]
            if len(given) == count:
                references = given
            elif len(given) == 1:
                references = [
                    given[0] + (string.ascii_lowercase[i] if count > 1 else "")
                    for i in range(count)
                ]
            else:
                self.problem(
                    reference_place,
                    f"{len(given)} references for {count} {self.words['action_plural'].lower()}"
                    ": give one each, or one for all of them.",
                    preview,
                )
        owners_texts = share(owners_cell)
        school_texts = share(school_cell)
        shared_texts = {key: share(c) for key, c in action_texts.items()}
        made = []
        for i, text in enumerate(items):
            objective = self.objective
            dotted = _DOTTED_REFERENCE.match(references[i].strip().rstrip("."))
            if objective is None and dotted:
                # No column and no heading: "2.3" places the action under objective 2.
                objective = self.objective_spec(int(dotted["objective"]), "", "", reference_place)
            spec = ActionSpec(
                objective=objective,
                focus=self.focus,
                ref_text=references[i],
                text=text,
                place=action_place,
                ref_place=reference_place or action_place,
                school_place=school_place,
            )
            if focus_cell is not None:
                spec.given.add("key_focus")
            for key, values in shared_texts.items():
                spec.texts[key] = values[i]
                spec.given.add("text:" + key)
            if owners_cell is not None:
                spec.owners = read_owners(owners_texts[i], self.known_initials)
                spec.owners_place = place.at(owners_column.index, owners_column.heading)
                spec.given.add("owners")
            elif self.options.owners_in_brackets:
                found = Owners()
                for key, value in [(None, text), *spec.texts.items()]:
                    in_text = owners_in_brackets(value, self.known_initials)
                    if in_text and spec.owners_place is None:
                        spec.owners_place = text_places.get(key, action_place)
                    found.add(in_text)
                if found:
                    spec.owners = found
                    spec.given.add("owners")
            if school_cell is not None:
                spec.school_text = school_texts[i].strip()
                spec.given.add("school")
            made.append(spec)
        for spec in made:
            spec.preview = preview
        self.actions.extend(made)
        self.last_actions = made
        preview.actions = made
        self.rows.append(preview)

    # The whole document --------------------------------------------------------------

    def walk(self) -> None:
        previous = None
        for block in self.document.blocks:
            if isinstance(block, Paragraph):
                self.line(block.para, Place(self.document.format, paragraph=block.number))
                previous = None
            else:
                columns = self.table(block, previous)
                previous = (block, columns) if columns is not None else None
        if not self.header_seen:
            for table, row in self._candidate_rows:
                columns = [TableColumn(i, c.text, None) for i, c in enumerate(row.cells) if c.text]
                self.record_columns(table, columns, table.rows[table.rows.index(row) + 1 :])
            self.problem(
                None,
                "No table has a heading row this import recognises (headings such as "
                f"{self.words['action']}, Ref or {self.words['owners']}). Say what each column "
                "holds on the mapping page.",
            )
        elif not self.actions:
            self.problem(
                None,
                f"No {self.words['action_plural'].lower()} were found: check that a column is "
                f"read as {self.words['action']} on the mapping page.",
            )


# Matching the plan ----------------------------------------------------------------------


class Resolver:
    def __init__(self, interpreter: Interpreter):
        self.i = interpreter
        self.state = interpreter.state
        self.words = interpreter.words

    def spec_problem(self, spec: ActionSpec, place: Place | None, message: str) -> None:
        """A problem with one action: listed at the top, and on its row of the preview."""
        self.i.problem(place, message, spec.preview)

    def objectives(self) -> list[ObjectiveSpec]:
        specs = self.i.objective_specs
        numbered = [s for s in specs if s.alias is None and s.number is not None]
        for spec in specs:
            if spec.alias is not None or spec.number is not None:
                continue
            match = next(
                (
                    n
                    for n in numbered
                    if (spec.name and n.name and _same(spec.name, n.name))
                    or (spec.statement and n.statement and _same(spec.statement, n.statement))
                ),
                None,
            )
            if match is not None:
                spec.alias = match
                match.aims += [a for a in spec.aims if a not in match.aims]
                for key, value in spec.texts.items():
                    match.texts.setdefault(key, value)
        roots = [s for s in specs if s.alias is None]
        existing = self.state.objectives
        for spec in roots:
            if spec.number is not None:
                spec.existing = existing.get(spec.number)
                spec.final_number = spec.number
                continue
            spec.existing = next(
                (
                    o
                    for o in existing.values()
                    if (spec.name and _same(o.short_name, spec.name))
                    or (spec.statement and _same(o.statement, spec.statement))
                ),
                None,
            )
            if spec.existing is not None:
                spec.final_number = spec.existing.number
        taken = set(existing) | {s.final_number for s in roots if s.final_number}
        for spec in roots:
            if spec.final_number is None:
                spec.final_number = max(taken, default=0) + 1
                taken.add(spec.final_number)
        word = self.words["objective"]
        for spec in roots:
            if spec.existing is not None:
                if spec.name and not _same(spec.name, spec.existing.short_name):
                    self.i.notes.append(
                        f"The file calls {word.lower()} {spec.final_number} “{spec.name}”; the "
                        f"plan's name for it, “{spec.existing.short_name}”, is kept."
                    )
                continue
            if not spec.name:
                self.i.problem(
                    spec.place,
                    f"{word} {spec.final_number} is not in the plan yet, and the file gives no "
                    f"name for it: write it as “{spec.final_number}. Name: what it sets out to "
                    "do”.",
                )
            elif len(spec.name) > NAME_MAX:
                self.i.problem(
                    spec.place,
                    f"the name of {word.lower()} {spec.final_number} is {len(spec.name)} "
                    f"characters; a name is at most {NAME_MAX}. Put a colon after a short name, "
                    "as in “Vision: to grow the best in everyone”.",
                )
        return sorted(roots, key=lambda s: s.final_number)

    def foci(self) -> list[FocusSpec]:
        by_objective: dict[int, list[KeyFocus]] = defaultdict(list)
        for focus in self.state.foci:
            by_objective[focus.objective_id].append(focus)
        claimed: set[int] = set()
        numbers: dict[int, FocusSpec] = {}
        word = self.words["key_focus"]
        for spec in self.i.focus_specs:
            spec.objective = spec.objective.root()
            existing = spec.objective.existing
            candidates = by_objective.get(existing.pk, []) if existing else []
            match = next(
                (f for f in candidates if f.pk not in claimed and _same(f.title, spec.title)), None
            )
            if match is None and spec.number is not None:
                match = next(
                    (f for f in candidates if f.pk not in claimed and f.number == spec.number),
                    None,
                )
                if match is not None:
                    spec.changes.append("wording")
            if match is not None:
                claimed.add(match.pk)
                spec.existing = match
            if spec.number is not None:
                other = numbers.get(spec.number)
                if other is not None and other is not spec:
                    self.i.problem(
                        spec.place,
                        f"{word.lower()} number {spec.number} is given twice (also at "
                        f"{other.place}): each has its own number.",
                    )
                numbers[spec.number] = spec
        return self.i.focus_specs

    def references(self, actions: list[ActionSpec]) -> None:
        word = self.words["action"]
        for spec in actions:
            ref = spec.ref_text.strip().rstrip(".")
            if not ref:
                continue
            match = _DOTTED_REFERENCE.match(ref)
            if match and spec.objective is not None:
                number = int(match["objective"])
                if spec.objective.root().final_number == number:
                    ref = match["rest"]
                else:
                    self.spec_problem(
                        spec,
                        spec.ref_place,
                        f"the reference {ref} names {self.words['objective'].lower()} {number}, "
                        f"but the row is under {spec.objective.label}. Give the reference "
                        "without the objective's number, or move the row.",
                    )
                    continue
            if len(ref) > REFERENCE_MAX:
                self.spec_problem(
                    spec,
                    spec.ref_place,
                    f"the reference “{ref[:40]}” is {len(ref)} characters; at most "
                    f"{REFERENCE_MAX}.",
                )
                continue
            spec.reference = ref
        by_objective: dict[ObjectiveSpec, list[ActionSpec]] = defaultdict(list)
        for spec in actions:
            if spec.objective is None:
                self.spec_problem(
                    spec,
                    spec.place,
                    f"the {word.lower()} “{spec.text[:60]}” is not under any "
                    f"{self.words['objective'].lower()}: add a column for it, or a heading "
                    "such as “1. Vision” before the table.",
                )
                continue
            spec.objective = spec.objective.root()
            by_objective[spec.objective].append(spec)
        for objective, specs in by_objective.items():
            seen: dict[str, ActionSpec] = {}
            for spec in specs:
                if not spec.reference:
                    continue
                key = spec.reference.lower()
                if key in seen:
                    self.spec_problem(
                        spec,
                        spec.ref_place,
                        f"the reference {objective.final_number}.{spec.reference} is used twice "
                        f"(also at {seen[key].ref_place}); each {word.lower()} of "
                        f"{self.words['objective'].lower()} {objective.final_number} needs its "
                        "own.",
                    )
                seen[key] = spec
            number = 0
            for spec in specs:
                if spec.reference:
                    continue
                number += 1
                while str(number) in seen:
                    number += 1
                spec.reference, spec.generated = str(number), True
                seen[spec.reference] = spec

    def people(self, actions: list[ActionSpec]) -> tuple[list[NewPerson], list[str], dict]:
        unknown: dict[str, list[Place]] = defaultdict(list)
        for spec in actions:
            for initials in spec.owners.initials:
                where = spec.owners_place or spec.place
                if initials not in self.state.people and where not in unknown[initials]:
                    unknown[initials].append(where)
        new_people: dict[str, NewPerson] = {}
        left_out: list[str] = []
        for initials, places in unknown.items():
            choice = self.i.people_choices.get(initials) or {}
            name = (choice.get("name") or "").strip()
            if choice.get("add") is False:
                left_out.append(initials)
            elif choice.get("add") and name:
                new_people[initials] = NewPerson(initials, name[:150])
            else:
                where = "; ".join(str(p) for p in places[:3]) + (" …" if len(places) > 3 else "")
                self.i.problem(
                    None,
                    f"No one in the trust has the initials {initials} ({where}). On the mapping "
                    "page, add them as a new person with their name, or leave them out.",
                )
                for spec in actions:
                    if initials in spec.owners.initials and spec.preview is not None:
                        message = f"nobody in the trust has the initials {initials}"
                        if message not in spec.preview.problems:
                            spec.preview.problems.append(message)
        for spec in actions:
            spec.people = []
            for initials in spec.owners.initials:
                person = self.state.people.get(initials) or new_people.get(initials)
                if person is not None and person not in spec.people:
                    spec.people.append(person)
            if len(spec.owners.note) > NOTE_MAX:
                self.spec_problem(
                    spec,
                    spec.place,
                    f"the owners who are groups (“{spec.owners.note[:60]}…”) come to "
                    f"{len(spec.owners.note)} characters; at most {NOTE_MAX}.",
                )
        return list(new_people.values()), left_out, dict(unknown)

    def actions(self, actions: list[ActionSpec]) -> None:
        limits = {c.key: c for c in self.state.columns if c.limit}
        for spec in actions:
            for key, text in spec.texts.items():
                column = limits.get(key)
                if column is not None and len(text) > column.limit:
                    self.spec_problem(
                        spec,
                        spec.place,
                        f"the “{column.heading}” text is {len(text):,} characters; at most "
                        f"{column.limit:,}.",
                    )
            if spec.objective is None or not spec.reference:
                continue
            if "school" in spec.given and spec.school_text:
                spec.school = self.state.schools.get(spec.school_text.lower())
                if spec.school is None:
                    known = ", ".join(sorted({s.code for s in self.state.schools.values()}))
                    self.spec_problem(
                        spec,
                        spec.school_place,
                        f"no school of the trust is called {spec.school_text} (codes: "
                        f"{known or 'none yet'}).",
                    )
            existing_objective = spec.objective.existing
            if existing_objective is None:
                continue
            current = self.state.actions.get((existing_objective.pk, spec.reference.lower()))
            if current is None:
                continue
            spec.existing = current
            spec.changes = self.differences(spec, current)

    def differences(self, spec: ActionSpec, current: Action) -> list[str]:
        changes = []
        if current.text != spec.text:
            changes.append(self.words["action"].lower())
        for column in self.state.columns:
            if (
                column.level == ACTION
                and "text:" + column.key in spec.given
                and current.column_text.get(column.key, "") != spec.texts.get(column.key, "")
            ):
                changes.append(column.heading)
        if "owners" in spec.given:
            wanted = [p.initials.upper() for p in spec.people]
            if self.state.owners.get(current.pk, []) != wanted or (
                current.owner_note != spec.owners.note[:NOTE_MAX]
            ):
                changes.append(self.words["owners"].lower())
        if "key_focus" in spec.given:
            focus = spec.focus
            wanted_id = focus.existing.pk if focus and focus.existing else None
            if current.key_focus_id != wanted_id or (focus and not focus.existing):
                changes.append(self.words["key_focus"].lower())
        if "school" in spec.given and current.school_id != (
            spec.school.pk if spec.school else None
        ):
            changes.append("school")
        return changes


def read_plan(
    document: Document,
    state: PlanState,
    headings: HeadingReader,
    *,
    options: Options,
    people_choices: dict,
    words: dict[str, str],
) -> Reading:
    """Everything the file says, matched with the plan, with every problem and its place."""
    interpreter = Interpreter(
        document, state, headings, options=options, people_choices=people_choices, words=words
    )
    interpreter.walk()
    resolver = Resolver(interpreter)
    objectives = resolver.objectives()
    foci = resolver.foci()
    resolver.references(interpreter.actions)
    new_people, left_out, unknown = resolver.people(interpreter.actions)
    resolver.actions(interpreter.actions)
    return Reading(
        format=document.format,
        columns=list(interpreter.columns_found.values()),
        objectives=objectives,
        foci=foci,
        actions=interpreter.actions,
        rows=interpreter.rows,
        problems=interpreter.problems,
        ignored=interpreter.ignored,
        notes=interpreter.notes,
        unknown_initials=unknown,
        new_people=new_people,
        left_out_initials=left_out,
        has_owner_column=interpreter.has_owner_column,
        text_columns=state.columns,
    )
