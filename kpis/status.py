"""The rules that turn a value, a target and a comparator into a status. Pure: no queries.

Target status: green when the target is met, amber when it is missed by no more than the
KPI's tolerance, red otherwise; "no data" without a value, "no target" when there is no target
to judge against (none set, or a relative target whose comparator value is missing).

Milestones: the states not started, in progress and achieved climb towards the target (the
state expected by that year); at or past the target is green, one step short amber, further
short red. Missed is red whatever the target.

Judgements: the trust's scale, lowest level first; at or above the target level is green, one
level below amber, further below red.

Comparator status (numbers only): where the value sits against the comparator, whichever way
is better: "at" within the KPI's at-band (inclusive), "significantly" from its significant band on
(inclusive), otherwise above or below.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from kpis.models import Direction, MilestoneState, TargetKind


@dataclass(frozen=True)
class Look:
    """How a status shows: a symbol and a word as well as a colour, never colour alone."""

    key: str
    word: str
    symbol: str
    colour: str  # background, with white text; contrast at least 4.5:1
    text_colour: str = "#ffffff"


class TargetStatus(Enum):
    GREEN = Look("green", "Met", "●", "#1e6b34")
    AMBER = Look("amber", "Near miss", "▲", "#8a5300")
    RED = Look("red", "Missed", "✕", "#b3261e")
    NO_DATA = Look("no_data", "No data", "–", "#ffffff", "#4a4a55")
    NO_TARGET = Look("no_target", "No target", "○", "#ffffff", "#4a4a55")

    @property
    def look(self) -> Look:
        return self.value


class ComparatorStatus(Enum):
    SIGNIFICANTLY_ABOVE = "significantly above"
    ABOVE = "above"
    AT = "at"
    BELOW = "below"
    SIGNIFICANTLY_BELOW = "significantly below"
    NO_COMPARATOR = "no comparator"

    def describe(self, comparator_label: str) -> str:
        """ "Above national", "At local authority", "No comparator"."""
        if self is ComparatorStatus.NO_COMPARATOR:
            return "No comparator"
        return f"{self.value} {comparator_label}".capitalize()


def target_value(
    *, kind: str | None, value: Decimal | None, comparator_value: Decimal | None
) -> Decimal | None:
    """The number to meet: the target itself, or the comparator plus the target's points."""
    if kind is None or value is None:
        return None
    if kind == TargetKind.RELATIVE:
        return None if comparator_value is None else comparator_value + value
    return value


def target_status(
    *, value: Decimal | None, target: Decimal | None, direction: str, tolerance: Decimal
) -> TargetStatus:
    if value is None:
        return TargetStatus.NO_DATA
    if target is None:
        return TargetStatus.NO_TARGET
    shortfall = target - value if direction == Direction.HIGHER else value - target
    if shortfall <= 0:
        return TargetStatus.GREEN
    if shortfall <= tolerance:
        return TargetStatus.AMBER
    return TargetStatus.RED


def comparator_status(
    *,
    value: Decimal | None,
    comparator: Decimal | None,
    at_band: Decimal,
    significant_band: Decimal | None,
) -> ComparatorStatus | None:
    """None without a value; NO_COMPARATOR without a comparator value."""
    if value is None:
        return None
    if comparator is None:
        return ComparatorStatus.NO_COMPARATOR
    difference = value - comparator
    if abs(difference) <= at_band:
        return ComparatorStatus.AT
    significant = significant_band is not None and abs(difference) >= significant_band
    if difference > 0:
        return ComparatorStatus.SIGNIFICANTLY_ABOVE if significant else ComparatorStatus.ABOVE
    return ComparatorStatus.SIGNIFICANTLY_BELOW if significant else ComparatorStatus.BELOW


# Not started -> in progress -> achieved; missed sits outside the climb.
MILESTONE_STEPS = [MilestoneState.NOT_STARTED, MilestoneState.IN_PROGRESS, MilestoneState.ACHIEVED]


def _steps_short(reached: int, expected: int) -> TargetStatus:
    short = expected - reached
    if short <= 0:
        return TargetStatus.GREEN
    if short == 1:
        return TargetStatus.AMBER
    return TargetStatus.RED


def milestone_status(*, state: str | None, target: str | None) -> TargetStatus:
    """A milestone's state against the state expected by its year."""
    if not state:
        return TargetStatus.NO_DATA
    if state == MilestoneState.MISSED:
        return TargetStatus.RED
    if not target:
        return TargetStatus.NO_TARGET
    if target == MilestoneState.MISSED:  # a target of "missed" means nothing: no target
        return TargetStatus.NO_TARGET
    return _steps_short(MILESTONE_STEPS.index(state), MILESTONE_STEPS.index(target))


def judgement_status(*, level: int | None, target: int | None) -> TargetStatus:
    """A judgement's level against the target level; both are positions on the KPI's scale."""
    if level is None:
        return TargetStatus.NO_DATA
    if target is None:
        return TargetStatus.NO_TARGET
    return _steps_short(level, target)
