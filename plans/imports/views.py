"""Importing a plan: upload -> the mapping step -> the preview -> save. Every page needs
plan.import (the CEO). Nothing of the plan is written before the save."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from plans.imports import services, templates
from plans.imports.forms import MappingForm, ReplaceFileForm, UploadForm
from plans.imports.selectors import access_plan_import, trust_imports
from plans.imports.targets import plan_words, targets_for
from plans.models import ImportStatus
from plans.permissions import PLAN_IMPORT
from trustplan.core.access import trust_view
from trustplan.core.forms import add_service_error

NAV = "author"


def _read_upload(form, field: str = "file"):
    from plans.imports.files import read_upload

    try:
        return read_upload(form.cleaned_data[field])
    except ValidationError as exc:
        form.add_error(field, exc)
        return None


def _preview_url(request, plan_import) -> str:
    return reverse("plan_import_preview", args=[request.trust.slug, plan_import.pk])


@trust_view(PLAN_IMPORT, methods=["GET", "POST"])
def import_home(request):
    form = UploadForm(request.POST or None, request.FILES or None, trust=request.trust)
    if request.method == "POST" and form.is_valid():
        read = _read_upload(form)
        if read is not None:
            _, data = read
            try:
                plan_import = services.plan_import_start(
                    trust=request.trust,
                    file_name=form.cleaned_data["file"].name,
                    data=data,
                    annual_plan=form.cleaned_data["annual_plan"],
                    acting_user=request.user,
                )
            except ValidationError as exc:
                add_service_error(form, exc)
            else:
                return redirect("plan_import_mapping", request.trust.slug, plan_import.pk)
    return render(
        request,
        "plans/imports/home.html",
        {
            "nav": NAV,
            "form": form,
            "imports": list(trust_imports(request.trust)[:20]),
            "has_destination": bool(form.plans),
            "words": plan_words(request.trust),
        },
    )


def _draft_or_redirect(request, plan_import):
    if plan_import.status == ImportStatus.DRAFT:
        return None
    messages.info(request, f"This import was {plan_import.get_status_display().lower()}.")
    return redirect("plan_import", request.trust.slug)


@trust_view(PLAN_IMPORT, methods=["GET", "POST"])
def import_mapping(request, import_id):
    plan_import = access_plan_import(request.trust, import_id)
    if response := _draft_or_redirect(request, plan_import):
        return response
    preview = services.plan_import_read(plan_import)
    words = plan_words(request.trust)
    form = MappingForm(
        request.POST or None,
        reading=preview.reading,
        targets=targets_for(request.trust),
        plan_import=plan_import,
        words=words,
    )
    if request.method == "POST" and form.is_valid():
        mapping, people, options = form.choices()
        plan_import = services.plan_import_map(
            plan_import=plan_import,
            mapping=mapping,
            people=people,
            options=options,
            acting_user=request.user,
        )
        # Reading the columns differently can bring up people not asked about yet: ask first.
        unknown = services.plan_import_read(plan_import).reading.unknown_initials
        if set(unknown) - set(plan_import.people):
            messages.info(
                request,
                "With the columns read this way, the file names people nobody in the trust is: "
                "say who they are below.",
            )
            return redirect("plan_import_mapping", request.trust.slug, plan_import.pk)
        return redirect(_preview_url(request, plan_import))
    return render(
        request,
        "plans/imports/mapping.html",
        {
            "nav": NAV,
            "plan_import": plan_import,
            "preview": preview,
            "reading": preview.reading,
            "form": form,
            "words": words,
        },
    )


def _preview_page(request, preview, *, replace_form=None, status=200):
    return render(
        request,
        "plans/imports/preview.html",
        {
            "nav": NAV,
            "plan_import": preview.plan_import,
            "preview": preview,
            "reading": preview.reading,
            "replace_form": replace_form or ReplaceFileForm(),
            "words": plan_words(request.trust),
        },
        status=status,
    )


@trust_view(PLAN_IMPORT)
def import_preview(request, import_id):
    plan_import = access_plan_import(request.trust, import_id)
    if response := _draft_or_redirect(request, plan_import):
        return response
    return _preview_page(request, services.plan_import_read(plan_import))


@trust_view(PLAN_IMPORT, methods=["POST"])
def import_replace_file(request, import_id):
    """A corrected file for the same import, keeping the mapping and the people chosen."""
    plan_import = access_plan_import(request.trust, import_id)
    if response := _draft_or_redirect(request, plan_import):
        return response
    form = ReplaceFileForm(request.POST, request.FILES)
    if form.is_valid() and (read := _read_upload(form)) is not None:
        try:
            plan_import = services.plan_import_replace_file(
                plan_import=plan_import,
                file_name=form.cleaned_data["file"].name,
                data=read[1],
                acting_user=request.user,
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, f"“{plan_import.original_name}” is read in its place.")
            return redirect(_preview_url(request, plan_import))
    return _preview_page(request, services.plan_import_read(plan_import), replace_form=form)


@trust_view(PLAN_IMPORT, methods=["POST"])
def import_save(request, import_id):
    plan_import = access_plan_import(request.trust, import_id)
    if response := _draft_or_redirect(request, plan_import):
        return response
    try:
        saved = services.plan_import_save(plan_import=plan_import, acting_user=request.user)
    except services.ImportNotReady as exc:
        messages.error(request, "Nothing was saved: the file has problems, listed below.")
        return _preview_page(request, exc.preview)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(_preview_url(request, plan_import))
    words = plan_words(request.trust)
    s = saved.summary
    messages.success(
        request,
        f"Imported: {s['actions_created']} new and {s['actions_changed']} changed "
        f"{words['action_plural'].lower()}, {s['key_foci_created']} new "
        f"{words['key_focus_plural'].lower()}, {s['objectives_created']} new "
        f"{words['objective_plural'].lower()} and {s['people_created']} new people"
        + (
            f"; {s['actions_unchanged']} already as the file says."
            if s["actions_unchanged"]
            else "."
        ),
    )
    return redirect("author_plan", request.trust.slug, saved.annual_plan.pk)


@trust_view(PLAN_IMPORT, methods=["POST"])
def import_discard(request, import_id):
    plan_import = access_plan_import(request.trust, import_id)
    try:
        services.plan_import_discard(plan_import=plan_import, acting_user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"The import of “{plan_import.original_name}” is discarded.")
    return redirect("plan_import", request.trust.slug)


@trust_view(PLAN_IMPORT)
def import_template(request, fmt):
    data, content_type = templates.build(request.trust, fmt)
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="plan-template.{fmt}"'
    return response
