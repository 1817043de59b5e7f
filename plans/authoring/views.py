"""Writing annual plans: key foci, actions and their order, readiness and approval, and
starting next year's plan from this year's. Every page needs plan.author (the CEO)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import ngettext

from objectives.models import academic_year_label
from objectives.selectors import access_objective
from plans.authoring import selectors, services
from plans.authoring.forms import (
    ActionForm,
    ActionLinesForm,
    AnnualPlanCreateForm,
    AnnualPlanTitleForm,
    ApprovalForm,
    KeyFocusForm,
    NextYearForm,
    WithdrawForm,
)
from plans.columns import ACTION, cells_of
from plans.models import ActionStatus, AnnualPlanStatus
from plans.permissions import PLAN_AUTHOR
from plans.selectors import (
    access_action,
    access_annual_plan,
    access_key_focus,
    current_annual_plan,
    owner_initials,
)
from plans.services import ActionConflict
from schools.forms import ConfirmForm, MoveForm
from schools.selectors import read_initials
from trustplan.core.access import trust_view
from trustplan.core.forms import add_service_error, form_page

NAV = "author"


def _url(request, name: str, *args) -> str:
    return reverse(name, args=[request.trust.slug, *args])


def _plan_url(request, annual_plan, anchor: str = "") -> str:
    return _url(request, "author_plan", annual_plan.pk) + (f"#{anchor}" if anchor else "")


def _action_label(request, action) -> str:
    return f"{request.trust.label_action} {action.full_reference}"


def _objective_of_plan(request, annual_plan, objective_id):
    """The objective, only if it belongs to this plan's strategic plan (else not found)."""
    objective = access_objective(request.trust, objective_id)
    if objective.plan_id != annual_plan.strategic_plan_id:
        raise Http404("No such objective in this plan.")
    return objective


@trust_view(PLAN_AUTHOR)
def authoring_home(request):
    return render(
        request,
        "plans/authoring/home.html",
        {
            "nav": NAV,
            "annual_plans": selectors.trust_annual_plans(request.trust),
            "strategic_plans": selectors.trust_strategic_plans(request.trust),
            "can_create": bool(selectors.open_years(request.trust)),
        },
    )


@trust_view(PLAN_AUTHOR, methods=["GET", "POST"])
def annual_plan_create(request):
    form = AnnualPlanCreateForm(request.POST or None, trust=request.trust)
    return form_page(
        request,
        form,
        save=lambda data: services.annual_plan_create(
            strategic_plan=data["year"][0],
            academic_year=data["year"][1],
            title=data["title"],
            acting_user=request.user,
        ),
        success=lambda annual_plan: (
            f"The {annual_plan.year_label} plan is started, with terms "
            "proposed from the trust's term scheme."
        ),
        then=lambda annual_plan: _plan_url(request, annual_plan),
        nav=NAV,
        title="Start an annual plan",
        intro="Choose a year of a strategic plan that has no action plan yet.",
        submit="Start the plan",
        back=_url(request, "author_home"),
    )


def _plan_page_context(request, annual_plan) -> dict:
    approved = annual_plan.is_approved
    live = current_annual_plan(request.trust)
    return {
        # A past year's plan: its actions change only while the CEO has it reopened.
        "past_year": live is not None and annual_plan.academic_year < live.academic_year,
        "live": live,
        "deletable": annual_plan.status == AnnualPlanStatus.DRAFT
        and not selectors.plan_has_ratings(annual_plan),
        "nav": NAV,
        "annual_plan": annual_plan,
        "outline": selectors.plan_outline(annual_plan),
        "approved": approved,
        "changes": selectors.changes_since_approval(annual_plan) if approved else [],
        "next_year": selectors.next_year_possible(annual_plan),
        "next_label": academic_year_label(annual_plan.academic_year + 1),
        "confirm": ConfirmForm(),
    }


@trust_view(PLAN_AUTHOR)
def annual_plan_detail(request, annual_plan_id):
    annual_plan = access_annual_plan(request.trust, annual_plan_id)
    return render(request, "plans/authoring/plan.html", _plan_page_context(request, annual_plan))


@trust_view(PLAN_AUTHOR, methods=["GET", "POST"])
def annual_plan_edit(request, annual_plan_id):
    annual_plan = access_annual_plan(request.trust, annual_plan_id)
    form = AnnualPlanTitleForm(request.POST or None, initial={"title": annual_plan.title})
    return form_page(
        request,
        form,
        save=lambda data: services.annual_plan_update(
            annual_plan=annual_plan, title=data["title"], acting_user=request.user
        ),
        success="Title saved.",
        then=_plan_url(request, annual_plan),
        nav=NAV,
        title=f"Title of the {annual_plan.year_label} plan",
        submit="Save title",
        back=_plan_url(request, annual_plan),
    )


@trust_view(PLAN_AUTHOR, methods=["POST"])
def annual_plan_ready(request, annual_plan_id):
    annual_plan = access_annual_plan(request.trust, annual_plan_id)
    if not ConfirmForm(request.POST).is_valid():
        messages.error(request, "Nothing changed: use the button to mark the plan ready.")
    else:
        try:
            services.annual_plan_mark_ready(annual_plan=annual_plan, acting_user=request.user)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, "The plan is marked ready for the board.")
    return redirect(_plan_url(request, annual_plan))


@trust_view(PLAN_AUTHOR, methods=["POST"])
def annual_plan_reopen(request, annual_plan_id):
    """Open a past year's plan again for changes to its actions, or close it again."""
    annual_plan = access_annual_plan(request.trust, annual_plan_id)
    reopen = request.POST.get("reopened") == "yes"
    if not ConfirmForm(request.POST).is_valid():
        messages.error(request, "Nothing changed: use the button.")
    else:
        try:
            services.annual_plan_reopen(
                annual_plan=annual_plan, reopened=reopen, acting_user=request.user
            )
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(
                request,
                f"The {annual_plan.year_label} plan is open for changes again."
                if reopen
                else f"The {annual_plan.year_label} plan is closed to changes again.",
            )
    return redirect(_plan_url(request, annual_plan))


@trust_view(PLAN_AUTHOR, methods=["POST"])
def annual_plan_live(request, annual_plan_id):
    """Name this plan the live one, or let the calendar choose again."""
    annual_plan = access_annual_plan(request.trust, annual_plan_id)
    live = request.POST.get("live") == "yes"
    if not ConfirmForm(request.POST).is_valid():
        messages.error(request, "Nothing changed: use the button.")
    else:
        try:
            services.annual_plan_name_live(
                annual_plan=annual_plan, live=live, acting_user=request.user
            )
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            now = current_annual_plan(request.trust)
            messages.success(
                request,
                f"The {annual_plan.year_label} plan is the live one: home, the plan page and "
                "rating show it."
                if live
                else "The calendar chooses the live plan again: it is now "
                f"{now.year_label if now else 'none'}.",
            )
    return redirect(_plan_url(request, annual_plan))


@trust_view(PLAN_AUTHOR, methods=["GET", "POST"])
def annual_plan_delete(request, annual_plan_id):
    """Take back a draft plan nobody has rated, after a page that says what goes with it."""
    annual_plan = access_annual_plan(request.trust, annual_plan_id)
    contents = services.annual_plan_contents(annual_plan)
    words = request.trust.labels
    parts = [
        words["key_focus"].count(contents.key_foci),
        words["action"].count(contents.actions),
        ngettext("%(n)d term", "%(n)d terms", contents.terms) % {"n": contents.terms},
    ]
    form = ConfirmForm(request.POST or None)
    return form_page(
        request,
        form,
        save=lambda data: services.annual_plan_delete(
            annual_plan=annual_plan, acting_user=request.user
        ),
        success=f"The {annual_plan.year_label} plan is deleted. Its history keeps what it held.",
        then=_url(request, "author_home"),
        template="confirm_page.html",
        nav=NAV,
        title=f"Delete the {annual_plan.year_label} plan",
        question=f"The draft {annual_plan.year_label} plan will be deleted with its "
        f"{', '.join(parts[:-1])} and {parts[-1]}. The strategic plan and its "
        f"{words['objective'].plural_lower} stay.",
        submit="Delete the plan",
        back=_plan_url(request, annual_plan),
    )


@trust_view(PLAN_AUTHOR, methods=["GET", "POST"])
def annual_plan_approve(request, annual_plan_id):
    """The trustees' approval, recorded as the decision of the board meeting that made it."""
    from governance.models import DecisionKind
    from governance.services import decision_record

    annual_plan = access_annual_plan(request.trust, annual_plan_id)
    form = ApprovalForm(request.POST or None, trust=request.trust)
    return form_page(
        request,
        form,
        save=lambda data: decision_record(
            meeting=data["meeting"],
            kind=DecisionKind.PLAN_APPROVED,
            text="",
            annual_plan=annual_plan,
            acting_user=request.user,
        ),
        success=lambda decision: (
            f"The {annual_plan.year_label} plan is approved: recorded as "
            f"a decision of {decision.meeting}."
        ),
        then=_plan_url(request, annual_plan),
        nav=NAV,
        title=f"Record the trustees' approval of the {annual_plan.year_label} plan",
        intro="Approval is a decision of a board meeting: choose the meeting, and the decision "
        "is recorded there. After approval the wording can still change, but every change is "
        "kept in the history and listed for the next board pack. A meeting not listed here "
        "must first be scheduled in governance.",
        submit="Record approval",
        back=_plan_url(request, annual_plan),
    )


@trust_view(PLAN_AUTHOR, methods=["GET", "POST"])
def annual_plan_next(request, annual_plan_id):
    source = access_annual_plan(request.trust, annual_plan_id)
    form = NextYearForm(request.POST or None, trust=request.trust, source=source)
    choices = selectors.carry_choices(source)
    if request.method == "POST" and form.is_valid():
        try:
            new_plan = services.annual_plan_start_next(
                source=source,
                actions=list(form.cleaned_data["actions"]),
                title=form.cleaned_data["title"],
                acting_user=request.user,
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                f"The {new_plan.year_label} plan is started from {source.year_label}, with "
                f"{len(form.cleaned_data['actions'])} actions carried over.",
            )
            return redirect(_plan_url(request, new_plan))
    if form.is_bound:
        posted = {str(v) for v in form.data.getlist("actions")}
        for choice in choices:
            choice.chosen = str(choice.action.pk) in posted
    return render(
        request,
        "plans/authoring/next_year.html",
        {
            "nav": NAV,
            "source": source,
            "form": form,
            "choices": choices,
            "possible": selectors.next_year_possible(source),
            "target_label": academic_year_label(source.academic_year + 1),
        },
    )


# Key foci ---------------------------------------------------------------------------------------


@trust_view(PLAN_AUTHOR, methods=["GET", "POST"])
def key_focus_create(request, annual_plan_id, objective_id):
    annual_plan = access_annual_plan(request.trust, annual_plan_id)
    objective = _objective_of_plan(request, annual_plan, objective_id)
    form = KeyFocusForm(
        request.POST or None,
        trust=request.trust,
        annual_plan=annual_plan,
        initial={"objective": objective.pk},
    )
    if request.GET.get("another") == "1":
        # Straight on with the next one after "Save and add another".
        form.fields["title"].widget.attrs["autofocus"] = True
    return form_page(
        request,
        form,
        save=lambda data: services.key_focus_create(
            annual_plan=annual_plan, acting_user=request.user, **data
        ),
        success=lambda focus: f"{request.trust.label_key_focus} {focus.number} added.",
        then=_url(request, "author_key_focus_create", annual_plan.pk, objective.pk) + "?another=1"
        if "another" in request.POST
        else _plan_url(request, annual_plan, f"objective-{objective.pk}"),
        template="plans/authoring/key_focus_form.html",
        nav=NAV,
        annual_plan=annual_plan,
        objective=objective,
        adding=True,
    )


@trust_view(PLAN_AUTHOR, methods=["GET", "POST"])
def key_focus_edit(request, key_focus_id):
    focus = access_key_focus(request.trust, key_focus_id)
    annual_plan = focus.annual_plan
    form = KeyFocusForm(
        request.POST or None,
        trust=request.trust,
        annual_plan=annual_plan,
        initial={"objective": focus.objective_id, "title": focus.title},
        focus=focus,
    )
    return form_page(
        request,
        form,
        save=lambda data: services.key_focus_update(
            key_focus=focus, acting_user=request.user, **data
        ),
        success=lambda _: f"{request.trust.label_key_focus} saved.",
        then=_plan_url(request, annual_plan, f"objective-{focus.objective_id}"),
        template="plans/authoring/key_focus_form.html",
        nav=NAV,
        annual_plan=annual_plan,
        objective=focus.objective,
        focus=focus,
    )


@trust_view(PLAN_AUTHOR, methods=["GET", "POST"])
def key_focus_paste(request, key_focus_id):
    """Paste a list: one action per line under the key focus, previewed before anything is
    saved."""
    focus = access_key_focus(request.trust, key_focus_id)
    annual_plan, words = focus.annual_plan, request.trust.labels
    back = _plan_url(request, annual_plan, f"objective-{focus.objective_id}")
    form = ActionLinesForm(request.POST or None, words=words)
    preview = None
    if request.method == "POST" and form.is_valid():
        lines = form.cleaned_data["lines"]
        if form.cleaned_data["confirm"]:
            try:
                created = services.actions_create_from_lines(
                    key_focus=focus, lines=lines, acting_user=request.user
                )
            except ValidationError as exc:
                add_service_error(form, exc)
            else:
                messages.success(
                    request,
                    f"{words['action'].count(len(created))} added under "
                    f"{words['key_focus'].lower()} {focus.number}: "
                    f"{created[0].full_reference} to {created[-1].full_reference}.",
                )
                return redirect(back)
        else:
            first = int(services.next_reference(annual_plan, focus.objective))
            number = focus.objective.number
            preview = [(f"{number}.{first + i}", line) for i, line in enumerate(lines)]
    return render(
        request,
        "plans/authoring/key_focus_paste.html",
        {
            "nav": NAV,
            "form": form,
            "focus": focus,
            "annual_plan": annual_plan,
            "preview": preview,
            "back": back,
        },
    )


def _moved_response(request, annual_plan, objective_id, status: str, fragment: str):
    """For htmx, the objective's list again (focus stays on the same button) and the status
    line; otherwise back to the plan at that objective."""
    if request.htmx:
        section = next(
            s for s in selectors.plan_outline(annual_plan) if s.objective.pk == objective_id
        )
        return render(
            request,
            fragment,
            {
                "section": section,
                "annual_plan": annual_plan,
                "approved": annual_plan.is_approved,
                "status": status,
            },
        )
    messages.info(request, status)
    return redirect(_plan_url(request, annual_plan, f"objective-{objective_id}"))


@trust_view(PLAN_AUTHOR, methods=["POST"])
def key_focus_move(request, key_focus_id):
    focus = access_key_focus(request.trust, key_focus_id)
    form = MoveForm(request.POST)
    label = request.trust.label_key_focus
    if not form.is_valid():
        status = "Choose to move up or down."
    elif services.key_focus_move(
        key_focus=focus, direction=form.cleaned_data["direction"], acting_user=request.user
    ):
        status = f"{label} moved {form.cleaned_data['direction']}: it is now number {focus.number}."
    else:
        status = f"{label} {focus.number} cannot move further {form.cleaned_data['direction']}."
    return _moved_response(
        request, focus.annual_plan, focus.objective_id, status, "plans/authoring/_key_foci.html"
    )


@trust_view(PLAN_AUTHOR, methods=["GET", "POST"])
def key_focus_delete(request, key_focus_id):
    focus = access_key_focus(request.trust, key_focus_id)
    form = ConfirmForm(request.POST or None)
    back = _plan_url(request, focus.annual_plan, f"objective-{focus.objective_id}")
    words = request.trust.labels
    return form_page(
        request,
        form,
        save=lambda data: services.key_focus_delete(key_focus=focus, acting_user=request.user),
        success=lambda _: f"{request.trust.label_key_focus} deleted; the rest renumbered.",
        then=back,
        template="confirm_page.html",
        nav=NAV,
        title=f"Delete {request.trust.labels['key_focus'].lower()} {focus.number}",
        question=f"“{focus.title}” will be deleted and the {words['key_focus'].plural_lower} "
        f"after it renumbered. Its {words['action'].plural_lower} stay, without "
        f"{words['key_focus'].a}.",
        submit=f"Delete {words['key_focus'].lower()}",
        back=back,
    )


# Actions ------------------------------------------------------------------------------------


@trust_view(PLAN_AUTHOR)
def owners_preview(request):
    """Who typed initials name, and suggestions for the one being typed (an htmx fragment)."""
    reading = read_initials(trust=request.trust, text=request.GET.get("owners", ""))
    return render(request, "plans/authoring/_owners_preview.html", {"reading": reading})


# What "Save and add another" carries to the next blank form: the next action is usually
# under the same key focus, for the same school, by the same people.
KEPT_FOR_ANOTHER = ("key_focus", "school", "owners", "owner_note")


def _kept_from(data) -> dict[str, str]:
    return {name: data[name] for name in KEPT_FOR_ANOTHER if data.get(name)}


def _kept_for_another(request) -> dict[str, str]:
    """The kept fields of the query string, as the form's starting values. The form's own
    choices decide what they may be: an id of another trust's key focus selects nothing."""
    if request.GET.get("another") != "1":
        return {}
    return _kept_from(request.GET)


@trust_view(PLAN_AUTHOR, methods=["GET", "POST"])
def action_create(request, annual_plan_id, objective_id):
    annual_plan = access_annual_plan(request.trust, annual_plan_id)
    objective = _objective_of_plan(request, annual_plan, objective_id)
    form = ActionForm(
        request.POST or None,
        trust=request.trust,
        annual_plan=annual_plan,
        objective=objective,
        editing=False,
        owners_url=_url(request, "author_owners"),
        initial={
            "reference": services.next_reference(annual_plan, objective),
            **_kept_for_another(request),
        },
    )
    if request.GET.get("another") == "1":
        form.fields["text"].widget.attrs["autofocus"] = True
    return form_page(
        request,
        form,
        save=lambda data: services.action_create(
            annual_plan=annual_plan,
            objective=objective,
            acting_user=request.user,
            **data,
        ),
        success=lambda action: f"{request.trust.label_action} {action.full_reference} added.",
        then=lambda action: (
            _url(request, "author_action_create", annual_plan.pk, objective.pk)
            + "?"
            + urlencode({"another": 1, **_kept_from(request.POST)})
            if "another" in request.POST
            else _plan_url(request, annual_plan, f"action-{action.pk}")
        ),
        template="plans/authoring/action_form.html",
        nav=NAV,
        annual_plan=annual_plan,
        objective=objective,
        adding=True,
    )


@trust_view(PLAN_AUTHOR, methods=["GET", "POST"])
def action_edit(request, action_id):
    action = access_action(request.trust, action_id)
    annual_plan = action.annual_plan
    owners = "/".join(link.person.initials for link in action.owner_links.select_related("person"))
    form = ActionForm(
        request.POST or None,
        trust=request.trust,
        annual_plan=annual_plan,
        objective=action.objective,
        editing=True,
        owners_url=_url(request, "author_owners"),
        initial=ActionForm.initial_for(action, owners),
        action=action,
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.action_revise(
                action=action,
                expected_version=data.pop("version"),
                acting_user=request.user,
                **data,
            )
        except ActionConflict as exc:
            conflict = exc.current
            conflict.cells = cells_of(conflict, ACTION, form.columns)
            conflict.owners_text = "/".join(
                link.person.initials for link in conflict.owner_links.select_related("person")
            )
            form.add_error(
                None,
                "Someone else saved this action while you were editing. Their version is shown "
                "below; check it, then save again to replace it with yours.",
            )
            form.data = form.data.copy()
            form.data["version"] = conflict.version
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request, f"{request.trust.label_action} {action.full_reference} saved."
            )
            return redirect(_plan_url(request, annual_plan, f"action-{action.pk}"))
    return render(
        request,
        "plans/authoring/action_form.html",
        {
            "nav": NAV,
            "form": form,
            "annual_plan": annual_plan,
            "objective": action.objective,
            "action": action,
            "conflict": conflict,
            "lineage": selectors.action_lineage(action),
            "approved": annual_plan.is_approved,
        },
    )


@trust_view(PLAN_AUTHOR, methods=["POST"])
def action_move(request, action_id):
    action = access_action(request.trust, action_id)
    form = MoveForm(request.POST)
    label = f"{request.trust.label_action} {action.full_reference}"
    if not form.is_valid():
        status = "Choose to move up or down."
    elif services.action_move(
        action=action, direction=form.cleaned_data["direction"], acting_user=request.user
    ):
        status = f"{label} moved {form.cleaned_data['direction']}, to place {action.position + 1}."
    else:
        status = f"{label} cannot move further {form.cleaned_data['direction']}."
    return _moved_response(
        request, action.annual_plan, action.objective_id, status, "plans/authoring/_actions.html"
    )


@trust_view(PLAN_AUTHOR, methods=["GET", "POST"])
def action_withdraw(request, action_id):
    action = access_action(request.trust, action_id)
    form = WithdrawForm(request.POST or None)
    back = _plan_url(request, action.annual_plan, f"action-{action.pk}")
    return form_page(
        request,
        form,
        save=lambda data: services.action_withdraw(
            action=action, reason=data["reason"], acting_user=request.user
        ),
        success=lambda _: f"{request.trust.label_action} {action.full_reference} withdrawn.",
        then=back,
        nav=NAV,
        title=f"Withdraw {request.trust.labels['action'].lower()} {action.full_reference}",
        intro=f"“{action.text}” will stay in the plan's history and in past board packs, "
        "marked withdrawn, and will no longer be rated.",
        submit=f"Withdraw {request.trust.labels['action'].lower()}",
        back=back,
    )


@trust_view(PLAN_AUTHOR, methods=["POST"])
def action_reinstate(request, action_id):
    action = access_action(request.trust, action_id)
    if not ConfirmForm(request.POST).is_valid():
        messages.error(request, "Nothing changed: use the Reinstate button.")
    else:
        try:
            services.action_reinstate(action=action, acting_user=request.user)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(
                request, f"{request.trust.label_action} {action.full_reference} reinstated."
            )
    return redirect(_plan_url(request, action.annual_plan, f"action-{action.pk}"))


@trust_view(PLAN_AUTHOR, methods=["GET", "POST"])
def action_delete(request, action_id):
    action = access_action(request.trust, action_id)
    refusal = services.deletion_refusal(action)
    # A refused deletion shows the refusal and deletes nothing, whatever was posted.
    form = ConfirmForm((request.POST or None) if refusal is None else None)
    back = _plan_url(request, action.annual_plan, f"objective-{action.objective_id}")
    return form_page(
        request,
        form,
        save=lambda data: services.action_delete(action=action, acting_user=request.user),
        success=lambda _: f"{request.trust.label_action} {action.full_reference} deleted.",
        then=back,
        template="plans/authoring/action_delete.html",
        nav=NAV,
        action=action,
        owners=owner_initials(action),
        refusal=refusal,
        back=back,
        is_withdrawn=action.status == ActionStatus.WITHDRAWN,
    )
