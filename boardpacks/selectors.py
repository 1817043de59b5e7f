"""Reading board packs and gathering what goes into one. Every selector starts from the trust."""

from __future__ import annotations

import hashlib
import importlib
import json
from dataclasses import dataclass, field
from datetime import datetime

from django.apps import apps
from django.contrib.postgres.aggregates import StringAgg
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db.models import CharField, Count, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Cast, Coalesce
from django.http import Http404
from django.utils import timezone

from boardpacks.models import BoardPack, PackStatus
from boardpacks.permissions import BOARDPACK_REQUEST, BOARDPACK_VIEW
from governance.models import Appointment, Body, BodyKind, BodySchool, Decision, Meeting
from objectives.models import ObjectiveLead, ObjectiveStage
from plans.columns import attach_cells, trust_columns
from plans.models import (
    Action,
    ActionStatus,
    AnnualObjectiveLead,
    AnnualPlan,
    KeyFocus,
    Term,
    TermStatus,
)
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
from plans.selectors import FocusGroup, focus_groups
from schools.models import Membership, Person, Role, School, Trust
from trustplan.core.permissions import Perms, Scope, scope_of
from trustplan.core.tenancy import access, trust_on_related


def access_pack(trust: Trust, pk) -> BoardPack:
    return access(
        BoardPack.objects.select_related("term__annual_plan", "meeting__body", "body").annotate(
            packs_ahead=packs_ahead()
        ),
        trust,
        pk,
    )


# A pack whose render task was sent to the queue and no worker has claimed yet.
IN_THE_QUEUE = Q(status=PackStatus.QUEUED, enqueued_at__isnull=False)


def packs_ahead():
    """For a queued pack: how many of its trust's packs come before it. A trust's packs render
    one at a time in the order they were asked for (services._send_render); this counts the
    one holding the turn and those asked for earlier that still wait. In the same query."""
    ahead = (
        BoardPack.objects.filter(trust_id=OuterRef("trust_id"))
        .filter(
            Q(status=PackStatus.RENDERING)
            | IN_THE_QUEUE
            | Q(status=PackStatus.QUEUED, requested_at__lt=OuterRef("requested_at"))
        )
        .exclude(pk=OuterRef("pk"))
        .order_by()
        .values("trust_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(ahead), 0)


# Who reads which pack. The trust's pack is the board's: read by the roles whose
# `boardpack.view` reaches every pack. A local body's pack is read by those too, and by the
# governors of that body (of a school it serves, or holding a current seat on it).


def local_bodies_of(trust: Trust, person: Person | None, today=None) -> set[int]:
    """The local governing bodies a person belongs to: the one serving their school, and
    those they hold a current seat on. Two queries at most."""
    if person is None:
        return set()
    today = today or timezone.localdate()
    ids: set[int] = set()
    if person.school_id:
        ids |= set(
            BodySchool.objects.filter(trust=trust, school_id=person.school_id).values_list(
                "body_id", flat=True
            )
        )
    ids |= set(
        Appointment.objects.filter(trust=trust, person=person, body__kind=BodyKind.LOCAL)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today), starts_on__lte=today)
        .values_list("body_id", flat=True)
    )
    return ids


def _reader_body_ids(perms: Perms) -> set[int]:
    """Cached on the request's Perms: the local bodies whose packs a "school" reader reads."""
    if not hasattr(perms, "_pack_body_ids"):
        perms._pack_body_ids = local_bodies_of(perms.trust, perms.person)
    return perms._pack_body_ids


def _published(packs: QuerySet[BoardPack]) -> QuerySet[BoardPack]:
    return packs.filter(
        status=PackStatus.READY, published_at__isnull=False, withdrawn_at__isnull=True
    )


def readable_by(packs: QuerySet[BoardPack], perms: Perms) -> QuerySet[BoardPack]:
    """The published packs among `packs` this reader may open (not those still being made)."""
    scope = perms.scope(BOARDPACK_VIEW)
    if scope is Scope.ALL:
        return _published(packs)
    if scope is Scope.SCHOOL:
        return _published(packs).filter(body_id__in=_reader_body_ids(perms))
    return packs.none()


def can_read(perms: Perms, pack: BoardPack) -> bool:
    """Whether this reader may open this pack: its makers always; readers once published."""
    if perms.has(BOARDPACK_REQUEST):
        return True
    if not pack.is_published or pack.status != PackStatus.READY:
        return False
    scope = perms.scope(BOARDPACK_VIEW)
    if scope is Scope.ALL:
        return True
    return scope is Scope.SCHOOL and pack.body_id in _reader_body_ids(perms)


def readable_packs(trust: Trust, perms) -> QuerySet[BoardPack]:
    """The packs this reader may open, newest first: everything for those who make packs,
    published packs that are not withdrawn for everyone else (a governor: their local
    body's only)."""
    packs = trust_on_related(
        BoardPack.objects.for_trust(trust).select_related(
            "term__annual_plan", "meeting__body", "body", "requested_by", "published_by"
        ),
        trust,
    )
    if perms.has(BOARDPACK_REQUEST):
        return packs.order_by("-requested_at", "-id")
    return readable_by(packs, perms).order_by("-published_at", "-id")


def access_readable_pack(trust: Trust, pk, perms) -> BoardPack:
    """One pack this reader may open: 404 for another trust's pack and an unpublished one,
    403 for a published pack that is not theirs (the board's pack, for a governor)."""
    pack = access_pack(trust, pk)
    if perms.has(BOARDPACK_REQUEST):
        return pack
    if not pack.is_published or pack.status != PackStatus.READY:
        raise Http404("No board pack found.")
    if not can_read(perms, pack):
        raise PermissionDenied("This pack is not for your governing body.")
    return pack


def pack_recipients(pack: BoardPack, *, publisher=None) -> list[Membership]:
    """Who is e-mailed when the pack is published: everyone who may read it and has an
    address, but the publisher (`publisher`, else whoever published it). The trust's pack
    goes to the roles that read every pack; a local body's pack to its governors and to
    those of the other readers who sit on it."""
    trust_id = pack.trust_id
    wide = [role for role in Role.values if scope_of(role, BOARDPACK_VIEW) is Scope.ALL]
    local = [role for role in Role.values if scope_of(role, BOARDPACK_VIEW) is Scope.SCHOOL]
    memberships = (
        Membership.objects.filter(trust_id=trust_id, is_active=True)
        .exclude(user__email="")
        .select_related("user", "person")
        .order_by("role", "person__full_name", "user__email")
    )
    publisher_id = publisher.pk if publisher is not None else pack.published_by_id
    if publisher_id:
        memberships = memberships.exclude(user_id=publisher_id)
    if pack.body_id is None:
        return list(memberships.filter(role__in=wide))
    today = timezone.localdate()
    seated = set(
        Appointment.objects.filter(trust_id=trust_id, body_id=pack.body_id)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today), starts_on__lte=today)
        .values_list("person_id", flat=True)
    )
    served = set(
        BodySchool.objects.filter(trust_id=trust_id, body_id=pack.body_id).values_list(
            "school_id", flat=True
        )
    )
    out = []
    for membership in memberships.filter(role__in=[*wide, *local]):
        person = membership.person
        sits = person is not None and person.pk in seated
        governs = (
            membership.role in local and person is not None and (sits or person.school_id in served)
        )
        if governs or (membership.role in wide and sits):
            out.append(membership)
    return out


# The apps whose content a pack shows; a change to any of their history changes the inputs
# (governance: the questions, answers, decisions, reviews and which schools a body serves).
CONTENT_APPS = ["schools", "objectives", "plans", "kpis", "governance"]


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


def _latest(history_queryset, key: str) -> Subquery:
    """The newest history id among the rows of one table, as a subquery: ordered by the
    (key, history_id) index's own order and LIMIT 1 rather than MAX(...) GROUP BY, so it is
    one step down that index however long the history grows."""
    newest = history_queryset.order_by(f"-{key}", "-history_id").values("history_id")[:1]
    return Subquery(newest)


def pack_fingerprint(
    *,
    annual_plan: AnnualPlan,
    term: Term,
    meeting=None,
    body: Body | None = None,
    include_trust_summary: bool = False,
) -> str:
    """SHA-256 of a pack's inputs: the latest history entry of every content table of the
    trust (so any edit, deletion included, changes it; governance's tables among them), the
    order of the plan's actions (moves keep no history), the term, the meeting, and whose pack
    it is (the board's, or a local body's with or without the trust summary). One query."""
    trust_id = annual_plan.trust_id
    # The trust's id as a value, not OuterRef("pk"): a correlated subquery is planned for any
    # trust alike, and PostgreSQL then may walk a history table's primary key backwards past
    # every newer row of the other trusts (seconds for a small trust beside a large one);
    # with the value it reads the (trust_id, history_id) index (boardpacks migration 0005).
    latest = {
        model._meta.label.replace(".", "_").lower(): _latest(
            model.objects.filter(trust_id=trust_id), "trust_id"
        )
        for model in _historical_models_with_trust()
    }
    latest["schools_historicaltrust"] = _latest(Trust.history.filter(id=trust_id), "id")
    # The actions in the order the pack prints them: a move changes this and nothing else.
    latest["action_order"] = Subquery(
        Action.objects.filter(trust_id=trust_id, annual_plan_id=annual_plan.pk)
        .order_by()
        .values("trust_id")
        .annotate(
            order=StringAgg(
                Cast("id", CharField()), delimiter=",", order_by=("objective_id", "position", "id")
            )
        )
        .values("order")[:1]
    )
    if meeting is not None:
        latest["meeting"] = _latest(type(meeting).history.filter(id=meeting.pk), "id")
    values = Trust.objects.filter(pk=trust_id).annotate(**latest).values(*latest).get()
    inputs = {
        "trust": trust_id,
        "annual_plan": annual_plan.pk,
        "term": term.pk,
        "meeting": meeting.pk if meeting is not None else None,
        "body": body.pk if body is not None else None,
        "trust_summary": bool(include_trust_summary),
        "latest": values,
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
    outline: str = ""
    # The actions under their key foci (each focus with its pack columns in column_cells).
    groups: list[FocusGroup] = field(default_factory=list)

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
    # A local body's pack: the body, and the trust-wide review when the CEO included it.
    body: Body | None = None
    trust_review: TermReview | None = None
    trust_sections: list[ObjectiveSection] = field(default_factory=list)
    # The board's business: questions carried into the pack, the last meeting's decisions,
    # the year-end evaluation of the key foci (the year's last term only), school reviews.
    questions: list = field(default_factory=list)
    last_meeting: Meeting | None = None
    decisions: list[Decision] = field(default_factory=list)
    evaluations: list[KeyFocus] | None = None
    reviews: list = field(default_factory=list)

    @property
    def labels(self) -> dict[str, str]:
        return self.trust.labels

    @property
    def plan_approved(self) -> bool:
        return self.annual_plan.is_approved

    @property
    def is_trust_pack(self) -> bool:
        return self.body is None

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


def scoped_review(review: TermReview, school_ids: set[int]) -> TermReview:
    """The same review limited to the actions of these schools; objectives left without an
    action are left out."""
    objectives = []
    for summary in review.objectives:
        rows = [row for row in summary.rows if row.action.school_id in school_ids]
        if rows:
            objectives.append(ObjectiveSummary(summary.objective, rows))
    return TermReview(
        annual_plan=review.annual_plan,
        term=review.term,
        previous=review.previous,
        objectives=objectives,
    )


def _sections(review: TermReview, leads, stages, key_foci) -> list[ObjectiveSection]:
    sections = []
    for summary in review.objectives:
        foci = key_foci.get(summary.objective.pk, [])
        stage, outline = stages.get(summary.objective.pk, ("", ""))
        sections.append(
            ObjectiveSection(
                summary=summary,
                leads=leads.get(summary.objective.pk, []),
                stage=stage,
                key_foci=foci,
                outline=outline,
                groups=focus_groups(summary.rows, foci),
            )
        )
    return sections


def moved_counts(review: TermReview) -> dict[str, int]:
    moved = {movement: 0 for movement in MOVEMENTS}
    for summary in review.objectives:
        for movement, count in summary.moved.items():
            moved[movement] += count
    return moved


def last_meeting(trust: Trust, *, body_ids: set[int], before) -> Meeting | None:
    """The latest meeting of these bodies that started before `before`, with its body."""
    return (
        Meeting.objects.filter(trust=trust, body_id__in=body_ids, starts_at__lt=before)
        .select_related("body")
        .order_by("-starts_at", "-id")
        .first()
    )


def _pack_bodies(pack: BoardPack) -> set[int]:
    """The bodies whose meetings the pack follows: the local body, else the meeting's body,
    else the trust's board."""
    if pack.body_id:
        return {pack.body_id}
    if pack.meeting_id:
        return {pack.meeting.body_id}
    return set(
        Body.objects.filter(trust_id=pack.trust_id, kind=BodyKind.BOARD).values_list(
            "pk", flat=True
        )
    )


def is_last_term(term: Term) -> bool:
    """The year's last term (Summer), whose pack carries the key foci's evaluation."""
    return not Term.objects.filter(
        trust_id=term.trust_id, annual_plan_id=term.annual_plan_id, number__gt=term.number
    ).exists()


def pack_contents(pack: BoardPack) -> PackContents:
    """Everything the pack shows, in a fixed number of queries whatever the plan's size.

    A local body's pack is the same pack limited to that body's schools: their actions and
    ratings, their KPIs (never the trust's own figures) and their reviews; the trust-wide
    summary only when the CEO chose to include it."""
    from governance.selectors import pack_questions, review_schedule

    trust = Trust.objects.get(pk=pack.trust_id)
    annual_plan = AnnualPlan.objects.select_related("strategic_plan").get(
        pk=pack.annual_plan_id, trust=trust
    )
    term = Term.objects.get(pk=pack.term_id, trust=trust)
    body = (
        Body.objects.get(pk=pack.body_id, trust=trust, kind=BodyKind.LOCAL)
        if pack.body_id
        else None
    )
    trust_review = term_review(annual_plan, term)
    schools = list(School.objects.for_trust(trust).select_related("category").order_by("name"))
    school_of = {school.pk: school for school in schools}
    school_ids = None
    review = trust_review
    if body is not None:
        school_ids = set(
            BodySchool.objects.filter(trust=trust, body=body).values_list("school_id", flat=True)
        )
        schools = [school for school in schools if school.pk in school_ids]
        review = scoped_review(trust_review, school_ids)
    leads = _objective_leads(annual_plan)
    stages = {
        objective_id: (stage, outline)
        for objective_id, stage, outline in ObjectiveStage.objects.filter(
            trust=trust,
            academic_year=annual_plan.academic_year,
            objective__plan_id=annual_plan.strategic_plan_id,
        ).values_list("objective_id", "stage", "outline")
    }
    key_foci: dict[int, list[KeyFocus]] = {}
    all_foci = list(
        KeyFocus.objects.filter(trust=trust, annual_plan=annual_plan).order_by("number")
    )
    for focus in all_foci:
        key_foci.setdefault(focus.objective_id, []).append(focus)
    # The columns the pack shows: the objectives', the key foci's and the actions' (one
    # query for the values), and each action's school.
    trust_actions = [row.action for row in trust_review.rows]
    attach_cells(
        trust,
        trust_columns(trust, place="pack"),
        actions=trust_actions,
        key_foci=all_foci,
        objectives=[s.objective for s in trust_review.objectives],
    )
    for action in trust_actions:
        action.school = school_of.get(action.school_id)
    sections = _sections(review, leads, stages, key_foci)
    include_trust = body is None or pack.include_trust_summary

    evaluations = None
    if is_last_term(term):
        in_scope = {row.action.key_focus_id for row in review.rows}
        evaluations = [f for f in all_foci if body is None or f.pk in in_scope]

    meeting = (
        Meeting.objects.select_related("body").get(pk=pack.meeting_id, trust=trust)
        if pack.meeting_id
        else None
    )
    previous_meeting = last_meeting(
        trust,
        body_ids=_pack_bodies(pack),
        before=meeting.starts_at if meeting else timezone.now(),
    )
    decisions = (
        list(
            Decision.objects.filter(trust=trust, meeting=previous_meeting).select_related(
                "annual_plan", "term__annual_plan"
            )
        )
        if previous_meeting
        else []
    )

    kpi_pack_context = _provided("kpis.boardpack", "pack_context")
    changes_since_approval = _provided("plans.authoring.selectors", "changes_since_approval")
    plan_approved = annual_plan.is_approved
    changes = None
    if changes_since_approval and body is None and plan_approved:
        changes = plan_changes(changes_since_approval(annual_plan))
    kpis = None
    if kpi_pack_context:
        kpis = (
            kpi_pack_context(annual_plan=annual_plan, term=term)
            if body is None
            else kpi_pack_context(
                annual_plan=annual_plan, term=term, school_ids=school_ids, show_trust=False
            )
        )
    return PackContents(
        trust=trust,
        annual_plan=annual_plan,
        term=term,
        review=review,
        sections=sections,
        attention=attention_items(review),
        schools=schools,
        prepared_by=_prepared_by(trust, pack.requested_by),
        generated_at=timezone.now(),
        meeting=meeting,
        kpis=kpis,
        changes=changes,
        moved=moved_counts(review),
        body=body,
        trust_review=trust_review if body is not None and include_trust else None,
        trust_sections=(
            _sections(trust_review, leads, stages, key_foci)
            if body is not None and include_trust
            else []
        ),
        questions=pack_questions(meeting) if meeting else [],
        last_meeting=previous_meeting,
        decisions=decisions,
        evaluations=evaluations,
        reviews=review_schedule(trust, timezone.localdate(), school_ids=school_ids),
    )


def latest_submitted_term(trust) -> Term | None:
    """The term the CEO submitted most recently (noted ones included): what a pack is
    normally for."""
    return (
        Term.objects.for_trust(trust)
        .filter(status__in=[TermStatus.SUBMITTED, TermStatus.NOTED])
        .select_related("annual_plan")
        .order_by(F("submitted_at").desc(nulls_last=True), "-annual_plan__academic_year", "-number")
        .first()
    )
