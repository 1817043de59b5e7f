"""Trust set-up pages (administrator and CEO), and accepting an invitation."""

from __future__ import annotations

from allauth.account.utils import perform_login
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache

from plans.authoring.selectors import trust_annual_plans
from plans.authoring.services import TermDates, terms_proposed, terms_set
from plans.columns import trust_columns
from plans.models import Term
from plans.selectors import access_annual_plan, plan_terms
from schools import selectors, services
from schools.forms import (
    ROLE_HELP,
    CategoryForm,
    ConfirmForm,
    InspectionForm,
    InvitationForm,
    MembershipForm,
    NewAccountForm,
    PersonForm,
    SchoolForm,
    TermFormSet,
    TrustDetailsForm,
    TrustLabelsForm,
)
from schools.permissions import TRUST_SETUP
from trustplan.core.access import trust_view
from trustplan.core.forms import add_service_error, form_page

NAV = "setup"


def _role_help(trust) -> dict:
    """Each role's line on the members pages, in the trust's own words."""
    actions = trust.labels["action"].plural_lower
    return {role: text.format(actions=actions) for role, text in ROLE_HELP.items()}


def _setup_url(request, name: str, *args) -> str:
    return reverse(name, args=[request.trust.slug, *args])


@trust_view(TRUST_SETUP)
def setup_home(request):
    trust = request.trust
    return render(
        request,
        "schools/setup_home.html",
        {
            "nav": NAV,
            "school_count": selectors.trust_schools(trust).count(),
            "person_count": selectors.trust_people(trust).count(),
            "member_count": selectors.trust_memberships(trust).filter(is_active=True).count(),
            "waiting_count": selectors.trust_invitations(trust)
            .filter(accepted_at=None, revoked_at=None, expires_at__gt=timezone.now())
            .count(),
            "plan_columns": [column.name for column in trust_columns(trust)],
        },
    )


# Trust details and labels -------------------------------------------------------------------


@trust_view(TRUST_SETUP, methods=["GET", "POST"])
def trust_details(request):
    form = TrustDetailsForm(request.POST or None, instance=request.trust, trust=request.trust)
    return form_page(
        request,
        form,
        nav=NAV,
        save=lambda data: services.trust_update(
            trust=request.trust, acting_user=request.user, **data
        ),
        success="The trust's details are saved.",
        then=_setup_url(request, "setup_home"),
        title="Trust details",
        submit="Save details",
        back=_setup_url(request, "setup_home"),
        intro="The trust's name, vision and values, and how its year is divided.",
    )


@trust_view(TRUST_SETUP, methods=["GET", "POST"])
def trust_labels(request):
    form = TrustLabelsForm(request.POST or None, instance=request.trust, trust=request.trust)
    return form_page(
        request,
        form,
        nav=NAV,
        save=lambda data: services.trust_update(
            trust=request.trust, acting_user=request.user, **data
        ),
        success=lambda _: (
            "The plan's labels are saved."
            + (
                f" Plurals proposed: {'; '.join(form.proposed)}. Correct them here if they are "
                "not the words your trust uses."
                if form.proposed
                else ""
            )
        ),
        # A proposed plural is shown where it can be corrected.
        then=lambda _: request.path if form.proposed else _setup_url(request, "setup_home"),
        title="Labels for the plan",
        submit="Save labels",
        back=_setup_url(request, "setup_home"),
        intro="The words your trust uses for the levels and columns of its plans, each with "
        "its plural. Every page, e-mail and board pack uses them.",
    )


# School categories --------------------------------------------------------------------------


@trust_view(TRUST_SETUP)
def category_list(request):
    return render(
        request,
        "schools/category_list.html",
        {"nav": NAV, "categories": selectors.trust_categories(request.trust)},
    )


@trust_view(TRUST_SETUP, methods=["GET", "POST"])
def category_create(request):
    form = CategoryForm(request.POST or None, trust=request.trust)
    return form_page(
        request,
        form,
        nav=NAV,
        save=lambda data: services.category_create(
            trust=request.trust, acting_user=request.user, **data
        ),
        success=lambda _: f"Category {form.cleaned_data['number']} added.",
        then=_setup_url(request, "category_list"),
        title="Add a school category",
        submit="Add category",
        back=_setup_url(request, "category_list"),
    )


@trust_view(TRUST_SETUP, methods=["GET", "POST"])
def category_edit(request, category_id):
    category = selectors.access_category(request.trust, category_id)
    form = CategoryForm(request.POST or None, instance=category, trust=request.trust)
    return form_page(
        request,
        form,
        nav=NAV,
        save=lambda data: services.category_update(
            category=category, acting_user=request.user, **data
        ),
        success="Category saved.",
        then=_setup_url(request, "category_list"),
        title=f"Category {category.number}: {category.name}",
        submit="Save category",
        back=_setup_url(request, "category_list"),
    )


# Schools --------------------------------------------------------------------------------------


@trust_view(TRUST_SETUP)
def school_list(request):
    return render(
        request,
        "schools/school_list.html",
        {"nav": NAV, "schools": selectors.trust_schools(request.trust)},
    )


@trust_view(TRUST_SETUP, methods=["GET", "POST"])
def school_create(request):
    form = SchoolForm(request.POST or None, trust=request.trust)
    return form_page(
        request,
        form,
        nav=NAV,
        save=lambda data: services.school_create(
            trust=request.trust, acting_user=request.user, **data
        ),
        success=lambda _: f"{form.cleaned_data['name']} added.",
        then=_setup_url(request, "school_list"),
        title="Add a school",
        submit="Add school",
        back=_setup_url(request, "school_list"),
    )


@trust_view(TRUST_SETUP, methods=["GET", "POST"])
def school_edit(request, school_id):
    school = selectors.access_school(request.trust, school_id)
    name = school.name
    form = SchoolForm(request.POST or None, instance=school, trust=request.trust)
    return form_page(
        request,
        form,
        nav=NAV,
        save=lambda data: services.school_update(school=school, acting_user=request.user, **data),
        success=lambda _: f"{form.cleaned_data['name']} saved.",
        then=_setup_url(request, "school_list"),
        title=f"Edit {name}",
        submit="Save school",
        back=_setup_url(request, "school_list"),
        links=[(_setup_url(request, "school_inspection", school.pk), "Record an inspection")],
    )


@trust_view(TRUST_SETUP, methods=["GET", "POST"])
def school_inspection(request, school_id):
    school = selectors.access_school(request.trust, school_id)
    form = InspectionForm(request.POST or None, instance=school, trust=request.trust)
    return form_page(
        request,
        form,
        nav=NAV,
        save=lambda data: services.school_inspection_record(
            school=school,
            framework=data["inspection_framework"],
            judgement=data["inspection_judgement"],
            inspected_on=data["inspection_date"],
            acting_user=request.user,
        ),
        success=lambda _: f"Inspection of {school.name} recorded.",
        then=_setup_url(request, "school_list"),
        title=f"Latest inspection of {school.name}",
        submit="Record inspection",
        back=_setup_url(request, "school_list"),
        intro="Record the judgement in the framework's own words: a grade, or the areas of a "
        "report card. The school's history keeps earlier inspections.",
    )


# People -----------------------------------------------------------------------------------------


@trust_view(TRUST_SETUP)
def person_list(request):
    return render(
        request,
        "schools/person_list.html",
        {"nav": NAV, "people": selectors.trust_people(request.trust)},
    )


@trust_view(TRUST_SETUP, methods=["GET", "POST"])
def person_create(request):
    form = PersonForm(request.POST or None, trust=request.trust)
    return form_page(
        request,
        form,
        nav=NAV,
        save=lambda data: services.person_create(
            trust=request.trust, acting_user=request.user, **data
        ),
        success=lambda _: (
            f"{form.cleaned_data['full_name']} ({form.cleaned_data['initials']}) added."
        ),
        then=_setup_url(request, "person_list"),
        title="Add a person",
        submit="Add person",
        back=_setup_url(request, "person_list"),
        intro="Everyone the plans name by initials, whether or not they sign in.",
    )


@trust_view(TRUST_SETUP, methods=["GET", "POST"])
def person_edit(request, person_id):
    person = selectors.access_person(request.trust, person_id)
    name = str(person)
    form = PersonForm(request.POST or None, instance=person, trust=request.trust)
    return form_page(
        request,
        form,
        nav=NAV,
        save=lambda data: services.person_update(person=person, acting_user=request.user, **data),
        success=lambda _: f"{form.cleaned_data['full_name']} saved.",
        then=_setup_url(request, "person_list"),
        title=f"Edit {name}",
        submit="Save",
        back=_setup_url(request, "person_list"),
    )


# Memberships and invitations ----------------------------------------------------------------


@trust_view(TRUST_SETUP)
def membership_list(request):
    now = timezone.now()
    invitations = list(selectors.trust_invitations(request.trust))
    for invitation in invitations:
        invitation.current_state = invitation.state(now)
    return render(
        request,
        "schools/membership_list.html",
        {
            "nav": NAV,
            "memberships": selectors.trust_memberships(request.trust),
            "invitations": invitations,
            "confirm": ConfirmForm(),
        },
    )


@trust_view(TRUST_SETUP, methods=["GET", "POST"])
def membership_edit(request, membership_id):
    membership = selectors.access_membership(request.trust, membership_id)
    actor_role = request.membership.role
    refusal = None
    try:
        services.check_membership_change(membership=membership, acting_user=request.user)
    except ValidationError as exc:
        refusal = exc.messages[0]
    form = MembershipForm(
        # A refused change shows the refusal and saves nothing, whatever was posted.
        (request.POST or None) if refusal is None else None,
        trust=request.trust,
        roles=services.roles_offered(actor_role),
        membership=membership,
        initial={"role": membership.role, "person": membership.person_id},
    )
    return form_page(
        request,
        form,
        nav=NAV,
        save=lambda data: services.membership_update(
            membership=membership,
            role=data["role"],
            person=data["person"],
            acting_user=request.user,
        ),
        success=lambda _: f"{membership.user.email} saved.",
        then=_setup_url(request, "membership_list"),
        template="schools/membership_edit.html",
        membership=membership,
        refusal=refusal,
        role_help=_role_help(request.trust),
    )


@trust_view(TRUST_SETUP, methods=["GET", "POST"])
def membership_end(request, membership_id):
    membership = selectors.access_membership(request.trust, membership_id)
    form = ConfirmForm(request.POST or None)
    return form_page(
        request,
        form,
        nav=NAV,
        save=lambda data: services.membership_end(membership=membership, acting_user=request.user),
        success=lambda _: f"{membership.user.email} can no longer open {request.trust.short_name}.",
        then=_setup_url(request, "membership_list"),
        template="confirm_page.html",
        title=f"End {membership.user.email}'s membership",
        question=f"{membership.user.get_full_name()} will no longer be able to open "
        f"{request.trust.name}. Their past changes stay in the history.",
        submit="End membership",
        back=_setup_url(request, "membership_list"),
    )


@trust_view(TRUST_SETUP, methods=["GET", "POST"])
def invitation_create(request):
    form = InvitationForm(
        request.POST or None,
        trust=request.trust,
        roles=services.roles_offered(request.membership.role),
    )
    return form_page(
        request,
        form,
        nav=NAV,
        save=lambda data: services.invitation_send(
            trust=request.trust,
            email=data["email"],
            role=data["role"],
            person=data["person"],
            full_name=data["full_name"],
            initials=data["initials"],
            acting_user=request.user,
        ),
        success=lambda _: f"Invitation sent to {form.cleaned_data['email']}.",
        then=_setup_url(request, "membership_list"),
        template="schools/invitation_form.html",
        role_help=_role_help(request.trust),
    )


@trust_view(TRUST_SETUP, methods=["POST"])
def invitation_resend(request, invitation_id):
    invitation = selectors.access_invitation(request.trust, invitation_id)
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Nothing was sent: use the Resend button.")
    else:
        try:
            services.invitation_resend(invitation=invitation, acting_user=request.user)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, f"A new link was sent to {invitation.email}.")
    return redirect(_setup_url(request, "membership_list"))


@trust_view(TRUST_SETUP, methods=["GET", "POST"])
def invitation_revoke(request, invitation_id):
    invitation = selectors.access_invitation(request.trust, invitation_id)
    form = ConfirmForm(request.POST or None)
    return form_page(
        request,
        form,
        nav=NAV,
        save=lambda data: services.invitation_revoke(
            invitation=invitation, acting_user=request.user
        ),
        success=lambda _: f"The invitation to {invitation.email} was revoked.",
        then=_setup_url(request, "membership_list"),
        template="confirm_page.html",
        title=f"Revoke the invitation to {invitation.email}",
        question="The link in the e-mail will stop working.",
        submit="Revoke invitation",
        back=_setup_url(request, "membership_list"),
    )


# Terms --------------------------------------------------------------------------------------


@trust_view(TRUST_SETUP)
def terms_overview(request):
    plans = list(trust_annual_plans(request.trust))
    terms = Term.objects.for_trust(request.trust).order_by("annual_plan_id", "number")
    by_plan: dict[int, list[Term]] = {}
    for term in terms:
        by_plan.setdefault(term.annual_plan_id, []).append(term)
    return render(
        request,
        "schools/terms_overview.html",
        {"nav": NAV, "plans": [(plan, by_plan.get(plan.pk, [])) for plan in plans]},
    )


@trust_view(TRUST_SETUP, methods=["GET", "POST"])
def terms_edit(request, annual_plan_id):
    annual_plan = access_annual_plan(request.trust, annual_plan_id)
    existing = plan_terms(annual_plan)
    proposing = not existing or request.GET.get("propose") == "1"
    if proposing:
        source = terms_proposed(request.trust, annual_plan.academic_year)
        initial = [vars(dates) for dates in source]
    else:
        initial = [
            {
                "name": t.name,
                "starts_on": t.starts_on,
                "ends_on": t.ends_on,
                "rating_deadline": t.rating_deadline,
            }
            for t in existing
        ]
    formset = TermFormSet(request.POST or None, initial=initial, prefix="term")
    if request.method == "POST" and formset.is_valid():
        rows = [TermDates(**form.cleaned_data) for form in formset.forms if form.cleaned_data]
        try:
            terms_set(annual_plan=annual_plan, terms=rows, acting_user=request.user)
        except ValidationError as exc:
            formset._non_form_errors = formset.error_class(exc.messages)
        else:
            messages.success(request, f"The terms of {annual_plan.year_label} are saved.")
            return redirect(_setup_url(request, "terms_overview"))
    return render(
        request,
        "schools/terms_edit.html",
        {
            "nav": NAV,
            "annual_plan": annual_plan,
            "formset": formset,
            "proposing": proposing,
            "has_terms": bool(existing),
        },
    )


# Accepting an invitation: outside /t/<trust_slug>/, reached through the e-mailed link -------


User = get_user_model()


@never_cache
def invitation_accept(request, token):
    """Join a trust through an e-mailed link. Any link that is not usable now (unknown,
    expired, revoked or used) gets the same "not found" page, which names nothing.

    A new address chooses its name and password here and is signed in. An address that
    already has an account signs in first, through the sign-in page with its second factor
    and throttling, and comes back here to accept."""
    invitation = selectors.invitation_for_token(token)
    if invitation is None or invitation.state(timezone.now()) != "waiting":
        return render(request, "schools/invitation_invalid.html", status=404)
    account = User.objects.filter(email__lower=invitation.email.lower()).first()
    signed_in = request.user if request.user.is_authenticated else None
    if signed_in and signed_in.email.lower() != invitation.email.lower():
        return render(
            request,
            "schools/invitation_accept.html",
            {"invitation": invitation, "wrong_user": signed_in},
        )
    if account is not None and signed_in is None:
        return render(
            request,
            "schools/invitation_accept.html",
            {
                "invitation": invitation,
                "account": account,
                "sign_in_url": f"{reverse('login')}?{urlencode({'next': request.path})}",
            },
        )
    if account is None:
        form = NewAccountForm(
            request.POST or None,
            email=invitation.email,
            initial={"full_name": invitation.person.full_name if invitation.person else ""},
        )
    else:
        form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.invitation_accept(
                invitation=invitation,
                user=signed_in,
                full_name=form.cleaned_data.get("full_name", ""),
                password=form.cleaned_data.get("password1", ""),
            )
        except services.InvitationUnusable:
            return render(request, "schools/invitation_invalid.html", status=404)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, f"Welcome to {membership.trust.name}.")
            home = reverse("trust_home", args=[membership.trust.slug])
            if signed_in is None:
                # The same sign-in as the sign-in page's: audited, with its session limits.
                return perform_login(request, membership.user, redirect_url=home)
            return redirect(home)
    return render(
        request,
        "schools/invitation_accept.html",
        {"invitation": invitation, "form": form, "account": account, "signed_in": signed_in},
    )
