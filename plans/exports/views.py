"""Downloading the annual plan with its ratings: Excel or CSV (plan.export)."""

from django.http import HttpResponse

from plans.exports.plan import plan_csv, plan_table, plan_xlsx
from plans.permissions import PLAN_EXPORT, RATING_VIEW_DRAFT
from plans.selectors import access_annual_plan
from trustplan.core.access import trust_view

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


@trust_view(PLAN_EXPORT)
def plan_export(request, annual_plan_id, fmt):
    annual_plan = access_annual_plan(request.trust, annual_plan_id)
    # Draft ratings are the CEO's until the term is submitted; others get submitted terms.
    table = plan_table(annual_plan, reader=request.perms)
    drafts = request.perms.has_all(RATING_VIEW_DRAFT)
    if fmt == "xlsx":
        data = plan_xlsx(
            table,
            about=[
                ("Trust", request.trust.name),
                ("Plan", str(annual_plan)),
                ("Terms", ", ".join(t.name for t in table.terms) or "none yet"),
                (
                    "Ratings",
                    "Every term, draft ratings included."
                    if drafts
                    else "Terms submitted to the board only.",
                ),
            ],
        )
    else:
        data = plan_csv(table)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    name = f"{request.trust.slug}-plan-{annual_plan.year_label}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
