"""E-mail for the term's events: a proposal sent tells the CEO; a term submitted tells the
trustees. Each goes through the outbox (a row first, once per person and event)."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from notifications.services import people_notify
from plans.models import RagRating, Term
from schools.models import Role
from trustplan.core.links import absolute_reverse
from trustplan.core.words import with_article


def members_with_role(trust_id: int, role: str):
    return get_user_model().objects.filter(
        memberships__trust_id=trust_id, memberships__role=role, memberships__is_active=True
    )


def proposal_sent(rating: RagRating, *, acting_user) -> int:
    action, term = rating.action, rating.term
    who = acting_user.get_full_name() if acting_user else "An owner"
    return people_notify(
        trust=term.trust,
        users=[u for u in members_with_role(term.trust_id, Role.CEO) if u != acting_user],
        kind="rating.proposed",
        about=f"rating:{rating.pk}",
        period=f"v{rating.version}",
        subject=f"{who} proposed {with_article(term.name)} rating for {action.full_reference}",
        template="event",
        context={
            "intro": f"{who} proposed “{rating.get_proposed_status_display()}” for "
            f"{action.full_reference} {action.text[:100]} ({term.name}).",
            "quote": rating.proposed_commentary,
            "link_text": "Accept or change it in the rating grid",
        },
        link=absolute_reverse("rating_grid", term.trust.slug, term.pk),
    )


def term_submitted(term: Term) -> int:
    year = term.annual_plan.year_label
    return people_notify(
        trust=term.trust,
        users=members_with_role(term.trust_id, Role.TRUSTEE),
        kind="term.submitted",
        about=f"term:{term.pk}",
        period=term.submitted_at.isoformat(),
        subject=f"{term.name} {year} review submitted to the board",
        template="event",
        context={
            "intro": f"The CEO submitted the {term.name} {year} review of the plan's ratings "
            "to the board.",
            "link_text": "Read the term review",
        },
        link=absolute_reverse("term_detail", term.trust.slug, term.pk),
    )
