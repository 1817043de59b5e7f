import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from governance.models import Appointment, Body, BodySchool, Question


def test_a_question_is_about_exactly_one_thing(mine):
    with pytest.raises(IntegrityError), transaction.atomic():
        Question.objects.create(trust=mine.trust, text="About nothing?")
    with pytest.raises(IntegrityError), transaction.atomic():
        Question.objects.create(
            trust=mine.trust, text="About two things?", action=mine.lead_action,
            objective=mine.objectives[0],
        )  # fmt: skip


def test_a_question_on_a_kpi_has_no_other_subject(mine):
    from tests.kpis.factories import KpiFactory

    kpi = KpiFactory(trust=mine.trust)
    Question.objects.create(trust=mine.trust, text="About a KPI?", kpi=kpi)
    with pytest.raises(IntegrityError), transaction.atomic():
        Question.objects.create(trust=mine.trust, text="Both?", kpi=kpi, action=mine.lead_action)


def test_only_a_link_trustee_has_a_link_in_the_database(mine):
    with pytest.raises(IntegrityError), transaction.atomic():
        Appointment.objects.create(
            trust=mine.trust, body=mine.extra["board"], person=mine.people["viewer"],
            role="trustee", link_area="Safeguarding", starts_on=datetime.date(2020, 1, 1),
        )  # fmt: skip


def test_a_school_has_one_local_body_in_the_database(mine):
    second = Body.objects.create(trust=mine.trust, name="Second local body", kind="local")

    with pytest.raises(IntegrityError), transaction.atomic():
        BodySchool.objects.create(trust=mine.trust, body=second, school=mine.schools[0])


def test_a_seat_cannot_join_another_trusts_person(mine, other):
    seat = Appointment(
        trust=mine.trust, body=mine.extra["board"], person=other.people["trustee"],
        role="trustee", starts_on=datetime.date(2020, 1, 1),
    )  # fmt: skip

    with pytest.raises(ValidationError):
        seat.save()


def test_a_meeting_shows_online_in_its_place(mine):
    meeting = mine.extra["board_meeting"]
    meeting.is_online = True
    meeting.location = "Teams"

    assert meeting.place == "Online (Teams)"
