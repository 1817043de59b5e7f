"""One way to write a form page: validate, call the service, show its refusal, or move on.

Every create and edit view keeps its own permission decorator, its service call and its words,
and hands the sequence in between to `form_page`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

T = TypeVar("T")


def add_service_error(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's refusal next to the field it names, or above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        field = name if name in form.fields and name != NON_FIELD_ERRORS else None
        form.add_error(field, errors)


def form_page(
    request: HttpRequest,
    form: forms.BaseForm,
    *,
    save: Callable[[dict[str, Any]], T],
    success: str | Callable[[T], str],
    then: str | Callable[[T], str],
    template: str = "form_page.html",
    **context: Any,
) -> HttpResponse:
    """On a valid POST, `save(cleaned_data)`; a ValidationError it raises goes onto the form.

    Saved: flash `success` and redirect to `then` (each a value, or a function of what `save`
    returned). Otherwise, a GET or a refusal, render `template` with the form and `context`
    (`form_page.html`: a title, an intro, the fields and a submit button; `confirm_page.html`
    for a question and a button).
    """
    if request.method == "POST" and form.is_valid():
        try:
            result = save(form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, success(result) if callable(success) else success)
            return redirect(then(result) if callable(then) else then)
    return render(request, template, {"form": form, **context})
