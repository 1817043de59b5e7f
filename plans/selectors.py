"""Reading plans, actions and ratings. Every selector starts from the trust."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from plans.models import Action, ActionOwner, AnnualPlan, RagRating, Term, TermStatus
from schools.models import Trust
from trustplan.tenancy import access


def access_action(trust: Trust, pk) -> Action:
    return access(
        Action.objects.select_related("objective", "school", "annual_plan", "key_focus"), trust, pk
    )


def access_term(trust: Trust, pk) -> Term:
    return access(Term.objects.select_related("annual_plan"), trust, pk)


def access_annual_plan(trust: Trust, pk) -> AnnualPlan:
    return access(AnnualPlan.objects.select_related("strategic_plan"), trust, pk)


def current_annual_plan(trust: Trust) -> AnnualPlan | None:
    """The latest approved or ready plan, else the latest plan of any status."""
    plans = AnnualPlan.objects.for_trust(trust).select_related("strategic_plan")
    return (
        plans.filter(status__in=["approved", "ready"]).order_by("-academic_year").first()
        or plans.order_by("-academic_year").first()
    )


def plan_terms(annual_plan: AnnualPlan) -> list[Term]:
    return list(Term.objects.filter(trust_id=annual_plan.trust_id, annual_plan=annual_plan))


def current_term(terms: list[Term]) -> Term | None:
    """The first term still open for rating, else the last term."""
    return next((t for t in terms if t.status == TermStatus.OPEN), terms[-1] if terms else None)


def plan_actions(annual_plan: AnnualPlan) -> QuerySet[Action]:
    """The plan's actions with objective, school, owners and every rating, in four queries."""
    return (
        Action.objects.filter(trust_id=annual_plan.trust_id, annual_plan=annual_plan)
        .select_related("objective", "school", "key_focus")
        .prefetch_related(
            Prefetch(
                "owner_links",
                ActionOwner.objects.filter(trust_id=annual_plan.trust_id).select_related("person"),
            ),
            Prefetch(
                "ratings",
                RagRating.objects.filter(trust_id=annual_plan.trust_id).select_related("term"),
            ),
        )
        .order_by("objective__number", "position", "id")
    )


def ratings_by_term(action: Action) -> dict[int, RagRating]:
    """{term id: rating} from the prefetched ratings."""
    return {rating.term_id: rating for rating in action.ratings.all()}


def owner_initials(action: Action) -> str:
    """ "AL/CS" from the prefetched owners, with the owner note after them."""
    initials = "/".join(link.person.initials for link in action.owner_links.all())
    return " ".join(part for part in [initials, action.owner_note] if part)
