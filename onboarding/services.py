"""Starting a trust: the trust with the default labels and term scheme, this year's strategic
and annual plans with their terms proposed, and an e-mailed invitation for its CEO.

Used by `manage.py trust_create` and by the operators' area; both pass the way to build the
invitation's link.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email, validate_slug
from django.db import transaction
from django.utils import timezone

from objectives.models import StrategicPlan
from objectives.services import strategic_plan_create
from onboarding.models import SetupStep, SetupStepName
from plans.authoring.services import annual_plan_create
from plans.columns import plan_columns_default
from plans.models import AnnualPlan
from schools.models import Invitation, Role, Trust
from schools.services import invitation_send
from trustplan.core.history import as_user

SHORT_NAME_MAX = Trust._meta.get_field("short_name").max_length


def academic_year_of(day: datetime.date, year_start_month: int = 9) -> int:
    """The calendar year the academic year containing `day` starts in (2019 for 2019-20)."""
    return day.year if day.month >= year_start_month else day.year - 1


def name_from_email(email: str) -> str:
    """ "alan.lee@best.org" -> "Alan Lee": a stand-in the CEO corrects in the directory."""
    local = email.split("@", 1)[0]
    words = [w for w in re.split(r"[._+\-\d]+", local) if w]
    return " ".join(w.capitalize() for w in words) or local


def initials_of(full_name: str) -> str:
    """ "Alan Lee" -> "AL"; letters only, at most ten."""
    letters = [word[0] for word in re.findall(r"[A-Za-z][A-Za-z'-]*", full_name)]
    return ("".join(letters) or "X").upper()[:10]


def _short_name(name: str) -> str:
    if len(name) <= SHORT_NAME_MAX:
        return name
    return initials_of(name)


@dataclass
class StartedTrust:
    trust: Trust
    strategic_plan: StrategicPlan
    annual_plan: AnnualPlan
    invitation: Invitation


def _check(*, name: str, slug: str, ceo_email: str) -> None:
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = "Give the trust's name."
    if not slug:
        errors["slug"] = "Give the trust an address, such as best."
    else:
        try:
            validate_slug(slug)
        except ValidationError:
            errors["slug"] = "An address is lower-case letters, digits and hyphens, such as best."
        else:
            if Trust.objects.filter(slug=slug.lower()).exists():
                errors["slug"] = f"The address {slug} is taken by another trust."
    try:
        validate_email(ceo_email)
    except ValidationError:
        errors["ceo_email"] = "Give the CEO's e-mail address, such as name@trust.org.uk."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def trust_create(
    *,
    name: str,
    slug: str,
    ceo_email: str,
    ceo_name: str = "",
    short_name: str = "",
    first_year: int | None = None,
    strategic_years: int = 3,
    acting_user=None,
) -> StartedTrust:
    """A new trust, ready for its CEO: default labels, three terms a year, a draft strategic
    plan from `first_year` (this academic year unless given) over `strategic_years`, that
    year's draft action plan with its terms proposed, and the CEO's invitation e-mailed."""
    name, slug, ceo_email = name.strip(), slug.strip().lower(), ceo_email.strip().lower()
    _check(name=name, slug=slug, ceo_email=ceo_email)
    trust = Trust(name=name, short_name=short_name.strip() or _short_name(name), slug=slug)
    trust.full_clean()
    as_user(trust, acting_user).save()
    plan_columns_default(trust, acting_user=acting_user)
    year = first_year or academic_year_of(timezone.localdate(), trust.year_start_month)
    end = year + strategic_years
    strategic_plan = strategic_plan_create(
        trust=trust,
        title=f"Strategic plan {year}-{end % 100:02d}",
        start_year=year,
        end_year=end,
        acting_user=acting_user,
    )
    annual_plan = annual_plan_create(
        strategic_plan=strategic_plan, academic_year=year, acting_user=acting_user
    )
    full_name = ceo_name.strip() or name_from_email(ceo_email)
    invitation = invitation_send(
        trust=trust,
        email=ceo_email,
        role=Role.CEO,
        full_name=full_name,
        initials=initials_of(full_name),
        acting_user=acting_user,
    )
    return StartedTrust(trust, strategic_plan, annual_plan, invitation)


@transaction.atomic
def setup_step_confirm(*, trust: Trust, step: str, acting_user) -> bool:
    """Someone says a first-run step is right as it stands. Returns whether it was new."""
    if step not in (SetupStepName.LABELS, SetupStepName.TERMS):
        raise ValidationError("Only the labels and the terms can be confirmed as they are.")
    _, created = SetupStep.objects.get_or_create(
        trust=trust, step=step, defaults={"done_by": acting_user}
    )
    return created
