"""The CEO's page of the plan's columns, beside the labels in the trust's set-up."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from plans.columns import access_column, trust_columns
from plans.permissions import PLAN_COLUMNS
from plans.setup import services
from plans.setup.forms import PlanColumnForm
from schools.forms import ConfirmForm, MoveForm
from trustplan.core.access import trust_view
from trustplan.core.forms import form_page

NAV = "setup"


def _list_url(request) -> str:
    return reverse("column_list", args=[request.trust.slug])


def _saved(form, what: str) -> str:
    if form.proposed:
        return f"{what} Plural proposed: {form.proposed}. Correct it here if it is not your word."
    return what


@trust_view(PLAN_COLUMNS)
def column_list(request):
    labels = request.trust.labels
    level_words = {"action": labels["action"], "key_focus": labels["key_focus"],
                   "objective": labels["objective"]}  # fmt: skip
    columns = trust_columns(request.trust)
    for column in columns:
        column.level_word = level_words[column.level]
    return render(
        request,
        "plans/setup/column_list.html",
        {"nav": NAV, "columns": columns, "move": MoveForm()},
    )


@trust_view(PLAN_COLUMNS, methods=["GET", "POST"])
def column_create(request):
    form = PlanColumnForm(
        request.POST or None,
        trust=request.trust,
        initial={
            "level": "action",
            "max_length": 2000,
            "on_plan": True,
            "on_action": True,
            "on_pack": True,
        },
    )
    return form_page(
        request,
        form,
        nav=NAV,
        save=lambda data: services.plan_column_create(
            trust=request.trust, acting_user=request.user, **data
        ),
        success=lambda column: _saved(form, f"{column.name} added."),
        then=lambda column: (
            reverse("column_edit", args=[request.trust.slug, column.pk])
            if form.proposed
            else _list_url(request)
        ),
        title="Add a column",
        submit="Add column",
        back=_list_url(request),
        intro="A text column of the plan, in your trust's words: where it is written and "
        "where it shows.",
    )


@trust_view(PLAN_COLUMNS, methods=["GET", "POST"])
def column_edit(request, column_id):
    column = access_column(request.trust, column_id)
    name = column.name
    form = PlanColumnForm(request.POST or None, instance=column, trust=request.trust)
    return form_page(
        request,
        form,
        nav=NAV,
        save=lambda data: services.plan_column_update(
            column=column, acting_user=request.user, **data
        ),
        success=lambda _: _saved(form, f"{form.cleaned_data['name']} saved."),
        then=lambda _: request.path if form.proposed else _list_url(request),
        title=f"Column: {name}",
        submit="Save column",
        back=_list_url(request),
    )


@trust_view(PLAN_COLUMNS, methods=["POST"])
def column_move(request, column_id):
    column = access_column(request.trust, column_id)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose to move up or down.")
    else:
        direction = form.cleaned_data["direction"]
        moved = services.plan_column_move(
            column=column, direction=direction, acting_user=request.user
        )
        messages.info(
            request,
            f"{column.name} moved {direction}." if moved
            else f"{column.name} cannot move further {direction}.",
        )  # fmt: skip
    return redirect(_list_url(request) + f"#column-{column.pk}")


@trust_view(PLAN_COLUMNS, methods=["GET", "POST"])
def column_delete(request, column_id):
    column = access_column(request.trust, column_id)
    held = services.values_count(column)
    form = ConfirmForm(request.POST or None)
    if held:
        question = (
            f"{column.name} holds text in {held} {'row' if held == 1 else 'rows'} of the "
            "plan. Removing the column removes that text from every page and pack; the history "
            "keeps what it said."
        )
    else:
        question = f"{column.name} holds no text yet. Removing it takes it off every page."
    return form_page(
        request,
        form,
        nav=NAV,
        save=lambda data: services.plan_column_delete(column=column, acting_user=request.user),
        success=lambda count: (
            f"{column.name} removed"
            + (f", with its text in {count} {'row' if count == 1 else 'rows'}." if count else ".")
        ),
        then=_list_url(request),
        template="confirm_page.html",
        title=f"Remove the column {column.name}",
        question=question,
        submit=f"Remove {column.name}",
        back=_list_url(request),
    )
