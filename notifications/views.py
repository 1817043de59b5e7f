from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from notifications import kinds, selectors, services
from notifications.forms import PreferencesForm
from trustplan.core.access import trust_view
from trustplan.core.permissions import TRUST_VIEW


@trust_view(TRUST_VIEW, methods=["GET", "POST"])
def notifications_page(request):
    """What was e-mailed to me in this trust, and how I want each kind."""
    trust, user = request.trust, request.user
    current = selectors.choices_of(trust, user)
    form = PreferencesForm(request.POST or None, initial=current, trust=trust)
    if request.method == "POST":
        if form.is_valid():
            changed = sum(
                services.preference_set(
                    trust_id=trust.pk, user=user, kind=kind, delivery=value, acting_user=user
                )
                for kind, value in form.cleaned_data.items()
            )
            messages.success(
                request,
                "Your choices are saved."
                if changed
                else "Nothing changed: these were your choices.",
            )
            return redirect("notifications_page", trust.slug)
        messages.error(request, "Some choices were not valid; nothing was saved.")
    emails = [(kinds.label(e.kind, trust), e) for e in selectors.sent_to(trust, user)]
    return render(
        request,
        "notifications/notifications.html",
        {"nav": "notifications", "form": form, "emails": emails},
    )


# Mail programs post the one-click request without a form of ours: the signed token is the key.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """A List-Unsubscribe link: GET asks, POST (a person's button or a mail program's
    one-click request, RFC 8058) turns that one kind off. Outside any trust: the signed token
    is the only key, and a bad one is "not found"."""
    data = services.unsubscribe_read(token)
    if data is None:
        raise Http404("This unsubscribe link is not valid.")
    label = services.unsubscribe_label(data)
    if request.method == "POST":
        if services.unsubscribe(token=token) is None:
            raise Http404("This unsubscribe link is not valid.")
        return render(request, "notifications/unsubscribed.html", {"label": label, "done": True})
    return render(request, "notifications/unsubscribed.html", {"label": label, "done": False})
