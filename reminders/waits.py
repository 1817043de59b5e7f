"""What waits for the reader of a trust's home page: proposals to accept, questions to
answer, papers to read and actions to update, each with a count and a link to where it is
done. Only what the reader can act on is listed, so no link leads to a refusal; a few
queries, whatever the counts."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from governance import selectors as governance
from governance.models import Appointment, Meeting, MeetingPaper
from governance.permissions import GOVERNANCE_VIEW, QUESTION_ANSWER
from plans.models import RagRating
from plans.permissions import RATING_PROPOSE, RATING_SET
from reminders import selectors
from trustplan.core.permissions import Perms

PAPERS_AHEAD = datetime.timedelta(days=30)


@dataclass
class Waiting:
    count: int
    one: str  # what one of them is called
    many: str  # and many
    doing: str  # what the link does
    url: str

    @property
    def words(self) -> str:
        return self.one if self.count == 1 else self.many


def proposals_to_accept(term) -> int:
    """Proposals in the open term that differ from the rating as it stands."""
    return (
        RagRating.objects.filter(trust_id=term.trust_id, term_id=term.pk)
        .exclude(proposed_status="")
        .filter(Q(rated_at__isnull=True) | Q(proposed_at__gt=F("rated_at")))
        .exclude(status=F("proposed_status"), commentary=F("proposed_commentary"))
        .count()
    )


def papers_to_read(perms: Perms, now: datetime.datetime) -> tuple[int, Meeting | None]:
    """Papers of the coming month's meetings of the bodies the reader holds a seat on."""
    if perms.person is None or not perms.has(GOVERNANCE_VIEW):
        return 0, None
    reach = governance.governance_reach(perms, now.date())
    seats = governance.current_seats(
        Appointment.objects.filter(trust=perms.trust, person=perms.person), now.date()
    ).values_list("body_id", flat=True)
    body_ids = {b for b in seats if reach.allows_body(b)}
    if not body_ids:
        return 0, None
    meetings = Meeting.objects.filter(
        trust=perms.trust,
        body_id__in=body_ids,
        starts_at__gte=now,
        starts_at__lte=now + PAPERS_AHEAD,
    )
    count = MeetingPaper.objects.filter(trust=perms.trust, meeting__in=meetings).count()
    first = meetings.filter(papers__isnull=False).order_by("starts_at").first() if count else None
    return count, first


def what_waits(perms: Perms, *, now=None) -> list[Waiting]:
    now = now or timezone.now()
    trust = perms.trust
    slug = trust.slug
    found: list[Waiting] = []
    term = selectors.current_open_term(trust)
    if term is not None and perms.has_all(RATING_SET):
        count = proposals_to_accept(term)
        if count:
            found.append(
                Waiting(
                    count, "proposed rating to accept", "proposed ratings to accept",
                    "Open the rating grid", reverse("rating_grid", args=[slug, term.pk]),
                )
            )  # fmt: skip
    if perms.has(QUESTION_ANSWER):
        count = len(governance.questions_to_answer(trust, perms))
        if count:
            found.append(
                Waiting(
                    count, "question to answer", "questions to answer",
                    "Answer them", reverse("questions_to_answer", args=[slug]),
                )
            )  # fmt: skip
    count, meeting = papers_to_read(perms, now)
    if count and meeting is not None:
        found.append(
            Waiting(
                count, "paper to read", "papers to read",
                f"Open the next meeting's papers ({meeting.body.name})",
                reverse("meeting_detail", args=[slug, meeting.pk]),
            )
        )  # fmt: skip
    if term is not None and perms.has(RATING_PROPOSE):
        owner = selectors.owners(term, user_ids=[perms.membership.user_id]).get(
            perms.membership.user_id
        )
        if owner is not None and owner.waiting:
            found.append(
                Waiting(
                    len(owner.waiting), "action to update", "actions to update",
                    "Update your actions", reverse("my_actions", args=[slug]),
                )
            )  # fmt: skip
    return found
