"""E-mail for governance's events, through the outbox (a row first, once per person and
event): a question raised tells the owners of its subject; an answer tells whoever asked;
papers added to a meeting tell its body's members (one e-mail a day per meeting, however
many papers); a term of office ending within 60 days tells the clerk and the CEO."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from governance.models import Appointment, Meeting, Question, SeatRole
from governance.selectors import current_seats
from notifications.services import people_notify
from plans.models import ActionOwner
from schools.models import Role
from trustplan.core.links import absolute_reverse

ENDING_WITHIN = datetime.timedelta(days=60)


def _members(trust_id: int, **filters):
    return get_user_model().objects.filter(
        memberships__trust_id=trust_id, memberships__is_active=True, **filters
    )


def _subject_name(question: Question) -> str:
    if question.action_id:
        return f"action {question.action.full_reference}"
    if question.objective_id:
        return f"objective {question.objective.number}. {question.objective.short_name}"
    return f"KPI {question.kpi.name}" if question.kpi_id else "the plan"


def question_raised(question: Question) -> int:
    """To the owners of the question's action, or the CEO for an objective or a KPI."""
    trust_id = question.trust_id
    if question.action_id:
        person_ids = ActionOwner.objects.filter(
            trust_id=trust_id, action_id=question.action_id
        ).values("person_id")
        users = _members(trust_id, memberships__person_id__in=person_ids)
    else:
        users = _members(trust_id, memberships__role=Role.CEO)
    asker = question.raised_by
    name = asker.get_full_name() if asker else "A trustee"
    return people_notify(
        trust=question.trust,
        users=[u for u in users if u != asker],
        kind="question.raised",
        about=f"question:{question.pk}",
        subject=f"{name} asked a question about {_subject_name(question)}",
        template="event",
        context={
            "intro": f"{name} asked a question about {_subject_name(question)}:",
            "quote": question.text,
            "link_text": "Answer it",
        },
        link=absolute_reverse("question_answer", question.trust.slug, question.pk),
    )


def question_answered(question: Question) -> int:
    """To whoever asked (once per answer given)."""
    answerer = question.answered_by
    name = answerer.get_full_name() if answerer else "The owner"
    return people_notify(
        trust=question.trust,
        users=[question.raised_by] if question.raised_by != answerer else [],
        kind="question.answered",
        about=f"question:{question.pk}",
        period=question.answered_at.isoformat(),
        subject=f"{name} answered your question about {_subject_name(question)}",
        template="event",
        context={
            "intro": f"{name} answered your question about {_subject_name(question)}:",
            "quote": question.answer,
            "lines": [f"You asked: {question.text}"],
            "link_text": "Read the questions",
        },
        link=absolute_reverse("question_list", question.trust.slug),
    )


def papers_added(meeting: Meeting, *, acting_user, today: datetime.date | None = None) -> int:
    """To the members of the meeting's body holding a seat today: one e-mail per day."""
    today = today or timezone.localdate()
    person_ids = current_seats(
        Appointment.objects.filter(trust_id=meeting.trust_id, body_id=meeting.body_id), today
    ).values("person_id")
    users = _members(meeting.trust_id, memberships__person_id__in=person_ids)
    when = timezone.localtime(meeting.starts_at)
    title = f"{meeting.body.name} meeting on {when.day} {when:%B %Y}"
    return people_notify(
        trust=meeting.trust,
        users=[u for u in users if u != acting_user],
        kind="meeting.papers",
        about=f"meeting:{meeting.pk}",
        period=today.isoformat(),
        subject=f"Papers added to the {title}",
        template="event",
        context={
            "intro": f"Papers were added to the {title}.",
            "link_text": "Read the papers",
        },
        link=absolute_reverse("meeting_detail", meeting.trust.slug, meeting.pk),
    )


def appointments_ending(*, today: datetime.date | None = None) -> int:
    """Every trust's terms of office ending within 60 days: the clerk and the CEO hear of each
    once. Run daily by beat; running it again adds nothing."""
    today = today or timezone.localdate()
    ending = (
        Appointment.objects.filter(ends_on__gte=today, ends_on__lte=today + ENDING_WITHIN)
        .filter(trust__suspended_at=None)
        .select_related("trust", "body", "person")
        .order_by("trust_id", "ends_on")
    )
    added = 0
    recipients: dict[int, list] = {}
    for appointment in ending:
        trust_id = appointment.trust_id
        if trust_id not in recipients:
            clerks = current_seats(
                Appointment.objects.filter(trust_id=trust_id, role=SeatRole.CLERK), today
            ).values("person_id")
            recipients[trust_id] = list(
                _members(trust_id, memberships__person_id__in=clerks)
            ) + list(_members(trust_id, memberships__role=Role.CEO))
        ends = appointment.ends_on
        seat = f"{appointment.person.full_name}, {appointment.get_role_display()} of the "
        seat += appointment.body.name
        added += people_notify(
            trust=appointment.trust,
            users=recipients[trust_id],
            kind="appointment.ending",
            about=f"appointment:{appointment.pk}",
            period=f"ends-{ends.isoformat()}",
            subject=f"A term of office ends on {ends.day} {ends:%B %Y}: {seat}",
            template="event",
            context={
                "intro": f"The term of office of {seat} ends on {ends.day} {ends:%B %Y}.",
                "link_text": "See the body's seats",
            },
            link=absolute_reverse("body_detail", appointment.trust.slug, appointment.body_id),
        )
    return added
