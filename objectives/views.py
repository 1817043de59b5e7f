"""Writing strategic plans: span, objectives (numbered, reorderable), leads and stages."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from objectives import selectors, services
from objectives.forms import ObjectiveForm, StageGridForm, StrategicPlanForm
from plans.columns import OBJECTIVE, attach_cells, trust_columns
from plans.permissions import PLAN_AUTHOR
from schools.forms import ConfirmForm, MoveForm
from trustplan.core.access import trust_view
from trustplan.core.forms import form_page

NAV = "author"


def _url(request, name: str, *args) -> str:
    return reverse(name, args=[request.trust.slug, *args])


@trust_view(PLAN_AUTHOR)
def strategy_home(request):
    return render(
        request,
        "objectives/strategy_home.html",
        {"nav": NAV, "plans": selectors.strategic_plans(request.trust)},
    )


@trust_view(PLAN_AUTHOR, methods=["GET", "POST"])
def strategic_plan_create(request):
    form = StrategicPlanForm(request.POST or None, trust=request.trust)
    return form_page(
        request,
        form,
        nav=NAV,
        save=lambda data: services.strategic_plan_create(
            trust=request.trust, acting_user=request.user, **data
        ),
        success=lambda plan: f"{plan.title} created. Add its objectives.",
        then=lambda plan: _url(request, "strategic_plan_detail", plan.pk),
        title="New strategic plan",
        submit="Create plan",
        back=_url(request, "strategy_home"),
    )


def _plan_context(request, plan) -> dict:
    objectives = list(selectors.objectives_of(plan))
    for objective in objectives:
        objective.leads_text = selectors.lead_initials(objective)
    attach_cells(
        request.trust, trust_columns(request.trust, level=OBJECTIVE), objectives=objectives
    )
    return {
        "nav": NAV,
        "plan": plan,
        "objectives": objectives,
        "years": selectors.year_labels(plan),
        "stage_rows": selectors.stage_grid(plan, objectives),
    }


@trust_view(PLAN_AUTHOR)
def strategic_plan_detail(request, plan_id):
    plan = selectors.access_strategic_plan(request.trust, plan_id)
    return render(request, "objectives/plan_detail.html", _plan_context(request, plan))


@trust_view(PLAN_AUTHOR, methods=["GET", "POST"])
def strategic_plan_edit(request, plan_id):
    plan = selectors.access_strategic_plan(request.trust, plan_id)
    title = plan.title
    form = StrategicPlanForm(request.POST or None, instance=plan, trust=request.trust)
    return form_page(
        request,
        form,
        nav=NAV,
        save=lambda data: services.strategic_plan_update(
            plan=plan, acting_user=request.user, **data
        ),
        success="Plan saved.",
        then=_url(request, "strategic_plan_detail", plan.pk),
        title=f"Edit {title}",
        submit="Save plan",
        back=_url(request, "strategic_plan_detail", plan.pk),
    )


@trust_view(PLAN_AUTHOR, methods=["GET", "POST"])
def objective_create(request, plan_id):
    plan = selectors.access_strategic_plan(request.trust, plan_id)
    form = ObjectiveForm(
        request.POST or None, trust=request.trust, next_number=selectors.next_objective_number(plan)
    )
    if request.GET.get("another") == "1":
        # Straight on with the next one after "Save and add another".
        form.fields["short_name"].widget.attrs["autofocus"] = True
    if "another" in request.POST:
        then = _url(request, "objective_create", plan.pk) + "?another=1"
    else:
        then = _url(request, "strategic_plan_detail", plan.pk)
    return form_page(
        request,
        form,
        nav=NAV,
        save=lambda data: services.objective_create(plan=plan, acting_user=request.user, **data),
        success=lambda objective: f"{request.trust.label_objective} {objective} added.",
        then=then,
        template="objectives/objective_form.html",
        plan=plan,
        adding=True,
    )


@trust_view(PLAN_AUTHOR, methods=["GET", "POST"])
def objective_edit(request, objective_id):
    objective = selectors.access_objective(request.trust, objective_id)
    links = objective.lead_links.select_related("person").order_by("id")
    leads = "/".join(link.person.initials for link in links)
    form = ObjectiveForm(
        request.POST or None,
        trust=request.trust,
        initial=ObjectiveForm.initial_for(objective, leads),
        objective=objective,
    )
    return form_page(
        request,
        form,
        nav=NAV,
        save=lambda data: services.objective_update(
            objective=objective, acting_user=request.user, **data
        ),
        success=lambda _: f"{request.trust.label_objective} {objective} saved.",
        then=_url(request, "strategic_plan_detail", objective.plan_id),
        template="objectives/objective_form.html",
        plan=objective.plan,
        objective=objective,
    )


@trust_view(PLAN_AUTHOR, methods=["POST"])
def objective_move(request, objective_id):
    objective = selectors.access_objective(request.trust, objective_id)
    form = MoveForm(request.POST)
    status = ""
    if not form.is_valid():
        status = "Choose to move up or down."
    else:
        try:
            moved = services.objective_move(
                objective=objective,
                direction=form.cleaned_data["direction"],
                acting_user=request.user,
            )
        except ValidationError as exc:
            status = exc.messages[0]
        else:
            status = (
                f"{objective.short_name} is now number {objective.number}."
                if moved
                else f"{objective.short_name} cannot move further {form.cleaned_data['direction']}."
            )
    if request.htmx:
        context = _plan_context(request, objective.plan)
        return render(request, "objectives/_objective_table.html", {**context, "status": status})
    messages.info(request, status)
    return redirect(
        _url(request, "strategic_plan_detail", objective.plan_id) + f"#objective-{objective.pk}"
    )


@trust_view(PLAN_AUTHOR, methods=["GET", "POST"])
def objective_delete(request, objective_id):
    objective = selectors.access_objective(request.trust, objective_id)
    form = ConfirmForm(request.POST or None)
    back = _url(request, "strategic_plan_detail", objective.plan_id)
    words = request.trust.labels
    return form_page(
        request,
        form,
        nav=NAV,
        save=lambda data: services.objective_delete(objective=objective, acting_user=request.user),
        success=lambda _: f"{objective} deleted.",
        then=back,
        template="confirm_page.html",
        title=f"Delete {request.trust.labels['objective'].lower()} {objective}",
        question=f"Only {words['objective'].a} with no {words['key_focus'].plural_lower} or "
        f"{words['action'].plural_lower} in any year can be deleted. The "
        f"{words['objective'].plural_lower} after it move up one number.",
        submit=f"Delete {words['objective'].lower()}",
        back=back,
    )


@trust_view(PLAN_AUTHOR, methods=["GET", "POST"])
def stages_edit(request, plan_id):
    plan = selectors.access_strategic_plan(request.trust, plan_id)
    context = _plan_context(request, plan)
    form = StageGridForm(request.POST or None, rows=context["stage_rows"], years=context["years"])
    return form_page(
        request,
        form,
        save=lambda data: services.objective_stages_set(
            plan=plan, stages=form.stages(), acting_user=request.user
        ),
        success="Stages and outlines saved.",
        then=_url(request, "strategic_plan_detail", plan.pk) + "#stages",
        template="objectives/stages_edit.html",
        **context,
    )
