"""The operators' area (staff only, outside every trust): list, start, suspend, restore and
delete trusts; erase a person."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from onboarding.services import trust_create
from operators import services
from operators.access import operator_view
from operators.forms import DeleteForm, EraseForm, SuspendForm, TrustCreateForm
from schools.models import Membership, Person, Trust
from trustdata.services import person_erase
from trustplan.core.forms import add_service_error
from trustplan.core.tenancy import access


def _trust(slug: str) -> Trust:
    return get_object_or_404(Trust, slug=slug)


@operator_view()
def operator_home(request):
    """Every trust, with its state and how many active members it has: two queries."""
    counts = dict(
        Membership.objects.filter(is_active=True)
        .values("trust_id")
        .annotate(n=Count("id"))
        .values_list("trust_id", "n")
    )
    trusts = list(Trust.objects.order_by("name"))
    for trust in trusts:
        trust.member_count = counts.get(trust.pk, 0)
    return render(request, "operators/home.html", {"trusts": trusts})


@operator_view(methods=["GET", "POST"])
def trust_new(request):
    form = TrustCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            started = trust_create(
                name=data["name"],
                slug=data["slug"],
                short_name=data["short_name"],
                ceo_email=data["ceo_email"],
                ceo_name=data["ceo_name"],
                first_year=data["first_year"],
                acting_user=request.user,
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                f"{started.trust.name} is started, and {started.invitation.email} is invited "
                "as its CEO.",
            )
            return redirect("operator_trust", started.trust.slug)
    return render(request, "operators/trust_new.html", {"form": form})


@operator_view()
def trust_detail(request, slug):
    trust = _trust(slug)
    people = list(
        Person.objects.for_trust(trust).select_related("user").order_by("full_name")[:500]
    )
    memberships = {
        m.person_id: m
        for m in Membership.objects.filter(trust=trust, is_active=True, person__isnull=False)
    }
    for person in people:
        person.membership = memberships.get(person.pk)
    return render(
        request,
        "operators/trust.html",
        {
            "trust": trust,
            "people": people,
            "suspend_form": SuspendForm(),
            "grace_days": services.grace_period().days,
        },
    )


@operator_view(methods=["POST"])
def trust_suspend(request, slug):
    trust = _trust(slug)
    form = SuspendForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.trust_suspend(trust=trust, reason=reason, acting_user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{trust.name} is suspended: its members see a suspended page.")
    return redirect("operator_trust", trust.slug)


@operator_view(methods=["POST"])
def trust_restore(request, slug):
    trust = _trust(slug)
    try:
        services.trust_restore(trust=trust, acting_user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{trust.name} is open to its members again.")
    return redirect("operator_trust", trust.slug)


@operator_view(methods=["GET", "POST"])
def trust_delete(request, slug):
    trust = _trust(slug)
    form = DeleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            trust = services.trust_mark_for_deletion(
                trust=trust,
                confirmation=form.cleaned_data["confirmation"],
                acting_user=request.user,
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                f"{trust.name} is suspended and will be deleted on "
                f"{timezone.localtime(trust.deletion_due_at):%-d %B %Y}, unless it is restored "
                "before then.",
            )
            return redirect("operator_trust", trust.slug)
    return render(
        request,
        "operators/trust_delete.html",
        {"trust": trust, "form": form, "grace_days": services.grace_period().days},
    )


@operator_view(methods=["POST"])
def trust_delete_cancel(request, slug):
    trust = _trust(slug)
    try:
        services.trust_deletion_cancel(trust=trust, acting_user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{trust.name} will not be deleted; it stays suspended.")
    return redirect("operator_trust", trust.slug)


@operator_view(methods=["GET", "POST"])
def person_erase_view(request, slug, person_id):
    trust = _trust(slug)
    person = access(Person.objects.select_related("user"), trust, person_id)
    form = EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["confirmation"].strip().lower() != person.initials.lower():
            form.add_error("confirmation", f"Type {person.initials} to confirm.")
        else:
            erased = person_erase(person=person, acting_user=request.user)
            messages.success(
                request,
                f"Erased: the person is now “{erased.name}” everywhere {trust.short_name} "
                f"keeps them ({erased.history_rows} history rows rewritten)."
                + (f" Their account is {erased.account}." if erased.account else ""),
            )
            return redirect("operator_trust", trust.slug)
    return render(
        request, "operators/person_erase.html", {"trust": trust, "person": person, "form": form}
    )
