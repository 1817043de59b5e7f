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


# Error pages in the site's layout, with a way back. Inside a trust the reader is a member (the
# trust was resolved for them), so its navigation is theirs to see; anyone else gets the plain
# layout, which names no trust. Neither says why beyond the status.


def _error_layout(request) -> str:
    return "trust_base.html" if getattr(request, "trust", None) is not None else "base.html"


def permission_denied(request, exception=None):
    return render(request, "403.html", {"layout": _error_layout(request)}, status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", {"layout": _error_layout(request)}, status=404)
