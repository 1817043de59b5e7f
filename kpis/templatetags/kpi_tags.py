from django import template

from kpis.formatting import describe_measurement, describe_target_row, format_points, format_value
from kpis.models import Kpi, Target
from kpis.status import TargetStatus

register = template.Library()


@register.simple_tag(takes_context=True)
def objective_kpis(context, annual_plan):
    """{% objective_kpis annual_plan as kpis_by_objective %}: for the plan page, each
    objective's KPIs with their trust-wide figure, for readers who see the trust's figures
    (an empty dict for everyone else). One batched read for the whole page."""
    from kpis import rules, selectors

    request = context.get("request")
    perms = getattr(request, "perms", None)
    if annual_plan is None or perms is None or not rules.sees_trust_figures(perms):
        return {}
    return selectors.objective_kpis(request.trust, annual_plan)


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
