import hashlib
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet

from schools.models import Invitation, Membership, Person, School, SchoolCategory, Trust
from trustplan.core.tenancy import access

# "AL/CS", "(NB)", "CS/AA", "AL, CS", "AW + CS": initials split on slashes, commas, plus signs,
# ampersands, "and" and spaces; brackets and full stops are decoration.
_SEPARATORS = re.compile(r"\s*(?:/|,|\+|&|\band\b|\s)\s*", re.IGNORECASE)


def initials_key(initials: str) -> str:
    """How initials are compared: "A.L.", "a.l" and "AL" are the same person's."""
    return initials.replace(".", "").lower()


def initials_from_text(text: str) -> list[str]:
    # A full stop is dropped inside initials ("A.L." is AL), never a split between two.
    cleaned = re.sub(r"[()\[\]]", " ", (text or "").replace(".", ""))
    seen: dict[str, str] = {}
    for token in _SEPARATORS.split(cleaned):
        token = token.strip()
        if token and initials_key(token) not in seen:
            seen[initials_key(token)] = token
    return list(seen.values())


def people_from_initials(*, trust: Trust, text: str) -> list[Person]:
    """The trust's people named by initials in `text`, in the order written.

    An initial nobody in the trust has is an error that lists the known ones, never a silent drop.
    """
    wanted = initials_from_text(text)
    if not wanted:
        return []
    people = {initials_key(p.initials): p for p in Person.objects.for_trust(trust)}
    unknown = [token for token in wanted if initials_key(token) not in people]
    if unknown:
        known = ", ".join(sorted(p.initials for p in people.values())) or "none yet"
        raise ValidationError(
            f"No one in this trust has the initials {', '.join(unknown)}. Known initials: {known}.",
            code="unknown_initials",
        )
    return [people[initials_key(token)] for token in wanted]


@dataclass
class InitialsReading:
    """What typed owners ("AL/C") name so far: who is known, what is not, and likely people."""

    known: list[Person]
    unknown: list[str]
    suggestions: list[Person]


def read_initials(*, trust: Trust, text: str, limit: int = 6) -> InitialsReading:
    """Resolve typed initials without raising; suggest people for the last, unfinished one."""
    wanted = initials_from_text(text)
    people = list(Person.objects.for_trust(trust).order_by("initials"))
    by_initials = {initials_key(p.initials): p for p in people}
    known = [by_initials[initials_key(t)] for t in wanted if initials_key(t) in by_initials]
    unknown = [t for t in wanted if initials_key(t) not in by_initials]
    suggestions: list[Person] = []
    last = initials_key(wanted[-1]) if wanted else ""
    if last:
        chosen = {p.pk for p in known}
        suggestions = [
            p
            for p in people
            if p.pk not in chosen
            and (
                initials_key(p.initials).startswith(last)
                or any(part.lower().startswith(last) for part in p.full_name.split())
            )
        ][:limit]
    return InitialsReading(known=known, unknown=unknown, suggestions=suggestions)


# Lookups by id, always through the trust: 404 for missing and forbidden alike.
def access_school(trust: Trust, pk) -> School:
    return access(School.objects.select_related("category"), trust, pk)


def access_category(trust: Trust, pk) -> SchoolCategory:
    return access(SchoolCategory.objects.all(), trust, pk)


def access_person(trust: Trust, pk) -> Person:
    return access(Person.objects.select_related("school", "user"), trust, pk)


def access_membership(trust: Trust, pk) -> Membership:
    return access(Membership.objects.select_related("user", "person"), trust, pk)


def access_invitation(trust: Trust, pk) -> Invitation:
    return access(Invitation.objects.select_related("person"), trust, pk)


def trust_schools(trust: Trust) -> QuerySet[School]:
    return School.objects.for_trust(trust).select_related("category").order_by("name")


def trust_categories(trust: Trust) -> QuerySet[SchoolCategory]:
    return (
        SchoolCategory.objects.for_trust(trust)
        .annotate(school_count=Count("schools"))
        .order_by("number")
    )


def trust_people(trust: Trust) -> QuerySet[Person]:
    """The directory, with each person's active role if they sign in."""
    return (
        Person.objects.for_trust(trust)
        .select_related("school", "user")
        .annotate(
            action_count=Count("action_links", distinct=True),
            active_memberships=Count(
                "memberships", filter=Q(memberships__is_active=True), distinct=True
            ),
        )
        .order_by("initials")
    )


def trust_memberships(trust: Trust) -> QuerySet[Membership]:
    return (
        Membership.objects.for_trust(trust)
        .select_related("user", "person")
        .order_by("-is_active", "role", "user__email")
    )


def trust_invitations(trust: Trust) -> QuerySet[Invitation]:
    return Invitation.objects.for_trust(trust).select_related("person", "invited_by")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_for_token(token: str) -> Invitation | None:
    """The invitation a link's token belongs to, before anyone is a member: the token is the
    only key, so this is the one lookup that does not start from a trust."""
    if not token or len(token) > 100:
        return None
    return (
        Invitation.objects.select_related("trust", "person")
        .filter(token_hash=token_hash(token))
        .first()
    )
