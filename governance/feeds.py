"""The private iCalendar feed of a person's meetings: reached by a secret link that a calendar
app fetches without a session. A missing, wrong or revoked secret is "not found", exactly as
for a trust that does not exist."""

from __future__ import annotations

import datetime

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.utils import timezone

from governance import ical
from governance.models import CalendarToken
from governance.permissions import GOVERNANCE_VIEW
from governance.selectors import calendar_meetings, governance_reach
from governance.services import calendar_digest
from schools.models import Membership
from trustplan.core.links import absolute_reverse
from trustplan.core.permissions import Perms

DEFAULT_LENGTH = datetime.timedelta(hours=2)
HISTORY = datetime.timedelta(days=365)


def calendar_feed(request: HttpRequest, trust_slug: str, token: str) -> HttpResponse:
    if request.method not in {"GET", "HEAD"}:
        return HttpResponseNotAllowed(["GET", "HEAD"])
    link = (
        CalendarToken.objects.filter(
            trust__slug=trust_slug, digest=calendar_digest(token), revoked_at__isnull=True
        )
        .select_related("trust", "user")
        .first()
    )
    if link is None or not link.user.is_active:
        raise Http404("No such calendar.")
    membership = (
        Membership.objects.select_related("trust", "person")
        .filter(trust=link.trust, user=link.user, is_active=True)
        .first()
    )
    if membership is None:
        raise Http404("No such calendar.")
    perms = Perms(membership)
    if not perms.has(GOVERNANCE_VIEW):
        raise Http404("No such calendar.")
    trust = link.trust
    now = timezone.now()
    meetings = (
        calendar_meetings(trust, membership.person, governance_reach(perms), since=now - HISTORY)
        if membership.person
        else []
    )
    events = []
    for meeting in meetings:
        page = absolute_reverse("meeting_detail", trust.slug, meeting.pk)
        agenda = [f"{n}. {item.title}" for n, item in enumerate(meeting.agenda_items.all(), 1)]
        events.append(
            ical.Event(
                uid=f"meeting-{meeting.pk}@{trust.slug}.trustplan",
                starts_at=meeting.starts_at,
                ends_at=meeting.ends_at or meeting.starts_at + DEFAULT_LENGTH,
                summary=f"{meeting.body.name} meeting",
                location=meeting.place,
                description="\n".join([*agenda, f"Papers: {page}"]),
                url=page,
            )
        )
    body = ical.calendar(f"{trust.short_name} meetings", events, now=now)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{trust.slug}-meetings.ics"'
    response["Cache-Control"] = "private, max-age=0"
    return response
