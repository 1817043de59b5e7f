"""Reading governance: bodies, seats, meetings, papers, questions and reviews.

Every selector starts from the trust. What a person may read is worked out once per request
(`governance_reach`) and then applied to lists without a query per row.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.text import Truncator

from boardpacks.models import BoardPack, PackStatus
from governance.models import (
    AgendaItem,
    Appointment,
    Body,
    BodyKind,
    BodySchool,
    CalendarToken,
    Decision,
    Meeting,
    MeetingPaper,
    PackRead,
    Question,
    SchoolReview,
    SeatRole,
)
from governance.permissions import GOVERNANCE_VIEW, QUESTION_ANSWER, QUESTION_RAISE
from kpis.models import Kpi, KpiSchool
from kpis.selectors import trust_kpis
from objectives.models import StrategicObjective
from plans.models import Action, ActionStatus, AnnualPlan, Rag
from plans.permissions import PLAN_VIEW
from plans.review.selectors import IMPROVED, WORSE, ReviewRow, term_review
from plans.selectors import current_annual_plan
from schools.models import Person, ReviewCadence, School, Trust
from trustplan.core.permissions import Perms, Scope
from trustplan.core.tenancy import access, trust_on_joins, trust_on_related

# ---------------------------------------------------------------- one row, through the trust


def access_body(trust: Trust, pk) -> Body:
    return access(Body.objects.all(), trust, pk)


def access_appointment(trust: Trust, pk) -> Appointment:
    return access(Appointment.objects.select_related("body", "person"), trust, pk)


def access_meeting(trust: Trust, pk) -> Meeting:
    return access(Meeting.objects.select_related("body"), trust, pk)


def access_paper(trust: Trust, pk) -> MeetingPaper:
    return access(MeetingPaper.objects.select_related("meeting"), trust, pk)


def access_question(trust: Trust, pk) -> Question:
    return access(
        Question.objects.select_related(
            "action__objective",
            "action__school",
            "objective",
            "kpi",
            "meeting__body",
            "raised_by",
        ),
        trust,
        pk,
    )


# ---------------------------------------------------------------- what a person may read


@dataclass
class Reach:
    """The bodies a person may read: every body (None), or these ids."""

    body_ids: set[int] | None
    scope: Scope
    person: Person | None

    def allows_body(self, body_id: int) -> bool:
        return self.body_ids is None or body_id in self.body_ids

    def require_body(self, body_id: int) -> None:
        if not self.allows_body(body_id):
            raise PermissionDenied("Your seats do not reach this body.")

    def bodies(self, queryset: QuerySet, field: str = "pk") -> QuerySet:
        if self.body_ids is None:
            return queryset
        return queryset.filter(**{f"{field}__in": self.body_ids})


def governance_reach(perms: Perms, today: datetime.date | None = None) -> Reach:
    """Trust-wide roles read every body; a governor reads their school's local body and the
    bodies they hold a current seat on. At most two queries."""
    scope = perms.scope(GOVERNANCE_VIEW)
    person = perms.person
    if scope is Scope.ALL:
        return Reach(None, scope, person)
    if scope is Scope.NONE or person is None:
        return Reach(set(), scope, person)
    today = today or timezone.localdate()
    ids: set[int] = set()
    if person.school_id:
        ids |= set(
            BodySchool.objects.filter(trust=perms.trust, school_id=person.school_id).values_list(
                "body_id", flat=True
            )
        )
    ids |= set(
        current_seats(
            Appointment.objects.filter(trust=perms.trust, person=person), today
        ).values_list("body_id", flat=True)
    )
    return Reach(ids, scope, person)


# ---------------------------------------------------------------- bodies and seats

ROLE_ORDER = {role: index for index, role in enumerate(SeatRole.values)}


def current_seats(queryset: QuerySet[Appointment], on: datetime.date) -> QuerySet[Appointment]:
    return queryset.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on), starts_on__lte=on)


def bodies(trust: Trust, reach: Reach) -> list[Body]:
    return list(
        reach.bodies(Body.objects.for_trust(trust)).prefetch_related(
            Prefetch(
                "school_links",
                trust_on_related(
                    BodySchool.objects.filter(trust=trust).select_related("school"), trust
                ),
            )
        )
    )


def body_schools(body: Body) -> list[School]:
    return [
        link.school
        for link in BodySchool.objects.filter(
            trust_id=body.trust_id, body=body, school__trust_id=body.trust_id
        )
        .select_related("school")
        .order_by("school__name")
    ]


def body_seats(body: Body, on: datetime.date) -> list[Appointment]:
    """The body's current seats, chair first and clerk last."""
    seats = trust_on_related(
        current_seats(
            Appointment.objects.filter(trust_id=body.trust_id, body=body), on
        ).select_related("person", "link_school"),
        body.trust_id,
    )
    return sorted(seats, key=lambda a: (ROLE_ORDER[a.role], a.person.full_name))


def past_seats(body: Body, on: datetime.date) -> list[Appointment]:
    return list(
        Appointment.objects.filter(trust_id=body.trust_id, body=body, ends_on__lt=on)
        .select_related("person")
        .order_by("-ends_on")
    )


def terms_ending(
    trust: Trust, reach: Reach, today: datetime.date, days: int = 90
) -> list[Appointment]:
    """Terms of office ending between today and `days` days from now, soonest first."""
    return list(
        reach.bodies(
            Appointment.objects.for_trust(trust).filter(
                ends_on__gte=today, ends_on__lte=today + datetime.timedelta(days=days)
            ),
            "body_id",
        )
        .select_related("body", "person", "link_school")
        .filter(trust_on_joins(Appointment, trust, "body", "person", "link_school"))
        .order_by("ends_on", "body__name", "person__full_name")
    )


# ---------------------------------------------------------------- meetings


def meetings(trust: Trust, reach: Reach) -> QuerySet[Meeting]:
    return reach.bodies(
        Meeting.objects.for_trust(trust).filter(body__trust=trust), "body_id"
    ).select_related("body")


def upcoming_meetings(
    trust: Trust,
    reach: Reach,
    now: datetime.datetime,
    *,
    body_ids: set[int] | None = None,
    limit: int | None = None,
) -> list[Meeting]:
    queryset = meetings(trust, reach).filter(starts_at__gte=now).order_by("starts_at")
    if body_ids is not None:
        queryset = queryset.filter(body_id__in=body_ids)
    return list(queryset[:limit] if limit else queryset)


def recent_meetings(
    trust: Trust,
    reach: Reach,
    now: datetime.datetime,
    *,
    body_ids: set[int] | None = None,
    limit: int = 5,
) -> list[Meeting]:
    queryset = meetings(trust, reach).filter(starts_at__lt=now).order_by("-starts_at")
    if body_ids is not None:
        queryset = queryset.filter(body_id__in=body_ids)
    return list(queryset[:limit])


def meeting_agenda(meeting: Meeting) -> list[AgendaItem]:
    return list(AgendaItem.objects.filter(trust_id=meeting.trust_id, meeting=meeting))


def meeting_papers(meeting: Meeting) -> list[MeetingPaper]:
    return list(MeetingPaper.objects.filter(trust_id=meeting.trust_id, meeting=meeting))


def meeting_decisions(meeting: Meeting) -> list[Decision]:
    return list(
        trust_on_related(
            Decision.objects.filter(trust_id=meeting.trust_id, meeting=meeting).select_related(
                "annual_plan", "term__annual_plan", "recorded_by"
            ),
            meeting.trust_id,
        )
    )


def plan_approval(annual_plan: AnnualPlan) -> Decision | None:
    """The meeting decision that approved this plan, the latest if there were several."""
    return (
        Decision.objects.filter(
            trust_id=annual_plan.trust_id, annual_plan=annual_plan, kind="plan_approved"
        )
        .select_related("meeting__body")
        .order_by("-meeting__starts_at")
        .first()
    )


def recent_decisions(trust: Trust, reach: Reach, limit: int = 10) -> list[Decision]:
    return list(
        trust_on_related(
            reach.bodies(Decision.objects.for_trust(trust), "meeting__body_id").select_related(
                "meeting__body", "annual_plan", "term__annual_plan"
            ),
            trust,
        ).order_by("-meeting__starts_at", "-id")[:limit]
    )


# ---------------------------------------------------------------- board packs


def published_packs(trust: Trust, perms: Perms) -> QuerySet[BoardPack]:
    """Packs this reader may open: ready, published, not withdrawn, and theirs (a governor
    reads their local body's packs, never the board's)."""
    from boardpacks.selectors import readable_by

    return readable_by(
        trust_on_related(
            BoardPack.objects.for_trust(trust).select_related(
                "term__annual_plan", "annual_plan", "meeting__body", "body"
            ),
            trust,
        ),
        perms,
    )


def latest_published_pack(trust: Trust, perms: Perms) -> BoardPack | None:
    return published_packs(trust, perms).order_by("-published_at", "-id").first()


def attachable_packs(trust: Trust, meeting: Meeting | None = None) -> QuerySet[BoardPack]:
    """Packs the clerk may attach to a meeting: every rendered pack not withdrawn, newest
    first; for a meeting, only the packs that may go there (a local body's own packs at its
    meetings, the board's pack never at a local body's)."""
    packs = trust_on_related(
        BoardPack.objects.for_trust(trust)
        .filter(status=PackStatus.READY, withdrawn_at__isnull=True)
        .select_related("term__annual_plan", "meeting__body", "body"),
        trust,
    ).order_by("-requested_at", "-id")
    if meeting is None:
        return packs
    if meeting.body.kind == BodyKind.LOCAL:
        return packs.filter(body_id=meeting.body_id)
    return packs.filter(body__isnull=True)


def meeting_packs(meeting: Meeting, perms: Perms, *, every: bool) -> list[BoardPack]:
    """The packs attached to a meeting: every one for the clerk (`every`), else those this
    reader may open."""
    packs = (
        trust_on_related(
            BoardPack.objects.for_trust(meeting.trust).select_related("term__annual_plan", "body"),
            meeting.trust,
        )
        if every
        else published_packs(meeting.trust, perms)
    )
    return list(packs.filter(meeting=meeting).order_by("-published_at", "-id"))


def papers_by_meeting(trust: Trust, meetings: list[Meeting]) -> dict[int, list[MeetingPaper]]:
    """{meeting id: papers} for a list of meetings, in one query."""
    out: dict[int, list[MeetingPaper]] = {m.pk: [] for m in meetings}
    for paper in MeetingPaper.objects.for_trust(trust).filter(meeting__in=meetings):
        out[paper.meeting_id].append(paper)
    return out


def packs_by_meeting(
    trust: Trust, meetings: list[Meeting], perms: Perms
) -> dict[int, list[BoardPack]]:
    """{meeting id: the published packs this reader may open} for a list of meetings, in one
    query."""
    out: dict[int, list[BoardPack]] = {m.pk: [] for m in meetings}
    packs = published_packs(trust, perms).filter(meeting__in=meetings).order_by("-published_at")
    for pack in packs:
        out[pack.meeting_id].append(pack)
    return out


def pack_reads(
    trust: Trust, packs: list[BoardPack], user=None
) -> dict[int, dict[int, datetime.datetime]]:
    """{pack id: {user id: read at}} for these packs (one user's reads only, if given)."""
    reads = PackRead.objects.for_trust(trust).filter(pack__in=packs)
    if user is not None:
        reads = reads.filter(user=user)
    out: dict[int, dict[int, datetime.datetime]] = {pack.pk: {} for pack in packs}
    for pack_id, user_id, read_at in reads.values_list("pack_id", "user_id", "read_at"):
        out[pack_id][user_id] = read_at
    return out


@dataclass
class PackReaders:
    pack: BoardPack
    read: list[tuple[Person, datetime.datetime]] = field(default_factory=list)
    not_read: list[Person] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.read) + len(self.not_read)


def meeting_readers(meeting: Meeting, packs: list[BoardPack]) -> list[PackReaders]:
    """For the clerk: which of the body's seat holders have read each pack. Two queries."""
    seats = body_seats(meeting.body, timezone.localtime(meeting.starts_at).date())
    people = {a.person.pk: a.person for a in seats if a.role != SeatRole.CLERK}
    reads = pack_reads(meeting.trust, packs)
    out = []
    for pack in packs:
        readers = PackReaders(pack)
        for person in sorted(people.values(), key=lambda p: p.full_name):
            read_at = reads[pack.pk].get(person.user_id) if person.user_id else None
            if read_at:
                readers.read.append((person, read_at))
            else:
                readers.not_read.append(person)
        out.append(readers)
    return out


@dataclass
class TermChanges:
    """What changed since last term, for the pack's term, as this reader may see it."""

    term: object
    previous: object
    rows: list[ReviewRow]

    @property
    def counts(self) -> dict[str, int]:
        counts = {status: 0 for status in [*Rag.values, ""]}
        for row in self.rows:
            counts[row.status] += 1
        return counts

    @property
    def rating_counts(self) -> list[tuple[str, int]]:
        """(rating, number) in the plan's order, not-rated last."""
        counts = self.counts
        return [(status, counts[status]) for status in [*Rag.values, ""]]

    @property
    def improved(self) -> list[ReviewRow]:
        return [row for row in self.rows if row.movement == IMPROVED]

    @property
    def worse(self) -> list[ReviewRow]:
        return [row for row in self.rows if row.movement == WORSE]

    @property
    def red(self) -> list[ReviewRow]:
        return [row for row in self.rows if row.status == Rag.RED]


def term_changes(pack: BoardPack, perms: Perms) -> TermChanges | None:
    """The shared term review for the pack's term, limited to the actions this reader may
    read (a governor: their school's); None while the term is out of their sight (reopened
    since the pack, and not yet submitted again)."""
    review = term_review(pack.annual_plan, pack.term, reader=perms)
    if not review.whole:
        return None
    rows = [row for row in review.active_rows if perms.allows(PLAN_VIEW, row.action)]
    return TermChanges(term=review.term, previous=review.previous, rows=rows)


# ---------------------------------------------------------------- challenge questions


def _kpi_covers_school(kpi: Kpi, school_id: int | None) -> bool:
    """A per-school KPI measuring this school (its school links prefetched)."""
    return school_id is not None and kpi.is_per_school and kpi.applies_to(school_id)


def can_raise_on(perms: Perms, subject) -> bool:
    """Actions by the role's scope; a governor also on per-school KPIs of their school;
    objectives and trust-wide KPIs by trust-wide roles only."""
    if isinstance(subject, Action):
        return perms.allows(QUESTION_RAISE, subject)
    if perms.has_all(QUESTION_RAISE):
        return True
    if isinstance(subject, Kpi) and perms.scope(QUESTION_RAISE) is Scope.SCHOOL:
        return _kpi_covers_school(subject, perms.person.school_id if perms.person else None)
    return False


def can_answer(perms: Perms, question: Question) -> bool:
    """The action's owners (their object grants) or the CEO; objectives and KPIs: trust-wide
    only."""
    if question.action_id:
        return perms.allows(QUESTION_ANSWER, question.action)
    return perms.has_all(QUESTION_ANSWER)


def _questions(trust: Trust) -> QuerySet[Question]:
    return trust_on_related(
        Question.objects.for_trust(trust)
        .select_related(
            "action__objective",
            "action__school",
            "objective",
            "kpi",
            "meeting__body",
            "raised_by",
            "answered_by",
        )
        .prefetch_related(Prefetch("kpi__school_links", KpiSchool.objects.filter(trust=trust))),
        trust,
    )


def visible_questions(perms: Perms, questions) -> list[Question]:
    """Trust-wide readers see every question; a governor those on their school's actions and
    those they raised."""
    if perms.has_all(GOVERNANCE_VIEW):
        return list(questions)
    user_id = perms.membership.user_id
    school_id = perms.person.school_id if perms.person else None
    return [
        q
        for q in questions
        if q.raised_by_id == user_id
        or (q.action_id and perms.allows(PLAN_VIEW, q.action))
        or (q.kpi_id and _kpi_covers_school(q.kpi, school_id))
    ]


def meeting_questions(meeting: Meeting, perms: Perms) -> list[Question]:
    return visible_questions(perms, _questions(meeting.trust).filter(meeting=meeting))


def questions_raised_by(trust: Trust, user) -> list[Question]:
    return list(_questions(trust).filter(raised_by=user))


def all_questions(trust: Trust, perms: Perms) -> list[Question]:
    return visible_questions(perms, _questions(trust))


def questions_to_answer(trust: Trust, perms: Perms) -> list[Question]:
    """Open questions this person may answer, oldest first; two queries whatever the count."""
    scope = perms.scope(QUESTION_ANSWER)
    if scope is Scope.NONE:
        return []
    questions = _questions(trust).filter(answer="").order_by("raised_at", "id")
    if scope is Scope.OWN:
        questions = questions.filter(action_id__in=perms.granted_action_ids())
    return [q for q in questions if can_answer(perms, q)]


def pack_questions(meeting: Meeting) -> list[Question]:
    """The questions the clerk chose to carry into this meeting's pack, open ones first."""
    return sorted(
        _questions(meeting.trust).filter(meeting=meeting, include_in_pack=True),
        key=lambda q: (not q.is_open, q.raised_at),
    )


def questions_without_meeting(trust: Trust) -> list[Question]:
    return list(_questions(trust).filter(meeting__isnull=True, answer=""))


@dataclass
class SubjectChoices:
    """What a person may raise a question on, as form choices: ("action-12", label)."""

    actions: list[Action]
    objectives: list[StrategicObjective]
    kpis: list[Kpi] = field(default_factory=list)

    def choices(self, labels: dict[str, str]) -> list:
        groups: dict[str, list[tuple[str, str]]] = {}
        for action in self.actions:
            group = f"{labels['objective']} {action.objective}"
            groups.setdefault(group, []).append(
                (f"action-{action.pk}", f"{labels['action']} {action.full_reference}: "
                 f"{Truncator(action.text).chars(90)}")
            )  # fmt: skip
        out: list = [("", "Choose what the question is about")]
        if self.objectives:
            out.append(
                (
                    labels["objective"].plural,
                    [(f"objective-{o.pk}", f"{o.number}. {o.short_name}") for o in self.objectives],
                )
            )
        if self.kpis:
            out.append(("KPIs", [(f"kpi-{k.pk}", k.name) for k in self.kpis]))
        out.extend(groups.items())
        return out


def question_subjects(trust: Trust, perms: Perms) -> SubjectChoices:
    annual_plan = current_annual_plan(trust)
    kpis = [kpi for kpi in trust_kpis(trust) if can_raise_on(perms, kpi)]
    if annual_plan is None:
        return SubjectChoices([], [], kpis)
    actions = [
        action
        for action in Action.objects.filter(
            trust=trust, annual_plan=annual_plan, status=ActionStatus.ACTIVE
        )
        .select_related("objective")
        .order_by("objective__number", "position", "id")
        if can_raise_on(perms, action)
    ]
    objectives = (
        list(StrategicObjective.objects.filter(trust=trust, plan_id=annual_plan.strategic_plan_id))
        if perms.has_all(QUESTION_RAISE)
        else []
    )
    return SubjectChoices(actions, objectives, kpis)


# ---------------------------------------------------------------- the calendar feed


def calendar_link_live(trust: Trust, user) -> CalendarToken | None:
    return CalendarToken.objects.for_trust(trust).filter(user=user, revoked_at__isnull=True).first()


def calendar_meetings(
    trust: Trust, person: Person, reach: Reach, since: datetime.datetime
) -> list[Meeting]:
    """Meetings since `since` of the bodies the person sits on, within their terms of office."""
    seats = list(reach.bodies(Appointment.objects.filter(trust=trust, person=person), "body_id"))
    if not seats:
        return []
    candidates = (
        Meeting.objects.filter(
            trust=trust, body_id__in={a.body_id for a in seats}, starts_at__gte=since
        )
        .select_related("body")
        .prefetch_related(
            Prefetch("agenda_items", AgendaItem.objects.filter(trust=trust)),
        )
        .order_by("starts_at")
    )
    out = []
    for meeting in candidates:
        day = timezone.localtime(meeting.starts_at).date()
        if any(a.body_id == meeting.body_id and a.is_current(day) for a in seats):
            out.append(meeting)
    return out


# ---------------------------------------------------------------- school reviews

CADENCE_MONTHS = {ReviewCadence.YEARLY: 12, ReviewCadence.TERMLY: 4, ReviewCadence.HALF_TERMLY: 2}
DUE_SOON_DAYS = 30


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day when it has no such day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)  # unreachable: every month has a 28th


OVERDUE, DUE_SOON, ON_SCHEDULE, NO_CADENCE = "overdue", "due soon", "on schedule", "no cadence"


@dataclass
class ReviewDue:
    school: School
    last: SchoolReview | None
    next_due: datetime.date | None
    status: str

    @property
    def cadence_label(self) -> str:
        category = self.school.category
        return category.get_review_cadence_display() if category else ""


def review_schedule(
    trust: Trust, today: datetime.date, *, school_ids: set[int] | None = None
) -> list[ReviewDue]:
    """Every school with its last review and when the next is due, by its category's
    cadence: yearly, termly (four months) or half-termly (two months). Two queries."""
    schools = School.objects.for_trust(trust).select_related("category").order_by("name")
    reviews = (
        SchoolReview.objects.for_trust(trust)
        .order_by("school_id", "-reviewed_on", "-id")
        .distinct("school_id")
    )
    if school_ids is not None:
        schools = schools.filter(pk__in=school_ids)
        reviews = reviews.filter(school_id__in=school_ids)
    last = {review.school_id: review for review in reviews}
    out = []
    for school in schools:
        review = last.get(school.pk)
        cadence = school.category.review_cadence if school.category_id else None
        if cadence is None:
            out.append(ReviewDue(school, review, None, NO_CADENCE))
            continue
        # Never reviewed: due now.
        next_due = add_months(review.reviewed_on, CADENCE_MONTHS[cadence]) if review else today
        if next_due < today or review is None:
            status = OVERDUE
        elif (next_due - today).days <= DUE_SOON_DAYS:
            status = DUE_SOON
        else:
            status = ON_SCHEDULE
        out.append(ReviewDue(school, review, next_due, status))
    return out


def reviewable_school_ids(perms: Perms) -> set[int] | None:
    """None for every school; a governor reads their own school's reviews only."""
    if perms.has_all(GOVERNANCE_VIEW):
        return None
    school_id = perms.person.school_id if perms.person else None
    return {school_id} if school_id else set()
