import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from governance import services
from governance.models import AgendaItem, BodySchool, Decision, Question
from plans.models import AnnualPlan, Term, TermStatus
from tests.governance.factories import BodyFactory, MeetingFactory


def board_meeting_on(world, day: datetime.date):
    starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(18, 0)))
    return MeetingFactory(trust=world.trust, body=world.extra["board"], starts_at=starts)


def test_recording_the_plan_approved_at_a_board_meeting_approves_the_plan_on_that_day(mine):
    meeting = board_meeting_on(mine, datetime.date(2019, 7, 11))
    clerk = mine.users["admin"]

    decision = services.decision_record(
        meeting=meeting,
        kind="plan_approved",
        text="",
        annual_plan=mine.annual_plan,
        acting_user=clerk,
    )

    plan = AnnualPlan.objects.get(pk=mine.annual_plan.pk)
    assert (plan.status, plan.approved_on) == ("approved", datetime.date(2019, 7, 11))
    assert decision.text == "The 2019-20 annual action plan was approved."
    assert decision.meeting == meeting
    latest = AnnualPlan.history.filter(id=plan.pk).latest("history_date")
    assert latest.history_user == clerk
    assert latest.prev_record.status == "draft"


def test_an_approved_plan_cannot_be_approved_again_and_nothing_is_recorded(mine):
    first = board_meeting_on(mine, datetime.date(2019, 7, 11))
    second = board_meeting_on(mine, datetime.date(2019, 9, 26))
    services.decision_record(
        meeting=first, kind="plan_approved", text="", annual_plan=mine.annual_plan,
        acting_user=None,
    )  # fmt: skip
    before = AnnualPlan.history.filter(id=mine.annual_plan.pk).count()

    with pytest.raises(ValidationError) as error:
        services.decision_record(
            meeting=second, kind="plan_approved", text="", annual_plan=mine.annual_plan,
            acting_user=None,
        )  # fmt: skip

    assert "approved by trustees on 11 July 2019 already" in str(error.value)
    assert AnnualPlan.history.filter(id=mine.annual_plan.pk).count() == before
    assert not Decision.objects.filter(meeting=second).exists()
    assert AnnualPlan.objects.get(pk=mine.annual_plan.pk).approved_on == datetime.date(2019, 7, 11)


def test_a_meeting_still_to_come_cannot_approve_the_plan(mine):
    with pytest.raises(ValidationError) as error:
        services.decision_record(
            meeting=mine.extra["board_meeting"], kind="plan_approved", text="",
            annual_plan=mine.annual_plan, acting_user=None,
        )  # fmt: skip

    assert "cannot be in the future" in str(error.value)
    assert AnnualPlan.objects.get(pk=mine.annual_plan.pk).status == "draft"
    assert not Decision.objects.filter(trust=mine.trust, kind="plan_approved").exists()


def test_the_boards_pack_cannot_be_attached_to_a_local_bodys_meeting(mine):
    from tests.boardpacks.factories import ready_pack

    board_pack = ready_pack(mine, term=mine.terms[1])
    local_pack = ready_pack(mine, term=mine.terms[1], body=mine.extra["local_body"], version=1)

    with pytest.raises(ValidationError) as board_error:
        services.meeting_pack_attach(
            meeting=mine.extra["local_meeting"], pack=board_pack, acting_user=None
        )
    with pytest.raises(ValidationError):
        services.meeting_pack_attach(
            meeting=mine.extra["board_meeting"], pack=local_pack, acting_user=None
        )

    assert "the board's" in str(board_error.value)
    assert services.meeting_pack_attach(
        meeting=mine.extra["local_meeting"], pack=local_pack, acting_user=None
    )


def test_only_the_board_approves_the_plan(mine):
    meeting = mine.extra["local_meeting"]

    with pytest.raises(ValidationError) as error:
        services.decision_record(
            meeting=meeting, kind="plan_approved", text="", annual_plan=mine.annual_plan,
            acting_user=None,
        )  # fmt: skip

    assert "Only the board" in str(error.value)
    assert AnnualPlan.objects.get(pk=mine.annual_plan.pk).status == "draft"
    assert not Decision.objects.exists()


def test_another_trusts_plan_cannot_be_approved_through_my_meeting(mine, other):
    meeting = board_meeting_on(mine, datetime.date(2019, 7, 11))

    with pytest.raises(ValidationError):
        services.decision_record(
            meeting=meeting, kind="plan_approved", text="", annual_plan=other.annual_plan,
            acting_user=None,
        )  # fmt: skip

    assert AnnualPlan.objects.get(pk=other.annual_plan.pk).status == "draft"


def test_noting_a_submitted_terms_review_marks_it_noted_at_the_meeting(mine):
    term = mine.terms[0]
    Term.objects.filter(pk=term.pk).update(status=TermStatus.SUBMITTED)
    term.refresh_from_db()
    meeting = board_meeting_on(mine, datetime.date(2020, 1, 20))

    services.decision_record(
        meeting=meeting, kind="term_noted", text="", term=term, acting_user=mine.users["admin"]
    )

    term.refresh_from_db()
    assert term.status == TermStatus.NOTED
    assert term.noted_at == meeting.starts_at
    assert Decision.objects.get(meeting=meeting).term == term


def test_a_term_still_open_for_rating_cannot_be_noted(mine):
    meeting = board_meeting_on(mine, datetime.date(2020, 1, 20))

    with pytest.raises(ValidationError) as error:
        services.decision_record(
            meeting=meeting, kind="term_noted", text="", term=mine.terms[1], acting_user=None
        )

    assert "has not been submitted" in str(error.value)
    assert Term.objects.get(pk=mine.terms[1].pk).status == TermStatus.OPEN


def test_a_school_has_one_local_body(mine):
    school = mine.schools[0]  # already served by the world's local body
    other_body = BodyFactory(trust=mine.trust, name="Shared local body", kind="local")

    with pytest.raises(ValidationError) as error:
        services.body_schools_set(body=other_body, schools=[school], acting_user=None)

    assert "already has a local governing body" in str(error.value)
    assert not BodySchool.objects.filter(body=other_body).exists()


def test_a_shared_local_body_serves_several_schools(mine):
    school = mine.schools[0]
    BodySchool.objects.filter(trust=mine.trust, school=school).delete()
    BodySchool.objects.filter(trust=mine.trust, school=mine.schools[1]).delete()

    body = services.body_create(
        trust=mine.trust, name="Oak schools local body", kind="local",
        schools=[school, mine.schools[1]], acting_user=None,
    )  # fmt: skip

    assert set(body.schools.all()) == {school, mine.schools[1]}


def test_a_committee_serves_no_schools(mine):
    with pytest.raises(ValidationError):
        services.body_create(
            trust=mine.trust, name="Audit", kind="committee", schools=[mine.schools[0]],
            acting_user=None,
        )  # fmt: skip


def test_a_link_trustee_is_linked_to_a_school_or_an_area(mine):
    board = mine.extra["board"]
    person = mine.people["viewer"]

    with pytest.raises(ValidationError):
        services.appointment_create(
            body=board, person=person, role="link_trustee",
            starts_on=datetime.date(2020, 1, 1), acting_user=None,
        )  # fmt: skip
    seat = services.appointment_create(
        body=board, person=person, role="link_trustee", link_area="Safeguarding",
        starts_on=datetime.date(2020, 1, 1), acting_user=None,
    )  # fmt: skip

    assert seat.link_area == "Safeguarding"


def test_a_term_of_office_cannot_end_before_it_starts(mine):
    with pytest.raises(ValidationError) as error:
        services.appointment_create(
            body=mine.extra["board"], person=mine.people["viewer"], role="trustee",
            starts_on=datetime.date(2020, 1, 1), ends_on=datetime.date(2019, 1, 1),
            acting_user=None,
        )  # fmt: skip

    assert "cannot end before it starts" in str(error.value)


def test_the_agenda_is_rewritten_touching_only_the_items_that_changed(mine):
    meeting = mine.extra["board_meeting"]
    services.meeting_agenda_set(meeting=meeting, titles=["Welcome", "Finance"], acting_user=None)
    first = AgendaItem.objects.get(meeting=meeting, title="Welcome")
    before = AgendaItem.history.count()

    services.meeting_agenda_set(
        meeting=meeting, titles=["Welcome", "Standards", ""], acting_user=None
    )

    items = list(AgendaItem.objects.filter(meeting=meeting))
    assert [i.title for i in items] == ["Welcome", "Standards"]
    assert items[0].pk == first.pk
    assert AgendaItem.history.count() == before + 1  # only "Finance" became "Standards"


def test_a_questions_round_trip_from_a_governor_to_the_actions_owner(mine):
    governor, lead = mine.users["governor"], mine.users["school_lead"]
    meeting = mine.extra["local_meeting"]

    question = services.question_raise(
        subject=mine.lead_action,
        text="What has changed for pupils since the autumn?",
        meeting=meeting,
        acting_user=governor,
    )
    assert question.is_open
    services.question_answer(
        question=question, answer="Attendance is up two points.", acting_user=lead
    )
    services.question_pack_set(question=question, include=True, acting_user=mine.users["admin"])

    question.refresh_from_db()
    assert (question.answer, question.answered_by) == ("Attendance is up two points.", lead)
    assert question.answered_at is not None
    assert question.include_in_pack
    assert (
        Question.history.filter(id=question.pk).latest("history_date").history_user
        == (mine.users["admin"])
    )


def test_a_question_without_a_meeting_cannot_go_into_a_pack(mine):
    question = services.question_raise(
        subject=mine.objectives[0], text="Is this objective still right?", acting_user=None
    )

    with pytest.raises(ValidationError):
        services.question_pack_set(question=question, include=True, acting_user=None)


def test_an_empty_question_or_answer_is_refused(mine):
    with pytest.raises(ValidationError):
        services.question_raise(subject=mine.lead_action, text="   ", acting_user=None)
    with pytest.raises(ValidationError):
        services.question_answer(question=mine.extra["lead_question"], answer=" ", acting_user=None)


def test_a_new_calendar_link_ends_the_old_one(mine):
    user = mine.users["trustee"]
    first = services.calendar_link_issue(trust=mine.trust, acting_user=user)
    second = services.calendar_link_issue(trust=mine.trust, acting_user=user)

    from governance.models import CalendarToken

    live = CalendarToken.objects.get(trust=mine.trust, user=user, revoked_at__isnull=True)
    assert live.digest == services.calendar_digest(second)
    assert first != second
    assert services.calendar_digest(first) not in {live.digest}


def test_a_review_cannot_be_recorded_in_the_future(mine):
    with pytest.raises(ValidationError):
        services.school_review_record(
            school=mine.schools[0],
            reviewed_on=timezone.localdate() + datetime.timedelta(days=1),
            summary="",
            acting_user=None,
        )
