"""The first-run checklist's one action: confirming the labels or the terms as they stand."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect

from onboarding.models import SetupStepName
from onboarding.services import setup_step_confirm
from schools.permissions import TRUST_SETUP
from trustplan.core.access import trust_view


@trust_view(TRUST_SETUP, methods=["POST"])
def step_confirm(request):
    step = request.POST.get("step", "")
    try:
        setup_step_confirm(trust=request.trust, step=step, acting_user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{SetupStepName(step).label}: marked as done.")
    return redirect("trust_home", request.trust.slug)
