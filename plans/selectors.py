"""Reading plans, actions and ratings. Every selector starts from the trust."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils.translation import ngettext

from objectives.models import StrategicObjective
from plans.models import (
    RAG_ORDER,
    Action,
    ActionOwner,
    ActionStatus,
    AnnualPlan,
    KeyFocus,
    Rag,
    RagRating,
    Term,
    TermEvent,
    TermStatus,
)
from schools.models import Membership, Person, Role, Trust
from trustplan.history import Change, changes
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


def plan_actions(annual_plan: AnnualPlan, terms: list[Term] | None = None) -> QuerySet[Action]:
    """The plan's actions with objective, owners and ratings, in six queries.

    With `terms`, only those terms' ratings are fetched (the grid needs two, not six).
    """
    ratings = RagRating.objects.filter(trust_id=annual_plan.trust_id)
    if terms is not None:
        ratings = ratings.filter(term__in=[t.pk for t in terms])
    # Objectives and people are prefetched, not joined: a plan has a handful of each, and
    # sharing one instance per objective or person saves building hundreds of copies.
    return (
        Action.objects.filter(trust_id=annual_plan.trust_id, annual_plan=annual_plan)
        .prefetch_related(
            Prefetch("objective", StrategicObjective.objects.filter(trust_id=annual_plan.trust_id)),
            # to_attr lists, not related managers: Django builds no queryset per action.
            Prefetch(
                "owner_links",
                ActionOwner.objects.filter(trust_id=annual_plan.trust_id).prefetch_related(
                    Prefetch("person", Person.objects.filter(trust_id=annual_plan.trust_id))
                ),
                to_attr="owner_list",
            ),
            Prefetch("ratings", ratings.select_related("proposed_by"), to_attr="rating_list"),
        )
        .order_by("objective__number", "position", "id")
    )


def action_ratings(action: Action) -> list[RagRating]:
    """The action's ratings: prefetched by plan_actions, else fetched."""
    prefetched = getattr(action, "rating_list", None)
    return prefetched if prefetched is not None else list(action.ratings.all())


def action_owner_links(action: Action) -> list[ActionOwner]:
    """The action's owners in order: prefetched by plan_actions, else fetched."""
    prefetched = getattr(action, "owner_list", None)
    if prefetched is not None:
        return prefetched
    return list(action.owner_links.select_related("person"))


def ratings_by_term(action: Action) -> dict[int, RagRating]:
    """{term id: rating}."""
    return {rating.term_id: rating for rating in action_ratings(action)}


def owner_initials(action: Action) -> str:
    """ "AL/CS" from the prefetched owners, with the owner note after them."""
    initials = "/".join(link.person.initials for link in action_owner_links(action))
    return " ".join(part for part in [initials, action.owner_note] if part)


# Movement of an action's rating between two terms.
IMPROVED, WORSE, UNCHANGED, NEWLY_RATED, NOT_RATED = (
    "improved",
    "worse",
    "unchanged",
    "newly rated",
    "not rated",
)


def movement(last: str | None, this: str | None) -> str:
    """How a rating moved between terms: red to amber improved, green to amber worse."""
    if not this:
        return NOT_RATED
    if not last:
        return NEWLY_RATED
    if last == this:
        return UNCHANGED
    # Not started ranks below red: starting work is progress.
    return IMPROVED if RAG_ORDER.get(this, 0) > RAG_ORDER.get(last, 0) else WORSE


@dataclass
class ReviewRow:
    action: Action
    owners: str
    last: RagRating | None
    this: RagRating | None
    movement: str

    @property
    def status(self) -> str:
        return self.this.status if self.this and self.this.status else ""


@dataclass
class ObjectiveSummary:
    objective: object
    rows: list[ReviewRow] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        """{rating: number of actions} for this term, every rating present (zeros included)."""
        counts = {status: 0 for status in Rag.values}
        counts[""] = 0
        for row in self.rows:
            counts[row.status] += 1
        return counts

    @property
    def moved(self) -> dict[str, int]:
        counts = {m: 0 for m in (IMPROVED, WORSE, UNCHANGED, NEWLY_RATED, NOT_RATED)}
        for row in self.rows:
            counts[row.movement] += 1
        return counts


@dataclass
class TermReview:
    """A term's ratings across the plan, beside the previous term's: one source for the home
    page, the rating grid and the board pack."""

    annual_plan: AnnualPlan
    term: Term | None
    previous: Term | None
    objectives: list[ObjectiveSummary]

    @property
    def rows(self) -> list[ReviewRow]:
        return [row for summary in self.objectives for row in summary.rows]

    @property
    def active_rows(self) -> list[ReviewRow]:
        return [row for row in self.rows if row.action.status == ActionStatus.ACTIVE]

    @property
    def rated_count(self) -> int:
        return sum(1 for row in self.active_rows if row.status)

    @property
    def total(self) -> int:
        return len(self.active_rows)

    @property
    def not_rated(self) -> list[ReviewRow]:
        return [row for row in self.active_rows if not row.status]

    @property
    def red(self) -> list[ReviewRow]:
        return [row for row in self.active_rows if row.status == Rag.RED]

    @property
    def worse(self) -> list[ReviewRow]:
        return [row for row in self.active_rows if row.movement == WORSE]

    @property
    def counts(self) -> dict[str, int]:
        totals = {status: 0 for status in [*Rag.values, ""]}
        for summary in self.objectives:
            for status, count in summary.counts.items():
                totals[status] += count
        return totals


def term_review(annual_plan: AnnualPlan, term: Term | None = None) -> TermReview:
    """The plan's actions with this term's and the previous term's ratings, in four queries."""
    terms = plan_terms(annual_plan)
    term = term or current_term(terms)
    previous = None
    if term is not None:
        previous = next((t for t in reversed(terms) if t.number < term.number), None)
    summaries: dict[int, ObjectiveSummary] = {}
    wanted = [t for t in (term, previous) if t is not None]
    for action in plan_actions(annual_plan, wanted):
        ratings = ratings_by_term(action)
        last = ratings.get(previous.pk) if previous else None
        this = ratings.get(term.pk) if term else None
        summary = summaries.setdefault(action.objective_id, ObjectiveSummary(action.objective))
        summary.rows.append(
            ReviewRow(
                action=action,
                owners=owner_initials(action),
                last=last,
                this=this,
                movement=movement(last and last.status, this and this.status),
            )
        )
    ordered = sorted(summaries.values(), key=lambda s: s.objective.number)
    return TermReview(annual_plan=annual_plan, term=term, previous=previous, objectives=ordered)


@dataclass
class SubmissionCheck:
    """What stands between a term and the board: ratings whose commentary is missing or was
    written for an earlier rating. Empty lists: the term may be submitted."""

    review: TermReview
    missing: list[ReviewRow]
    outdated: list[ReviewRow]

    @property
    def ok(self) -> bool:
        return not (self.missing or self.outdated)

    @property
    def counts(self) -> list[tuple[str, str, int]]:
        """(rating, label, number of active actions) for each rating present, not rated last."""
        counts = {status: 0 for status in [*Rag.values, ""]}
        for row in self.review.active_rows:
            counts[row.status] += 1
        labels = [*Rag.choices, ("", "Not rated")]
        return [(status, label, counts[status]) for status, label in labels if counts[status]]

    @property
    def messages(self) -> list[str]:
        term = self.review.term.name
        found = []
        if self.missing:
            found.append(
                ngettext(
                    "%(n)d red or amber rating has no commentary (%(refs)s)",
                    "%(n)d red or amber ratings have no commentary (%(refs)s)",
                    len(self.missing),
                )
                % {"n": len(self.missing), "refs": _references(self.missing)}
            )
        if self.outdated:
            found.append(
                ngettext(
                    "%(n)d commentary was written for an earlier rating (%(refs)s)",
                    "%(n)d commentaries were written for an earlier rating (%(refs)s)",
                    len(self.outdated),
                )
                % {"n": len(self.outdated), "refs": _references(self.outdated)}
            )
        if not found:
            return []
        return [f"{term} cannot be submitted yet: {'; '.join(found)}."]


def _references(rows: list[ReviewRow]) -> str:
    return ", ".join(row.action.full_reference for row in rows)


def submission_check(term: Term, review: TermReview | None = None) -> SubmissionCheck:
    """The term's active ratings that the board should not receive as they are."""
    review = review or term_review(term.annual_plan, term)
    required = term.trust.commentary_required_for_red_amber
    rated = [row for row in review.active_rows if row.this is not None]
    return SubmissionCheck(
        review=review,
        missing=[row for row in rated if required and row.this.needs_commentary],
        outdated=[row for row in rated if row.this.commentary_outdated],
    )


# Who reads a term only once the CEO has submitted it (DESIGN: "Who sees a term"), as the
# submission page names them.
BOARD_READERS = {
    Role.TRUSTEE: "Trustees",
    Role.GOVERNOR: "Governors, for their own school's actions",
    Role.VIEWER: "Viewers",
}


def term_readers(trust: Trust) -> list[tuple[str, list[str]]]:
    """(role label, names) of the active members who can read a term once it is submitted."""
    names: dict[str, list[str]] = {role: [] for role in BOARD_READERS}
    memberships = (
        Membership.objects.for_trust(trust)
        .filter(is_active=True, role__in=list(BOARD_READERS))
        .select_related("user", "person")
        .order_by("role", "person__full_name", "user__email")
    )
    for membership in memberships:
        person = membership.person
        names[membership.role].append(
            person.full_name if person else membership.user.get_full_name()
        )
    return [(BOARD_READERS[role], people) for role, people in names.items() if people]


def access_key_focus(trust: Trust, pk) -> KeyFocus:
    return access(KeyFocus.objects.all(), trust, pk)


def term_events(term: Term) -> list[TermEvent]:
    return list(TermEvent.objects.filter(trust_id=term.trust_id, term=term).select_related("by"))


def action_history(action: Action) -> list[Change]:
    """Everything that happened to an action, its owners and its ratings, newest first."""
    trust_id = action.trust_id
    action_records = Action.history.filter(id=action.pk, trust_id=trust_id).select_related(
        "history_user"
    )
    owner_records = ActionOwner.history.filter(
        action_id=action.pk, trust_id=trust_id
    ).select_related("history_user", "person")
    rating_records = RagRating.history.filter(
        action_id=action.pk, trust_id=trust_id
    ).select_related("history_user", "term")
    labels = action.trust.labels
    found = changes(
        action_records,
        {
            "text": labels["action"],
            "kpis": labels["kpis"],
            "evidence": labels["evidence"],
            "owner_note": "Owner note",
            "status": "Status",
            "withdrawn_reason": "Reason for withdrawal",
        },
        describe=lambda r: labels["action"],
    )
    found += changes(
        owner_records,
        {},
        describe=lambda r: f"Owner {r.person.initials}" if r.person else "Owner",
    )

    def show_rating(record, name: str) -> str:
        value = getattr(record, name)
        if name in {"status", "proposed_status"}:
            return Rag(value).label if value else "Not rated"
        return value

    found += changes(
        rating_records,
        {
            "status": "Rating",
            "commentary": "Commentary",
            "proposed_status": "Proposed rating",
            "proposed_commentary": "Proposed commentary",
        },
        describe=lambda r: f"{r.term.name} rating",
        show=show_rating,
    )
    return sorted(found, key=lambda c: c.when, reverse=True)
