"""Changes to governance. Each runs in a transaction, takes objects, and is recorded against
the acting user in the history."""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from boardpacks.models import BoardPack, PackStatus
from governance import notify, papers
from governance.models import (
    AgendaItem,
    Appointment,
    Body,
    BodyKind,
    BodySchool,
    CalendarToken,
    Decision,
    DecisionKind,
    Meeting,
    MeetingPaper,
    PackRead,
    Question,
    SchoolReview,
    SeatRole,
)
from kpis.models import Kpi
from objectives.models import StrategicObjective
from plans.authoring.services import annual_plan_approve
from plans.models import Action, AnnualPlan, Term, TermStatus
from schools.models import Person, School, Trust
from trustplan.core.history import as_user


def _save(obj, user, fields: dict) -> bool:
    """Set the fields that differ and save with history; returns whether anything changed."""
    changed = [name for name, value in fields.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, fields[name])
    if changed or obj.pk is None:
        obj.full_clean()
        as_user(obj, user).save()
    return bool(changed)


# ---------------------------------------------------------------- bodies and seats


@transaction.atomic
def body_create(
    *,
    trust: Trust,
    name: str,
    kind: str,
    terms_of_reference: str = "",
    meetings_per_year: int | None = None,
    schools: list[School] | None = None,
    acting_user,
) -> Body:
    body = Body(
        trust=trust,
        name=name,
        kind=kind,
        terms_of_reference=terms_of_reference,
        meetings_per_year=meetings_per_year,
    )
    body.full_clean()
    as_user(body, acting_user).save()
    body_schools_set(body=body, schools=schools or [], acting_user=acting_user)
    return body


@transaction.atomic
def body_update(
    *,
    body: Body,
    name: str,
    kind: str,
    terms_of_reference: str,
    meetings_per_year: int | None,
    schools: list[School],
    acting_user,
) -> Body:
    _save(
        body,
        acting_user,
        {
            "name": name,
            "kind": kind,
            "terms_of_reference": terms_of_reference,
            "meetings_per_year": meetings_per_year,
        },
    )
    body_schools_set(body=body, schools=schools, acting_user=acting_user)
    return body


@transaction.atomic
def body_schools_set(*, body: Body, schools: list[School], acting_user) -> bool:
    """The schools a local body serves. A school has one local body; other bodies serve none."""
    if schools and body.kind != BodyKind.LOCAL:
        raise ValidationError({"schools": "Only a local governing body serves schools."})
    wanted = {school.pk: school for school in schools}
    taken = (
        BodySchool.objects.filter(trust_id=body.trust_id, school_id__in=wanted)
        .exclude(body=body)
        .select_related("school", "body")
    )
    if clashes := list(taken):
        raise ValidationError(
            {
                "schools": [
                    f"{link.school} already has a local governing body: {link.body}."
                    for link in clashes
                ]
            }
        )
    current = {
        link.school_id: link
        for link in BodySchool.objects.filter(trust_id=body.trust_id, body=body)
    }
    for school_id, link in current.items():
        if school_id not in wanted:
            as_user(link, acting_user).delete()
    for school_id, school in wanted.items():
        if school_id not in current:
            link = BodySchool(trust_id=body.trust_id, body=body, school=school)
            as_user(link, acting_user).save()
    return current.keys() != wanted.keys()


def _check_link(role: str, link_school: School | None, link_area: str) -> None:
    if role == SeatRole.LINK_TRUSTEE and not (link_school or link_area):
        raise ValidationError("Say which school or area the link trustee is linked to.")


@transaction.atomic
def appointment_create(
    *,
    body: Body,
    person: Person,
    role: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    link_school: School | None = None,
    link_area: str = "",
    acting_user,
) -> Appointment:
    _check_link(role, link_school, link_area)
    appointment = Appointment(
        trust_id=body.trust_id,
        body=body,
        person=person,
        role=role,
        starts_on=starts_on,
        ends_on=ends_on,
        link_school=link_school,
        link_area=link_area,
    )
    appointment.full_clean()
    as_user(appointment, acting_user).save()
    return appointment


@transaction.atomic
def appointment_update(
    *,
    appointment: Appointment,
    role: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None,
    link_school: School | None,
    link_area: str,
    acting_user,
) -> Appointment:
    _check_link(role, link_school, link_area)
    _save(
        appointment,
        acting_user,
        {
            "role": role,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "link_school": link_school,
            "link_area": link_area,
        },
    )
    return appointment


# ---------------------------------------------------------------- meetings


@transaction.atomic
def meeting_schedule(
    *,
    body: Body,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime | None = None,
    location: str = "",
    is_online: bool = False,
    agenda: list[str] | None = None,
    reviews_plan: bool = False,
    acting_user,
) -> Meeting:
    meeting = Meeting(
        trust_id=body.trust_id,
        body=body,
        starts_at=starts_at,
        ends_at=ends_at,
        location=location,
        is_online=is_online,
        reviews_plan=reviews_plan,
    )
    meeting.full_clean()
    as_user(meeting, acting_user).save()
    meeting_agenda_set(meeting=meeting, titles=agenda or [], acting_user=acting_user)
    return meeting


@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime | None,
    location: str,
    is_online: bool,
    minutes: str,
    agenda: list[str],
    reviews_plan: bool | None = None,
    acting_user,
) -> Meeting:
    fields = {
        "starts_at": starts_at,
        "ends_at": ends_at,
        "location": location,
        "is_online": is_online,
        "minutes": minutes,
    }
    if reviews_plan is not None:
        fields["reviews_plan"] = reviews_plan
    _save(meeting, acting_user, fields)
    meeting_agenda_set(meeting=meeting, titles=agenda, acting_user=acting_user)
    return meeting


@transaction.atomic
def meeting_agenda_set(*, meeting: Meeting, titles: list[str], acting_user) -> bool:
    """Make the agenda these items in this order, touching only the rows that differ."""
    titles = [t.strip() for t in titles if t.strip()]
    current = list(AgendaItem.objects.filter(trust_id=meeting.trust_id, meeting=meeting))
    if [item.title for item in current] == titles:
        return False
    for position, title in enumerate(titles):
        if position < len(current):
            _save(current[position], acting_user, {"title": title, "position": position})
        else:
            item = AgendaItem(
                trust_id=meeting.trust_id, meeting=meeting, position=position, title=title
            )
            item.full_clean()
            as_user(item, acting_user).save()
    for item in current[len(titles) :]:
        as_user(item, acting_user).delete()
    return True


@transaction.atomic
def paper_upload(
    *, meeting: Meeting, title: str, upload: UploadedFile, acting_user
) -> MeetingPaper:
    """Check the file by name, size and content, store it privately and record it.

    The file is written before the row; if the row cannot be saved the file is removed. (An
    outer transaction rolled back later leaves an unreferenced private file, never a row
    without its file.)"""
    kind = papers.check_paper(upload)
    title = title.strip() or upload.name
    title_limit = MeetingPaper._meta.get_field("title").max_length
    if len(title) > title_limit:
        # Never cut a name: ask for a title instead.
        raise ValidationError(
            {
                "title": f"The file's name is {len(title):,} characters long; a paper's title "
                f"is at most {title_limit:,}. Give the paper a shorter title."
            }
        )
    stored = papers.store(upload, trust_id=meeting.trust_id, kind=kind)
    try:
        paper = MeetingPaper(
            trust_id=meeting.trust_id,
            meeting=meeting,
            title=title,
            kind=kind,
            # Django has already shortened an uploaded file's name to 255 characters at most.
            original_name=upload.name,
            file_name=stored.file_name,
            bytes=stored.bytes,
            checksum=stored.checksum,
            uploaded_by=acting_user,
        )
        paper.full_clean()
        as_user(paper, acting_user).save()
    except Exception:
        papers.remove(stored.file_name)
        raise
    notify.papers_added(meeting, acting_user=acting_user)
    return paper


@transaction.atomic
def paper_remove(*, paper: MeetingPaper, acting_user) -> None:
    """Delete the paper; its file goes once the deletion is committed."""
    file_name = paper.file_name
    as_user(paper, acting_user).delete()
    transaction.on_commit(lambda: papers.remove(file_name))


@transaction.atomic
def meeting_pack_attach(*, meeting: Meeting, pack: BoardPack, acting_user) -> bool:
    """Put a rendered board pack among the meeting's papers."""
    if pack.trust_id != meeting.trust_id:
        raise ValidationError("That pack does not belong to this trust.")
    if pack.status != PackStatus.READY:
        raise ValidationError("Only a rendered pack can be attached to a meeting.")
    if pack.meeting_id == meeting.pk:
        return False
    if pack.body_id is None and meeting.body.kind == BodyKind.LOCAL:
        raise ValidationError(
            f"The trust's pack is the board's and cannot go to a meeting of the "
            f"{meeting.body.name}; request a pack for that body instead."
        )
    if pack.body_id is not None and pack.body_id != meeting.body_id:
        raise ValidationError(f"This pack is for the {pack.body.name}, not for {meeting.body}.")
    pack.meeting = meeting
    as_user(pack, acting_user).save(update_fields=["meeting"])
    return True


@transaction.atomic
def meeting_pack_detach(*, meeting: Meeting, pack: BoardPack, acting_user) -> bool:
    if pack.meeting_id != meeting.pk:
        return False
    pack.meeting = None
    as_user(pack, acting_user).save(update_fields=["meeting"])
    return True


# ---------------------------------------------------------------- decisions

BOARD_DECISIONS = {DecisionKind.PLAN_APPROVED, DecisionKind.TERM_NOTED}


@transaction.atomic
def term_review_note(*, term: Term, noted_at: datetime.datetime, acting_user) -> bool:
    """Mark a submitted term's review as noted by the board. Returns whether anything changed."""
    locked = Term.objects.select_for_update().get(pk=term.pk, trust_id=term.trust_id)
    if locked.status == TermStatus.OPEN:
        raise ValidationError(
            f"{locked.name} has not been submitted to the board yet, so it cannot be noted."
        )
    if locked.status == TermStatus.NOTED and locked.noted_at is not None:
        return False
    changed = _save(locked, acting_user, {"status": TermStatus.NOTED, "noted_at": noted_at})
    term.status, term.noted_at = locked.status, locked.noted_at
    return changed


@transaction.atomic
def decision_record(
    *,
    meeting: Meeting,
    kind: str,
    text: str,
    annual_plan: AnnualPlan | None = None,
    term: Term | None = None,
    acting_user,
) -> Decision:
    """Record a decision; approving a plan or noting a term also sets its status and date.

    Only the board approves plans and notes term reviews."""
    for other in (annual_plan, term):
        if other is not None and other.trust_id != meeting.trust_id:
            raise ValidationError("That plan or term does not belong to this trust.")
    if kind in BOARD_DECISIONS and meeting.body.kind != BodyKind.BOARD:
        raise ValidationError(
            {"kind": "Only the board of trustees approves plans and notes term reviews."}
        )
    if kind == DecisionKind.PLAN_APPROVED:
        if annual_plan is None:
            raise ValidationError({"annual_plan": "Choose the plan that was approved."})
        term = None
        text = text or f"The {annual_plan.year_label} annual action plan was approved."
        # The one approval service: it locks the plan and refuses a plan already approved
        # and a meeting still to come (its date would be in the future).
        annual_plan_approve(
            annual_plan=annual_plan,
            approved_on=timezone.localtime(meeting.starts_at).date(),
            acting_user=acting_user,
        )
    elif kind == DecisionKind.TERM_NOTED:
        if term is None:
            raise ValidationError({"term": "Choose the term whose review was noted."})
        annual_plan = None
        text = text or f"The {term} review was noted."
        term_review_note(term=term, noted_at=meeting.starts_at, acting_user=acting_user)
    else:
        annual_plan = term = None
        if not text.strip():
            raise ValidationError({"text": "Write down what was decided."})
    decision = Decision(
        trust_id=meeting.trust_id,
        meeting=meeting,
        kind=kind,
        text=text,
        annual_plan=annual_plan,
        term=term,
        recorded_by=acting_user,
    )
    decision.full_clean()
    as_user(decision, acting_user).save()
    return decision


# ---------------------------------------------------------------- challenge questions


@transaction.atomic
def question_raise(
    *,
    subject: Action | StrategicObjective | Kpi,
    text: str,
    meeting: Meeting | None = None,
    acting_user,
) -> Question:
    if not text.strip():
        raise ValidationError({"text": "Write the question."})
    question = Question(
        trust_id=subject.trust_id,
        action=subject if isinstance(subject, Action) else None,
        objective=subject if isinstance(subject, StrategicObjective) else None,
        kpi=subject if isinstance(subject, Kpi) else None,
        meeting=meeting,
        text=text.strip(),
        raised_by=acting_user,
    )
    question.full_clean()
    as_user(question, acting_user).save()
    notify.question_raised(question)
    return question


@transaction.atomic
def question_answer(*, question: Question, answer: str, acting_user) -> Question:
    answer = answer.strip()
    if not answer:
        raise ValidationError({"answer": "Write the answer."})
    if answer == question.answer:
        return question
    question.answer = answer
    question.answered_by = acting_user
    question.answered_at = timezone.now()
    question.full_clean()
    as_user(question, acting_user).save()
    notify.question_answered(question)
    return question


@transaction.atomic
def question_pack_set(*, question: Question, include: bool, acting_user) -> bool:
    """Carry the question into its meeting's board pack, or take it out again."""
    if include and question.meeting_id is None:
        raise ValidationError("Link the question to a meeting before putting it in a pack.")
    return _save(question, acting_user, {"include_in_pack": include})


# ---------------------------------------------------------------- readers and the calendar


@transaction.atomic
def pack_mark_read(*, pack: BoardPack, acting_user) -> PackRead:
    """Record that the user has read the pack; marking it again keeps the first time."""
    read, _ = PackRead.objects.get_or_create(trust_id=pack.trust_id, pack=pack, user=acting_user)
    return read


def calendar_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def calendar_link_issue(*, trust: Trust, acting_user) -> str:
    """A new private calendar secret for this user, ending any earlier link. Only its digest
    is stored, so the secret is shown once."""
    calendar_link_revoke(trust=trust, acting_user=acting_user)
    secret = secrets.token_urlsafe(32)
    CalendarToken.objects.create(trust=trust, user=acting_user, digest=calendar_digest(secret))
    return secret


@transaction.atomic
def calendar_link_revoke(*, trust: Trust, acting_user) -> int:
    return CalendarToken.objects.filter(
        trust=trust, user=acting_user, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())


# ---------------------------------------------------------------- school reviews


@transaction.atomic
def school_review_record(
    *, school: School, reviewed_on: datetime.date, summary: str, acting_user
) -> SchoolReview:
    if reviewed_on > timezone.localdate():
        raise ValidationError({"reviewed_on": "A review cannot be recorded before it happens."})
    review = SchoolReview(
        trust_id=school.trust_id,
        school=school,
        reviewed_on=reviewed_on,
        summary=summary.strip(),
        recorded_by=acting_user,
    )
    review.full_clean()
    as_user(review, acting_user).save()
    return review
