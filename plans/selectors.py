"""Reading plans, actions and their ratings, for every feature. Each selector starts from the
trust (or from an object already fetched through it)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, FilteredRelation, OuterRef, Q
from django.http import Http404
from django.utils import timezone

from objectives.models import StrategicObjective
from plans.models import (
    Action,
    ActionOwner,
    AnnualPlan,
    AnnualPlanStatus,
    ColumnValue,
    KeyFocus,
    PlanColumn,
    Rag,
    RagRating,
    Term,
    TermStatus,
)
from plans.permissions import PLAN_AUTHOR, RATING_VIEW_DRAFT
from schools.models import Person, School, Trust
from trustplan.core.history import Change, changes
from trustplan.core.permissions import Perms
from trustplan.core.tenancy import access, trust_on_joins


def access_action(trust: Trust, pk) -> Action:
    return access(
        Action.objects.select_related("objective", "school", "annual_plan", "key_focus"), trust, pk
    )


def access_term(trust: Trust, pk) -> Term:
    return access(Term.objects.select_related("annual_plan"), trust, pk)


def access_term_action(trust: Trust, term_pk, action_pk) -> tuple[Term, Action]:
    """A term and an action of its plan, in one query (the rating grid's saves); 404 for
    missing and forbidden alike, and for an action of another plan."""
    try:
        term_pk = int(term_pk)
    except (ValueError, TypeError):
        raise Http404("No term found.") from None
    action = access(
        Action.objects.select_related("objective", "school", "annual_plan", "key_focus")
        .annotate(
            this_term=FilteredRelation(
                "annual_plan__terms",
                condition=Q(annual_plan__terms__pk=term_pk, annual_plan__terms__trust=trust),
            )
        )
        .filter(this_term__isnull=False)
        .select_related("this_term"),
        trust,
        action_pk,
    )
    term = action.this_term
    term.annual_plan = action.annual_plan
    return term, action


def access_annual_plan(trust: Trust, pk) -> AnnualPlan:
    return access(AnnualPlan.objects.select_related("strategic_plan"), trust, pk)


def academic_year_of(trust: Trust, day: datetime.date) -> int:
    """The academic year (by its first calendar year) that `day` falls in, for this trust."""
    return day.year if day.month >= trust.year_start_month else day.year - 1


def _plans_of(trust: Trust | int) -> list[AnnualPlan]:
    """Every annual plan of the trust by year, each marked whether any term of it is rated."""
    return list(
        AnnualPlan.objects.for_trust(trust)
        .filter(trust_on_joins(AnnualPlan, trust, "strategic_plan"))
        .select_related("strategic_plan", "trust")
        .annotate(
            rated=Exists(
                RagRating.objects.filter(
                    trust_id=getattr(trust, "pk", trust),
                    term__trust_id=getattr(trust, "pk", trust),
                    term__annual_plan_id=OuterRef("pk"),
                )
            )
        )
        .order_by("academic_year")
    )


def _live_of(plans: list[AnnualPlan]) -> AnnualPlan | None:
    if not plans:
        return None
    named = [p for p in plans if p.named_live]
    if named:
        return named[0]
    this_year = academic_year_of(plans[0].trust, timezone.localdate())
    for plan in plans:
        if plan.academic_year == this_year:
            return plan
    earlier = [p for p in plans if p.academic_year < this_year]
    in_use = [p for p in earlier if p.rated or p.status != AnnualPlanStatus.DRAFT]
    if in_use or earlier:
        return (in_use or earlier)[-1]
    return plans[0]  # every plan is for a later year: the soonest


def current_annual_plan(trust: Trust | int) -> AnnualPlan | None:
    """The live plan: the one the CEO named live, if any; else the one whose academic year
    contains today; else the latest earlier plan in use (approved, ready, or already rated);
    else the latest earlier one; else the first. A draft for another year never takes over
    (one query)."""
    return _live_of(_plans_of(trust))


@dataclass(frozen=True)
class PlanYears:
    """The year a page shows and the years its reader may pick instead."""

    live: AnnualPlan | None
    shown: AnnualPlan | None
    choices: list[AnnualPlan]

    @property
    def is_live(self) -> bool:
        return self.shown is not None and self.shown == self.live

    def query(self) -> str:
        """The query string that keeps a link on the year shown ("" for the live year)."""
        return "" if self.is_live or self.shown is None else f"?year={self.shown.academic_year}"


def plan_years(trust: Trust, *, year: str | None, perms: Perms) -> PlanYears:
    """The plan for `year` (an academic year's first calendar year, "2025" for 2025-26), or
    the live plan when none is asked for; 404 for a year with no plan this reader may read.
    Draft plans of other years are the CEO's own work in progress: only those who write plans
    pick them (the live plan is everyone's, draft or not). One query."""
    plans = _plans_of(trust)
    live = _live_of(plans)
    drafts_too = perms.has(PLAN_AUTHOR)
    choices = [p for p in plans if p == live or drafts_too or p.status != AnnualPlanStatus.DRAFT]
    shown = live
    if year not in (None, ""):
        shown = next((p for p in choices if str(p.academic_year) == str(year).strip()), None)
        if shown is None:
            raise Http404("There is no plan for that year.")
    return PlanYears(live=live, shown=shown, choices=choices)


def plan_terms(annual_plan: AnnualPlan) -> list[Term]:
    return list(Term.objects.filter(trust_id=annual_plan.trust_id, annual_plan=annual_plan))


def current_term(terms: list[Term]) -> Term | None:
    """The first term still open for rating, else the last term."""
    return next((t for t in terms if t.status == TermStatus.OPEN), terms[-1] if terms else None)


# Who sees a term (docs/permissions.md, rating.view_draft): a submitted term's ratings are the
# board's; until then they are the CEO's, and a school lead's for the actions they hold grants
# on. `reader=None` is the product itself (services, the rating grid, the pack's renderer).


def is_submitted(term: Term) -> bool:
    return term.status != TermStatus.OPEN


def sees_whole_term(reader: Perms | None, term: Term) -> bool:
    """Whether this reader sees every rating of the term, and so its counts."""
    return reader is None or is_submitted(term) or reader.has_all(RATING_VIEW_DRAFT)


def sees_rating(reader: Perms | None, term: Term, action: Action) -> bool:
    """Whether this reader sees the action's rating and commentary for the term."""
    return reader is None or is_submitted(term) or reader.allows(RATING_VIEW_DRAFT, action)


def hidden_terms(reader: Perms | None, terms: list[Term], action: Action) -> set[int]:
    """Ids of the terms whose rating of this action the reader may not see yet."""
    return {t.pk for t in terms if not sees_rating(reader, t, action)}


def reader_term(reader: Perms | None, terms: list[Term]) -> tuple[Term | None, Term | None]:
    """(the term this reader reviews by default, the term being prepared out of their sight).

    Those who see drafts review the current term; everyone else the last submitted one, while
    the current term "is being prepared".
    """
    term = current_term(terms)
    if term is None or sees_whole_term(reader, term):
        return term, None
    submitted = [t for t in terms if is_submitted(t)]
    return (submitted[-1] if submitted else None), term


def plan_actions(annual_plan: AnnualPlan, terms: list[Term] | None = None) -> list[Action]:
    """The plan's actions with objective, owners and ratings, in five queries.

    With `terms`, only those terms' ratings are fetched (the grid needs two, not six).
    Related rows are fetched once each and attached by hand: Django's prefetch_related cost
    twice the queries' own time on the grid's 300 actions. Objectives and people are shared,
    one instance each.
    """
    trust_id = annual_plan.trust_id
    actions = list(
        Action.objects.filter(
            trust_id=trust_id, annual_plan=annual_plan, objective__trust_id=trust_id
        ).order_by("objective__number", "position", "id")
    )
    if not actions:
        return actions
    objectives = {
        o.pk: o
        for o in StrategicObjective.objects.filter(
            trust_id=trust_id, pk__in={a.objective_id for a in actions}
        )
    }
    links = list(
        ActionOwner.objects.filter(
            trust_id=trust_id, action__trust_id=trust_id, action__annual_plan=annual_plan
        )
    )
    people = {
        p.pk: p
        for p in Person.objects.filter(trust_id=trust_id, pk__in={link.person_id for link in links})
    }
    ratings = RagRating.objects.filter(trust_id=trust_id).select_related("proposed_by")
    if terms is not None:
        ratings = ratings.filter(term__in=[t.pk for t in terms])
    else:
        ratings = ratings.filter(action__trust_id=trust_id, action__annual_plan=annual_plan)
    owners_of: dict[int, list[ActionOwner]] = {a.pk: [] for a in actions}
    for link in links:
        link.person = people[link.person_id]
        owners_of[link.action_id].append(link)
    ratings_of: dict[int, list[RagRating]] = {a.pk: [] for a in actions}
    for rating in ratings:
        ratings_of[rating.action_id].append(rating)
    for action in actions:
        action.objective = objectives[action.objective_id]
        action.owner_list = owners_of[action.pk]
        action.rating_list = ratings_of[action.pk]
    return actions


def action_ratings(action: Action) -> list[RagRating]:
    """The action's ratings: prefetched by plan_actions, else fetched."""
    prefetched = getattr(action, "rating_list", None)
    return prefetched if prefetched is not None else list(action.ratings.all())


def action_owner_links(action: Action) -> list[ActionOwner]:
    """The action's owners in order: prefetched by plan_actions, else fetched."""
    prefetched = getattr(action, "owner_list", None)
    if prefetched is not None:
        return prefetched
    return list(
        action.owner_links.filter(person__trust_id=action.trust_id).select_related("person")
    )


def ratings_by_term(action: Action) -> dict[int, RagRating]:
    """{term id: rating}."""
    return {rating.term_id: rating for rating in action_ratings(action)}


def owner_initials(action: Action) -> str:
    """ "AL/CS" from the prefetched owners, with the owner note after them."""
    initials = "/".join(link.person.initials for link in action_owner_links(action))
    return " ".join(part for part in [initials, action.owner_note] if part)


def access_key_focus(trust: Trust, pk) -> KeyFocus:
    return access(KeyFocus.objects.all(), trust, pk)


def column_changes(records, column_names: dict[int, str], what) -> list[Change]:
    """A row's column texts as changes of the row: "Measuring success", before, after (a
    first text is a change from nothing, a removed value one to nothing)."""
    out: list[Change] = []
    last: dict[int, str] = {}
    for record in sorted(records, key=lambda r: (r.id, r.history_date, r.history_id)):
        before = last.get(record.id, "")
        after = "" if record.history_type == "-" else record.text
        last[record.id] = after
        if before != after:
            name = column_names.get(record.column_id, "A removed column")
            row = what(record) if callable(what) else what
            out.append(
                Change(
                    record.history_date, record.history_user, row, "changed", name, before, after
                )
            )
    return out


def action_history(action: Action, *, hidden_term_ids: set[int] = frozenset()) -> list[Change]:
    """Everything that happened to an action, its owners and its ratings, newest first;
    nothing of the ratings of `hidden_term_ids` (terms the reader may not see yet)."""
    trust_id = action.trust_id
    action_records = Action.history.filter(id=action.pk, trust_id=trust_id).select_related(
        "history_user"
    )
    owner_records = ActionOwner.history.filter(
        action_id=action.pk, trust_id=trust_id
    ).select_related("history_user", "person")
    rating_records = (
        RagRating.history.filter(action_id=action.pk, trust_id=trust_id)
        .exclude(term_id__in=hidden_term_ids)
        .select_related("history_user", "term", "carried_from")
    )
    value_records = ColumnValue.history.filter(action_id=action.pk, trust_id=trust_id)
    column_names = dict(PlanColumn.objects.filter(trust_id=trust_id).values_list("id", "name"))
    labels = action.trust.labels
    found = column_changes(
        value_records.select_related("history_user"), column_names, labels["action"]
    )
    found += changes(
        action_records,
        {
            "text": labels["action"],
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
        if name == "carried_from":
            return record.carried_from.name if record.carried_from else ""
        return value

    def describe_rating(record) -> str:
        what = f"{record.term.name} rating"
        if record.history_type == "+" and record.carried_from:
            # A rating created by carrying one forward says so where it appears.
            what += f", carried forward unchanged since {record.carried_from.name}"
        return what

    found += changes(
        rating_records,
        {
            "status": "Rating",
            "commentary": "Commentary",
            "proposed_status": "Proposed rating",
            "proposed_commentary": "Proposed commentary",
            "carried_from": "Carried forward, unchanged since",
        },
        describe=describe_rating,
        show=show_rating,
    )
    return sorted(found, key=lambda c: c.when, reverse=True)


# An objective's actions under their key foci: the plan page and the pack --------------------


@dataclass
class FocusGroup:
    """A key focus and the rows of its actions (focus None: the actions under no key focus)."""

    focus: KeyFocus | None
    rows: list = field(default_factory=list)


def focus_groups(rows: list, foci: list[KeyFocus]) -> list[FocusGroup]:
    """The rows (anything with `.action`) under their key foci in number order, each key focus
    shown even with no rows, then the rows under no key focus; rows keep their order."""
    groups = {f.pk: FocusGroup(f) for f in sorted(foci, key=lambda f: (f.number, f.pk))}
    rest = FocusGroup(None)
    for row in rows:
        groups.get(row.action.key_focus_id, rest).rows.append(row)
    return [*groups.values(), *([rest] if rest.rows else [])]


def attach_schools(trust: Trust | int, actions: list[Action]) -> None:
    """Set each action's school from one query (plan_actions leaves them unread)."""
    wanted = {a.school_id for a in actions if a.school_id}
    if not wanted:
        for action in actions:
            action.school = None
        return
    schools = {
        s.pk: s for s in School.objects.filter(trust_id=getattr(trust, "pk", trust), pk__in=wanted)
    }
    for action in actions:
        action.school = schools.get(action.school_id)
