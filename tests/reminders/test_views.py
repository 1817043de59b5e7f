"""The one-click update link, the CEO's update report and remind now, the reminder settings."""

import datetime
import re

import pytest
import time_machine
from django.utils import timezone

from notifications.models import OutgoingEmail
from plans.models import RagRating
from reminders import links, services
from reminders.models import ReminderSettings, UpdateLink

pytestmark = pytest.mark.django_db(transaction=True)


def link_for(world, term, role="school_lead"):
    link, token = links.new_link(
        trust_id=world.trust.pk, user_id=world.users[role].pk, term_id=term.pk
    )
    link.save()
    return token


def propose(client, token, action, status="green"):
    return client.post(
        f"/update/{token}/actions/{action.pk}/",
        {
            f"a{action.pk}-status": status,
            f"a{action.pk}-commentary": "",
            f"a{action.pk}-version": 0,
        },
    )


def test_the_link_shows_the_persons_update_page_without_using_it(client, mine, spring):
    token = link_for(mine, spring)

    response = client.get(f"/update/{token}/")

    body = response.content.decode()
    assert response.status_code == 200
    assert f"/update/{token}/actions/{mine.lead_action.pk}/" in body
    assert f"actions/{mine.other_action.pk}/" not in body
    assert "Sign in for everything else" in body
    assert UpdateLink.objects.get().used_at is None
    assert "_auth_user_id" not in client.session


def test_a_proposal_from_the_link_is_saved_the_link_used_and_the_session_kept_to_updates(
    client, mine, spring
):
    token = link_for(mine, spring)

    response = propose(client, token, mine.lead_action)

    assert response.status_code == 302
    assert response["Location"].startswith("/t/oak/my-actions/")
    rating = RagRating.objects.get(action=mine.lead_action, term=spring)
    assert (rating.proposed_status, rating.proposed_by) == ("green", mine.users["school_lead"])
    assert UpdateLink.objects.get().used_at is not None
    assert client.get("/t/oak/my-actions/").status_code == 200
    # Anything else asks for a full sign-in, and the limited session ends.
    elsewhere = client.get("/t/oak/plan/")
    assert elsewhere.status_code == 302 and elsewhere["Location"].startswith("/sign-in/")
    assert client.get("/t/oak/my-actions/").status_code == 302
    # Used once: the same link is refused, and saves nothing more.
    again = propose(client, token, mine.lead_action, status="red")
    assert again.status_code == 404
    assert "This link cannot be used" in client.get(f"/update/{token}/").content.decode()
    assert RagRating.objects.get(action=mine.lead_action, term=spring).proposed_status == "green"


def test_an_expired_or_altered_link_is_refused_and_names_no_trust(client, mine, spring):
    token = link_for(mine, spring)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=7, minutes=1)):
        expired = client.get(f"/update/{token}/")
    altered = client.get(f"/update/{token[:-2]}xx/")

    for response in (expired, altered):
        assert response.status_code == 404
        assert "Oak" not in response.content.decode()
    assert propose(client, token[:-2] + "xx", mine.lead_action).status_code == 404
    assert not RagRating.objects.filter(term=spring).exists()


def test_the_link_saves_nothing_for_an_action_the_person_does_not_own(client, mine, spring):
    token = link_for(mine, spring)

    response = propose(client, token, mine.other_action)

    assert response.status_code == 404
    assert not RagRating.objects.filter(term=spring).exists()
    assert UpdateLink.objects.get().used_at is None


def test_a_role_that_must_use_a_second_factor_signs_in_fully_from_the_link(client, mine, spring):
    token = link_for(mine, spring, role="ceo")

    response = client.get(f"/update/{token}/")
    posted = propose(client, token, mine.actions[1])

    assert response.status_code == 302
    assert response["Location"] == "/sign-in/?next=/t/oak/my-actions/"
    assert posted.status_code == 302 and posted["Location"].startswith("/sign-in/")
    assert UpdateLink.objects.get().used_at is None
    assert not RagRating.objects.filter(term=spring).exists()


def test_the_ceos_update_report_shows_each_owner_and_remind_now_sends_once_a_day(
    client, mine, spring
):
    client.force_login(mine.users["ceo"])
    lead = mine.people["school_lead"]

    page = client.get("/t/oak/updates/").content.decode()
    first = client.post(f"/t/oak/updates/{lead.pk}/remind/", follow=True).content.decode()
    again = client.post(f"/t/oak/updates/{lead.pk}/remind/", follow=True).content.decode()

    assert re.search(rf"{lead.full_name}</th>\s*<td>0 of 1</td>\s*<td>1.1</td>", page)
    assert f"A reminder is on its way to {lead.full_name}." in first
    assert "Reminded today" in first
    assert "already reminded today" in again
    assert OutgoingEmail.objects.filter(recipient=lead.user, kind="rating.reminder").count() == 1


def test_the_reminder_settings_save_a_schedule_and_refuse_a_bad_one(client, mine):
    client.force_login(mine.users["admin"])
    url = "/t/oak/setup/reminders/"

    saved = client.post(url, {"days_before": "14, 7, 1", "pack_days_before": "5"})
    refused = client.post(url, {"days_before": "0", "pack_days_before": "5"})

    assert saved.status_code == 302
    schedule = ReminderSettings.objects.get(trust=mine.trust)
    assert (schedule.days_before, schedule.day_after_if_overdue, schedule.pack_days_before) == (
        [14, 7, 1], False, 5,
    )  # fmt: skip
    assert refused.status_code == 200
    assert ReminderSettings.objects.get(trust=mine.trust).days_before == [14, 7, 1]


def test_the_home_page_shows_what_waits_for_the_reader(client, mine, spring):
    services.remind_now(term=spring, user_id=mine.users["school_lead"].pk, acting_user=None)
    client.force_login(mine.users["school_lead"])

    body = client.get("/t/oak/").content.decode()

    assert "Waiting for you" in body
    assert re.search(r"<strong>1</strong> action to update: <a href=\"/t/oak/my-actions/\">", body)
    assert "/t/oak/notifications/" in body
