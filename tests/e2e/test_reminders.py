"""A reminder's one-click link in the browser: from the e-mail to a saved update in three
interactions, then refused for anything else, after use and after expiry."""

import datetime
import re

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from notifications import services as outbox
from notifications.models import OutgoingEmail
from plans.models import RagRating, Term, TermStatus
from reminders import services
from tests.e2e.conftest import axe_violations

pytestmark = pytest.mark.e2e


def reminder_link(world, smtp_server, address) -> str:
    for pk in OutgoingEmail.objects.filter(trust=world.trust, status="pending").values_list(
        "pk", flat=True
    ):
        outbox.email_send(email_id=pk, trust_id=world.trust.pk)
    text = smtp_server.wait_for(address).get_body(("plain",)).get_content()
    return re.search(r"https?://\S+/update/\S+/", text).group(0)


def test_a_reminders_link_leads_to_a_saved_update_in_three_interactions_and_nothing_else(
    page, mine, smtp_server, live_server, settings, tmp_path
):
    settings.SITE_URL = live_server.url
    autumn, spring = mine.terms
    Term.objects.filter(pk=autumn.pk).update(status=TermStatus.SUBMITTED)
    spring.refresh_from_db()
    lead = mine.users["school_lead"]
    services.reminders_prepare(today=spring.rating_deadline - datetime.timedelta(days=10))
    link = reminder_link(mine, smtp_server, lead.email)
    assert link.startswith(live_server.url)
    interactions = []
    action = mine.lead_action

    interactions.append("open the e-mail's link")
    page.goto(link)
    expect(page.get_by_role("heading", name="My actions", exact=True)).to_be_visible()
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=tmp_path / "one-click-page.png", full_page=True)
    wide = page.evaluate(
        "[...document.querySelectorAll('body *')]"
        ".filter(e => e.getBoundingClientRect().right > 391)"
        ".map(e => e.tagName + '.' + e.className + '#' + e.id).slice(0, 5)"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, wide
    interactions.append("choose a rating")
    page.get_by_label(f"Proposed Spring rating for {action.full_reference}").select_option("green")
    interactions.append("send the proposal")
    page.get_by_role("button", name=f"Send proposal for {action.full_reference}").click()

    expect(
        page.get_by_text(f"Proposal for {action.full_reference} sent to the CEO.")
    ).to_be_visible()
    page.screenshot(path=tmp_path / "saved.png", full_page=True)
    assert len(interactions) <= 3
    rating = RagRating.objects.get(action=action, term=spring)
    assert (rating.proposed_status, rating.proposed_by) == ("green", lead)

    # Anything but the update pages asks for a full sign-in.
    page.goto("/t/oak/plan/")
    expect(page).to_have_url(re.compile(r"/sign-in/\?next=/t/oak/plan/"))
    expect(page.get_by_text("opens only your actions")).to_be_visible()
    page.screenshot(path=tmp_path / "elsewhere.png", full_page=True)
    # Used once: the same link is refused.
    page.goto(link)
    expect(page.get_by_role("heading", name="This link cannot be used")).to_be_visible()
    page.screenshot(path=tmp_path / "used.png", full_page=True)

    # A fresh reminder's link, opened eight days later, has expired.
    RagRating.objects.filter(action=action, term=spring).update(proposed_status="")
    smtp_server.handler.received.clear()
    services.remind_now(term=spring, user_id=lead.pk, acting_user=mine.users["ceo"])
    fresh = reminder_link(mine, smtp_server, lead.email)
    assert fresh != link
    with time_machine.travel(timezone.now() + datetime.timedelta(days=8), tick=True):
        page.goto(fresh)
        expect(page.get_by_role("heading", name="This link cannot be used")).to_be_visible()
        assert axe_violations(page) == []
    print(f"screenshots in {tmp_path}")
