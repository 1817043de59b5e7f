"""Setting up a trust: its details, schools, people, memberships and invitations.

Each service runs in a transaction and saves models normally, so the history records who made
the change and plans.grants keeps the school leads' action grants in step.
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.template.loader import render_to_string
from django.utils import timezone

from notifications.services import email_queue
from schools.models import (
    LABEL_NAMES,
    Invitation,
    Membership,
    Person,
    Role,
    School,
    SchoolCategory,
    SchoolStatus,
    Trust,
)
from schools.selectors import token_hash
from trustplan.core.history import as_user
from trustplan.core.links import absolute_reverse
from trustplan.core.locks import lock_parent

User = get_user_model()


def assign(obj: Model, changes: dict, *, allowed: Iterable[str]) -> list[str]:
    """Set the fields in `changes` that differ on `obj`; returns the names that changed.

    Refuses names outside `allowed`, so a caller cannot slip in a trust or a role.
    """
    unknown = changes.keys() - set(allowed)
    if unknown:
        raise ValueError(f"cannot change {', '.join(sorted(unknown))} here")
    changed = []
    for name, value in changes.items():
        field = obj._meta.get_field(name)
        current = getattr(obj, field.attname)
        wanted = value.pk if isinstance(value, Model) else value
        if current != wanted:
            setattr(obj, name, value)
            changed.append(name)
    return changed


def save_checked(obj: Model, acting_user) -> None:
    """Validate the whole row (constraints included) and save it, recorded against
    acting_user. A clash that slips in between check and save still becomes a message."""
    obj.full_clean()
    try:
        with transaction.atomic():
            as_user(obj, acting_user).save()
    except IntegrityError:
        raise ValidationError(
            "Someone saved a clashing change at the same moment; try again."
        ) from None


# Trust details and labels ------------------------------------------------------------------

TRUST_DETAIL_FIELDS = (
    "name",
    "short_name",
    "vision",
    "values",
    "year_start_month",
    "term_scheme",
    "commentary_required_for_red_amber",
)
TRUST_LABEL_FIELDS = tuple(
    field for name in LABEL_NAMES for field in (f"label_{name}", f"label_{name}_plural")
)


@transaction.atomic
def trust_update(*, trust: Trust, acting_user, **changes) -> list[str]:
    """Change the trust's details or labels (never its address). Returns what changed."""
    changed = assign(trust, changes, allowed=TRUST_DETAIL_FIELDS + TRUST_LABEL_FIELDS)
    if changed:
        trust.full_clean(validate_unique=False)
        as_user(trust, acting_user).save(update_fields=changed)
    return changed


# School categories and schools ---------------------------------------------------------------

CATEGORY_FIELDS = ("number", "name", "description", "review_cadence")


def _check_category_number_free(category: SchoolCategory) -> None:
    taken = (
        SchoolCategory.objects.for_trust(category.trust_id)
        .filter(number=category.number)
        .exclude(pk=category.pk)
        .first()
    )
    if taken is not None:
        raise ValidationError({"number": f"Category {taken.number} is already {taken.name}."})


@transaction.atomic
def category_create(
    *,
    trust: Trust,
    number: int,
    name: str,
    description: str = "",
    review_cadence: str,
    acting_user,
) -> SchoolCategory:
    category = SchoolCategory(
        trust=trust,
        number=number,
        name=name,
        description=description,
        review_cadence=review_cadence,
    )
    _check_category_number_free(category)
    save_checked(category, acting_user)
    return category


@transaction.atomic
def category_update(*, category: SchoolCategory, acting_user, **changes) -> list[str]:
    changed = assign(category, changes, allowed=CATEGORY_FIELDS)
    if changed:
        _check_category_number_free(category)
        save_checked(category, acting_user)
    return changed


SCHOOL_FIELDS = (
    "name",
    "code",
    "kind",
    "age_range",
    "pan",
    "pan_note",
    "status",
    "status_year",
    "category",
)
INSPECTION_FIELDS = ("inspection_framework", "inspection_judgement", "inspection_date")


def _check_school(school: School) -> None:
    taken = (
        School.objects.for_trust(school.trust_id)
        .filter(code__lower=school.code.lower())
        .exclude(pk=school.pk)
        .first()
    )
    if taken is not None:
        raise ValidationError({"code": f"{taken.name} already has the code {taken.code}."})
    if school.status != SchoolStatus.OPEN and not school.status_year:
        raise ValidationError(
            {"status_year": f"Give the year the school is {school.get_status_display().lower()}."}
        )


@transaction.atomic
def school_create(*, trust: Trust, acting_user, **fields) -> School:
    school = School(trust=trust)
    assign(school, fields, allowed=SCHOOL_FIELDS)
    _check_school(school)
    save_checked(school, acting_user)
    return school


@transaction.atomic
def school_update(*, school: School, acting_user, **changes) -> list[str]:
    """Edit a school: its details, status (open, joining or opening) and trust category."""
    changed = assign(school, changes, allowed=SCHOOL_FIELDS)
    if changed:
        _check_school(school)
        save_checked(school, acting_user)
    return changed


@transaction.atomic
def school_inspection_record(
    *,
    school: School,
    framework: str,
    judgement: str,
    inspected_on: datetime.date | None,
    acting_user,
) -> list[str]:
    """Record the latest inspection in its framework's own words (grades, or report cards)."""
    if judgement and not framework:
        raise ValidationError({"inspection_framework": "Say which framework was used."})
    if inspected_on and inspected_on > timezone.localdate():
        raise ValidationError({"inspection_date": "An inspection date cannot be in the future."})
    changed = assign(
        school,
        {
            "inspection_framework": framework,
            "inspection_judgement": judgement,
            "inspection_date": inspected_on,
        },
        allowed=INSPECTION_FIELDS,
    )
    if changed:
        save_checked(school, acting_user)
    return changed


# People ------------------------------------------------------------------------------------

PERSON_FIELDS = ("full_name", "initials", "job_title", "email", "school")


def _check_initials_free(person: Person) -> None:
    taken = (
        Person.objects.for_trust(person.trust_id)
        .filter(initials__lower=person.initials.lower())
        .exclude(pk=person.pk)
        .first()
    )
    if taken is not None:
        raise ValidationError(
            {"initials": f"{taken.full_name} already has the initials {taken.initials}."}
        )


@transaction.atomic
def person_create(*, trust: Trust, acting_user, **fields) -> Person:
    """Add someone to the directory; plans name them by their initials."""
    person = Person(trust=trust)
    assign(person, fields, allowed=PERSON_FIELDS)
    _check_initials_free(person)
    save_checked(person, acting_user)
    return person


@transaction.atomic
def person_update(*, person: Person, acting_user, **changes) -> list[str]:
    """Edit a directory entry. A change of school moves a lead's grants with it."""
    changed = assign(person, changes, allowed=PERSON_FIELDS)
    if changed:
        _check_initials_free(person)
        save_checked(person, acting_user)
    return changed


# Memberships ------------------------------------------------------------------------------
# The rules (docs/permissions.md, "Roles and memberships"): nobody changes or ends their own
# membership; only a CEO gives the CEO role or changes or ends a CEO's membership; the trust
# always keeps an active CEO.


def acting_role(trust: Trust, acting_user) -> str | None:
    if acting_user is None:
        return None
    return (
        Membership.objects.filter(trust=trust, user=acting_user, is_active=True)
        .values_list("role", flat=True)
        .first()
    )


def roles_offered(actor_role: str | None) -> list[tuple[str, str]]:
    """The roles someone in actor_role may give: all but CEO unless they are the CEO."""
    if actor_role in (Role.CEO, None):
        return list(Role.choices)
    return [(value, label) for value, label in Role.choices if value != Role.CEO]


def check_role_grant(*, actor_role: str | None, role: str) -> None:
    if role not in Role.values:
        raise ValidationError({"role": "Choose one of the roles listed."})
    if role == Role.CEO and actor_role not in (Role.CEO, None):
        raise ValidationError({"role": "Only the CEO can make someone CEO."})


def check_membership_change(*, membership: Membership, acting_user) -> None:
    """Whether acting_user may change or end this membership at all."""
    if acting_user is not None and membership.user_id == acting_user.pk:
        raise ValidationError(
            "You cannot change or end your own membership; ask another administrator or the CEO."
        )
    actor = acting_role(membership.trust, acting_user)
    if membership.role == Role.CEO and actor not in (Role.CEO, None):
        raise ValidationError("Only the CEO can change or end a CEO's membership.")


def _lock_memberships(membership: Membership) -> None:
    """Take the trust's row lock, then re-read the membership: two people changing roles at
    once take turns, so the "a CEO remains" check sees what the other one did."""
    lock_parent(Trust, pk=membership.trust_id)
    membership.refresh_from_db(fields=["role", "person", "is_active", "ended_at"])


def _check_a_ceo_remains(membership: Membership) -> None:
    others = Membership.objects.filter(
        trust_id=membership.trust_id, role=Role.CEO, is_active=True
    ).exclude(pk=membership.pk)
    if not others.exists():
        raise ValidationError("The trust needs an active CEO; make someone else CEO first.")


def _link_person(*, user, person: Person | None, trust_id: int, acting_user) -> None:
    """Make `person` the user's directory entry in the trust (and no other entry)."""
    if person is not None and person.user_id not in (None, user.pk):
        raise ValidationError(
            {"person": f"{person.full_name} is already linked to another sign-in."}
        )
    for old in Person.objects.filter(trust_id=trust_id, user=user).exclude(
        pk=person.pk if person else None
    ):
        old.user = None
        as_user(old, acting_user).save(update_fields=["user"])
    if person is not None and person.user_id != user.pk:
        person.user = user
        as_user(person, acting_user).save(update_fields=["user"])


@transaction.atomic
def membership_update(
    *, membership: Membership, role: str, person: Person | None, acting_user
) -> list[str]:
    """Change someone's role in the trust, or their directory entry."""
    _lock_memberships(membership)
    check_membership_change(membership=membership, acting_user=acting_user)
    check_role_grant(actor_role=acting_role(membership.trust, acting_user), role=role)
    if not membership.is_active:
        raise ValidationError("This membership has ended; invite the person again instead.")
    if membership.role == Role.CEO and role != Role.CEO:
        _check_a_ceo_remains(membership)
    changed = assign(membership, {"role": role, "person": person}, allowed=("role", "person"))
    if "person" in changed:
        _link_person(
            user=membership.user,
            person=person,
            trust_id=membership.trust_id,
            acting_user=acting_user,
        )
    if changed:
        as_user(membership, acting_user).save(update_fields=changed)
    return changed


@transaction.atomic
def membership_end(*, membership: Membership, acting_user) -> Membership:
    """End someone's membership: they can no longer open the trust. History keeps the record."""
    _lock_memberships(membership)
    check_membership_change(membership=membership, acting_user=acting_user)
    if not membership.is_active:
        raise ValidationError("This membership has already ended.")
    if membership.role == Role.CEO:
        _check_a_ceo_remains(membership)
    membership.is_active = False
    membership.ended_at = timezone.now()
    as_user(membership, acting_user).save(update_fields=["is_active", "ended_at"])
    return membership


# Invitations ------------------------------------------------------------------------------


def _new_token(invitation: Invitation) -> str:
    token = secrets.token_urlsafe(32)
    invitation.token_hash = token_hash(token)
    invitation.sent_at = timezone.now()
    invitation.expires_at = invitation.sent_at + datetime.timedelta(
        days=settings.INVITATION_TTL_DAYS
    )
    return token


def _queue_invitation_email(invitation: Invitation, token: str) -> None:
    """A row in the outbox, sent by a worker once this transaction commits: an unreachable
    mail server never fails the page, no row lock is held while talking to it, and a rolled
    back invitation e-mails nobody. One e-mail per sending (the key counts them); the body,
    which holds the single-use link, is erased once sent."""
    link = absolute_reverse("invitation_accept", token)
    context = {"invitation": invitation, "trust": invitation.trust, "link": link}
    email_queue(
        trust_id=invitation.trust_id,
        key=f"invitation:{invitation.pk}:{invitation.send_count}",
        to=invitation.email,
        subject=f"Your invitation to {invitation.trust.name} on trustplan",
        body=render_to_string("schools/email/invitation.txt", context),
        kind="schools.invitation",
        erase_body_when_sent=True,
    )


@transaction.atomic
def invitation_send(
    *,
    trust: Trust,
    email: str,
    role: str,
    person: Person | None = None,
    full_name: str = "",
    initials: str = "",
    acting_user,
) -> Invitation:
    """Invite someone by e-mail to a role. The person is an existing directory entry, or a new
    one made from full_name and initials. The e-mail carries a single-use link that expires."""
    email = User.objects.normalize_email(email).strip().lower()
    check_role_grant(actor_role=acting_role(trust, acting_user), role=role)
    if Membership.objects.filter(trust=trust, user__email__lower=email, is_active=True).exists():
        raise ValidationError({"email": f"{email} is already a member of {trust.short_name}."})
    if Invitation.objects.filter(
        trust=trust, email__lower=email, accepted_at=None, revoked_at=None
    ).exists():
        raise ValidationError(
            {"email": "An invitation to this address is already waiting: resend it instead."}
        )
    if person is None:
        if not (full_name and initials):
            raise ValidationError(
                {"person": "Choose someone from the directory, or give a name and initials."}
            )
        person = person_create(
            trust=trust,
            full_name=full_name,
            initials=initials,
            email=email,
            acting_user=acting_user,
        )
    elif person.user_id is not None and person.user.email.lower() != email:
        raise ValidationError(
            {"person": f"{person.full_name} already signs in with another address."}
        )
    invitation = Invitation(
        trust=trust, email=email, role=role, person=person, invited_by=acting_user
    )
    token = _new_token(invitation)
    save_checked(invitation, acting_user)
    _queue_invitation_email(invitation, token)
    return invitation


def _lock_invitation(invitation: Invitation) -> Invitation:
    return (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("trust", "person")
        .get(pk=invitation.pk, trust_id=invitation.trust_id)
    )


@transaction.atomic
def invitation_resend(*, invitation: Invitation, acting_user) -> Invitation:
    """Send a fresh link with a fresh expiry; the previous link stops working."""
    invitation = _lock_invitation(invitation)
    if not invitation.is_open:
        raise ValidationError("This invitation has been accepted or revoked; it cannot be resent.")
    token = _new_token(invitation)
    invitation.send_count += 1
    as_user(invitation, acting_user).save()
    _queue_invitation_email(invitation, token)
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, acting_user) -> Invitation:
    invitation = _lock_invitation(invitation)
    if not invitation.is_open:
        raise ValidationError("This invitation has already been accepted or revoked.")
    invitation.revoked_at = timezone.now()
    invitation.revoked_by = acting_user
    as_user(invitation, acting_user).save(update_fields=["revoked_at", "revoked_by"])
    return invitation


class InvitationUnusable(Exception):
    """The link has expired, been revoked or been used; the page says no more than that."""


@transaction.atomic
def invitation_accept(
    *,
    invitation: Invitation,
    user=None,
    full_name: str = "",
    password: str = "",
) -> Membership:
    """Join the trust through an invitation: create the user (or take the existing one whose
    address it is), make or reactivate the membership in the invited role, link the person.

    `user` is the already authenticated owner of the invited address; without it a new user
    is created with `password`. The invitation cannot be used again.
    """
    invitation = _lock_invitation(invitation)
    if not invitation.is_open or invitation.expires_at <= timezone.now():
        raise InvitationUnusable()
    existing = User.objects.filter(email__lower=invitation.email.lower()).first()
    if user is None:
        if existing is not None:
            raise ValidationError("An account with this address exists: sign in to accept.")
        user = User(email=invitation.email, full_name=full_name.strip())
        # Checked against the person too: not their address, nor too like their name.
        password_validation.validate_password(password, user=user)
        user.full_clean(exclude=["password"], validate_unique=False)
        user = User.objects.create_user(invitation.email, password, full_name=user.full_name)
    elif user.email.lower() != invitation.email.lower():
        raise ValidationError(f"This invitation is for {invitation.email}, not {user.email}.")
    trust = invitation.trust
    membership = Membership.objects.select_for_update().filter(trust=trust, user=user).first()
    person = invitation.person
    if person is not None:
        person = Person.objects.select_for_update().get(pk=person.pk, trust=trust)
        if person.user_id not in (None, user.pk):
            # Someone else took this entry since the invitation was sent; keep theirs.
            person = None
    if membership is None:
        membership = Membership(trust=trust, user=user, role=invitation.role, person=person)
    else:
        membership.role = invitation.role
        membership.is_active = True
        membership.ended_at = None
        membership.person = person or membership.person
    as_user(membership, user).save()
    _link_person(user=user, person=membership.person, trust_id=trust.pk, acting_user=user)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    as_user(invitation, user).save(update_fields=["accepted_at", "accepted_by"])
    return membership
