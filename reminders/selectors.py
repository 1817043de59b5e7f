"""Reads for reminders: a trust's schedule, the term due, and who has actions still to update."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, Max, OuterRef, Q

from notifications.models import EmailStatus, OutgoingEmail
from plans import selectors as plan_selectors
from plans.models import ActionOwner, ActionStatus, RagRating, Term, TermStatus
from plans.permissions import RATING_PROPOSE
from reminders.models import ReminderSettings
from schools.models import Membership, Role
from trustplan.core.permissions import Scope, scope_of

KIND = "rating.reminder"
OVERDUE = "overdue"


def settings_of(trust) -> ReminderSettings:
    """The trust's schedule (the defaults, unsaved, when it never changed them)."""
    trust_id = getattr(trust, "pk", trust)
    return ReminderSettings.objects.filter(trust_id=trust_id).first() or ReminderSettings(
        trust_id=trust_id
    )


def stages(term: Term, schedule: ReminderSettings) -> list[tuple[datetime.date, str]]:
    """The days of a term's reminders, in order, each with the period it is sent for."""
    if term.rating_deadline is None:
        return []
    deadline = term.rating_deadline
    days = sorted(set(schedule.days_before), reverse=True)
    dated = [(deadline - datetime.timedelta(days=d), f"{d}-days") for d in days]
    if schedule.day_after_if_overdue:
        dated.append((deadline + datetime.timedelta(days=1), OVERDUE))
    return dated


def stage_due(term: Term, schedule: ReminderSettings, today: datetime.date) -> str | None:
    """The reminder due today: the latest stage whose day has come (a day missed while beat
    was down is caught up, but never two reminders at once); None before the first, and
    once the term is no longer open."""
    if term.status != TermStatus.OPEN:
        return None
    due = None
    for day, period in stages(term, schedule):
        if day <= today:
            due = period
    return due


def current_open_term(trust) -> Term | None:
    """The term whose ratings are being gathered now: the current plan's open term."""
    annual_plan = plan_selectors.current_annual_plan(trust)
    if annual_plan is None:
        return None
    term = plan_selectors.current_term(plan_selectors.plan_terms(annual_plan))
    if term is None or term.status != TermStatus.OPEN:
        return None
    term.annual_plan = annual_plan
    return term


PROPOSING_ROLES = [r for r in Role.values if scope_of(r, RATING_PROPOSE) is not Scope.NONE]


def _updated(term: Term):
    return RagRating.objects.filter(
        trust_id=term.trust_id, term_id=term.pk, action_id=OuterRef("action_id")
    ).filter(~Q(status="") | ~Q(proposed_status=""))


@dataclass
class OwnerActions:
    user_id: int
    person_id: int
    name: str
    email: str
    waiting: list[dict] = field(default_factory=list)  # {"reference", "text", "id"}
    updated: int = 0

    @property
    def total(self) -> int:
        return len(self.waiting) + self.updated


def owners(term: Term, *, user_ids=None) -> dict[int, OwnerActions]:
    """Each owner with a sign-in (an active member who may propose ratings) and their active
    actions of the term's plan: those not yet updated this term, and how many are. One
    query, whatever the number of owners."""
    links = (
        ActionOwner.objects.filter(
            trust_id=term.trust_id,
            action__annual_plan_id=term.annual_plan_id,
            action__status=ActionStatus.ACTIVE,
            person__user__isnull=False,
        )
        .filter(
            Exists(
                Membership.objects.filter(
                    trust_id=term.trust_id,
                    user_id=OuterRef("person__user_id"),
                    is_active=True,
                    role__in=PROPOSING_ROLES,
                )
            )
        )
        .annotate(done=Exists(_updated(term)))
        .order_by("person__full_name", "action__objective__number", "action__position", "pk")
        .values_list(
            "person_id",
            "person__user_id",
            "person__full_name",
            "person__user__email",
            "action_id",
            "action__objective__number",
            "action__reference",
            "action__text",
            "done",
        )
    )
    if user_ids is not None:
        links = links.filter(person__user_id__in=list(user_ids))
    found: dict[int, OwnerActions] = {}
    for person_id, user_id, name, email, action_id, number, reference, text, done in links:
        owner = found.setdefault(user_id, OwnerActions(user_id, person_id, name, email))
        if done:
            owner.updated += 1
        else:
            owner.waiting.append(
                {"id": action_id, "reference": f"{number}.{reference}", "text": text}
            )
    return found


@dataclass
class ReportRow:
    owner: OwnerActions
    last_update: datetime.datetime | None
    reminders_sent: int
    reminded_today: bool


def update_report(term: Term, today: datetime.date) -> list[ReportRow]:
    """The CEO's update report: per owner, actions updated and not yet, their last update this
    term and the reminders sent; four queries."""
    found = owners(term)
    last = dict(
        RagRating.objects.filter(trust_id=term.trust_id, term_id=term.pk)
        .filter(proposed_by_id__in=list(found))
        .values("proposed_by_id")
        .annotate(last=Max("proposed_at"))
        .values_list("proposed_by_id", "last")
    )
    rated = dict(
        RagRating.objects.filter(trust_id=term.trust_id, term_id=term.pk)
        .filter(rated_by_id__in=list(found))
        .values("rated_by_id")
        .annotate(last=Max("rated_at"))
        .values_list("rated_by_id", "last")
    )
    sent: dict[int, int] = {}
    today_ids: set[int] = set()
    for user_id, period in (
        OutgoingEmail.objects.filter(
            trust_id=term.trust_id, kind=KIND, about=f"term:{term.pk}", recipient_id__in=list(found)
        )
        .exclude(status__in=[EmailStatus.OFF, EmailStatus.FAILED])
        .values_list("recipient_id", "period")
    ):
        sent[user_id] = sent.get(user_id, 0) + 1
        if period == now_period(today):
            today_ids.add(user_id)
    rows = []
    for user_id, owner in found.items():
        times = [t for t in (last.get(user_id), rated.get(user_id)) if t is not None]
        rows.append(
            ReportRow(
                owner=owner,
                last_update=max(times) if times else None,
                reminders_sent=sent.get(user_id, 0),
                reminded_today=user_id in today_ids,
            )
        )
    return rows


def now_period(today: datetime.date) -> str:
    """A "remind now" is one per person and day: its period is the day."""
    return f"now-{today.isoformat()}"
