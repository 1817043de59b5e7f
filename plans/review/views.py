from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import ngettext

from objectives.models import StrategicObjective
from objectives.selectors import stages_in_year
from plans import selectors
from plans.columns import ACTION, attach_cells, attach_row_cells, cells_of, trust_columns
from plans.models import KeyFocus, TermStatus, rating_phrase
from plans.permissions import ACTION_CHANGE, PLAN_VIEW, RATING_PROPOSE, RATING_SET, TERM_SUBMIT
from plans.review import selectors as review_selectors
from plans.review.forms import (
    ActionEditForm,
    EvaluationForm,
    GridFilterForm,
    RatingForm,
    ReopenForm,
)
from plans.review.grid import GridPage
from plans.review.selectors import GridCounts
from plans.review.services import (
    RatingConflict,
    SubmissionRefused,
    rating_accept_proposal,
    rating_carry_forward,
    rating_keep_commentary,
    rating_propose,
    rating_set,
    ratings_carry_forward,
    term_reopen,
    term_submit,
    year_end_evaluations_save,
)
from plans.services import ActionConflict, action_update
from schools.models import Person, School
from trustplan.core.access import trust_view
from trustplan.core.forms import add_service_error
from trustplan.core.permissions import TRUST_VIEW, Scope
from trustplan.core.text import is_plain_number


def _years(request) -> selectors.PlanYears:
    """The year the page shows: the live one, or the one its year picker asked for."""
    return selectors.plan_years(request.trust, year=request.GET.get("year"), perms=request.perms)


def _visible(review, perms) -> None:
    """Governors read only their school's actions: trim the review in place."""
    if perms.scope(PLAN_VIEW) is not Scope.SCHOOL:
        return
    for summary in review.objectives:
        summary.rows = [row for row in summary.rows if perms.allows(PLAN_VIEW, row.action)]
    review.objectives = [summary for summary in review.objectives if summary.rows]


@trust_view(TRUST_VIEW)
def trust_home(request):
    years = _years(request)
    annual_plan = years.shown
    review = None
    if annual_plan is not None and request.perms.has(PLAN_VIEW):
        review = review_selectors.term_review(annual_plan, reader=request.perms)
        _visible(review, request.perms)
    return render(
        request,
        "plans/trust_home.html",
        {
            "nav": "home",
            "annual_plan": annual_plan,
            "years": years,
            "review": review,
            "can_rate": request.perms.has(RATING_SET),
        },
    )


@trust_view(PLAN_VIEW)
def plan(request):
    years = _years(request)
    annual_plan = years.shown
    if annual_plan is None:
        return render(request, "plans/plan.html", {"nav": "plan", "review": None})
    review = review_selectors.term_review(annual_plan, reader=request.perms)
    _visible(review, request.perms)
    changeable = request.perms.allowed_ids(ACTION_CHANGE, [row.action for row in review.rows])
    key_foci = list(
        KeyFocus.objects.filter(trust=request.trust, annual_plan=annual_plan).order_by("number")
    )
    # Year-end evaluations belong to the last term's review: shown as that term is.
    terms = selectors.plan_terms(annual_plan)
    show_evaluations = not terms or selectors.sees_whole_term(request.perms, terms[-1])
    foci_by_objective = {}
    for focus in key_foci:
        foci_by_objective.setdefault(focus.objective_id, []).append(focus)
    # The plan page's columns (objectives', key foci's, actions'), and each action's school.
    actions = [row.action for row in review.rows]
    attach_cells(
        request.trust,
        trust_columns(request.trust, place="plan"),
        actions=actions,
        key_foci=key_foci,
        objectives=[summary.objective for summary in review.objectives],
    )
    selectors.attach_schools(request.trust, actions)
    stages = stages_in_year(request.trust, annual_plan.strategic_plan_id, annual_plan.academic_year)
    sections = [
        {
            "summary": summary,
            "stage": stages.get(summary.objective.pk),
            "groups": selectors.focus_groups(
                summary.rows, foci_by_objective.get(summary.objective.pk, [])
            ),
        }
        for summary in review.objectives
    ]
    return render(
        request,
        "plans/plan.html",
        {
            "nav": "plan",
            "review": review,
            "sections": sections,
            "annual_plan": annual_plan,
            "years": years,
            "changeable": changeable,
            "show_evaluations": show_evaluations,
        },
    )


@trust_view(RATING_SET)
def rate_current(request):
    annual_plan = _years(request).shown
    if annual_plan is None:
        raise Http404("This trust has no annual plan yet.")
    term = selectors.current_term(selectors.plan_terms(annual_plan))
    if term is None:
        raise Http404("This plan has no terms yet.")
    return redirect("rating_grid", request.trust.slug, term.pk)


def _grid_rows(request, term):
    """The term's review (with the term before last, for "unchanged last term"), the filter
    form and the rows it shows."""
    # The term before last is read only for the "unchanged last term" filter.
    review = review_selectors.term_review(
        term.annual_plan, term, reader=request.perms, earlier=bool(request.GET.get("unchanged"))
    )
    trust = request.trust
    filters = GridFilterForm(
        request.GET or None,
        objectives=StrategicObjective.objects.filter(
            trust=trust, plan_id=term.annual_plan.strategic_plan_id
        ),
        schools=School.objects.for_trust(trust),
        people=Person.objects.for_trust(trust),
        labels=trust.labels,
    )
    return review, filters, filters.apply(review.active_rows)


def _carryable(rows) -> list:
    """Rows not yet rated this term whose rating last term can be kept."""
    return [row for row in rows if not row.status and row.last and row.last.status]


@trust_view(RATING_SET)
def rating_grid(request, term_id):
    term = selectors.access_term(request.trust, term_id)
    review, filters, rows = _grid_rows(request, term)
    page = GridPage.for_term(request.trust, term, review.previous)
    # The columns marked for the grid, collapsed under each action (two queries in all).
    attach_row_cells(request.trust, [row.action for row in rows], "grid")
    years = selectors.plan_years(request.trust, year=None, perms=request.perms)
    return render(
        request,
        "plans/rating_grid.html",
        {
            "nav": "rate",
            "term": term,
            "years": selectors.PlanYears(
                live=years.live, shown=term.annual_plan, choices=years.choices
            ),
            "review": review,
            "counts": GridCounts.from_review(review),
            # One string, not a template loop over 300 rows.
            "rows_html": mark_safe("".join(page.row(row) for row in rows)),
            "rows_shown": len(rows),
            "filters": filters,
            "frozen": page.frozen,
            "carryable": len(_carryable(rows)),
            "query": request.GET.urlencode(),
        },
    )


@trust_view(RATING_SET, methods=["GET", "POST"])
def carry_forward(request, term_id):
    """GET: how many of the rows the grid's filters show would keep last term's rating, and
    which. POST: keep them (rows rated meanwhile are left as they are, and named)."""
    term = selectors.access_term(request.trust, term_id)
    grid = reverse("rating_grid", args=[request.trust.slug, term.pk])
    query = request.GET.urlencode()
    back = f"{grid}?{query}" if query else grid
    if term.status != TermStatus.OPEN:
        messages.error(request, f"{term.name} has been submitted to the board; nothing to keep.")
        return redirect(back)
    if request.method == "POST":
        ids = [int(v) for v in request.POST.getlist("action") if is_plain_number(v)]
        actions = review_selectors.term_actions(term, ids)
        try:
            result = ratings_carry_forward(term=term, actions=actions, acting_user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(back)
        kept = len(result.kept)
        messages.success(
            request,
            ngettext(
                "Kept last term's rating and commentary for %(actions)s.",
                "Kept last term's ratings and commentaries for %(actions)s.",
                kept,
            )
            % {"actions": request.trust.labels["action"].count(kept)},
        )
        if result.skipped:
            refs = ", ".join(a.full_reference for a in result.skipped)
            messages.info(
                request, f"Left as they are (rated meanwhile, or nothing to keep): {refs}."
            )
        return redirect(back)
    review, _filters, rows = _grid_rows(request, term)
    carryable = _carryable(rows)
    n, before = len(carryable), review.previous.name if review.previous else ""
    question = ngettext(
        "Keep the %(before)s rating and commentary of %(actions)s for %(term)s?",
        "Keep the %(before)s ratings and commentaries of %(actions)s for %(term)s?",
        n,
    ) % {"before": before, "actions": request.trust.labels["action"].count(n), "term": term.name}
    submit = ngettext("Keep %(n)d rating", "Keep %(n)d ratings", n) % {"n": n}
    return render(
        request,
        "plans/carry_forward.html",
        {
            "nav": "rate",
            "term": term,
            "previous": review.previous,
            "rows": carryable,
            "shown": len(rows),
            "question": question,
            "submit": submit,
            "back": back,
            "query": query,
        },
    )


def _grid_response(
    request, *, term, action, rating, message: str, state: str, conflict=None, row_html=""
):
    """The saved / failed / conflict state of one grid row, and the grid's counts after a
    save, as out-of-band fragments. Rendered without the request: the page's context
    (labels, permissions, other trusts) is not needed here and would cost queries."""
    context = {
        "trust": request.trust,
        "term": term,
        "action": action,
        "rating": rating,
        "message": message,
        "state": state,
        "conflict": conflict,
        "row_html": row_html,
    }
    if rating is not None:
        page = GridPage.for_term(request.trust, term)
        context["need"] = mark_safe(page.need(action, rating, oob=True))  # escaped by the grid
        context["counts"] = review_selectors.grid_counts(term)
    return HttpResponse(render_to_string("plans/includes/grid_feedback.html", context))


@trust_view(RATING_SET, methods=["GET", "POST"])
def rating_cell(request, term_id, action_id):
    """GET: one grid row as it is saved now. POST: save that row's rating and commentary."""
    term, action = selectors.access_term_action(request.trust, term_id, action_id)
    if request.method == "GET":
        return _grid_row(request, term, action)
    form = RatingForm(request.POST)
    reference = action.full_reference
    if not form.is_valid():
        errors = "; ".join(e for field in form.errors.values() for e in field)
        return _grid_response(
            request, term=term, action=action, rating=None, state="failed",
            message=f"Not saved for {reference}: {errors}",
        )  # fmt: skip
    data = form.cleaned_data
    try:
        rating = rating_set(
            action=action,
            term=term,
            status=data["status"],
            commentary=data["commentary"],
            acting_user=request.user,
            expected_version=data["version"],
        )
    except RatingConflict as exc:
        theirs = exc.current
        who = theirs.rated_by.get_full_name() if theirs.rated_by else "someone"
        return _grid_response(
            request, term=term, action=action, rating=None, state="conflict", conflict=theirs,
            message=f"Not saved for {reference}: {who} changed this rating while you were "
            f"working. Choose which to keep.",
        )  # fmt: skip
    except ValidationError as exc:
        return _grid_response(
            request, term=term, action=action, rating=None, state="failed",
            message=f"Not saved for {reference}: {' '.join(exc.messages)}",
        )  # fmt: skip
    if not request.htmx:
        messages.success(request, f"Rating for {reference} saved.")
        return redirect(reverse("rating_grid", args=[request.trust.slug, term.pk]))
    return _grid_response(
        request, term=term, action=action, rating=rating, state="saved",
        message=f"Saved {reference}: {rating.get_status_display()}.",
    )  # fmt: skip


def _review_row(request, term, action, *, oob: bool = False) -> str:
    """One grid row as it is saved now."""
    if action.annual_plan_id != term.annual_plan_id:
        raise Http404("No such action in this term.")
    row, previous = review_selectors.review_row(term, action, reader=request.perms)
    attach_row_cells(request.trust, [row.action], "grid")
    return GridPage.for_term(request.trust, term, previous).row(row, oob=oob)


def _grid_row(request, term, action) -> HttpResponse:
    """One grid row as it is saved now (after "keep theirs", or accepting a proposal)."""
    return HttpResponse(_review_row(request, term, action))


@trust_view(RATING_SET, methods=["POST"])
def rating_carry(request, term_id, action_id):
    """Keep last term's rating and commentary of one row (the grid's S key)."""
    term, action = selectors.access_term_action(request.trust, term_id, action_id)
    reference = action.full_reference
    version = request.POST.get("version", "")
    rating, state = None, "failed"
    try:
        if not is_plain_number(version):
            raise ValidationError("The page is out of date; reload it.")
        rating = rating_carry_forward(
            action=action, term=term, acting_user=request.user, expected_version=int(version)
        )
    except RatingConflict as exc:
        theirs = exc.current
        who = theirs.rated_by.get_full_name() if theirs.rated_by else "someone"
        state = "conflict"
        message = (
            f"Not kept for {reference}: {who} changed this rating while you were working; "
            "their rating is shown."
        )
    except ValidationError as exc:
        message = f"Not kept for {reference}: {' '.join(exc.messages)}"
    else:
        state = "saved"
        since = rating.carried_from.name if rating.carried_from else ""
        message = f"Saved {reference}: {rating.get_status_display()}, unchanged since {since}."
    if not request.htmx:
        (messages.success if state == "saved" else messages.error)(request, message)
        grid = reverse("rating_grid", args=[request.trust.slug, term.pk])
        return redirect(f"{grid}#row-{action.pk}")
    row_html = _review_row(request, term, action, oob=True) if state != "failed" else ""
    return _grid_response(
        request, term=term, action=action, rating=rating, state=state, message=message,
        row_html=row_html,
    )  # fmt: skip


@trust_view(RATING_SET, methods=["POST"])
def rating_accept(request, term_id, action_id):
    term = selectors.access_term(request.trust, term_id)
    action = selectors.access_action(request.trust, action_id)
    rating = action.ratings.filter(term=term).first()
    version = request.POST.get("version", "")
    try:
        if rating is None or not is_plain_number(version):
            raise ValidationError("There is no proposed rating to accept.")
        rating = rating_accept_proposal(
            rating=rating, acting_user=request.user, expected_version=int(version)
        )
    except RatingConflict:
        messages.error(request, f"{action.full_reference} changed meanwhile; check it again.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Accepted the proposed rating for {action.full_reference}.")
    if request.htmx:
        return _grid_row(request, term, action)
    return redirect("rating_grid", request.trust.slug, term.pk)


@trust_view(RATING_SET, methods=["POST"])
def rating_keep_commentary_view(request, term_id, action_id):
    """Keep a commentary written for an earlier rating, on purpose, for the current one."""
    term = selectors.access_term(request.trust, term_id)
    action = selectors.access_action(request.trust, action_id)
    rating = action.ratings.filter(term=term).first()
    reference = action.full_reference
    version = request.POST.get("version", "")
    state = "failed"
    try:
        if rating is None or not is_plain_number(version):
            raise ValidationError("There is no commentary to keep; reload the page.")
        rating = rating_keep_commentary(
            rating=rating, acting_user=request.user, expected_version=int(version)
        )
    except RatingConflict:
        message = f"Not kept for {reference}: someone changed this rating meanwhile; reload."
    except ValidationError as exc:
        message = f"Not kept for {reference}: {' '.join(exc.messages)}"
    else:
        state = "saved"
        message = f"Kept the commentary of {reference} for {rating_phrase(rating.status)}."
    if not request.htmx:
        (messages.success if state == "saved" else messages.error)(request, message)
        grid = reverse("rating_grid", args=[request.trust.slug, term.pk])
        return redirect(f"{grid}#row-{action.pk}")
    return _grid_response(
        request, term=term, action=action, state=state, message=message,
        rating=rating if state == "saved" else None,
    )  # fmt: skip


@trust_view(PLAN_VIEW)
def term_detail(request, term_id):
    term = selectors.access_term(request.trust, term_id)
    review = review_selectors.term_review(term.annual_plan, term, reader=request.perms)
    _visible(review, request.perms)
    terms = selectors.plan_terms(term.annual_plan)
    is_last_term = bool(terms) and terms[-1].pk == term.pk
    can_evaluate = request.perms.has(RATING_SET)
    key_foci, evaluations = [], []
    if is_last_term and (can_evaluate or review.whole):
        foci = KeyFocus.objects.filter(trust=request.trust, annual_plan=term.annual_plan)
        if can_evaluate:
            key_foci = [
                (focus, EvaluationForm(prefix=f"kf{focus.pk}", initial={
                    "evaluation": focus.evaluation, "note": focus.evaluation_note,
                }))
                for focus in foci
            ]  # fmt: skip
        else:
            # Readers get the evaluations as text: a form they could not save is never shown.
            evaluations = list(foci)
    return render(
        request,
        "plans/term_detail.html",
        {
            "nav": "rate",
            "term": term,
            "review": review,
            "events": review_selectors.term_events(term),
            "reopen_form": ReopenForm(),
            "can_submit": request.perms.has(TERM_SUBMIT),
            "can_rate": request.perms.has(RATING_SET),
            "key_foci": key_foci,
            "evaluations": evaluations,
        },
    )


@trust_view(TERM_SUBMIT, methods=["GET", "POST"])
def term_submit_view(request, term_id):
    """GET: what submitting freezes and who may then read it, or what stops it. POST: submit."""
    term = selectors.access_term(request.trust, term_id)
    if term.status != TermStatus.OPEN:
        messages.error(request, f"{term.name} has already been submitted.")
        return redirect("term_detail", request.trust.slug, term.pk)
    if request.method == "POST":
        try:
            term_submit(term=term, acting_user=request.user)
        except SubmissionRefused as exc:
            return _submit_page(request, term, exc.check)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, f"{term.name} submitted to the board. Its ratings are frozen."
            )
        return redirect("term_detail", request.trust.slug, term.pk)
    return _submit_page(request, term, review_selectors.submission_check(term))


def _submit_page(request, term, check) -> HttpResponse:
    return render(
        request,
        "plans/term_submit.html",
        {
            "nav": "rate",
            "term": term,
            "review": check.review,
            "check": check,
            "readers": review_selectors.term_readers(request.trust),
        },
        status=200 if check.ok or request.method == "GET" else 409,
    )


@trust_view(TERM_SUBMIT, methods=["POST"])
def term_reopen_view(request, term_id):
    term = selectors.access_term(request.trust, term_id)
    form = ReopenForm(request.POST)
    if form.is_valid():
        try:
            term_reopen(term=term, acting_user=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"{term.name} reopened. Ratings can be changed again.")
            return redirect("term_detail", request.trust.slug, term.pk)
    else:
        messages.error(request, "Say why the term is being reopened.")
    return redirect("term_detail", request.trust.slug, term.pk)


@trust_view(RATING_SET, methods=["POST"])
def key_foci_evaluate(request, term_id):
    term = selectors.access_term(request.trust, term_id)
    foci = list(KeyFocus.objects.filter(trust=request.trust, annual_plan=term.annual_plan))
    forms = [(focus, EvaluationForm(request.POST, prefix=f"kf{focus.pk}")) for focus in foci]
    if all(form.is_valid() for _, form in forms):
        try:
            year_end_evaluations_save(
                annual_plan=term.annual_plan,
                evaluations=[
                    (focus, form.cleaned_data["evaluation"], form.cleaned_data["note"])
                    for focus, form in forms
                ],
                acting_user=request.user,
            )
        except ValidationError as exc:
            messages.error(request, f"Nothing was saved: {' '.join(exc.messages)}")
        else:
            messages.success(request, "Year-end evaluations saved.")
    else:
        messages.error(request, "Some evaluations were not valid; nothing was saved.")
    return redirect("term_detail", request.trust.slug, term.pk)


@trust_view(RATING_PROPOSE)
def my_actions(request):
    return my_actions_page(request)


def my_actions_page(request, *, propose_url=None, one_click: bool = False):
    """The reader's update page: their actions of the term open for proposals. A reminder's
    one-click link shows the same page with `propose_url(action)` as each form's target."""
    annual_plan = selectors.current_annual_plan(request.trust)
    if annual_plan is None:
        raise Http404("This trust has no annual plan yet.")
    # The term open for proposals, whoever may see it: the rows below are the reader's own.
    term = selectors.current_term(selectors.plan_terms(annual_plan))
    review = review_selectors.term_review(annual_plan, term, reader=request.perms)
    perms = request.perms
    if perms.has_all(RATING_PROPOSE):
        person_id = perms.person.pk if perms.person else None
        rows = [
            r for r in review.active_rows
            if any(link.person_id == person_id for link in selectors.action_owner_links(r.action))
        ]  # fmt: skip
    else:
        allowed = perms.allowed_ids(RATING_PROPOSE, [r.action for r in review.active_rows])
        rows = [r for r in review.active_rows if r.action.pk in allowed]
    term = review.term
    slug = request.trust.slug
    attach_cells(
        request.trust,
        trust_columns(request.trust, level=ACTION, place="action"),
        actions=[row.action for row in rows],
    )
    forms = [
        (
            row,
            RatingForm(prefix=f"a{row.action.pk}", initial=_proposal_initial(row)),
            propose_url(row.action)
            if propose_url
            else reverse("rating_propose", args=[slug, row.action.pk]),
        )
        for row in rows
    ]
    return render(
        request,
        "plans/my_actions.html",
        {
            "nav": "my-actions",
            "term": term,
            "previous": review.previous,
            "forms": forms,
            "frozen": term is None or term.status != TermStatus.OPEN,
            "one_click": one_click,
        },
    )


def _proposal_initial(row) -> dict:
    rating = row.this
    if rating is None:
        return {"version": 0}
    return {
        "status": rating.proposed_status or rating.status,
        "commentary": rating.proposed_commentary or rating.commentary,
        "version": rating.version,
    }


@trust_view(RATING_PROPOSE, methods=["POST"])
def rating_propose_view(request, action_id):
    action = selectors.access_action(request.trust, action_id)
    request.perms.require(RATING_PROPOSE, action)
    term = selectors.current_term(selectors.plan_terms(action.annual_plan))
    form = RatingForm(request.POST, prefix=f"a{action.pk}")
    if term is None:
        messages.error(request, "This plan has no term to rate.")
    elif not form.is_valid():
        errors = "; ".join(e for field in form.errors.values() for e in field)
        messages.error(request, f"Proposal for {action.full_reference} not saved: {errors}")
    else:
        proposal_send(request, action=action, term=term, data=form.cleaned_data,
                      acting_user=request.user)  # fmt: skip
    return redirect(f"{reverse('my_actions', args=[request.trust.slug])}#action-{action.pk}")


def proposal_send(request, *, action, term, data: dict, acting_user) -> None:
    """Save a proposal from a valid RatingForm and say how it went (My actions, and the
    update page a reminder's link opens)."""
    try:
        rating_propose(
            action=action,
            term=term,
            status=data["status"],
            commentary=data["commentary"],
            acting_user=acting_user,
            expected_version=data["version"],
        )
    except RatingConflict:
        messages.error(
            request,
            f"Someone changed the rating of {action.full_reference} while you were working; "
            "its current values are shown. Propose again if you still want to.",
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Proposal for {action.full_reference} sent to the CEO.")


@trust_view(PLAN_VIEW)
def action_detail(request, action_id):
    action = selectors.access_action(request.trust, action_id)
    request.perms.require(PLAN_VIEW, action)
    terms = selectors.plan_terms(action.annual_plan)
    hidden = selectors.hidden_terms(request.perms, terms, action)
    ratings = {r.term_id: r for r in action.ratings.select_related("rated_by", "proposed_by")}
    # Every column shown on the action page: the objective's, its key focus's, its own.
    columns = trust_columns(request.trust, place="action")
    attach_cells(
        request.trust,
        columns,
        actions=[action],
        key_foci=[action.key_focus] if action.key_focus else [],
        objectives=[action.objective],
    )
    return render(
        request,
        "plans/action_detail.html",
        {
            "nav": "plan",
            "action": action,
            "owners": action.owners.order_by("action_links__position"),
            # (term, its rating, whether it is still being prepared out of the reader's sight)
            "term_ratings": [
                (term, None if term.pk in hidden else ratings.get(term.pk), term.pk in hidden)
                for term in terms
            ],
            "can_change": request.perms.allows(ACTION_CHANGE, action),
            "history": selectors.action_history(action, hidden_term_ids=hidden),
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
                columns=form.column_values(),
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        except ActionConflict as exc:
            conflict = exc.current
            conflict.cells = cells_of(conflict, ACTION, form.columns)
            form.add_error(
                None,
                f"Someone else saved this {request.trust.labels['action'].lower()} while you "
                "were editing. Their version is shown below; copy anything you need, then save "
                "again to replace it.",
            )
            form.data = form.data.copy()
            form.data["version"] = conflict.version
        else:
            messages.success(
                request, f"{request.trust.labels['action']} {action.full_reference} saved."
            )
            return redirect("action_detail", request.trust.slug, action.pk)
    return render(
        request,
        "plans/action_edit.html",
        {"nav": "plan", "action": action, "form": form, "conflict": conflict},
    )
