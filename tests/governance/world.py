"""Governance for each trust of the test world: the board, two local bodies (the governor's
school's and the other school's), seats, meetings, a stored paper each and two questions."""

from __future__ import annotations

import datetime

from django.utils import timezone

from governance import papers
from governance.models import MeetingPaper
from tests.governance import files
from tests.governance.factories import (
    AppointmentFactory,
    BodyFactory,
    MeetingFactory,
    QuestionFactory,
    local_body,
)


def _paper(meeting, title: str) -> MeetingPaper:
    stored = papers.store(files.pdf_upload(), trust_id=meeting.trust_id, kind=papers.PaperKind.PDF)
    return MeetingPaper.objects.create(
        trust_id=meeting.trust_id,
        meeting=meeting,
        title=title,
        kind="pdf",
        original_name="paper.pdf",
        file_name=stored.file_name,
        bytes=stored.bytes,
        checksum=stored.checksum,
    )


def extend(world) -> None:
    trust, people = world.trust, world.people
    board = BodyFactory(trust=trust, name="Board of trustees", kind="board")
    local = local_body(trust, world.schools[0])
    other_local = local_body(trust, world.schools[1])
    start = datetime.date(2019, 9, 1)
    AppointmentFactory(trust=trust, body=board, person=people["trustee"], role="chair")
    AppointmentFactory(trust=trust, body=board, person=people["admin"], role="clerk")
    seat = AppointmentFactory(
        trust=trust, body=local, person=people["governor"], role="governor", starts_on=start
    )
    soon = timezone.now() + datetime.timedelta(days=14)
    board_meeting = MeetingFactory(trust=trust, body=board, starts_at=soon)
    local_meeting = MeetingFactory(trust=trust, body=local, starts_at=soon)
    other_meeting = MeetingFactory(trust=trust, body=other_local, starts_at=soon)
    world.extra.update(
        board=board,
        local_body=local,
        other_local_body=other_local,
        governor_seat=seat,
        board_meeting=board_meeting,
        local_meeting=local_meeting,
        other_local_meeting=other_meeting,
        local_paper=_paper(local_meeting, "Headteacher's report"),
        other_paper=_paper(other_meeting, "Other school's headteacher's report"),
        lead_question=QuestionFactory(
            trust=trust,
            action=world.lead_action,
            meeting=local_meeting,
            raised_by=world.users["governor"],
        ),
        other_question=QuestionFactory(
            trust=trust,
            action=world.other_action,
            meeting=board_meeting,
            raised_by=world.users["trustee"],
        ),
    )


OBJECT_IDS = {
    "body_id": lambda w: w.extra["local_body"].pk,
    "appointment_id": lambda w: w.extra["governor_seat"].pk,
    "meeting_id": lambda w: w.extra["local_meeting"].pk,
    "paper_id": lambda w: w.extra["local_paper"].pk,
    "question_id": lambda w: w.extra["lead_question"].pk,
}
# What the governor (school scope) may not read, and the school lead (own scope) may not answer.
OUT_OF_SCOPE_IDS = {
    "body_id": lambda w: w.extra["other_local_body"].pk,
    "meeting_id": lambda w: w.extra["other_local_meeting"].pk,
    "paper_id": lambda w: w.extra["other_paper"].pk,
    "question_id": lambda w: w.extra["other_question"].pk,
}
