"""KPI values and targets in words: "96.1%", "£12,400", "national + 1 point"."""

from __future__ import annotations

from decimal import Decimal

from kpis.models import Direction, TargetKind, Unit

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
