"""Reading board packs and gathering what goes into one. Every selector starts from the trust."""

from __future__ import annotations

import hashlib
import importlib
import json
from dataclasses import dataclass, field
from datetime import datetime

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Max, OuterRef, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from boardpacks.models import BoardPack, PackStatus
from boardpacks.permissions import BOARDPACK_REQUEST
from objectives.models import ObjectiveLead, ObjectiveStage
from plans.models import ActionStatus, AnnualObjectiveLead, AnnualPlan, KeyFocus, Term
from plans.review.selectors import (
    IMPROVED,
    NEWLY_RATED,
    NOT_RATED,
    UNCHANGED,
    WORSE,
    ObjectiveSummary,
    ReviewRow,
    TermReview,
    term_review,
)
from schools.models import Person, School, Trust
from trustplan.core.tenancy import access


def access_pack(trust: Trust, pk) -> BoardPack:
    return access(BoardPack.objects.select_related("term__annual_plan", "meeting"), trust, pk)


def readable_packs(trust: Trust, perms) -> QuerySet[BoardPack]:
    """The packs this reader may open, newest first: everything for those who make packs,
    published packs that are not withdrawn for everyone else."""
    packs = BoardPack.objects.for_trust(trust).select_related(
        "term__annual_plan", "meeting", "requested_by", "published_by"
    )
    if perms.has(BOARDPACK_REQUEST):
        return packs.order_by("-requested_at", "-id")
    return packs.filter(published_at__isnull=False, withdrawn_at__isnull=True).order_by(
        "-published_at", "-id"
    )


def access_readable_pack(trust: Trust, pk, perms) -> BoardPack:
    """One pack this reader may open; 404 for another trust's pack and an unpublished one."""
    pack = access_pack(trust, pk)
    if not perms.has(BOARDPACK_REQUEST) and not pack.is_published:
        raise Http404("No board pack found.")
    return pack


def unfinished_packs(trust: Trust) -> QuerySet[BoardPack]:
    return BoardPack.objects.for_trust(trust).filter(
        status__in=[PackStatus.QUEUED, PackStatus.RENDERING]
    )


# The apps whose content a pack shows; a change to any of their history changes the inputs.
CONTENT_APPS = ["schools", "objectives", "plans", "kpis"]


def _historical_models_with_trust() -> list[type]:
    found = []
    for label in CONTENT_APPS:
        for model in apps.get_app_config(label).get_models():
            try:
                model._meta.get_field("history_id")
                model._meta.get_field("trust")
            except FieldDoesNotExist:
                continue
            found.append(model)
    return sorted(found, key=lambda m: m._meta.label)


def _latest(history_queryset, group_by: str) -> Subquery:
    """The newest history id among the rows of one table, as a subquery."""
    return Subquery(
        history_queryset.order_by()
        .values(group_by)
        .annotate(latest=Max("history_id"))
        .values("latest")[:1]
    )


def pack_fingerprint(*, annual_plan: AnnualPlan, term: Term, meeting=None, extra: str = "") -> str:
    """SHA-256 of a pack's inputs: the latest history entry of every content table of the
    trust (so any edit, deletion included, changes it), the term and the meeting. One query."""
    trust_id = annual_plan.trust_id
    in_trust = OuterRef("pk")
    latest = {
        model._meta.label.replace(".", "_").lower(): _latest(
            model.objects.filter(trust_id=in_trust), "trust_id"
        )
        for model in _historical_models_with_trust()
    }
    latest["schools_historicaltrust"] = _latest(Trust.history.filter(id=OuterRef("pk")), "id")
    if meeting is not None:
        latest["meeting"] = _latest(type(meeting).history.filter(id=meeting.pk), "id")
    values = Trust.objects.filter(pk=trust_id).annotate(**latest).values(*latest).get()
    inputs = {
        "trust": trust_id,
        "annual_plan": annual_plan.pk,
        "term": term.pk,
        "meeting": meeting.pk if meeting is not None else None,
        "latest": values,
        "extra": extra,
    }
    return hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()


# What the pack shows.

ATTENTION_RED = "Red"
ATTENTION_WORSE = "Worse than last term"
ATTENTION_NOT_RATED = "Not rated"


@dataclass
class AttentionItem:
    row: ReviewRow
    reasons: list[str]


@dataclass
class ObjectiveSection:
    summary: ObjectiveSummary
    leads: list[Person]
    stage: str
    key_foci: list[KeyFocus]

    @property
    def objective(self):
        return self.summary.objective

    @property
    def active_count(self) -> int:
        return sum(1 for row in self.summary.rows if row.action.status == ActionStatus.ACTIVE)


@dataclass
class PackContents:
    trust: Trust
    annual_plan: AnnualPlan
    term: Term
    review: TermReview
    sections: list[ObjectiveSection]
    attention: list[AttentionItem]
    schools: list[School]
    prepared_by: str
    generated_at: datetime
    meeting: object = None
    kpis: dict | None = None
    changes: PlanChanges | None = None
    moved: dict[str, int] = field(default_factory=dict)

    @property
    def labels(self) -> dict[str, str]:
        return self.trust.labels

    @property
    def completeness(self) -> int:
        """Per cent of active actions rated this term."""
        total = self.review.total
        return round(100 * self.review.rated_count / total) if total else 100

    @property
    def red_count(self) -> int:
        return len(self.review.red)

    @property
    def worse_count(self) -> int:
        return len(self.review.worse)

    @property
    def not_rated_count(self) -> int:
        return len(self.review.not_rated)


MOVEMENTS = [IMPROVED, WORSE, UNCHANGED, NEWLY_RATED, NOT_RATED]


@dataclass
class PlanChanges:
    """The plan's changes since approval, kept short: edits in full (old and new wording),
    additions and removals as a list of names."""

    edits: list = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.edits or self.added or self.removed)


def plan_changes(changes) -> PlanChanges:
    """Group the changes the authoring selectors report (trustplan.core.history.Change)."""
    grouped = PlanChanges()
    for change in changes:
        if change.kind == "created":
            grouped.added.append(change.what)
        elif change.kind == "removed":
            grouped.removed.append(change.what)
        else:
            grouped.edits.append(change)
    grouped.added = list(dict.fromkeys(grouped.added))
    grouped.removed = list(dict.fromkeys(grouped.removed))
    return grouped


def _provided(module: str, name: str):
    """A function another app provides for the pack, or None while that app has none yet."""
    try:
        return getattr(importlib.import_module(module), name)
    except ModuleNotFoundError as exc:
        if exc.name != module:
            raise
        return None


def attention_items(review: TermReview) -> list[AttentionItem]:
    """Every red, every action that worsened and every missing rating, once each, in plan
    order, with the reasons it is there."""
    red = {id(row) for row in review.red}
    worse = {id(row) for row in review.worse}
    missing = {id(row) for row in review.not_rated}
    items = []
    for row in review.active_rows:
        reasons = [
            reason
            for reason, rows in [
                (ATTENTION_RED, red),
                (ATTENTION_WORSE, worse),
                (ATTENTION_NOT_RATED, missing),
            ]
            if id(row) in rows
        ]
        if reasons:
            items.append(AttentionItem(row=row, reasons=reasons))
    return items


def _objective_leads(annual_plan: AnnualPlan) -> dict[int, list[Person]]:
    """{objective id: leads}: this year's leads, else the strategic plan's. Two queries."""
    leads: dict[int, list[Person]] = {}
    for link in (
        AnnualObjectiveLead.objects.filter(trust_id=annual_plan.trust_id, annual_plan=annual_plan)
        .select_related("person")
        .order_by("person__initials")
    ):
        leads.setdefault(link.objective_id, []).append(link.person)
    fallback: dict[int, list[Person]] = {}
    for link in (
        ObjectiveLead.objects.filter(
            trust_id=annual_plan.trust_id, objective__plan_id=annual_plan.strategic_plan_id
        )
        .select_related("person")
        .order_by("person__initials")
    ):
        fallback.setdefault(link.objective_id, []).append(link.person)
    return {**fallback, **leads}


def _prepared_by(trust: Trust, user) -> str:
    if user is None:
        return trust.name
    person = Person.objects.for_trust(trust).filter(user=user).first()
    if person is not None:
        return f"{person.full_name}, {person.job_title}" if person.job_title else person.full_name
    return user.get_full_name() or user.email


def pack_contents(pack: BoardPack) -> PackContents:
    """Everything the pack shows, in a fixed number of queries whatever the plan's size."""
    trust = Trust.objects.get(pk=pack.trust_id)
    annual_plan = AnnualPlan.objects.select_related("strategic_plan").get(
        pk=pack.annual_plan_id, trust=trust
    )
    term = Term.objects.get(pk=pack.term_id, trust=trust)
    review = term_review(annual_plan, term)
    leads = _objective_leads(annual_plan)
    stages = dict(
        ObjectiveStage.objects.filter(
            trust=trust,
            academic_year=annual_plan.academic_year,
            objective__plan_id=annual_plan.strategic_plan_id,
        ).values_list("objective_id", "stage")
    )
    key_foci: dict[int, list[KeyFocus]] = {}
    for focus in KeyFocus.objects.filter(trust=trust, annual_plan=annual_plan).order_by("number"):
        key_foci.setdefault(focus.objective_id, []).append(focus)
    sections = [
        ObjectiveSection(
            summary=summary,
            leads=leads.get(summary.objective.pk, []),
            stage=stages.get(summary.objective.pk, ""),
            key_foci=key_foci.get(summary.objective.pk, []),
        )
        for summary in review.objectives
    ]
    moved = {movement: 0 for movement in MOVEMENTS}
    for summary in review.objectives:
        for movement, count in summary.moved.items():
            moved[movement] += count

    kpi_pack_context = _provided("kpis.boardpack", "pack_context")
    changes_since_approval = _provided("plans.authoring.selectors", "changes_since_approval")
    return PackContents(
        trust=trust,
        annual_plan=annual_plan,
        term=term,
        review=review,
        sections=sections,
        attention=attention_items(review),
        schools=list(School.objects.for_trust(trust).select_related("category").order_by("name")),
        prepared_by=_prepared_by(trust, pack.requested_by),
        generated_at=timezone.now(),
        meeting=pack.meeting,
        kpis=kpi_pack_context(annual_plan=annual_plan, term=term) if kpi_pack_context else None,
        changes=(
            plan_changes(changes_since_approval(annual_plan)) if changes_since_approval else None
        ),
        moved=moved,
    )
