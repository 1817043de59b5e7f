"""KPI pages: the dashboard, a KPI's page, its definition, targets and values, and uploads."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from kpis import rules, selectors
from kpis.charts import series_svg
from kpis.csv_import import decode, parse_upload, template_csv
from kpis.formatting import describe_measurement
from kpis.forms import KpiForm, MeasurementForm, TargetForm, UploadConfirmForm, UploadForm
from kpis.models import Kpi
from kpis.periods import trust_periods
from kpis.permissions import KPI_ENTER, KPI_VIEW
from kpis.services import (
    MeasurementConflict,
    kpi_create,
    kpi_update,
    measurement_record,
    measurements_import,
    target_remove,
    target_set,
)
from objectives.models import academic_year_label
from trustplan.core.access import trust_view
from trustplan.core.forms import add_service_error, form_page


def _own_school(request):
    school_id = rules.own_school_id(request.perms)
    return next((s for s in selectors.trust_schools(request.trust) if s.pk == school_id), None)


@trust_view(KPI_VIEW)
def dashboard(request):
    trust, perms = request.trust, request.perms
    periods = trust_periods(trust)
    as_at = periods.by_key(request.GET.get("as_at", "")) or selectors.default_as_at(trust, periods)
    board = selectors.dashboard(
        trust,
        as_at=as_at,
        periods=periods,
        school_ids=rules.visible_school_ids(perms),
        show_trust=rules.sees_trust_figures(perms),
    )
    return render(
        request,
        "kpis/dashboard.html",
        {
            "nav": "kpis",
            "board": board,
            "as_at_choices": [(p.key, p.label) for p in reversed(periods.all)],
            "may_define": perms.has(KPI_ENTER),
            "may_enter": perms.has(KPI_ENTER),
        },
    )


@trust_view(KPI_VIEW)
def kpi_detail(request, kpi_id):
    trust, perms = request.trust, request.perms
    kpi = selectors.access_kpi(trust, kpi_id)
    rules.require(rules.may_view_kpi(perms, kpi))
    periods = trust_periods(trust)
    school_ids = rules.visible_school_ids(perms)
    schools = [
        s for s in selectors.trust_schools(trust) if school_ids is None or s.pk in school_ids
    ]
    figures = selectors.figures_for(trust, periods=periods, schools=schools, kpis=[kpi])
    series = selectors.kpi_series(
        kpi, figures, schools=schools, show_trust=rules.sees_trust_figures(perms)
    )
    targets = [
        t
        for t in selectors.kpi_targets(kpi)
        if school_ids is None or (t.school_id in school_ids or t.school_id is None)
    ]
    return render(
        request,
        "kpis/kpi_detail.html",
        {
            "nav": "kpis",
            "kpi": kpi,
            "schools_measured": [s for s in schools if kpi.applies_to(s.pk)]
            if kpi.is_per_school
            else [],
            # Numbers get their trend chart; milestones and judgements read as text.
            "series": [(s, series_svg(s) if kpi.is_numeric else None) for s in series],
            "targets": targets,
            "changes": selectors.measurement_changes(kpi, school_ids=school_ids),
            "may_define": rules.may_define_kpi(perms, kpi),
            "may_enter": rules.may_enter_kpi(perms, kpi),
        },
    )


@trust_view(KPI_ENTER, methods=["GET", "POST"])
def kpi_new(request):
    own_school = None if request.perms.has_all(KPI_ENTER) else _own_school(request)
    if own_school is None and not request.perms.has_all(KPI_ENTER):
        rules.require(False)
    form = KpiForm(
        request.POST or None,
        instance=Kpi(trust=request.trust),
        trust=request.trust,
        own_school=own_school,
    )
    return form_page(
        request,
        form,
        save=lambda data: kpi_create(
            trust=request.trust,
            schools=form.chosen_schools(),
            acting_user=request.user,
            **form.definition(),
        ),
        success=lambda kpi: f"KPI “{kpi.name}” added. Now set its targets.",
        then=lambda kpi: reverse("kpi_targets", args=[request.trust.slug, kpi.pk]),
        template="kpis/kpi_form.html",
        nav="kpis",
        kpi=None,
    )


@trust_view(KPI_ENTER, methods=["GET", "POST"])
def kpi_edit(request, kpi_id):
    kpi = selectors.access_kpi(request.trust, kpi_id)
    rules.require(rules.may_define_kpi(request.perms, kpi))
    own_school = None if request.perms.has_all(KPI_ENTER) else _own_school(request)
    form = KpiForm(request.POST or None, instance=kpi, trust=request.trust, own_school=own_school)
    return form_page(
        request,
        form,
        save=lambda data: kpi_update(
            kpi=kpi,
            schools=form.chosen_schools(),
            acting_user=request.user,
            **form.definition(),
        ),
        success=lambda _: f"KPI “{form.cleaned_data['name']}” saved.",
        then=reverse("kpi_detail", args=[request.trust.slug, kpi.pk]),
        template="kpis/kpi_form.html",
        nav="kpis",
        kpi=kpi,
    )


def _entry_schools(request, kpi):
    """The schools this user may enter figures of `kpi` for, and whether the trust's too."""
    perms = request.perms
    schools = [
        s
        for s in selectors.trust_schools(request.trust)
        if kpi.is_per_school and kpi.applies_to(s.pk) and rules.may_enter_for(perms, kpi, s.pk)
    ]
    return schools, rules.may_enter_for(perms, kpi, None)


@trust_view(KPI_ENTER, methods=["GET", "POST"])
def kpi_targets(request, kpi_id):
    kpi = selectors.access_kpi(request.trust, kpi_id)
    rules.require(rules.may_enter_kpi(request.perms, kpi))
    periods = trust_periods(request.trust)
    schools, with_trust = _entry_schools(request, kpi)
    form = TargetForm(
        request.POST or None, kpi=kpi, periods=periods, schools=schools, with_trust=with_trust
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        school = data.get("school")
        # The form offers only schools this user may set; this guards a hand-made request.
        rules.require(rules.may_enter_for(request.perms, kpi, school.pk if school else None))
        year = data["year"]
        year_label = academic_year_label(year)
        try:
            if form.removes:
                existing = selectors.kpi_target(kpi, academic_year=year, school=school)
                if existing is not None:
                    target_remove(target=existing, acting_user=request.user)
                message = f"Target for {year_label} removed."
            else:
                target_set(
                    kpi=kpi,
                    academic_year=year,
                    school=school,
                    kind=data.get("kind", "absolute"),
                    value=data.get("value"),
                    state=data.get("state", ""),
                    level=data.get("level"),
                    acting_user=request.user,
                )
                message = f"Target for {year_label} saved."
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, message)
            return redirect("kpi_targets", request.trust.slug, kpi.pk)
    school_ids = None if with_trust else {s.pk for s in schools}
    targets = [
        t
        for t in selectors.kpi_targets(kpi)
        if school_ids is None or t.school_id in school_ids or t.school_id is None
    ]
    return render(
        request,
        "kpis/target_form.html",
        {"nav": "kpis", "kpi": kpi, "form": form, "targets": targets},
    )


@trust_view(KPI_ENTER, methods=["GET", "POST"])
def measurement_new(request, kpi_id):
    kpi = selectors.access_kpi(request.trust, kpi_id)
    rules.require(rules.may_enter_kpi(request.perms, kpi))
    periods = trust_periods(request.trust)
    schools, with_trust = _entry_schools(request, kpi)
    initial = {}
    existing = None
    if request.method == "GET":
        period = periods.by_key(request.GET.get("period", ""))
        school = next((s for s in schools if str(s.pk) == request.GET.get("school")), None)
        if school is None and not with_trust and schools:
            school = schools[0]
        if period is not None:
            existing = selectors.existing_measurement(kpi, period=period, school=school)
            initial = {"period": period.key, "school": str(school.pk) if school else ""}
        if existing is not None:
            initial.update(
                value=existing.value,
                comparator_value=existing.comparator_value,
                state=existing.state,
                state_on=existing.state_on,
                level=str(existing.level_id or ""),
                source_note=existing.source_note,
                version=existing.version,
            )
    form = MeasurementForm(
        request.POST or None,
        initial=initial,
        kpi=kpi,
        periods=periods,
        schools=schools,
        with_trust=with_trust,
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        school = data.get("school")
        rules.require(rules.may_enter_for(request.perms, kpi, school.pk if school else None))
        try:
            recorded = measurement_record(
                kpi=kpi,
                period=data["period"],
                school=school,
                value=data.get("value"),
                comparator_value=data.get("comparator_value"),
                state=data.get("state", ""),
                state_on=data.get("state_on"),
                level=data.get("level"),
                source_note=data["source_note"],
                expected_version=data["version"],
                acting_user=request.user,
            )
        except MeasurementConflict as exc:
            conflict = exc.current
            form.add_error(
                None,
                f"{data['period'].label} already has a value"
                f"{' for ' + school.name if school else ''}, saved by someone else. It is "
                "shown below; save again to replace it with yours.",
            )
            form.data = form.data.copy()
            form.data["version"] = conflict.version
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            where = f" for {school.name}" if school else ""
            words = {"created": "saved", "updated": "replaced", "unchanged": "unchanged"}
            messages.success(
                request,
                f"{kpi.name}, {data['period'].label}{where}: value {words[recorded.outcome]}.",
            )
            return redirect("kpi_detail", request.trust.slug, kpi.pk)
    return render(
        request,
        "kpis/measurement_form.html",
        {
            "nav": "kpis",
            "kpi": kpi,
            "form": form,
            "existing": existing,
            "conflict": conflict,
        },
    )


@trust_view(KPI_ENTER, methods=["GET", "POST"])
def upload(request):
    """Upload -> preview (nothing saved) -> confirm (checked again, then all rows or none)."""
    trust, perms = request.trust, request.perms
    preview = None
    confirm_form = None
    form = UploadForm()
    if request.method == "POST" and "csv_text" in request.POST:
        confirm_form = UploadConfirmForm(request.POST)
        if confirm_form.is_valid():
            text = confirm_form.cleaned_data["csv_text"]
            preview = parse_upload(trust=trust, text=text, perms=perms)
            changed = preview.changed_since(confirm_form.cleaned_data["versions"])
            if preview.ok and changed:
                messages.error(request, _changed_meanwhile(changed))
                confirm_form = _confirm_form(text, preview)
            elif preview.ok:
                try:
                    outcome = measurements_import(rows=preview.rows, acting_user=request.user)
                except (ValidationError, MeasurementConflict) as exc:
                    messages.error(request, f"Nothing was saved: {_error_text(exc)}")
                else:
                    messages.success(
                        request,
                        f"Upload saved: {outcome.created} new, {outcome.updated} replaced, "
                        f"{outcome.unchanged} unchanged.",
                    )
                    return redirect("kpi_dashboard", trust.slug)
    elif request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            text = decode(form.cleaned_data["file"].read())
            preview = parse_upload(trust=trust, text=text, perms=perms)
            if preview.ok:
                confirm_form = _confirm_form(text, preview)
    return render(
        request,
        "kpis/upload.html",
        {
            "nav": "kpis",
            "form": form,
            "preview": preview,
            "confirm_form": confirm_form if preview and preview.ok else None,
        },
    )


def _confirm_form(text: str, preview) -> UploadConfirmForm:
    return UploadConfirmForm(initial={"csv_text": text, "versions": preview.versions})


def _changed_meanwhile(rows) -> str:
    """What someone else saved between the preview and the confirm, row by row."""
    parts = []
    for row in rows:
        now = (
            f"now {describe_measurement(row.kpi, row.existing)}"
            if row.existing is not None
            else "now has no value"
        )
        parts.append(f"{row.place} {now}")
    return (
        "Nothing was saved: these values are no longer the ones your preview showed (someone "
        "else saved them meanwhile): "
        + "; ".join(parts)
        + ". Check the preview below and save again if your file is still right."
    )


def _error_text(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return "a value was changed by someone else meanwhile; upload the file again."


@trust_view(KPI_ENTER)
def upload_template(request):
    """A CSV with a row for every KPI and school this user may enter, for the latest period."""
    periods = trust_periods(request.trust)
    as_at = selectors.default_as_at(request.trust, periods)

    def period_for(kpi):
        if as_at is None:
            return None
        if not kpi.is_termly:
            return as_at
        terms = [p for p in periods.for_frequency(termly=True) if as_at.includes(p)]
        return terms[-1] if terms else None

    text = template_csv(trust=request.trust, perms=request.perms, period_for=period_for)
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{request.trust.slug}-kpi-values.csv"'
    return response


@trust_view(KPI_VIEW)
def dashboard_export(request):
    """The dashboard as the reader sees it (their schools only, for a governor), in Excel."""
    from kpis.exports import dashboard_xlsx

    trust, perms = request.trust, request.perms
    periods = trust_periods(trust)
    as_at = periods.by_key(request.GET.get("as_at", "")) or selectors.default_as_at(trust, periods)
    board = selectors.dashboard(
        trust,
        as_at=as_at,
        periods=periods,
        school_ids=rules.visible_school_ids(perms),
        show_trust=rules.sees_trust_figures(perms),
    )
    response = HttpResponse(
        dashboard_xlsx(board, trust_name=trust.name),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{trust.slug}-kpis.xlsx"'
    response["Cache-Control"] = "private, no-store"
    return response
