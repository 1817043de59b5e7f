"""The preview's rows as the page shows them: each row of the file and what it will do."""

from __future__ import annotations

from dataclasses import dataclass, field

from plans.columns import ACTION
from plans.imports.interpret import NewPerson, Reading


@dataclass
class Line:
    reference: str
    text: str
    owners: str
    texts: list[str]
    tag: str  # new, changed, same
    outcome: str
    new_people: list[str] = field(default_factory=list)


@dataclass
class OutlineFocus:
    label: str
    tag: str
    place: str


@dataclass
class OutlineObjective:
    label: str
    tag: str
    place: str
    aims: list[str]
    foci: list[OutlineFocus]


def outline(reading: Reading) -> list[OutlineObjective]:
    """The objectives and key foci the file gives, with what saving does to each."""
    found = []
    for objective in reading.objectives:
        foci = [
            OutlineFocus(
                focus.label,
                "new" if focus.existing is None else ("changed" if focus.changes else "same"),
                str(focus.place),
            )
            for focus in reading.foci
            if focus.objective.root() is objective
        ]
        found.append(
            OutlineObjective(
                objective.label,
                "new" if objective.existing is None else "same",
                str(objective.place),
                objective.aims,
                foci,
            )
        )
    return found


@dataclass
class PreviewRow:
    place: str
    objective: str
    foci: list[str]
    lines: list[Line] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # new objectives, key foci, continuations
    problems: list[str] = field(default_factory=list)


def preview_rows(reading: Reading, words: dict[str, str]) -> list[PreviewRow]:
    columns = [c for c in reading.text_columns if c.level == ACTION]
    shown_objectives, shown_foci = set(), set()
    rows = []
    for row in reading.rows:
        objective = row.objective.root() if row.objective else None
        out = PreviewRow(
            place=str(row.place),
            objective=objective.label if objective else "",
            foci=[f.label for f in row.foci],
            problems=list(row.problems),
        )
        if (
            objective is not None
            and objective.existing is None
            and id(objective) not in shown_objectives
        ):
            shown_objectives.add(id(objective))
            out.notes.append(f"New {words['objective'].lower()}: {objective.label}")
        for focus in row.foci:
            if focus.existing is None and id(focus) not in shown_foci:
                shown_foci.add(id(focus))
                out.notes.append(f"New {words['key_focus'].lower()}: {focus.title}")
            elif focus.changes and id(focus) not in shown_foci:
                shown_foci.add(id(focus))
                out.notes.append(f"{words['key_focus']} {focus.existing.number} is reworded")
        if row.continued is not None:
            out.notes.append(
                f"Adds its text to {words['action'].lower()} {row.continued.full_reference} above"
            )
        for spec in row.actions:
            owners = spec.owner_initials
            new_people = [p.initials for p in spec.people if isinstance(p, NewPerson)]
            if spec.existing is None:
                tag, outcome = "new", f"New {words['action'].lower()}"
            elif spec.changes:
                tag, outcome = "changed", "Changes its " + ", ".join(spec.changes)
            else:
                tag, outcome = "same", "Unchanged"
            if spec.generated:
                outcome += " (reference given by the import)"
            out.lines.append(
                Line(
                    reference=spec.full_reference,
                    text=spec.text,
                    owners=owners,
                    texts=[spec.texts.get(c.key, "") for c in columns],
                    tag=tag,
                    outcome=outcome,
                    new_people=new_people,
                )
            )
        rows.append(out)
    return rows
