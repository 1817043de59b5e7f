"""KPI values and targets in words: "96.1%", "£12,400", "national + 1 point", "Achieved
(12 Mar 2020)", "Partly"."""

from __future__ import annotations

from decimal import Decimal

from kpis.models import Direction, MilestoneState, TargetKind, Unit
from objectives.models import academic_year_label

MINUS = "\u2212"


def plain_number(value: Decimal, *, places: int | None = None) -> str:
    """A decimal without trailing zeros ("96.10" -> "96.1", "100.0000" -> "100")."""
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places))
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def format_value(value: Decimal | None, unit: str) -> str:
    """A measurement as people write it; "–" when there is none."""
    if value is None:
        return "\u2013"
    sign = MINUS if value < 0 else ""
    magnitude = abs(value)
    if unit == Unit.PERCENTAGE:
        return f"{sign}{plain_number(magnitude)}%"
    if unit == Unit.MONEY:
        pence = magnitude != magnitude.to_integral_value()
        return f"{sign}£{magnitude:,.2f}" if pence else f"{sign}£{magnitude:,.0f}"
    if unit == Unit.COUNT and magnitude == magnitude.to_integral_value():
        return f"{sign}{magnitude:,.0f}"
    return f"{sign}{plain_number(magnitude)}"


def format_points(points: Decimal, unit: str) -> str:
    """A difference from the comparator: "1 point", "1.5 points", "£200", "2"."""
    magnitude = abs(points)
    if unit == Unit.PERCENTAGE:
        number = plain_number(magnitude)
        return f"{number} point" if magnitude == 1 else f"{number} points"
    return format_value(magnitude, unit)


def describe_target(
    *, kind: str, value: Decimal, unit: str, direction: str, comparator_label: str
) -> str:
    """ "at least 96%", "at most 10%", "national + 1 point", "at or below national"."""
    if kind == TargetKind.RELATIVE:
        label = comparator_label or "comparator"
        if value == 0:
            return f"at or {'above' if direction == Direction.HIGHER else 'below'} {label}"
        sign = "+" if value > 0 else MINUS
        return f"{label} {sign} {format_points(value, unit)}"
    bound = "at least" if direction == Direction.HIGHER else "at most"
    return f"{bound} {format_value(value, unit)}"


def state_words(state: str) -> str:
    """ "achieved" -> "Achieved"; "" for none."""
    return MilestoneState(state).label if state else ""


def describe_measurement(kpi, measurement) -> str:
    """A value of any kind as people read it: "96.1%", "Achieved (12 Mar 2020)", "Partly"."""
    if measurement is None:
        return "\u2013"
    if kpi.is_milestone:
        dated = f" ({measurement.state_on:%-d %b %Y})" if measurement.state_on else ""
        return f"{state_words(measurement.state)}{dated}"
    if kpi.is_judgement:
        return measurement.level.name if measurement.level_id else "\u2013"
    return format_value(measurement.value, kpi.unit)


def describe_target_row(target, kpi) -> str:
    """A target of any kind: "at least 96%", "Achieved by the year's end", "at least Partly"."""
    if kpi.is_milestone:
        return (
            f"{state_words(target.state)} by the end of {academic_year_label(target.academic_year)}"
        )
    if kpi.is_judgement:
        return f"at least “{target.level.name}”" if target.level_id else "\u2013"
    return describe_target(
        kind=target.kind,
        value=target.value,
        unit=kpi.unit,
        direction=kpi.direction,
        comparator_label=kpi.comparator_label,
    )
