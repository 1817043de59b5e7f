"""The plan's words and text columns, as the import and the export see them. A column has a
key, the trust's heading for it, and the level it belongs to (the action, the key focus or the
objective).

Until the trust chooses its own columns, the plan has two, both on the action: the KPIs /
impact text and the evidence and evaluation.
"""

from __future__ import annotations

from dataclasses import dataclass

from schools.models import Trust

ACTION, KEY_FOCUS, OBJECTIVE = "action", "key_focus", "objective"
LEVEL_WORDS = {ACTION: "action", KEY_FOCUS: "key_focus", OBJECTIVE: "objective"}

# Headings trusts use for the same kind of column, beside the trust's own.
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


@dataclass(frozen=True)
class TextColumn:
    key: str
    heading: str
    level: str
    synonyms: tuple[str, ...] = ()
    field: str = ""  # the model field that holds it


def text_columns(trust: Trust) -> list[TextColumn]:
    return [
        TextColumn("kpis", trust.label_kpis, ACTION, SUCCESS_SYNONYMS, "kpis"),
        TextColumn("evidence", trust.label_evidence, ACTION, EVIDENCE_SYNONYMS, "evidence"),
    ]


def values_of(obj, columns: list[TextColumn], level: str) -> dict[str, str]:
    """The current text of each column of `level` on an action, key focus or objective."""
    return {c.key: getattr(obj, c.field) or "" for c in columns if c.level == level}


def assign(obj, columns: list[TextColumn], level: str, values: dict[str, str]) -> list[str]:
    """Set the given columns' text on the object; returns the model fields changed."""
    changed = []
    for column in columns:
        if column.level != level or column.key not in values:
            continue
        if (getattr(obj, column.field) or "") != values[column.key]:
            setattr(obj, column.field, values[column.key])
            changed.append(column.field)
    return changed


# Until each label has its own plural, the plurals of the default words.
_DEFAULT_PLURALS = {
    "Strategic objective": "Strategic objectives",
    "Key focus": "Key foci",
    "Action": "Actions",
}


def plan_words(trust: Trust) -> dict[str, str]:
    """The trust's words for the plan's levels, singular and plural, from one place."""
    words = {
        "objective": trust.label_objective,
        "key_focus": trust.label_key_focus,
        "action": trust.label_action,
        "owners": trust.label_owners,
    }
    for name in ("objective", "key_focus", "action"):
        words[f"{name}_plural"] = _DEFAULT_PLURALS.get(words[name], words[name])
    return words
