"""A reminder's one-click update link, the CEO's update report with "remind now", and the
trust's reminder settings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from accounts.audit import sign_in_event_record
from accounts.models import SignInEventKind
from accounts.policy import mfa_demand, user_has_factor
from plans.models import TermStatus
from plans.review.forms import RatingForm
from plans.review.views import my_actions_page, proposal_send
from plans.selectors import access_action
from reminders import links, selectors, services
from reminders.forms import ReminderSettingsForm
from reminders.permissions import UPDATES_REPORT
from schools.models import Membership
from schools.permissions import TRUST_SETUP
from schools.selectors import access_person
from trustplan.core.access import trust_view
from trustplan.core.forms import form_page
from trustplan.core.permissions import Perms


def _refused(request):
    """Any link that cannot be used gets the same page, which names no trust."""
    return render(request, "reminders/link_refused.html", status=404)


def _needs_full_sign_in(user) -> bool:
    """A person whose role must use a second factor (in any of their trusts), or who has one,
    signs in fully: a link never stands in for a second factor."""
    return mfa_demand(user).required or user_has_factor(user)


def _link_and_membership(token):
    """The link and its person's active membership, or (link, None) when the link is unknown,
    the person or membership inactive, or the trust suspended."""
    link = links.find(token)
    if link is None:
        return None, None
    membership = (
        Membership.objects.select_related("trust", "person")
        .filter(trust=link.trust, user_id=link.user_id, is_active=True)
        .first()
    )
    if membership is None or link.trust.suspended_at is not None or not link.user.is_active:
        return link, None
    return link, membership


def update_link(request, token):
    """The person's update page, from the link (nothing is used up: a mail scanner opening
    the link spends nothing); its forms post to update_link_propose, which uses it."""
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    link, membership = _link_and_membership(token)
    if membership is None:
        return _refused(request)
    trust = link.trust
    target = reverse("my_actions", args=[trust.slug])
    signed_in_as_other = request.user.is_authenticated and request.user.pk != link.user_id
    if _needs_full_sign_in(link.user) or signed_in_as_other:
        if signed_in_as_other:
            logout(request)
        messages.info(
            request,
            f"Sign in to update your {trust.labels['action'].plural_lower}: your role "
            "needs a full sign-in.",
        )
        return redirect_to_login(target)
    request.trust, request.membership = trust, membership
    request.perms = Perms(membership)
    if not request.perms.has("rating.propose"):
        return _refused(request)
    return my_actions_page(
        request,
        propose_url=lambda action: reverse("update_link_propose", args=[token, action.pk]),
        one_click=True,
    )


def update_link_propose(request, token, action_id):
    """The one-click page's form: save the proposal, use the link, open the limited session."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    link, membership = _link_and_membership(token)
    if membership is None:
        return _refused(request)
    trust = link.trust
    if _needs_full_sign_in(link.user):
        return redirect_to_login(reverse("my_actions", args=[trust.slug]))
    perms = Perms(membership)
    try:
        action = access_action(trust, action_id)
    except Http404:
        return _refused(request)
    if not perms.allows("rating.propose", action):
        return _refused(request)
    term = link.term
    form = RatingForm(request.POST, prefix=f"a{action.pk}")
    if term.status != TermStatus.OPEN or not form.is_valid():
        messages.error(request, "Your proposal was not saved: choose a rating.")
        return redirect("update_link", token)
    if not links.use(link):
        return _refused(request)
    if request.user.is_authenticated and request.user.pk != link.user_id:
        logout(request)
    if not request.user.is_authenticated:
        login(request, link.user, backend="django.contrib.auth.backends.ModelBackend")
        request.session[links.SESSION_KEY] = {"trust": trust.slug, "user": link.user_id}
        sign_in_event_record(
            kind=SignInEventKind.SIGNED_IN,
            request=request,
            user=link.user,
            method="reminder link",
            detail="limited to the person's update pages",
            trust_ids=[trust.pk],
        )
    proposal_send(request, action=action, term=term, data=form.cleaned_data,
                  acting_user=link.user)  # fmt: skip
    return redirect(f"{reverse('my_actions', args=[trust.slug])}#action-{action.pk}")


@trust_view(UPDATES_REPORT)
def update_report(request):
    term = selectors.current_open_term(request.trust)
    today = timezone.localdate()
    rows = selectors.update_report(term, today) if term is not None else []
    return render(
        request,
        "reminders/update_report.html",
        {"nav": "updates", "term": term, "rows": rows, "today": today},
    )


@trust_view(UPDATES_REPORT, methods=["POST"])
def remind_now(request, person_id):
    person = access_person(request.trust, person_id)
    term = selectors.current_open_term(request.trust)
    if term is None or person.user_id is None:
        messages.error(request, "There is no open term to remind anyone of.")
        return redirect("update_report", request.trust.slug)
    try:
        queued = services.remind_now(term=term, user_id=person.user_id, acting_user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if queued:
            messages.success(request, f"A reminder is on its way to {person.full_name}.")
        else:
            messages.info(
                request,
                f"{person.full_name} was already reminded today; try again tomorrow.",
            )
    return redirect("update_report", request.trust.slug)


@trust_view(TRUST_SETUP, methods=["GET", "POST"])
def reminder_settings(request):
    schedule = selectors.settings_of(request.trust)
    form = ReminderSettingsForm(request.POST or None, instance=schedule)

    def save(data):
        return services.reminder_settings_update(
            trust=request.trust,
            days_before=data["days_before"],
            day_after_if_overdue=data["day_after_if_overdue"],
            pack_days_before=data["pack_days_before"],
            acting_user=request.user,
        )

    return form_page(
        request,
        form,
        save=save,
        success="Reminder settings saved.",
        then=reverse("reminder_settings", args=[request.trust.slug]),
        title="Reminders",
        intro=(
            f"When owners are reminded to update their "
            f"{request.trust.labels['action'].plural_lower} before a term's rating deadline, "
            "and how long before a meeting with the plan on its agenda its pack is requested."
        ),
        submit="Save reminder settings",
        nav="setup",
    )
