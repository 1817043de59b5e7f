import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from governance.models import Appointment, Decision, MeetingPaper, PackRead, Question
from plans.models import AnnualPlan
from tests.governance import files
from tests.governance.factories import (
    AppointmentFactory,
    BodyFactory,
    MeetingFactory,
    QuestionFactory,
    published_pack,
)


def url(world, path: str) -> str:
    return f"/t/{world.trust.slug}/governance/{path}"


# ---------------------------------------------------------------- a governor's reach


def test_a_governor_sees_their_schools_local_body_and_not_another_schools(client, mine):
    client.force_login(mine.users["governor"])
    local, other_local = mine.extra["local_body"], mine.extra["other_local_body"]

    overview = client.get(url(mine, "")).content.decode()

    assert local.name in overview
    assert other_local.name not in overview
    assert "Board of trustees" not in overview
    assert client.get(url(mine, f"bodies/{local.pk}/")).status_code == 200
    assert client.get(url(mine, f"bodies/{other_local.pk}/")).status_code == 403
    other_meeting = mine.extra["other_local_meeting"]
    assert client.get(url(mine, f"meetings/{other_meeting.pk}/")).status_code == 403
    assert client.get(url(mine, f"papers/{mine.extra['other_paper'].pk}/")).status_code == 403


def test_a_governor_with_a_seat_on_a_committee_reads_that_committee(client, mine):
    committee = BodyFactory(trust=mine.trust, name="Finance and audit committee", kind="committee")
    meeting = MeetingFactory(trust=mine.trust, body=committee)
    client.force_login(mine.users["governor"])
    assert client.get(url(mine, f"bodies/{committee.pk}/")).status_code == 403

    AppointmentFactory(
        trust=mine.trust, body=committee, person=mine.people["governor"], role="governor"
    )

    assert client.get(url(mine, f"bodies/{committee.pk}/")).status_code == 200
    assert client.get(url(mine, f"meetings/{meeting.pk}/")).status_code == 200
    assert committee.name in client.get(url(mine, "")).content.decode()
    assert client.get(url(mine, f"bodies/{mine.extra['board'].pk}/")).status_code == 403


def test_a_trustee_sees_every_body(client, mine):
    client.force_login(mine.users["trustee"])

    overview = client.get(url(mine, "")).content.decode()

    assert mine.extra["local_body"].name in overview
    assert mine.extra["other_local_body"].name in overview


# ---------------------------------------------------------------- terms of office


def test_terms_ending_in_the_next_90_days_are_listed_soonest_first(client, mine):
    today = timezone.localdate()
    board, person = mine.extra["board"], mine.people["viewer"]
    for days, role in [(80, "trustee"), (10, "vice_chair"), (120, "member"), (-1, "clerk")]:
        AppointmentFactory(
            trust=mine.trust, body=board, person=person, role=role,
            ends_on=today + datetime.timedelta(days=days),
        )  # fmt: skip
    client.force_login(mine.users["admin"])

    body = client.get(url(mine, "appointments/ending/")).content.decode()

    assert body.index("Vice-chair") < body.index("Trustee of")
    assert "Member of" not in body  # ends in 120 days
    assert "Clerk of" not in body  # ended yesterday


def test_editing_a_seat_renews_the_term_of_office(client, mine):
    seat = mine.extra["governor_seat"]
    client.force_login(mine.users["admin"])

    response = client.post(
        url(mine, f"appointments/{seat.pk}/edit/"),
        {"role": "governor", "starts_on": "2019-09-01", "ends_on": "2023-08-31"},
    )

    assert response.status_code == 302
    seat.refresh_from_db()
    assert seat.ends_on == datetime.date(2023, 8, 31)
    assert seat.person == mine.people["governor"]
    assert (
        Appointment.history.filter(id=seat.pk).latest("history_date").history_user
        == (mine.users["admin"])
    )


def test_a_seat_cannot_be_given_to_another_trusts_person(client, mine, other):
    client.force_login(mine.users["admin"])
    board = mine.extra["board"]

    response = client.post(
        url(mine, f"bodies/{board.pk}/appointments/new/"),
        {"person": other.people["trustee"].pk, "role": "trustee", "starts_on": "2020-01-01"},
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Appointment.objects.filter(person=other.people["trustee"], body=board).exists()


# ---------------------------------------------------------------- meetings and decisions


def test_the_clerk_schedules_a_meeting_with_its_agenda(client, mine):
    client.force_login(mine.users["admin"])

    response = client.post(
        url(mine, "meetings/new/"),
        {
            "body": mine.extra["board"].pk,
            "starts_at": "2030-03-12T18:00",
            "location": "Trust office",
            "agenda": "Welcome\n\nSpring term review\nFinance",
        },
    )

    assert response.status_code == 302
    meeting = mine.extra["board"].meetings.get(location="Trust office")
    assert timezone.localtime(meeting.starts_at).hour == 18
    assert [i.title for i in meeting.agenda_items.all()] == [
        "Welcome",
        "Spring term review",
        "Finance",
    ]


def test_a_meeting_cannot_end_before_it_starts(client, mine):
    client.force_login(mine.users["admin"])

    response = client.post(
        url(mine, "meetings/new/"),
        {
            "body": mine.extra["board"].pk,
            "starts_at": "2030-03-12T18:00",
            "ends_at": "2030-03-12T17:00",
        },
    )

    assert response.status_code == 200
    assert "A meeting must end after it starts." in response.content.decode()


def test_approving_the_plan_at_a_meeting_shows_on_the_meeting(client, mine):
    meeting = MeetingFactory(
        trust=mine.trust,
        body=mine.extra["board"],
        starts_at=timezone.now() - datetime.timedelta(days=3),
    )
    client.force_login(mine.users["admin"])

    response = client.post(
        url(mine, f"meetings/{meeting.pk}/decisions/new/"),
        {"kind": "plan_approved", "annual_plan": mine.annual_plan.pk, "text": ""},
    )

    assert response.status_code == 302
    plan = AnnualPlan.objects.get(pk=mine.annual_plan.pk)
    assert plan.status == "approved"
    assert plan.approved_on == timezone.localtime(meeting.starts_at).date()
    page = client.get(url(mine, f"meetings/{meeting.pk}/")).content.decode()
    assert "The 2019-20 annual action plan was approved." in page
    overview = client.get(url(mine, "")).content.decode()
    assert "The 2019-20 annual action plan was approved." in overview
    assert "2019-20 action plan: approved by the Board of trustees on" in overview


def test_a_plan_decision_without_a_plan_is_refused_next_to_the_field(client, mine):
    meeting = mine.extra["board_meeting"]
    client.force_login(mine.users["admin"])

    response = client.post(
        url(mine, f"meetings/{meeting.pk}/decisions/new/"), {"kind": "plan_approved"}
    )

    assert response.status_code == 200
    assert "Choose the plan that was approved." in response.content.decode()
    assert not Decision.objects.exists()


# ---------------------------------------------------------------- papers


def test_the_clerk_uploads_a_paper_and_a_governor_downloads_it(client, mine):
    meeting = mine.extra["local_meeting"]
    client.force_login(mine.users["admin"])
    response = client.post(
        url(mine, f"meetings/{meeting.pk}/papers/new/"),
        {"title": "Budget 2020", "file": files.upload("budget.xlsx", files.ooxml("xl"))},
    )
    assert response.status_code == 302
    paper = MeetingPaper.objects.get(title="Budget 2020")

    client.force_login(mine.users["governor"])
    download = client.get(url(mine, f"papers/{paper.pk}/"))

    assert download.status_code == 200
    assert download["Content-Disposition"] == 'attachment; filename="budget-2020.xlsx"'
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    assert b"".join(download.streaming_content) == files.ooxml("xl")


def test_a_rejected_upload_says_why_next_to_the_file_and_stores_nothing(client, mine, settings):
    meeting = mine.extra["local_meeting"]
    client.force_login(mine.users["admin"])
    settings.MEETING_PAPER_MAX_BYTES = 2000
    cases = [
        (files.upload("virus.exe", b"MZ"), "is not a paper we accept"),
        (files.upload("big.pdf", files.PDF + b" " * 2000), "the limit is"),
        (files.upload("fake.pdf", b"<html></html>"), "does not contain what its name says"),
    ]
    for upload, message in cases:
        response = client.post(
            url(mine, f"meetings/{meeting.pk}/papers/new/"), {"title": "X", "file": upload}
        )
        assert response.status_code == 200
        body = response.content.decode()
        assert message in body
        assert 'class="field field--error"' in body
    assert not MeetingPaper.objects.filter(title="X").exists()


def test_papers_are_never_served_from_a_public_path(client, mine):
    paper = mine.extra["local_paper"]

    assert client.get(f"/static/{paper.file_name}").status_code == 404
    assert client.get(f"/media/{paper.file_name}").status_code == 404
    assert client.get(url(mine, f"papers/{paper.pk}/")).status_code == 302  # to sign in


# ---------------------------------------------------------------- questions


def test_a_question_goes_from_a_trustee_to_the_owner_and_back(client, mine):
    meeting = mine.extra["board_meeting"]
    action = mine.lead_action
    client.force_login(mine.users["trustee"])
    form = client.get(url(mine, f"questions/new/?action={action.pk}")).content.decode()
    assert f'value="action-{action.pk}" selected' in form

    client.post(
        url(mine, "questions/new/"),
        {"subject": f"action-{action.pk}", "meeting": meeting.pk, "text": "Why amber & not green?"},
    )
    question = Question.objects.get(text="Why amber & not green?")

    client.force_login(mine.users["school_lead"])
    to_answer = client.get(url(mine, "questions/to-answer/")).content.decode()
    assert "Why amber &amp; not green?" in to_answer
    client.post(url(mine, f"questions/{question.pk}/answer/"), {"answer": "Staffing; fixed."})

    client.force_login(mine.users["trustee"])
    mine_page = client.get(url(mine, "mine/")).content.decode()
    assert "Staffing; fixed." in mine_page
    meeting_page = client.get(url(mine, f"meetings/{meeting.pk}/")).content.decode()
    assert "Staffing; fixed." in meeting_page


def test_a_school_lead_cannot_answer_a_question_on_an_action_they_do_not_own(client, mine):
    question = mine.extra["other_question"]
    client.force_login(mine.users["school_lead"])

    response = client.post(url(mine, f"questions/{question.pk}/answer/"), {"answer": "Mine now"})

    assert response.status_code == 403
    question.refresh_from_db()
    assert question.answer == ""
    listed = client.get(url(mine, "questions/to-answer/")).content.decode()
    assert question.text not in listed


def test_a_governor_cannot_raise_a_question_on_another_schools_action(client, mine):
    client.force_login(mine.users["governor"])

    form = client.get(url(mine, "questions/new/")).content.decode()
    response = client.post(
        url(mine, "questions/new/"),
        {"subject": f"action-{mine.other_action.pk}", "text": "Why?"},
    )

    assert f"action-{mine.other_action.pk}" not in form
    assert f"action-{mine.lead_action.pk}" in form
    assert response.status_code == 200
    assert not Question.objects.filter(text="Why?").exists()


def test_a_question_on_another_trusts_action_is_refused(client, mine, other):
    client.force_login(mine.users["trustee"])

    client.post(
        url(mine, "questions/new/"),
        {"subject": f"action-{other.lead_action.pk}", "text": "Forged?"},
    )

    assert not Question.objects.filter(text="Forged?").exists()


def test_the_clerk_marks_an_open_question_for_the_meetings_pack_and_can_take_it_out(client, mine):
    question = mine.extra["lead_question"]
    meeting_page = url(mine, f"meetings/{question.meeting_id}/")
    client.force_login(mine.users["admin"])
    assert "in the meeting's pack" not in client.get(meeting_page).content.decode()

    client.post(url(mine, f"questions/{question.pk}/pack/"), {"include": "yes"})

    question.refresh_from_db()
    assert question.include_in_pack
    page = client.get(meeting_page).content.decode()
    assert "in the meeting's pack" in page and "Leave out of the pack" in page

    client.post(url(mine, f"questions/{question.pk}/pack/"), {"include": "no"})

    question.refresh_from_db()
    assert not question.include_in_pack


def test_a_governor_does_not_read_questions_on_another_schools_actions(client, mine):
    client.force_login(mine.users["governor"])

    body = client.get(url(mine, "questions/")).content.decode()

    assert mine.extra["lead_question"].text in body
    assert mine.extra["other_question"].text not in body


# ---------------------------------------------------------------- packs and the trustee view


def test_a_trustee_marks_the_latest_pack_read_and_the_clerk_sees_it(client, mine):
    meeting = mine.extra["board_meeting"]
    pack = published_pack(mine, meeting=meeting)
    client.force_login(mine.users["trustee"])
    assert "Mark as read" in client.get(url(mine, "mine/")).content.decode()

    client.post(url(mine, "read/"), {"pack": pack.pk})
    client.post(url(mine, "read/"), {"pack": pack.pk})  # twice: still one read

    assert PackRead.objects.filter(pack=pack, user=mine.users["trustee"]).count() == 1
    assert "You marked this pack as read" in client.get(url(mine, "mine/")).content.decode()
    client.force_login(mine.users["admin"])
    page = client.get(url(mine, f"meetings/{meeting.pk}/")).content.decode()
    assert "Read by 1 of 1 seat holders." in page
    assert mine.people["trustee"].full_name in page


def test_an_unpublished_or_foreign_pack_cannot_be_marked_read(client, mine, other):
    unpublished = published_pack(mine)
    unpublished.published_at = None
    unpublished.save()
    foreign = published_pack(other)
    client.force_login(mine.users["trustee"])

    for pack in (unpublished, foreign):
        response = client.post(url(mine, "read/"), {"pack": pack.pk})
        assert response.status_code == 302

    assert not PackRead.objects.exists()


def test_the_trustee_view_shows_what_changed_since_last_term(client, mine):
    from tests import factories as f

    spring = mine.terms[1]
    f.RatingFactory(trust=mine.trust, action=mine.lead_action, term=spring, status="red")
    f.RatingFactory(trust=mine.trust, action=mine.other_action, term=spring, status="green")
    f.mark_submitted(*mine.terms)
    published_pack(mine, term=spring)
    client.force_login(mine.users["trustee"])

    body = client.get(url(mine, "mine/")).content.decode()

    assert "Spring compared with Autumn" in body
    assert "1 improved, 1 worse" in body
    worse = body.index("Rated worse than last term")
    assert body.index(mine.lead_action.text) > worse


def test_the_governors_view_of_changes_covers_their_school_only(client, mine):
    from tests import factories as f
    from tests.boardpacks.factories import ready_pack

    spring = mine.terms[1]
    f.RatingFactory(trust=mine.trust, action=mine.other_action, term=spring, status="green")
    f.mark_submitted(*mine.terms)
    # A governor's latest pack is their local body's (the board's is not theirs to read).
    ready_pack(mine, published=True, term=spring, body=mine.extra["local_body"], version=2)
    client.force_login(mine.users["governor"])

    body = client.get(url(mine, "mine/")).content.decode()

    assert "across 2 actions" in body
    assert mine.other_action.text not in body


def test_the_trustee_view_lists_upcoming_meetings_of_their_bodies_with_papers(client, mine):
    client.force_login(mine.users["governor"])

    body = client.get(url(mine, "mine/")).content.decode()

    assert mine.extra["local_body"].name in body
    assert "Headteacher&#x27;s report" in body
    assert mine.extra["other_local_body"].name not in body


# ---------------------------------------------------------------- school reviews


def test_overdue_reviews_are_listed_and_a_governor_sees_their_own_school(client, mine):
    client.force_login(mine.users["admin"])
    client.post(
        url(mine, "reviews/new/"),
        {"school": mine.schools[1].pk, "reviewed_on": timezone.localdate().isoformat()},
    )

    body = client.get(url(mine, "reviews/")).content.decode()
    assert "No reviews are overdue." in body  # schools[0] has no category, so no cadence
    client.force_login(mine.users["governor"])
    governor_view = client.get(url(mine, "reviews/")).content.decode()
    assert mine.schools[0].name in governor_view
    assert mine.schools[1].name not in governor_view


# ---------------------------------------------------------------- query counts


def page_queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def test_the_meeting_page_costs_the_same_queries_for_few_and_many_questions(client, mine):
    meeting = mine.extra["local_meeting"]
    published_pack(mine, meeting=meeting)
    client.force_login(mine.users["admin"])
    path = url(mine, f"meetings/{meeting.pk}/")
    page_queries(client, path)
    few = page_queries(client, path)

    for _ in range(25):
        QuestionFactory(
            trust=mine.trust, action=mine.lead_action, meeting=meeting,
            raised_by=mine.users["trustee"], include_in_pack=True,
        )  # fmt: skip
    for n in range(5):
        AppointmentFactory(
            trust=mine.trust, body=meeting.body, person=mine.people["trustee"], role="governor",
            starts_on=datetime.date(2019, 1, n + 1),
        )  # fmt: skip
    published_pack(mine, meeting=meeting)
    MeetingPaper.objects.create(
        trust=mine.trust, meeting=meeting, title="Extra", kind="pdf", original_name="x.pdf",
        file_name="meeting-papers/none.pdf", bytes=1, checksum="0" * 64,
    )  # fmt: skip

    assert page_queries(client, path) == few


def test_the_trustee_view_costs_the_same_queries_for_few_and_many_meetings(client, mine):
    client.force_login(mine.users["governor"])
    path = url(mine, "mine/")
    page_queries(client, path)
    few = page_queries(client, path)

    for days in range(20, 25):
        MeetingFactory(
            trust=mine.trust,
            body=mine.extra["local_body"],
            starts_at=timezone.now() + datetime.timedelta(days=days),
        )
    for _ in range(10):
        QuestionFactory(trust=mine.trust, action=mine.lead_action, raised_by=mine.users["governor"])

    assert page_queries(client, path) == few


# ---------------------------------------------------------------- questions on KPIs


def kpis_of(world):
    from tests.kpis.factories import KpiFactory, KpiSchoolFactory

    trust_wide = KpiFactory(trust=world.trust, name="Trust surplus")
    ours = KpiFactory(trust=world.trust, name="Attendance by school", scope="school")
    theirs = KpiFactory(trust=world.trust, name="Secondary progress", scope="school")
    KpiSchoolFactory(trust=world.trust, kpi=theirs, school=world.schools[1])
    return trust_wide, ours, theirs


def test_a_governor_raises_questions_on_their_schools_kpis_only(client, mine):
    trust_wide, ours, theirs = kpis_of(mine)
    client.force_login(mine.users["governor"])

    form = client.get(url(mine, "questions/new/")).content.decode()
    for kpi in (trust_wide, theirs):
        client.post(url(mine, "questions/new/"), {"subject": f"kpi-{kpi.pk}", "text": "Why?"})
    client.post(url(mine, "questions/new/"), {"subject": f"kpi-{ours.pk}", "text": "How?"})

    assert f"kpi-{ours.pk}" in form
    assert f"kpi-{trust_wide.pk}" not in form and f"kpi-{theirs.pk}" not in form
    assert not Question.objects.filter(text="Why?").exists()
    assert Question.objects.get(text="How?").kpi == ours


def test_the_ceo_answers_a_question_on_a_kpi_and_a_school_lead_may_not(client, mine):
    trust_wide, _, _ = kpis_of(mine)
    question = QuestionFactory(trust=mine.trust, kpi=trust_wide, raised_by=mine.users["trustee"])

    client.force_login(mine.users["school_lead"])
    refused = client.post(url(mine, f"questions/{question.pk}/answer/"), {"answer": "Lead"})
    client.force_login(mine.users["ceo"])
    listed = client.get(url(mine, "questions/to-answer/")).content.decode()
    client.post(url(mine, f"questions/{question.pk}/answer/"), {"answer": "On budget."})

    assert refused.status_code == 403
    assert "KPI: Trust surplus" in listed
    question.refresh_from_db()
    assert (question.answer, question.answered_by) == ("On budget.", mine.users["ceo"])


def test_a_withdrawn_pack_is_no_longer_offered_to_read(client, mine):
    pack = published_pack(mine, meeting=mine.extra["board_meeting"])
    pack.withdrawn_at = timezone.now()
    pack.save()
    client.force_login(mine.users["trustee"])

    mine_page = client.get(url(mine, "mine/"))
    client.post(url(mine, "read/"), {"pack": pack.pk})

    assert mine_page.context["pack"] != pack
    assert not PackRead.objects.filter(pack=pack).exists()
    client.force_login(mine.users["admin"])
    meeting_page = client.get(url(mine, f"meetings/{mine.extra['board_meeting'].pk}/"))
    assert "withdrawn" in meeting_page.content.decode()


def test_every_link_on_a_governors_own_pages_leads_somewhere_they_may_go(client, mine):
    import re

    from governance.services import decision_record
    from tests.boardpacks.factories import ready_pack

    board_meeting, local_meeting = mine.extra["board_meeting"], mine.extra["local_meeting"]
    past_board = MeetingFactory(
        trust=mine.trust,
        body=mine.extra["board"],
        starts_at=timezone.now() - datetime.timedelta(days=7),
    )
    decision_record(
        meeting=past_board, kind="plan_approved", text="", annual_plan=mine.annual_plan,
        acting_user=None,
    )  # fmt: skip
    # On the governor's school's action, but raised for a board meeting they cannot open.
    QuestionFactory(
        trust=mine.trust, action=mine.lead_action, meeting=board_meeting,
        raised_by=mine.users["trustee"],
    )  # fmt: skip
    ready_pack(mine, published=True, term=mine.terms[1], meeting=board_meeting)
    ready_pack(
        mine, published=True, term=mine.terms[1], meeting=local_meeting,
        body=mine.extra["local_body"], version=2,
    )  # fmt: skip
    client.force_login(mine.users["governor"])

    links, texts = set(), {}
    for page in ["", "mine/", "questions/"]:
        html = client.get(url(mine, page)).content.decode()
        texts[page] = html
        links |= set(re.findall(rf'href="(/t/{mine.trust.slug}/[^"#?]*)', html))

    refused = {link: client.get(link).status_code for link in sorted(links)}
    assert {link: code for link, code in refused.items() if code not in {200, 302}} == {}
    assert f"meetings/{board_meeting.pk}/" not in " ".join(links)
    assert f"meetings/{past_board.pk}/" not in " ".join(links)
    assert board_meeting.body.name in texts["questions/"]  # named, just not linked
    assert f"meetings/{local_meeting.pk}/" in " ".join(links)
    assert "Latest pack for the" in texts["mine/"]


# ---------------------------------------------------------------- a meeting's board pack


def test_the_clerk_attaches_a_rendered_pack_to_a_meeting_and_detaches_it(client, mine):
    meeting = mine.extra["board_meeting"]
    pack = published_pack(mine)
    packs_url = url(mine, f"meetings/{meeting.pk}/packs/")
    client.force_login(mine.users["admin"])

    client.post(packs_url, {"pack": pack.pk, "op": "attach"})

    pack.refresh_from_db()
    assert pack.meeting == meeting
    meeting_page = url(mine, f"meetings/{meeting.pk}/")
    assert "Download the board pack for" in client.get(meeting_page).content.decode()

    client.post(packs_url, {"pack": pack.pk, "op": "detach"})

    pack.refresh_from_db()
    assert pack.meeting is None
    assert "Download the board pack for" not in client.get(meeting_page).content.decode()


def test_a_pack_that_is_not_rendered_or_another_trusts_is_not_attached(client, mine, other):
    meeting = mine.extra["board_meeting"]
    rendering = published_pack(mine)
    type(rendering).objects.filter(pk=rendering.pk).update(status="rendering", published_at=None)
    foreign = published_pack(other)
    client.force_login(mine.users["admin"])

    for pack in (rendering, foreign):
        response = client.post(
            url(mine, f"meetings/{meeting.pk}/packs/"), {"pack": pack.pk, "op": "attach"},
            follow=True,
        )  # fmt: skip
        assert "Choose one of the trust&#x27;s rendered packs." in response.content.decode()
        pack.refresh_from_db()
        assert pack.meeting is None


def test_only_the_clerk_or_ceo_attaches_packs(client, mine):
    pack = published_pack(mine)
    client.force_login(mine.users["trustee"])

    response = client.post(
        url(mine, f"meetings/{mine.extra['board_meeting'].pk}/packs/"),
        {"pack": pack.pk, "op": "attach"},
    )

    assert response.status_code == 403
    pack.refresh_from_db()
    assert pack.meeting is None


def test_the_clerk_marks_a_meeting_as_reviewing_the_plan(client, mine):
    meeting = mine.extra["board_meeting"]
    client.force_login(mine.users["admin"])
    url = f"/t/{mine.trust.slug}/governance/meetings/{meeting.pk}/edit/"
    assert (
        "the plan&#x27;s term review is on the agenda" in client.get(url).content.decode().lower()
    )

    response = client.post(
        url,
        {
            "starts_at": timezone.localtime(meeting.starts_at).strftime("%Y-%m-%dT%H:%M"),
            "ends_at": "",
            "location": "Room 1",
            "reviews_plan": "on",
            "minutes": "",
            "agenda": "Term review",
        },
    )

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.reviews_plan is True
