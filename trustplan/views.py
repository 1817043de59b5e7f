from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from schools.models import Membership


@login_required
def home(request):
    """Where sign-in lands: straight into the only trust, or a choice between several."""
    memberships = list(
        Membership.objects.filter(user=request.user, is_active=True)
        .select_related("trust")
        .order_by("trust__name")
    )
    if len(memberships) == 1 and not request.user.is_staff:
        return redirect("trust_home", memberships[0].trust.slug)
    return render(request, "choose_trust.html", {"memberships": memberships})
