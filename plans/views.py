from django.contrib import messages
from django.shortcuts import redirect, render

from plans import selectors
from plans.forms import ActionEditForm
from plans.permissions import ACTION_CHANGE, PLAN_VIEW
from plans.services import ActionConflict, action_update
from trustplan.access import trust_view
from trustplan.permissions import TRUST_VIEW, Scope


@trust_view(TRUST_VIEW)
def trust_home(request):
    annual_plan = selectors.current_annual_plan(request.trust)
    terms = selectors.plan_terms(annual_plan) if annual_plan else []
    return render(
        request,
        "plans/trust_home.html",
        {"nav": "home", "annual_plan": annual_plan, "term": selectors.current_term(terms)},
    )


@trust_view(PLAN_VIEW)
def plan(request):
    annual_plan = selectors.current_annual_plan(request.trust)
    if annual_plan is None:
        return render(request, "plans/plan.html", {"nav": "plan", "review": None})
    review = selectors.term_review(annual_plan)
    perms = request.perms
    if perms.scope(PLAN_VIEW) is Scope.SCHOOL:
        for summary in review.objectives:
            summary.rows = [row for row in summary.rows if perms.allows(PLAN_VIEW, row.action)]
        review.objectives = [summary for summary in review.objectives if summary.rows]
    changeable = perms.allowed_ids(ACTION_CHANGE, [row.action for row in review.rows])
    return render(
        request,
        "plans/plan.html",
        {"nav": "plan", "review": review, "annual_plan": annual_plan, "changeable": changeable},
    )


@trust_view(PLAN_VIEW)
def action_detail(request, action_id):
    action = selectors.access_action(request.trust, action_id)
    request.perms.require(PLAN_VIEW, action)
    terms = selectors.plan_terms(action.annual_plan)
    ratings = {r.term_id: r for r in action.ratings.select_related("rated_by")}
    return render(
        request,
        "plans/action_detail.html",
        {
            "nav": "plan",
            "action": action,
            "owners": action.owners.order_by("action_links__position"),
            "term_ratings": [(term, ratings.get(term.pk)) for term in terms],
            "can_change": request.perms.allows(ACTION_CHANGE, action),
        },
    )


@trust_view(ACTION_CHANGE, methods=["GET", "POST"])
def action_edit(request, action_id):
    action = selectors.access_action(request.trust, action_id)
    request.perms.require(ACTION_CHANGE, action)
    form = ActionEditForm(request.POST or None, instance=action, labels=request.trust.labels)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            action_update(
                action=action,
                acting_user=request.user,
                expected_version=data["version"],
                text=data["text"],
                kpis=data["kpis"],
                evidence=data["evidence"],
            )
        except ActionConflict as exc:
            conflict = exc.current
            form.add_error(
                None,
                "Someone else saved this action while you were editing. Their version is shown "
                "below; copy anything you need, then save again to replace it.",
            )
            form.data = form.data.copy()
            form.data["version"] = conflict.version
        else:
            messages.success(request, f"Action {action.full_reference} saved.")
            return redirect("action_detail", request.trust.slug, action.pk)
    return render(
        request,
        "plans/action_edit.html",
        {"nav": "plan", "action": action, "form": form, "conflict": conflict},
    )
