"""Packs before meetings: when a board or committee meeting has the plan's term review on its
agenda, a pack of the last submitted term is requested N days before it (the trust's reminder
settings, 7 by default), attached to the meeting, and the CEO and the meeting's clerk are
told. Beat runs it hourly; running it twice, even at once, requests one pack per meeting
(the pack request locks the term and reuses an unpublished pack of the same inputs)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from boardpacks.models import BoardPack
from boardpacks.services import boardpack_request
from governance.models import Appointment, BodyKind, Meeting, SeatRole
from governance.selectors import current_seats
from notifications.services import people_notify
from plans.models import Term, TermStatus
from reminders.models import DEFAULT_PACK_DAYS_BEFORE, ReminderSettings
from schools.models import Role
from trustplan.core.links import absolute_reverse

LONGEST = datetime.timedelta(days=60)


def last_submitted_term(trust_id: int) -> Term | None:
    return (
        Term.objects.filter(trust_id=trust_id, status__in=[TermStatus.SUBMITTED, TermStatus.NOTED])
        .select_related("annual_plan", "trust")
        .order_by("-submitted_at", "-pk")
        .first()
    )


def _told(meeting: Meeting, pack: BoardPack, today: datetime.date) -> int:
    users = get_user_model().objects.filter(
        memberships__trust_id=meeting.trust_id, memberships__is_active=True
    )
    clerks = current_seats(
        Appointment.objects.filter(
            trust_id=meeting.trust_id, body_id=meeting.body_id, role=SeatRole.CLERK
        ),
        today,
    ).values("person_id")
    people = list(users.filter(memberships__role=Role.CEO)) + list(
        users.filter(memberships__person_id__in=clerks)
    )
    when = timezone.localtime(meeting.starts_at)
    title = f"{meeting.body.name} meeting on {when.day} {when:%B %Y}"
    term = pack.term
    return people_notify(
        trust=meeting.trust,
        users=people,
        kind="boardpack.automatic",
        about=f"meeting:{meeting.pk}",
        period=f"pack-{pack.pk}",
        subject=f"A board pack was requested for the {title}",
        template="event",
        context={
            "intro": f"The {title} has the plan's term review on its agenda, so a board pack of "
            f"{term.name} {term.annual_plan.year_label} (the last term submitted) was requested "
            "and attached to the meeting. Check and publish it before the meeting.",
            "link_text": "Open the pack",
        },
        link=absolute_reverse("boardpack_detail", meeting.trust.slug, pack.pk),
    )


@dataclass
class PacksResult:
    requested: int = 0
    told: int = 0


def packs_before_meetings(*, now: datetime.datetime | None = None) -> PacksResult:
    now = now or timezone.now()
    today = timezone.localdate(now)
    schedules = dict(ReminderSettings.objects.values_list("trust_id", "pack_days_before"))
    meetings = (
        Meeting.objects.filter(
            reviews_plan=True,
            body__kind__in=[BodyKind.BOARD, BodyKind.COMMITTEE],
            starts_at__gte=now,
            starts_at__lte=now + LONGEST,
            trust__suspended_at=None,
            trust__deletion_due_at=None,
        )
        .select_related("body", "trust")
        .order_by("starts_at")
    )
    result = PacksResult()
    for meeting in meetings:
        days = schedules.get(meeting.trust_id, DEFAULT_PACK_DAYS_BEFORE)
        if timezone.localdate(meeting.starts_at) - today > datetime.timedelta(days=days):
            continue
        term = last_submitted_term(meeting.trust_id)
        if term is None:
            continue
        with transaction.atomic():
            # The meeting's row decides between two runs at once.
            Meeting.objects.select_for_update().filter(
                pk=meeting.pk, trust_id=meeting.trust_id
            ).get()
            if BoardPack.objects.filter(
                trust_id=meeting.trust_id, meeting=meeting, term=term, body=None
            ).exists():
                continue
            pack = boardpack_request(
                annual_plan=term.annual_plan, term=term, meeting=meeting, acting_user=None
            )
            result.requested += not pack.reused
            result.told += _told(meeting, pack, today)
    return result
