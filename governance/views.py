"""Governance pages: bodies, seats, meetings and their papers, decisions, challenge questions,
the trustee's own view, the calendar link and school reviews."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from boardpacks.permissions import BOARDPACK_VIEW
from boardpacks.selectors import can_read
from governance import forms, papers, selectors, services
from governance.permissions import (
    GOVERNANCE_MANAGE,
    GOVERNANCE_VIEW,
    QUESTION_ANSWER,
    QUESTION_RAISE,
)
from plans.selectors import current_annual_plan
from trustplan.core.access import trust_view
from trustplan.core.forms import add_service_error, form_page
from trustplan.core.links import absolute_reverse

NAV = "governance"
CALENDAR_SECRET_KEY = "governance_calendar_secret"


def _render(request, template: str, context: dict):
    return render(request, f"governance/{template}", {"nav": NAV, **context})


def _reach(request):
    return selectors.governance_reach(request.perms)


# ---------------------------------------------------------------- overview and bodies


@trust_view(GOVERNANCE_VIEW)
def governance_home(request):
    trust, reach, now = request.trust, _reach(request), timezone.now()
    can_manage = request.perms.has(GOVERNANCE_MANAGE)
    annual_plan = current_annual_plan(trust)
    return _render(
        request,
        "home.html",
        {
            "bodies": selectors.bodies(trust, reach),
            "upcoming": selectors.upcoming_meetings(trust, reach, now, limit=8),
            "recent": selectors.recent_meetings(trust, reach, now, limit=5),
            "ending": selectors.terms_ending(trust, reach, timezone.localdate()),
            "decisions": selectors.recent_decisions(trust, reach, limit=5),
            "annual_plan": annual_plan,
            "approval": selectors.plan_approval(annual_plan) if annual_plan else None,
            "unplaced": selectors.questions_without_meeting(trust) if can_manage else [],
            "can_manage": can_manage,
            "reach": reach,
        },
    )


@trust_view(GOVERNANCE_MANAGE, methods=["GET", "POST"])
def body_create(request):
    form = forms.BodyForm(request.POST or None, trust=request.trust)
    return form_page(
        request,
        form,
        save=lambda data: services.body_create(
            trust=request.trust,
            name=data["name"],
            kind=data["kind"],
            terms_of_reference=data["terms_of_reference"],
            meetings_per_year=data["meetings_per_year"],
            schools=list(data["schools"]),
            acting_user=request.user,
        ),
        success=lambda body: f"{body} added.",
        then=lambda body: reverse("body_detail", args=[request.trust.slug, body.pk]),
        template="governance/body_form.html",
        nav=NAV,
        body=None,
    )


@trust_view(GOVERNANCE_VIEW)
def body_detail(request, body_id):
    body = selectors.access_body(request.trust, body_id)
    reach = _reach(request)
    reach.require_body(body.pk)
    today, now = timezone.localdate(), timezone.now()
    return _render(
        request,
        "body.html",
        {
            "body": body,
            "schools": selectors.body_schools(body),
            "seats": selectors.body_seats(body, today),
            "past_seats": selectors.past_seats(body, today),
            "upcoming": selectors.upcoming_meetings(request.trust, reach, now, body_ids={body.pk}),
            "recent": selectors.recent_meetings(
                request.trust, reach, now, body_ids={body.pk}, limit=10
            ),
            "can_manage": request.perms.has(GOVERNANCE_MANAGE),
        },
    )


@trust_view(GOVERNANCE_MANAGE, methods=["GET", "POST"])
def body_edit(request, body_id):
    body = selectors.access_body(request.trust, body_id)
    form = forms.BodyForm(request.POST or None, instance=copy.copy(body), trust=request.trust)
    return form_page(
        request,
        form,
        save=lambda data: services.body_update(
            body=body,
            name=data["name"],
            kind=data["kind"],
            terms_of_reference=data["terms_of_reference"],
            meetings_per_year=data["meetings_per_year"],
            schools=list(data["schools"]),
            acting_user=request.user,
        ),
        success=lambda _: f"{body} saved.",
        then=reverse("body_detail", args=[request.trust.slug, body.pk]),
        template="governance/body_form.html",
        nav=NAV,
        body=body,
    )


@trust_view(GOVERNANCE_MANAGE, methods=["GET", "POST"])
def appointment_create(request, body_id):
    body = selectors.access_body(request.trust, body_id)
    form = forms.AppointmentForm(request.POST or None, trust=request.trust, body=body)
    return form_page(
        request,
        form,
        save=lambda data: services.appointment_create(
            body=body,
            person=data["person"],
            role=data["role"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            link_school=data["link_school"],
            link_area=data["link_area"],
            acting_user=request.user,
        ),
        success=lambda appointment: f"{appointment} added.",
        then=reverse("body_detail", args=[request.trust.slug, body.pk]),
        template="governance/appointment_form.html",
        nav=NAV,
        body=body,
        appointment=None,
    )


@trust_view(GOVERNANCE_MANAGE, methods=["GET", "POST"])
def appointment_edit(request, appointment_id):
    appointment = selectors.access_appointment(request.trust, appointment_id)
    body = appointment.body
    form = forms.AppointmentForm(
        request.POST or None, instance=copy.copy(appointment), trust=request.trust, body=body
    )
    return form_page(
        request,
        form,
        save=lambda data: services.appointment_update(
            appointment=appointment,
            role=data["role"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            link_school=data["link_school"],
            link_area=data["link_area"],
            acting_user=request.user,
        ),
        success=lambda _: f"{appointment} saved.",
        then=reverse("body_detail", args=[request.trust.slug, body.pk]),
        template="governance/appointment_form.html",
        nav=NAV,
        body=body,
        appointment=appointment,
    )


@trust_view(GOVERNANCE_VIEW)
def terms_ending(request):
    today = timezone.localdate()
    return _render(
        request,
        "terms_ending.html",
        {
            "ending": selectors.terms_ending(request.trust, _reach(request), today),
            "today": today,
            "can_manage": request.perms.has(GOVERNANCE_MANAGE),
        },
    )


# ---------------------------------------------------------------- meetings


@trust_view(GOVERNANCE_MANAGE, methods=["GET", "POST"])
def meeting_create(request):
    initial = {}
    if body_id := request.GET.get("body", "").strip():
        initial["body"] = body_id
    form = forms.MeetingForm(request.POST or None, trust=request.trust, initial=initial)
    return form_page(
        request,
        form,
        save=lambda data: services.meeting_schedule(
            body=data["body"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            location=data["location"],
            is_online=data["is_online"],
            agenda=data["agenda"],
            reviews_plan=data["reviews_plan"],
            acting_user=request.user,
        ),
        success=lambda meeting: f"{meeting} scheduled.",
        then=lambda meeting: reverse("meeting_detail", args=[request.trust.slug, meeting.pk]),
        template="governance/meeting_form.html",
        nav=NAV,
        meeting=None,
    )


@trust_view(GOVERNANCE_VIEW)
def meeting_detail(request, meeting_id):
    meeting = selectors.access_meeting(request.trust, meeting_id)
    reach = _reach(request)
    reach.require_body(meeting.body_id)
    perms = request.perms
    can_manage = perms.has(GOVERNANCE_MANAGE)
    packs = selectors.meeting_packs(meeting, perms, every=can_manage)
    published = [pack for pack in packs if pack.is_published]
    questions = selectors.meeting_questions(meeting, perms)
    return _render(
        request,
        "meeting.html",
        {
            "meeting": meeting,
            "agenda": selectors.meeting_agenda(meeting),
            "papers": selectors.meeting_papers(meeting),
            "packs": packs,
            "my_reads": selectors.pack_reads(request.trust, published, request.user),
            "readable_packs": {pack.pk for pack in published if can_read(perms, pack)},
            "reach": reach,
            "decisions": selectors.meeting_decisions(meeting),
            "questions": questions,
            "answerable": {q.pk for q in questions if selectors.can_answer(perms, q)},
            "can_raise": perms.has(QUESTION_RAISE),
            "can_manage": can_manage,
            "readers": selectors.meeting_readers(meeting, published) if can_manage else [],
        },
    )


@trust_view(GOVERNANCE_MANAGE, methods=["GET", "POST"])
def meeting_edit(request, meeting_id):
    meeting = selectors.access_meeting(request.trust, meeting_id)
    form = forms.MeetingForm(request.POST or None, instance=copy.copy(meeting), trust=request.trust)
    return form_page(
        request,
        form,
        save=lambda data: services.meeting_update(
            meeting=meeting,
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            location=data["location"],
            is_online=data["is_online"],
            minutes=data["minutes"],
            agenda=data["agenda"],
            reviews_plan=data["reviews_plan"],
            acting_user=request.user,
        ),
        success=lambda _: f"{meeting} saved.",
        then=reverse("meeting_detail", args=[request.trust.slug, meeting.pk]),
        template="governance/meeting_form.html",
        nav=NAV,
        meeting=meeting,
    )


@trust_view(GOVERNANCE_MANAGE, methods=["GET", "POST"])
def paper_upload(request, meeting_id):
    meeting = selectors.access_meeting(request.trust, meeting_id)
    form = forms.PaperForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            paper = services.paper_upload(
                meeting=meeting,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
                acting_user=request.user,
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                add_service_error(form, error)
            else:
                form.add_error("file", error)
        else:
            messages.success(request, f"“{paper.title}” added to the papers.")
            return redirect("meeting_detail", request.trust.slug, meeting.pk)
    return _render(request, "paper_form.html", {"form": form, "meeting": meeting})


@trust_view(GOVERNANCE_VIEW)
def paper_download(request, paper_id):
    paper = selectors.access_paper(request.trust, paper_id)
    _reach(request).require_body(paper.meeting.body_id)
    try:
        handle = papers.absolute_path(paper.file_name).open("rb")
    except (OSError, ValueError):
        raise Http404("The file of this paper is missing.") from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"{slugify(paper.title) or 'paper'}.{paper.kind}",
        content_type=papers.CONTENT_TYPES[paper.kind],
    )
    response["Cache-Control"] = "private, no-store"
    return response


@trust_view(GOVERNANCE_MANAGE, methods=["GET", "POST"])
def paper_remove(request, paper_id):
    paper = selectors.access_paper(request.trust, paper_id)
    meeting = paper.meeting
    error = ""
    if request.method == "POST":
        if request.POST.get("confirm") == "yes":
            services.paper_remove(paper=paper, acting_user=request.user)
            messages.success(request, f"“{paper.title}” removed.")
            return redirect("meeting_detail", request.trust.slug, meeting.pk)
        error = "Confirm that the paper should be removed."
    return _render(
        request, "paper_remove.html", {"paper": paper, "meeting": meeting, "error": error}
    )


@trust_view(GOVERNANCE_MANAGE, methods=["GET", "POST"])
def meeting_packs(request, meeting_id):
    meeting = selectors.access_meeting(request.trust, meeting_id)
    form = forms.PackAttachForm(request.POST or None, trust=request.trust)
    if request.method == "POST":
        if form.is_valid():
            pack, op = form.cleaned_data["pack"], form.cleaned_data["op"]
            try:
                if op == "attach":
                    services.meeting_pack_attach(
                        meeting=meeting, pack=pack, acting_user=request.user
                    )
                    messages.success(request, f"{pack} attached.")
                else:
                    services.meeting_pack_detach(
                        meeting=meeting, pack=pack, acting_user=request.user
                    )
                    messages.success(request, f"{pack} detached.")
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
        else:
            messages.error(request, "Choose one of the trust's rendered packs.")
        return redirect("meeting_packs", request.trust.slug, meeting.pk)
    return _render(
        request,
        "meeting_packs.html",
        {
            "meeting": meeting,
            "packs": list(selectors.attachable_packs(request.trust, meeting)),
        },
    )


@trust_view(GOVERNANCE_MANAGE, methods=["GET", "POST"])
def decision_record(request, meeting_id):
    meeting = selectors.access_meeting(request.trust, meeting_id)
    form = forms.DecisionForm(request.POST or None, trust=request.trust)
    return form_page(
        request,
        form,
        save=lambda data: services.decision_record(
            meeting=meeting,
            kind=data["kind"],
            text=data["text"],
            annual_plan=data["annual_plan"],
            term=data["term"],
            acting_user=request.user,
        ),
        success=lambda decision: f"Decision recorded: {decision.text}",
        then=reverse("meeting_detail", args=[request.trust.slug, meeting.pk]),
        template="governance/decision_form.html",
        nav=NAV,
        meeting=meeting,
    )


# ---------------------------------------------------------------- challenge questions


@trust_view(GOVERNANCE_VIEW)
def question_list(request):
    questions = selectors.all_questions(request.trust, request.perms)
    return _render(
        request,
        "questions.html",
        {
            "open": [q for q in questions if q.is_open],
            "answered": [q for q in questions if not q.is_open],
            "answerable": {q.pk for q in questions if selectors.can_answer(request.perms, q)},
            "can_raise": request.perms.has(QUESTION_RAISE),
            "can_manage": request.perms.has(GOVERNANCE_MANAGE),
            "reach": _reach(request),
        },
    )


@trust_view(QUESTION_RAISE, methods=["GET", "POST"])
def question_raise(request):
    trust, reach = request.trust, _reach(request)
    upcoming = selectors.meetings(trust, reach).filter(starts_at__gte=timezone.now())
    initial = {}
    if action_id := request.GET.get("action", "").strip():
        initial["subject"] = f"action-{action_id}"
    if meeting_id := request.GET.get("meeting", "").strip():
        initial["meeting"] = meeting_id
    elif first := upcoming.order_by("starts_at").first():
        initial["meeting"] = first.pk
    form = forms.QuestionForm(
        request.POST or None,
        subjects=selectors.question_subjects(trust, request.perms),
        meetings=upcoming.order_by("starts_at"),
        labels=trust.labels,
        initial=initial,
    )
    return form_page(
        request,
        form,
        save=lambda data: services.question_raise(
            subject=data["subject"],
            text=data["text"],
            meeting=data["meeting"],
            acting_user=request.user,
        ),
        success="Your question has been raised.",
        then=lambda _: (
            reverse("meeting_detail", args=[trust.slug, form.cleaned_data["meeting"].pk])
            if form.cleaned_data["meeting"]
            else reverse("governance_mine", args=[trust.slug])
        ),
        template="governance/question_form.html",
        nav=NAV,
    )


@trust_view(QUESTION_ANSWER)
def questions_to_answer(request):
    return _render(
        request,
        "questions_to_answer.html",
        {"questions": selectors.questions_to_answer(request.trust, request.perms)},
    )


@trust_view(QUESTION_ANSWER, methods=["GET", "POST"])
def question_answer(request, question_id):
    question = selectors.access_question(request.trust, question_id)
    if not selectors.can_answer(request.perms, question):
        raise PermissionDenied(
            f"Only the {request.trust.labels['action'].lower()}'s owners or the CEO answer this "
            "question."
        )
    form = forms.AnswerForm(request.POST or None, initial={"answer": question.answer})
    return form_page(
        request,
        form,
        save=lambda data: services.question_answer(
            question=question, answer=data["answer"], acting_user=request.user
        ),
        success="Your answer has been saved.",
        then=reverse("questions_to_answer", args=[request.trust.slug]),
        template="governance/question_answer.html",
        nav=NAV,
        question=question,
    )


@trust_view(GOVERNANCE_MANAGE, methods=["POST"])
def question_pack(request, question_id):
    question = selectors.access_question(request.trust, question_id)
    form = forms.QuestionPackForm(request.POST)
    if form.is_valid():
        try:
            services.question_pack_set(
                question=question,
                include=form.cleaned_data["include"],
                acting_user=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            word = "will go into" if question.include_in_pack else "is left out of"
            messages.success(request, f"The question {word} the meeting's pack.")
    else:
        messages.error(request, "Choose whether to include the question.")
    if question.meeting_id:
        return redirect("meeting_detail", request.trust.slug, question.meeting_id)
    return redirect("question_list", request.trust.slug)


# ---------------------------------------------------------------- the trustee's own view


@trust_view(GOVERNANCE_VIEW)
def governance_mine(request):
    trust, perms, now = request.trust, request.perms, timezone.now()
    reach = _reach(request)
    person = perms.person
    seats = (
        list(
            selectors.current_seats(
                person.appointments.filter(trust=trust), timezone.localdate()
            ).select_related("body")
        )
        if person
        else []
    )
    seat_bodies = {seat.body_id for seat in seats} or None
    upcoming = selectors.upcoming_meetings(trust, reach, now, body_ids=seat_bodies, limit=6)
    pack = selectors.latest_published_pack(trust, perms) if perms.has(BOARDPACK_VIEW) else None
    return _render(
        request,
        "mine.html",
        {
            "seats": seats,
            "upcoming": upcoming,
            "recent": []
            if upcoming
            else selectors.recent_meetings(trust, reach, now, body_ids=seat_bodies, limit=3),
            "papers": selectors.papers_by_meeting(trust, upcoming),
            "meeting_packs": selectors.packs_by_meeting(trust, upcoming, perms),
            "pack": pack,
            "pack_read": selectors.pack_reads(trust, [pack], request.user)[pack.pk].get(
                request.user.pk
            )
            if pack
            else None,
            "changes": selectors.term_changes(pack, perms) if pack else None,
            "questions": selectors.questions_raised_by(trust, request.user),
            "can_raise": perms.has(QUESTION_RAISE),
            "reach": reach,
        },
    )


@trust_view(BOARDPACK_VIEW, methods=["POST"])
def pack_read(request):
    form = forms.PackReadForm(request.POST, trust=request.trust, perms=request.perms)
    if form.is_valid():
        pack = form.cleaned_data["pack"]
        services.pack_mark_read(pack=pack, acting_user=request.user)
        messages.success(request, f"{pack} marked as read.")
    else:
        messages.error(request, "Choose a published pack to mark as read.")
    back = request.POST.get("next", "")
    if back.startswith(f"/t/{request.trust.slug}/") and "//" not in back:
        return redirect(back)
    return redirect("governance_mine", request.trust.slug)


@trust_view(GOVERNANCE_VIEW, methods=["GET", "POST"])
def calendar_link(request):
    trust = request.trust
    if request.method == "POST":
        form = forms.CalendarForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Choose to make a new link or to revoke the current one.")
        elif form.cleaned_data["op"] == "issue":
            secret = services.calendar_link_issue(trust=trust, acting_user=request.user)
            # Shown once on the next page: only its digest is stored.
            request.session[CALENDAR_SECRET_KEY] = secret
            messages.success(request, "Your new calendar link is ready; any earlier link ends.")
        else:
            services.calendar_link_revoke(trust=trust, acting_user=request.user)
            messages.success(request, "Your calendar link has been revoked.")
        return redirect("calendar_link", trust.slug)
    secret = request.session.pop(CALENDAR_SECRET_KEY, None)
    feed_url = absolute_reverse("governance_calendar_feed", trust.slug, secret) if secret else ""
    live = selectors.calendar_link_live(trust, request.user)
    return _render(request, "calendar.html", {"feed_url": feed_url, "live": live})


# ---------------------------------------------------------------- school reviews


@trust_view(GOVERNANCE_VIEW)
def school_reviews(request):
    schedule = selectors.review_schedule(
        request.trust,
        timezone.localdate(),
        school_ids=selectors.reviewable_school_ids(request.perms),
    )
    return _render(
        request,
        "reviews.html",
        {
            "schedule": schedule,
            "overdue": [row for row in schedule if row.status == selectors.OVERDUE],
            "can_manage": request.perms.has(GOVERNANCE_MANAGE),
        },
    )


@trust_view(GOVERNANCE_MANAGE, methods=["GET", "POST"])
def school_review_record(request):
    initial = {"reviewed_on": timezone.localdate()}
    if school_id := request.GET.get("school", "").strip():
        initial["school"] = school_id
    form = forms.SchoolReviewForm(request.POST or None, trust=request.trust, initial=initial)
    return form_page(
        request,
        form,
        save=lambda data: services.school_review_record(
            school=data["school"],
            reviewed_on=data["reviewed_on"],
            summary=data["summary"],
            acting_user=request.user,
        ),
        success=lambda review: f"Review of {review.school} recorded.",
        then=reverse("school_reviews", args=[request.trust.slug]),
        template="governance/review_form.html",
        nav=NAV,
    )
