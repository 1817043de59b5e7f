from django import template

from kpis.formatting import describe_measurement, describe_target_row, format_points, format_value
from kpis.models import Kpi, Target
from kpis.status import TargetStatus

register = template.Library()


@register.inclusion_tag("kpis/includes/status.html")
def kpi_status(status: TargetStatus, label_prefix: str = ""):
    """A target status as symbol, word and colour together; never colour alone."""
    return {"look": status.look, "prefix": label_prefix}


@register.filter
def kpi_value(value, kpi: Kpi) -> str:
    """{{ number|kpi_value:kpi }}: "96.1%", "£12,400", "–" for none."""
    return format_value(value, kpi.unit)


@register.filter
def target_words(target: Target, kpi: Kpi) -> str:
    """{{ target|target_words:kpi }}: "at least 96%", "national − 1.5 points", "Achieved by
    the end of 2019-20", "at least “Partly”"."""
    return describe_target_row(target, kpi)


@register.filter
def measurement_words(measurement, kpi: Kpi) -> str:
    """{{ measurement|measurement_words:kpi }}: a value of any kind in words (also a history
    row's)."""
    return describe_measurement(kpi, measurement)


@register.filter
def kpi_points(value, kpi: Kpi) -> str:
    """{{ kpi.tolerance|kpi_points:kpi }}: a difference, "0.5 points" or "£200"."""
    return format_points(value, kpi.unit)
