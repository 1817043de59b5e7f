"""What a column of a plan file can hold, and reading a heading as one of them.

A heading is matched, in this order, to: the person's choice for this file, the trust's
remembered choice from its last import, the trust's own words for the plan's levels and
columns, and the headings trusts commonly use ("Ref", "Lead", "Success criteria").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from plans.columns import ACTION, KEY_FOCUS, OBJECTIVE, TextColumn, plan_words, text_columns
from schools.models import Trust

OBJECTIVE_T, KEY_FOCUS_T, REFERENCE, ACTION_T, OWNERS, SCHOOL, IGNORE = (
    "objective", "key_focus", "reference", "action", "owners", "school", "ignore",
)  # fmt: skip
TEXT_PREFIX = "column:"

SYNONYMS = {
    OBJECTIVE_T: (
        "objective", "objectives", "strategic objective", "strategic objectives", "key area",
        "key areas", "goal", "goals", "strategic aim", "strategic aims", "strategic priority",
        "area", "theme", "strand",
    ),
    KEY_FOCUS_T: (
        "key focus", "key foci", "focus", "foci", "priority", "priorities", "key priority",
        "key priorities", "area of focus", "focus area", "annual priority",
    ),
    REFERENCE: ("ref", "reference", "no", "number", "action no", "action number", "id", "#"),
    ACTION_T: (
        "action", "actions", "what we will do", "activity", "activities", "task", "tasks",
        "action activity", "actions to be taken", "strategy", "what",
    ),
    OWNERS: (
        "owner", "owners", "lead", "leads", "led by", "lead person", "responsible",
        "responsibility", "person responsible", "who", "by whom", "who is responsible",
    ),
    SCHOOL: ("school", "academy", "school academy", "setting", "school code"),
}  # fmt: skip


def normalise(heading: str) -> str:
    """ "2019-20 Key Performance Indicators/Impact:" -> "key performance indicators impact"."""
    text = heading.lower().replace("&", " and ").replace("+", " ")
    text = re.sub(r"\b(?:19|20)\d\d(?:\s*[-/–]\s*\d{2,4})?\b", " ", text)
    text = re.sub(r"[^\w#]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True)
class Target:
    key: str
    label: str
    kind: str  # objective, key_focus, reference, action, owners, school, text, ignore
    level: str = ACTION  # what a text column belongs to
    column: TextColumn | None = None

    @property
    def is_text(self) -> bool:
        return self.kind == "text"


def targets_for(trust: Trust) -> list[Target]:
    """Everything a column may be read as, in the order the mapping step offers them."""
    words = _words(trust)
    found = [
        Target(OBJECTIVE_T, words["objective"], OBJECTIVE_T, OBJECTIVE),
        Target(KEY_FOCUS_T, words["key_focus"], KEY_FOCUS_T, KEY_FOCUS),
        Target(REFERENCE, "Reference (such as 1.1)", REFERENCE),
        Target(ACTION_T, words["action"], ACTION_T),
        Target(OWNERS, f"{words['owners']} (initials or groups)", OWNERS),
        Target(SCHOOL, "School (code or name)", SCHOOL),
    ]
    level_word = {ACTION: words["action"], KEY_FOCUS: words["key_focus"],
                  OBJECTIVE: words["objective"]}  # fmt: skip
    for column in text_columns(trust):
        found.append(
            Target(
                TEXT_PREFIX + column.key,
                f"{column.heading} (one per {level_word[column.level].lower()})",
                "text",
                column.level,
                column,
            )
        )
    found.append(Target(IGNORE, "Not used", IGNORE))
    return found


_words = plan_words


def known_headings(trust: Trust, targets: list[Target]) -> dict[str, str]:
    """{normalised heading: target key} from the trust's words and the common synonyms."""
    known: dict[str, str] = {}
    for target in targets:
        if target.kind == IGNORE:
            continue
        names = list(SYNONYMS.get(target.kind, ()))
        if target.column is not None:
            names = [target.column.heading, *target.column.synonyms]
        for name in names:
            known.setdefault(normalise(name), target.key)
    # The trust's own words win over the common ones.
    words = _words(trust)
    for kind in (OBJECTIVE_T, KEY_FOCUS_T, ACTION_T, OWNERS):
        known[normalise(words[kind])] = kind
    for target in targets:
        if target.column is not None:
            known[normalise(target.column.heading)] = target.key
    return known


class HeadingReader:
    """Reads headings as targets: this file's choices, then remembered ones, then known."""

    def __init__(self, trust: Trust, *, chosen: dict[str, str], remembered: dict[str, str]):
        self.targets = targets_for(trust)
        self.by_key = {t.key: t for t in self.targets}
        self.chosen = {k: v for k, v in chosen.items() if v in self.by_key}
        self.remembered = {k: v for k, v in remembered.items() if v in self.by_key}
        self.known = known_headings(trust, self.targets)

    def target(self, heading: str) -> Target | None:
        """The heading's target, or None when nothing says what it is."""
        key = normalise(heading)
        if not key:
            return None
        for source in (self.chosen, self.remembered, self.known):
            if key in source:
                return self.by_key[source[key]]
        return None

    def source(self, heading: str) -> str:
        key = normalise(heading)
        if key in self.chosen:
            return "your choice"
        if key in self.remembered:
            return "remembered from the last import"
        if key in self.known:
            return "recognised"
        return ""
