"""The trust's text columns and their values: the one place every page, form, the import, the
export, the pack and the history read them from, and the one service that writes them.

A column (plans.models.PlanColumn) is named by the trust ("Measuring success", "Evidence +
Evaluation"), belongs to the action, the key focus or the objective, and says where it shows:
the plan page, the rating grid (collapsed), the action page, the board pack. Its values are
ColumnValue rows, one per column and owner. Reads are batched: the values of a page's rows
cost one query, however many rows and columns.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from simple_history.utils import bulk_create_with_history

from plans.models import ColumnLevel, ColumnValue, PlanColumn
from schools.models import Trust
from trustplan.core.history import as_user
from trustplan.core.tenancy import access
from trustplan.core.words import Word

ACTION, KEY_FOCUS, OBJECTIVE = ColumnLevel.ACTION, ColumnLevel.KEY_FOCUS, ColumnLevel.OBJECTIVE
LEVELS = (OBJECTIVE, KEY_FOCUS, ACTION)
LEVEL_WORDS = {ACTION: "action", KEY_FOCUS: "key_focus", OBJECTIVE: "objective"}
# Where a column shows: the name of the page, and the column's flag for it.
PLACES = {"plan": "on_plan", "grid": "on_grid", "action": "on_action", "pack": "on_pack"}

# Headings trusts use for the same kind of column, beside the trust's own (the import).
SUCCESS_SYNONYMS = (
    "kpi", "kpis", "key performance indicator", "key performance indicators",
    "key performance indicators impact", "kpis impact", "impact", "success criteria",
    "success criterion", "measuring success", "what success will look like",
    "success will look like", "monitoring", "outcome", "outcomes", "measures",
    "success measures", "intended impact", "milestones",
)  # fmt: skip
EVIDENCE_SYNONYMS = (
    "evidence", "evidence evaluation", "evidence and evaluation", "evaluation", "progress",
    "review", "comments", "update", "rag commentary", "evidence of impact",
)  # fmt: skip
_SYNONYMS = {"kpis": SUCCESS_SYNONYMS, "evidence": EVIDENCE_SYNONYMS}
# A year's evidence and evaluation is that year's: next year's plan starts without it.
NOT_CARRIED = {"evidence"}


# The columns ------------------------------------------------------------------------------


def trust_columns(
    trust: Trust | int, *, level: str | None = None, place: str | None = None
) -> list[PlanColumn]:
    """The trust's columns in order (one query); of one level, shown in one place."""
    columns = PlanColumn.objects.filter(trust_id=getattr(trust, "pk", trust)).order_by(
        "position", "id"
    )
    if level is not None:
        columns = columns.filter(level=level)
    if place is not None:
        columns = columns.filter(**{PLACES[place]: True})
    return list(columns)


def access_column(trust: Trust, pk) -> PlanColumn:
    return access(PlanColumn.objects.all(), trust, pk)


def of_level(columns: Iterable[PlanColumn], level: str) -> list[PlanColumn]:
    return [c for c in columns if c.level == level]


# A new trust's columns: the two every plan had before trusts chose their own.
DEFAULT_COLUMNS = (
    ("kpis", "Key Performance Indicators/Impact", "Key Performance Indicators/Impact"),
    ("evidence", "Evidence + Evaluation", "Evidence + Evaluation"),
)


def plan_columns_default(trust: Trust, *, acting_user=None) -> list[PlanColumn]:
    """Give a trust without columns the two usual action columns (KPIs / impact, evidence
    and evaluation), which it renames, moves or removes in its set-up."""
    if PlanColumn.objects.filter(trust=trust).exists():
        return trust_columns(trust)
    made = []
    for position, (key, name, plural) in enumerate(DEFAULT_COLUMNS):
        column = PlanColumn(
            trust=trust, key=key, name=name, name_plural=plural, level=ACTION,
            position=position,
        )  # fmt: skip
        as_user(column, acting_user).save()
        made.append(column)
    return made


# The values -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """One column's text for one row, for a template: `cell.word` is the column's name."""

    column: PlanColumn
    text: str

    @property
    def word(self) -> Word:
        return self.column.word


_OWNER_FIELD = {ACTION: "action_id", KEY_FOCUS: "key_focus_id", OBJECTIVE: "objective_id"}


def column_texts(
    trust: Trust | int, *, actions=(), key_foci=(), objectives=()
) -> dict[tuple[str, int], dict[int, str]]:
    """{(level, owner id): {column id: text}} for the given rows, in one query (none when
    there are no rows)."""
    trust_id = getattr(trust, "pk", trust)
    ids = {
        ACTION: [getattr(o, "pk", o) for o in actions],
        KEY_FOCUS: [getattr(o, "pk", o) for o in key_foci],
        OBJECTIVE: [getattr(o, "pk", o) for o in objectives],
    }
    where = Q()
    for level, owner_ids in ids.items():
        if owner_ids:
            where |= Q(level=level, **{f"{_OWNER_FIELD[level]}__in": owner_ids})
    if not where:
        return {}
    found: dict[tuple[str, int], dict[int, str]] = {}
    rows = ColumnValue.objects.filter(where, trust_id=trust_id).values_list(
        "level", "action_id", "key_focus_id", "objective_id", "column_id", "text"
    )
    for level, action_id, focus_id, objective_id, column_id, text in rows:
        owner = action_id or focus_id or objective_id
        found.setdefault((level, owner), {})[column_id] = text
    return found


def attach_cells(
    trust: Trust | int,
    columns: list[PlanColumn],
    *,
    actions=(),
    key_foci=(),
    objectives=(),
    texts: dict | None = None,
) -> None:
    """Give each row `column_cells`: a Cell per column of its level in `columns`, in order
    (empty text where it has none). One query for all of them, none with `texts` given."""
    actions, key_foci, objectives = list(actions), list(key_foci), list(objectives)
    if texts is None:
        texts = column_texts(trust, actions=actions, key_foci=key_foci, objectives=objectives)
    for level, rows in ((ACTION, actions), (KEY_FOCUS, key_foci), (OBJECTIVE, objectives)):
        mine = of_level(columns, level)
        for row in rows:
            given = texts.get((level, row.pk), {})
            row.column_cells = [Cell(c, given.get(c.pk, "")) for c in mine]


def attach_row_cells(trust: Trust | int, actions: list, place: str) -> None:
    """Give each action `column_cells`: its key focus's columns shown in `place`, then its
    own, in order (two queries for any number of actions: the columns and the values)."""
    columns = [c for c in trust_columns(trust, place=place) if c.level in (KEY_FOCUS, ACTION)]
    if not columns or not actions:
        for action in actions:
            action.column_cells = []
        return
    texts = column_texts(
        trust,
        actions=[a.pk for a in actions],
        key_foci={a.key_focus_id for a in actions if a.key_focus_id},
    )
    focus_columns, own_columns = of_level(columns, KEY_FOCUS), of_level(columns, ACTION)
    for action in actions:
        focus = texts.get((KEY_FOCUS, action.key_focus_id), {}) if action.key_focus_id else {}
        own = texts.get((ACTION, action.pk), {})
        action.column_cells = [
            *(Cell(c, focus.get(c.pk, "")) for c in focus_columns if action.key_focus_id),
            *(Cell(c, own.get(c.pk, "")) for c in own_columns),
        ]


def cells_of(row, level: str, columns: list[PlanColumn]) -> list[Cell]:
    """One row's cells (attached by attach_cells, else fetched: one query)."""
    attached = getattr(row, "column_cells", None)
    if attached is not None:
        return attached
    kind = {ACTION: "actions", KEY_FOCUS: "key_foci", OBJECTIVE: "objectives"}[level]
    attach_cells(row.trust_id, columns, **{kind: [row]})
    return row.column_cells


def values_by_key(row, level: str, columns: list[PlanColumn]) -> dict[str, str]:
    """{column key: text} of one row: the import's and the export's view."""
    return {cell.column.key: cell.text for cell in cells_of(row, level, columns)}


def nonblank(cells: list[Cell]) -> list[Cell]:
    return [cell for cell in cells if cell.text.strip()]


# Writing ----------------------------------------------------------------------------------


def owner_level(owner) -> str:
    from objectives.models import StrategicObjective
    from plans.models import Action, KeyFocus

    if isinstance(owner, Action):
        return ACTION
    if isinstance(owner, KeyFocus):
        return KEY_FOCUS
    if isinstance(owner, StrategicObjective):
        return OBJECTIVE
    raise TypeError(f"{type(owner).__name__} holds no plan columns")


def check_values(columns: dict[int, PlanColumn], values: dict[int, str]) -> None:
    """Refuse text over a column's limit, naming the column: nothing is cut."""
    for column_id, text in values.items():
        column = columns[column_id]
        if len(text) > column.max_length:
            raise ValidationError(
                f"{column.name} is at most {column.max_length:,} characters; this has "
                f"{len(text):,}. Shorten it: nothing was saved."
            )


@transaction.atomic
def column_values_set(*, owner, values: dict[int, str], acting_user) -> list[int]:
    """Set the text of the owner's columns ({column id: text}; columns not given keep theirs).

    The owner is an action, a key focus or an objective; each column must be the trust's and
    of the owner's level. Text over a column's limit is refused with a message. A column's
    value is one row (a unique constraint decides between two first saves); each change is
    in the value's history. Returns the ids of the columns whose text changed.
    """
    level = owner_level(owner)
    trust_id = owner.trust_id
    wanted = {int(k): (v or "").strip().replace("\r\n", "\n") for k, v in values.items()}
    if not wanted:
        return []
    columns = {
        c.pk: c
        for c in PlanColumn.objects.filter(trust_id=trust_id, level=level, pk__in=list(wanted))
    }
    unknown = set(wanted) - set(columns)
    if unknown:
        raise ValidationError("A column was given that is not one of this trust's for this row.")
    check_values(columns, wanted)
    field = _OWNER_FIELD[level]
    existing = {
        v.column_id: v
        for v in ColumnValue.objects.select_for_update().filter(
            trust_id=trust_id, level=level, **{field: owner.pk}, column_id__in=list(wanted)
        )
    }
    changed = []
    for column_id, text in wanted.items():
        value = existing.get(column_id)
        if value is None:
            if not text:
                continue
            value = ColumnValue(
                trust_id=trust_id, column=columns[column_id], level=level, text=text,
                **{field: owner.pk},
            )  # fmt: skip
            try:
                with transaction.atomic():
                    as_user(value, acting_user).save()
            except IntegrityError:
                raise ValidationError(
                    f"Someone saved {columns[column_id].name} at the same moment; "
                    "open it again to see their text."
                ) from None
        elif value.text != text:
            value.text = text
            as_user(value, acting_user).save(update_fields=["text"])
        else:
            continue
        changed.append(column_id)
    return changed


def copy_values(*, pairs: list[tuple[object, object]], acting_user) -> None:
    """Copy every column value from each (source, copy) pair's source onto its copy (next
    year's plan from this year's). The copies are new rows with no values yet, and the texts
    were within their limits already: one query reads them, one insert writes them with their
    history, however many rows are copied."""
    if not pairs:
        return
    level = owner_level(pairs[0][0])
    kind = {ACTION: "actions", KEY_FOCUS: "key_foci", OBJECTIVE: "objectives"}[level]
    trust_id = pairs[0][0].trust_id
    texts = column_texts(trust_id, **{kind: [s for s, _ in pairs]})
    kept = {c.pk for c in trust_columns(trust_id, level=level) if c.key not in NOT_CARRIED}
    field = _OWNER_FIELD[level]
    rows = [
        ColumnValue(
            trust_id=trust_id, column_id=column_id, level=level, text=text, **{field: copy.pk}
        )
        for source, copy in pairs
        for column_id, text in texts.get((level, source.pk), {}).items()
        if column_id in kept and text
    ]
    if rows:
        bulk_create_with_history(rows, ColumnValue, default_user=acting_user)


# The import's and the export's view --------------------------------------------------------


@dataclass(frozen=True)
class TextColumn:
    key: str
    heading: str
    level: str
    synonyms: tuple[str, ...] = ()
    pk: int | None = None
    limit: int | None = None  # the most characters its text may have


def text_columns(trust: Trust) -> list[TextColumn]:
    """The trust's columns as the import and the export see them: key, heading, level."""
    return [
        TextColumn(c.key, c.name, c.level, _SYNONYMS.get(c.key, ()), c.pk, c.max_length)
        for c in trust_columns(trust)
    ]


def plan_words(trust: Trust) -> dict[str, str]:
    """The trust's words for the plan's levels, singular and plural, from one place."""
    labels = trust.labels
    words = {name: labels[name] for name in ("objective", "key_focus", "action", "owners")}
    for name in ("objective", "key_focus", "action"):
        words[f"{name}_plural"] = labels[name].plural
    return words
