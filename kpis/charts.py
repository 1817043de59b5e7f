"""Trend charts drawn on the server as SVG, so the KPI page and the board pack show the same one.

The SVG stands alone: presentation attributes only (no stylesheet, no classes it depends on),
no external references of any kind, every piece of text escaped, and a <title> and <desc>
that name what it shows. Lines differ by dash pattern and marker as well as colour, and the
legend names them in words. Coordinates are floats; the figures in the text are the Decimals.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from kpis.formatting import format_value
from kpis.models import Unit

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 64, 20, 44, 52
FONT = 'font-family="DejaVu Sans, Arial, Helvetica, sans-serif"'
INK, MUTED, GRID = "#1d1d1f", "#4a4a55", "#c9ccd3"
VALUE_COLOUR, TARGET_COLOUR, COMPARATOR_COLOUR = "#1f4e79", "#1e6b34", "#6b3f00"
TARGET_DASH, COMPARATOR_DASH = "8 5", "2 4"


@dataclass
class ChartPoint:
    label: str  # "Autumn 2019-20"
    short_label: str  # "Autumn"
    group_label: str  # "2019-20": written once under the first point of each group
    value: Decimal | None
    target: Decimal | None
    comparator: Decimal | None
    status_word: str = ""


def _nice_step(span: float, ticks: int = 5) -> float:
    raw = span / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if raw <= m * magnitude)
    return float(f"{step:.10g}")


def _scale(numbers: list[float], unit: str) -> tuple[float, float, float]:
    """The y axis: low and high ends on whole steps, with some room around the figures."""
    low, high = min(numbers), max(numbers)
    if low == high:
        low, high = low - 1, high + 1
    padding = (high - low) * 0.15
    low, high = low - padding, high + padding
    if min(numbers) >= 0:
        low = max(low, 0.0)
    if unit == Unit.PERCENTAGE and max(numbers) <= 100:
        high = min(high, 100.0)
    step = _nice_step(high - low)
    return math.floor(low / step) * step, math.ceil(high / step) * step, step


def _tick_text(number: float, step: float, unit: str) -> str:
    places = max(0, -Decimal(repr(step)).normalize().as_tuple().exponent)
    return format_value(Decimal(f"{number:.{places}f}"), unit)


def _polyline(points: list[tuple[float, float] | None], **attrs: str) -> list[str]:
    """One <polyline> per unbroken run: a missing value breaks the line."""
    runs, run = [], []
    for point in [*points, None]:
        if point is None:
            if run:
                runs.append(run)
            run = []
        else:
            run.append(point)
    extra = " ".join(f'{name.replace("_", "-")}="{value}"' for name, value in attrs.items())
    return [
        f'<polyline points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in r)}" fill="none" {extra}/>'
        for r in runs
        if len(r) > 1
    ]


def trend_svg(
    *,
    chart_id: str,
    title: str,
    points: list[ChartPoint],
    unit: str,
    comparator_label: str = "",
) -> SafeString:
    """The chart as an <svg> element, safe to put into HTML or a WeasyPrint document as is.

    chart_id must be unique on the page; it is reduced to letters, digits and hyphens.
    """
    chart_id = "".join(c for c in chart_id if c.isalnum() or c == "-") or "kpi-chart"
    numbers = [float(n) for p in points for n in (p.value, p.target, p.comparator) if n is not None]
    comparator_name = comparator_label or "comparator"
    described = [p for p in points if p.value is not None]
    span = f"{points[0].label} to {points[-1].label}" if points else "no periods"
    desc = (
        f"{len(described)} value{'s' if len(described) != 1 else ''} from {span}"
        + (", with the target" if any(p.target is not None for p in points) else "")
        + (
            f" and the {comparator_name} figure"
            if any(p.comparator is not None for p in points)
            else ""
        )
        + ". "
        + "; ".join(
            f"{p.label}: {format_value(p.value, unit)}"
            + (f" ({p.status_word.lower()})" if p.status_word else "")
            for p in described
        )
        + "."
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" class="kpi-chart" {FONT} '
        f'font-size="12">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
    ]
    if not numbers:
        parts.append(
            f'<text x="{WIDTH / 2}" y="{HEIGHT / 2}" text-anchor="middle" fill="{MUTED}">'
            "No values yet.</text></svg>"
        )
        return mark_safe("".join(parts))

    low, high, step = _scale(numbers, unit)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def y_of(number: Decimal | float) -> float:
        return TOP + plot_h - (float(number) - low) / (high - low) * plot_h

    def x_of(index: int) -> float:
        if len(points) == 1:
            return LEFT + plot_w / 2
        return LEFT + 16 + index * (plot_w - 32) / (len(points) - 1)

    for index in range(round((high - low) / step) + 1):
        tick = low + index * step
        y = y_of(tick)
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{LEFT - 8}" y="{y + 4:.1f}" text-anchor="end" fill="{MUTED}">'
            f"{escape(_tick_text(tick, step, unit))}</text>"
        )
    parts.append(
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" y2="{TOP + plot_h}" '
        f'stroke="{MUTED}" stroke-width="1"/>'
    )
    previous_group = None
    for index, point in enumerate(points):
        x = x_of(index)
        parts.append(
            f'<text x="{x:.1f}" y="{TOP + plot_h + 18}" text-anchor="middle" fill="{INK}">'
            f"{escape(point.short_label)}</text>"
        )
        if point.group_label != previous_group and point.group_label != point.short_label:
            parts.append(
                f'<text x="{x:.1f}" y="{TOP + plot_h + 34}" text-anchor="middle" '
                f'fill="{MUTED}">{escape(point.group_label)}</text>'
            )
        previous_group = point.group_label

    def coords(attr: str) -> list[tuple[float, float] | None]:
        found = []
        for index, point in enumerate(points):
            number = getattr(point, attr)
            found.append(None if number is None else (x_of(index), y_of(number)))
        return found

    comparator_coords = coords("comparator")
    target_coords = coords("target")
    value_coords = coords("value")
    parts += _polyline(
        comparator_coords,
        stroke=COMPARATOR_COLOUR,
        stroke_width="2",
        stroke_dasharray=COMPARATOR_DASH,
    )
    for point, xy in zip(points, comparator_coords, strict=True):
        if xy:
            parts.append(
                f'<rect x="{xy[0] - 3.5:.1f}" y="{xy[1] - 3.5:.1f}" width="7" height="7" '
                f'fill="#ffffff" stroke="{COMPARATOR_COLOUR}" stroke-width="1.5">'
                f"<title>{escape(f'{comparator_name.capitalize()}, {point.label}: ')}"
                f"{escape(format_value(point.comparator, unit))}</title></rect>"
            )
    parts += _polyline(
        target_coords, stroke=TARGET_COLOUR, stroke_width="2", stroke_dasharray=TARGET_DASH
    )
    for point, xy in zip(points, target_coords, strict=True):
        if xy:
            parts.append(
                f'<path d="M{xy[0] - 5:.1f},{xy[1]:.1f} h10" stroke="{TARGET_COLOUR}" '
                f'stroke-width="3"><title>{escape(f"Target, {point.label}: ")}'
                f"{escape(format_value(point.target, unit))}</title></path>"
            )
    parts += _polyline(value_coords, stroke=VALUE_COLOUR, stroke_width="3")
    for point, xy in zip(points, value_coords, strict=True):
        if xy:
            status = f" ({point.status_word.lower()})" if point.status_word else ""
            parts.append(
                f'<circle cx="{xy[0]:.1f}" cy="{xy[1]:.1f}" r="5" fill="{VALUE_COLOUR}" '
                f'stroke="#ffffff" stroke-width="1.5"><title>'
                f"{escape(f'{point.label}: {format_value(point.value, unit)}{status}')}"
                "</title></circle>"
            )
    parts += _legend(comparator_name, any(p.comparator is not None for p in points))
    parts.append("</svg>")
    return mark_safe("".join(parts))


def _legend(comparator_name: str, with_comparator: bool) -> list[str]:
    y = 18
    items = [
        (
            "Value",
            f'<line x1="0" y1="0" x2="24" y2="0" stroke="{VALUE_COLOUR}" stroke-width="3"/>'
            f'<circle cx="12" cy="0" r="5" fill="{VALUE_COLOUR}"/>',
        ),
        (
            "Target",
            f'<line x1="0" y1="0" x2="24" y2="0" stroke="{TARGET_COLOUR}" stroke-width="2" '
            f'stroke-dasharray="{TARGET_DASH}"/>',
        ),
    ]
    if with_comparator:
        items.append(
            (
                comparator_name.capitalize(),
                f'<line x1="0" y1="0" x2="24" y2="0" stroke="{COMPARATOR_COLOUR}" '
                f'stroke-width="2" stroke-dasharray="{COMPARATOR_DASH}"/>'
                f'<rect x="8.5" y="-3.5" width="7" height="7" fill="#ffffff" '
                f'stroke="{COMPARATOR_COLOUR}" stroke-width="1.5"/>',
            )
        )
    parts, x = [], LEFT
    for word, sample in items:
        parts.append(
            f'<g transform="translate({x},{y})">{sample}'
            f'<text x="30" y="4" fill="{INK}">{escape(word)}</text></g>'
        )
        x += 40 + 8 * len(word)
    return parts


def series_svg(series) -> SafeString:
    """The chart of a kpis.selectors.Series: its values, targets and comparator figures."""
    kpi = series.kpi
    points = [
        ChartPoint(
            label=point.period.label,
            short_label=point.period.short_label,
            group_label=point.period.annual_plan.year_label,
            value=point.judgement.value,
            target=point.judgement.target_number,
            comparator=point.judgement.comparator_value,
            status_word=point.judgement.status.look.word if point.judgement.measurement else "",
        )
        for point in series.points
    ]
    return trend_svg(
        chart_id=series.chart_id,
        title=f"{series.title}, trend",
        points=points,
        unit=kpi.unit,
        comparator_label=kpi.comparator_label,
    )
