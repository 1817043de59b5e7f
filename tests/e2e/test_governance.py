"""A trustee's governance papers in the browser: sign in, open the next meeting, download its
board pack, raise a question; axe-core on every trustee page."""

import datetime
import hashlib
import re
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from boardpacks.models import BoardPack
from governance.models import PackRead, Question
from tests import factories as f
from tests.e2e.conftest import axe_violations
from tests.governance import files
from tests.governance.factories import next_pack_version

pytestmark = pytest.mark.e2e


def attach_published_pack(world, meeting) -> BoardPack:
    """A published pack for the meeting, with a small real PDF where packs are stored; each
    pack's file differs (a comment after the end), so a download shows which pack it was."""
    content = files.PDF + f"% pack {uuid.uuid4().hex}\n".encode()
    pack = BoardPack.objects.create(
        trust=world.trust,
        annual_plan=world.annual_plan,
        term=world.terms[0],
        version=next_pack_version(world.trust, world.terms[0]),
        meeting=meeting,
        status="ready",
        progress=100,
        file_name=f"{world.trust.pk}/{uuid.uuid4().hex}.pdf",
        pages=1,
        bytes=len(content),
        checksum=hashlib.sha256(content).hexdigest(),
        published_at=timezone.now(),
    )
    path = stored_pack_path(pack)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return pack


def stored_bytes(pack: BoardPack) -> bytes:
    return stored_pack_path(pack).read_bytes()


def stored_pack_path(pack: BoardPack) -> Path:
    """Where the board packs app looks for a pack's file (its own helper, when it has one)."""
    try:
        from boardpacks.services import pack_path
    except ImportError:
        return Path(settings.PRIVATE_MEDIA_ROOT) / pack.file_name
    return pack_path(pack)


def test_a_trustee_opens_the_next_meeting_downloads_its_pack_and_raises_a_question(
    page, two_trusts
):
    mine, _ = two_trusts
    meeting = mine.extra["board_meeting"]
    pack = attach_published_pack(mine, meeting)
    elsewhere = attach_published_pack(mine, mine.extra["local_meeting"])
    trustee = mine.users["trustee"]

    page.goto("/sign-in/")
    page.get_by_label("E-mail address").fill(trustee.email)
    page.get_by_role("button", name="Continue").click()  # e-mail first, then the password
    page.get_by_label("Password").fill(f.PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url(f"**/t/{mine.trust.slug}/")

    page.get_by_role("link", name="Governance", exact=True).click()
    page.wait_for_url("**/governance/")
    assert axe_violations(page) == []
    page.screenshot(path="/tmp/governance-home.png", full_page=True)

    page.get_by_role("link", name="My papers").click()
    assert page.get_by_role("heading", level=1).inner_text() == "My governance papers"
    assert axe_violations(page) == []
    page.screenshot(path="/tmp/governance-mine.png", full_page=True)

    page.get_by_role("link", name=re.compile(r"^Board of trustees: ")).first.click()
    page.wait_for_url(f"**/governance/meetings/{meeting.pk}/")
    assert axe_violations(page) == []

    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("Download the board pack")).click()
    download = download_info.value
    downloaded = Path(download.path()).read_bytes()
    assert downloaded == stored_bytes(pack) != stored_bytes(elsewhere)  # this meeting's pack
    assert download.suggested_filename.endswith(".pdf")

    page.get_by_role("button", name=re.compile("Mark as read")).click()
    expect(page.get_by_text("You read this on")).to_be_visible()
    assert PackRead.objects.filter(pack=pack, user=trustee).exists()
    page.screenshot(path="/tmp/governance-meeting.png", full_page=True)

    page.get_by_role("link", name="Raise a question for this meeting").click()
    assert axe_violations(page) == []
    page.get_by_label("About").select_option(f"action-{mine.lead_action.pk}")
    page.get_by_label("Your question").fill("What will show that this action is working?")
    page.get_by_role("button", name="Raise the question").click()
    page.wait_for_url(f"**/governance/meetings/{meeting.pk}/")

    expect(page.get_by_text("What will show that this action is working?")).to_be_visible()
    question = Question.objects.get(text="What will show that this action is working?")
    assert (question.raised_by, question.meeting, question.action) == (
        trustee,
        meeting,
        mine.lead_action,
    )


@pytest.mark.parametrize(
    "path",
    ["", "mine/", "questions/", "questions/new/", "calendar/", "reviews/", "appointments/ending/"],
)
def test_trustee_pages_pass_axe(page, sign_in, two_trusts, path):
    mine, _ = two_trusts
    attach_published_pack(mine, mine.extra["board_meeting"])
    sign_in(mine.users["trustee"])

    page.goto(f"/t/{mine.trust.slug}/governance/{path}")

    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert axe_violations(page) == []


def test_the_calendar_link_is_made_and_revoked_by_keyboard_and_passes_axe(
    page, sign_in, two_trusts, live_server, settings
):
    mine, _ = two_trusts
    settings.SITE_URL = live_server.url  # links are built from the site's address
    sign_in(mine.users["governor"])
    page.goto(f"/t/{mine.trust.slug}/governance/calendar/")

    page.get_by_role("button", name="Make a calendar link").focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    link = page.get_by_label("Calendar link").input_value()
    assert re.search(rf"/calendar/{mine.trust.slug}/[\w-]+\.ics$", link)
    assert axe_violations(page) == []
    page.screenshot(path="/tmp/governance-calendar.png", full_page=True)

    feed = page.request.get(link)
    assert feed.status == 200
    assert "BEGIN:VCALENDAR" in feed.text()
    page.get_by_role("button", name="Revoke the link").click()
    page.wait_for_load_state()
    assert page.request.get(link).status == 404


def test_the_clerk_records_the_plans_approval_and_sees_who_read_the_pack(page, sign_in, two_trusts):
    from tests.governance.factories import MeetingFactory

    mine, _ = two_trusts
    # A decision is recorded after the meeting: a board meeting of last week.
    meeting = MeetingFactory(
        trust=mine.trust,
        body=mine.extra["board"],
        starts_at=timezone.now() - datetime.timedelta(days=7),
    )
    pack = attach_published_pack(mine, meeting)
    PackRead.objects.create(trust=mine.trust, pack=pack, user=mine.users["trustee"])
    sign_in(mine.users["admin"])
    base = f"/t/{mine.trust.slug}/governance"

    for path in ["meetings/new/", f"meetings/{meeting.pk}/papers/new/", "reviews/new/"]:
        page.goto(f"{base}/{path}")
        assert axe_violations(page) == [], path

    page.goto(f"{base}/meetings/{meeting.pk}/")
    expect(page.get_by_text("Read by 1 of 1 seat holders.")).to_be_visible()
    page.get_by_role("link", name="Record a decision").click()
    assert axe_violations(page) == []
    page.get_by_label("Kind of decision").select_option("plan_approved")
    page.get_by_label("Annual plan approved").select_option(str(mine.annual_plan.pk))
    page.get_by_role("button", name="Record the decision").click()
    page.wait_for_url(f"**/meetings/{meeting.pk}/")

    expect(page.get_by_text("The 2019-20 annual action plan was approved.").first).to_be_visible()
    mine.annual_plan.refresh_from_db()
    assert mine.annual_plan.status == "approved"
    assert axe_violations(page) == []
    page.screenshot(path="/tmp/governance-clerk-meeting.png", full_page=True)


def test_the_clerks_pages_and_the_answer_page_pass_axe(page, sign_in, two_trusts):
    mine, _ = two_trusts
    attach_published_pack(mine, mine.extra["board_meeting"])
    base = f"/t/{mine.trust.slug}/governance"
    local, meeting = mine.extra["local_body"], mine.extra["local_meeting"]
    failures = {}

    def check(path: str) -> None:
        response = page.goto(f"{base}/{path}")
        assert response.status == 200, path
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        if violations := axe_violations(page):
            failures[path] = violations

    sign_in(mine.users["admin"])
    for path in [
        f"bodies/{local.pk}/",
        "bodies/new/",
        f"bodies/{local.pk}/edit/",
        f"bodies/{local.pk}/appointments/new/",
        f"appointments/{mine.extra['governor_seat'].pk}/edit/",
        f"meetings/{meeting.pk}/edit/",
        f"meetings/{mine.extra['board_meeting'].pk}/packs/",
    ]:
        check(path)
    sign_in(mine.users["school_lead"])
    check(f"questions/{mine.extra['lead_question'].pk}/answer/")

    assert failures == {}
