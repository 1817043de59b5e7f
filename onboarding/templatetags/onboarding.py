from django import template

from onboarding.selectors import first_run_checklist
from plans.permissions import PLAN_AUTHOR
from trustplan.core.permissions import Perms

register = template.Library()


@register.inclusion_tag("onboarding/checklist.html", takes_context=True)
def first_run(context):
    """The first-run checklist, for someone who can both set up the trust and write its plan
    (the CEO), until every step is done."""
    request = context["request"]
    perms: Perms | None = getattr(request, "perms", None)
    show = perms is not None and perms.has("trust.setup") and perms.has(PLAN_AUTHOR)
    checklist = first_run_checklist(request.trust) if show else None
    return {
        "request": request,
        "checklist": checklist if checklist and not checklist.done else None,
        "csrf_token": context.get("csrf_token"),
    }
