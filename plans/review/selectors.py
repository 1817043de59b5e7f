"""Reading a term's review: movement between terms, per-objective summaries, term events."""

from __future__ import annotations

from dataclasses import dataclass, field

from plans.models import (
    RAG_ORDER,
    Action,
    ActionStatus,
    AnnualPlan,
    Rag,
    RagRating,
    Term,
    TermEvent,
)
from plans.selectors import current_term, owner_initials, plan_actions, plan_terms, ratings_by_term

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


def term_events(term: Term) -> list[TermEvent]:
    return list(TermEvent.objects.filter(trust_id=term.trust_id, term=term).select_related("by"))
