"""Reading a term's review: movement between terms, per-objective summaries, term events."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, FilteredRelation, Q
from django.utils.translation import ngettext

from plans.models import (
    RAG_ORDER,
    Action,
    ActionOwner,
    ActionStatus,
    AnnualPlan,
    Rag,
    RagRating,
    Term,
    TermEvent,
)
from plans.permissions import PLAN_VIEW, RATING_VIEW_DRAFT
from plans.selectors import (
    owner_initials,
    plan_actions,
    plan_terms,
    ratings_by_term,
    reader_term,
    sees_rating,
    sees_whole_term,
)
from schools.models import Membership, Role, Trust
from trustplan.core.permissions import Perms, Scope, scope_of

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
    # The term this term's rating has been unchanged since, when it was carried forward.
    carried_since: Term | None = None
    # Whether last term's rating was the same as the term's before it (asked for by the grid).
    last_unchanged: bool = False

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
    # The term being prepared that this reader does not see yet ("Spring is being prepared").
    preparing: Term | None = None
    # Whether the reader sees every rating of `term` (else its counts are not theirs to read).
    whole: bool = True

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


def term_review(
    annual_plan: AnnualPlan,
    term: Term | None = None,
    *,
    reader: Perms | None = None,
    earlier: bool = False,
) -> TermReview:
    """The plan's actions with this term's and the previous term's ratings, in four queries.

    With a `reader`, only what they may see (rating.view_draft): without a term named, the
    term they review by default; ratings of a term not yet submitted are left out unless the
    reader sees its drafts. With `earlier`, the term before the previous one is read too, to
    say whether last term's rating was unchanged (the grid's filter).
    """
    terms = plan_terms(annual_plan)
    by_pk = {t.pk: t for t in terms}
    preparing = None
    if term is None:
        term, preparing = reader_term(reader, terms)
    previous = before = None
    if term is not None:
        previous = next((t for t in reversed(terms) if t.number < term.number), None)
    if earlier and previous is not None:
        before = next((t for t in reversed(terms) if t.number < previous.number), None)
    summaries: dict[int, ObjectiveSummary] = {}
    wanted = [t for t in (term, previous, before) if t is not None]
    for action in plan_actions(annual_plan, wanted):
        ratings = ratings_by_term(action)
        last = ratings.get(previous.pk) if previous else None
        this = ratings.get(term.pk) if term else None
        if last is not None and not sees_rating(reader, previous, action):
            last = None
        if this is not None and not sees_rating(reader, term, action):
            this = None
        last_unchanged = False
        if last is not None and last.status:
            earliest = ratings.get(before.pk) if before else None
            last_unchanged = last.carried_from_id is not None or (
                earliest is not None
                and earliest.status == last.status
                and sees_rating(reader, before, action)
            )
        summary = summaries.setdefault(action.objective_id, ObjectiveSummary(action.objective))
        summary.rows.append(
            ReviewRow(
                action=action,
                owners=owner_initials(action),
                last=last,
                this=this,
                movement=movement(last and last.status, this and this.status),
                carried_since=by_pk.get(this.carried_from_id) if this else None,
                last_unchanged=last_unchanged,
            )
        )
    ordered = sorted(summaries.values(), key=lambda s: s.objective.number)
    return TermReview(
        annual_plan=annual_plan,
        term=term,
        previous=previous,
        objectives=ordered,
        preparing=preparing,
        whole=term is None or sees_whole_term(reader, term),
    )


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


# The submission page's names for the roles that read a term only once it is submitted.
BOARD_READER_LABELS = {
    Role.ADMIN: "Administrators",
    Role.TRUSTEE: "Trustees",
    Role.GOVERNOR: "Governors, for their own school's {actions}",
    Role.VIEWER: "Viewers",
}


def board_reader_roles() -> list[str]:
    """The roles that read the plan but not its drafts, as docs/permissions.md says."""
    return [
        role
        for role in Role.values
        if scope_of(role, PLAN_VIEW) is not Scope.NONE
        and scope_of(role, RATING_VIEW_DRAFT) is Scope.NONE
    ]


def term_readers(trust: Trust) -> list[tuple[str, list[str]]]:
    """(role label, names) of the active members who can read a term once it is submitted."""
    roles = board_reader_roles()
    names: dict[str, list[str]] = {role: [] for role in roles}
    memberships = (
        Membership.objects.for_trust(trust)
        .filter(is_active=True, role__in=roles)
        .select_related("user", "person")
        .order_by("role", "person__full_name", "user__email")
    )
    for membership in memberships:
        person = membership.person
        names[membership.role].append(
            person.full_name if person else membership.user.get_full_name()
        )
    actions = trust.labels["action"].plural_lower
    return [
        (BOARD_READER_LABELS.get(role, Role(role).label).format(actions=actions), people)
        for role, people in names.items()
        if people
    ]


def term_events(term: Term) -> list[TermEvent]:
    return list(TermEvent.objects.filter(trust_id=term.trust_id, term=term).select_related("by"))


@dataclass
class ObjectiveCount:
    number: int
    short_name: str
    rated: int
    total: int


@dataclass
class GridCounts:
    """The rating grid's live counts: rated of total, per objective and overall."""

    objectives: list[ObjectiveCount]

    @property
    def rated(self) -> int:
        return sum(o.rated for o in self.objectives)

    @property
    def total(self) -> int:
        return sum(o.total for o in self.objectives)

    @property
    def not_rated(self) -> int:
        return self.total - self.rated

    @classmethod
    def from_review(cls, review: TermReview) -> GridCounts:
        """The counts of a review already read (the grid page): no query."""
        found = []
        for summary in review.objectives:
            active = [r for r in summary.rows if r.action.status == ActionStatus.ACTIVE]
            if active:
                found.append(
                    ObjectiveCount(
                        number=summary.objective.number,
                        short_name=summary.objective.short_name,
                        rated=sum(1 for r in active if r.status),
                        total=len(active),
                    )
                )
        return cls(found)


def grid_counts(term: Term) -> GridCounts:
    """The term's counts in one query, for a save's response (the CEO sees every rating)."""
    rows = (
        Action.objects.filter(
            trust_id=term.trust_id, annual_plan_id=term.annual_plan_id, status=ActionStatus.ACTIVE
        )
        .annotate(this=FilteredRelation("ratings", condition=Q(ratings__term_id=term.pk)))
        .values("objective__number", "objective__short_name")
        .annotate(total=Count("id"), rated=Count("this", filter=~Q(this__status="")))
        .order_by("objective__number")
    )
    return GridCounts(
        [
            ObjectiveCount(
                number=row["objective__number"],
                short_name=row["objective__short_name"],
                rated=row["rated"],
                total=row["total"],
            )
            for row in rows
        ]
    )


def term_actions(term: Term, ids: list[int]) -> list[Action]:
    """The actions of the term's plan among `ids`, in the plan's order (a posted list)."""
    return list(
        Action.objects.filter(
            trust_id=term.trust_id, annual_plan_id=term.annual_plan_id, pk__in=ids
        ).order_by("objective__number", "position", "id")
    )


def review_row(
    term: Term, action: Action, *, reader: Perms | None = None
) -> tuple[ReviewRow, Term | None]:
    """One action's row of the term's review, and the previous term, in three queries: what
    the grid sends back after a row changes (not the whole plan's review)."""
    terms = plan_terms(term.annual_plan)
    previous = next((t for t in reversed(terms) if t.number < term.number), None)
    wanted = [t.pk for t in (term, previous) if t is not None]
    ratings = {
        r.term_id: r
        for r in RagRating.objects.filter(
            trust_id=term.trust_id, action=action, term__in=wanted
        ).select_related("proposed_by")
    }
    action.owner_list = list(
        ActionOwner.objects.filter(
            trust_id=term.trust_id, action=action, person__trust_id=term.trust_id
        ).select_related("person")
    )
    last = ratings.get(previous.pk) if previous else None
    this = ratings.get(term.pk)
    if last is not None and not sees_rating(reader, previous, action):
        last = None
    if this is not None and not sees_rating(reader, term, action):
        this = None
    by_pk = {t.pk: t for t in terms}
    row = ReviewRow(
        action=action,
        owners=owner_initials(action),
        last=last,
        this=this,
        movement=movement(last and last.status, this and this.status),
        carried_since=by_pk.get(this.carried_from_id) if this else None,
    )
    return row, previous
