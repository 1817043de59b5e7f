"""The iCalendar writer and the private, revocable feed of a person's meetings."""

import datetime

from django.urls import reverse
from django.utils import timezone

from governance import ical, services
from governance.models import Appointment
from tests.governance.factories import AgendaItemFactory, MeetingFactory


def test_text_values_escape_commas_semicolons_backslashes_and_newlines():
    assert ical.escape_text("a,b;c\\d\ne\r\nf") == "a\\,b\\;c\\\\d\\ne\\nf"


def test_long_lines_fold_at_75_octets_without_splitting_a_character():
    line = "DESCRIPTION:" + "é" * 100  # two octets each

    folded = ical.fold(line)

    parts = folded.split("\r\n")
    assert all(len(part.encode()) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert "".join(part[1:] if i else part for i, part in enumerate(parts)) == line


def test_a_short_line_is_left_alone():
    assert ical.fold("SUMMARY:Board") == "SUMMARY:Board"


def test_a_calendar_is_crlf_text_with_utc_times():
    start = timezone.make_aware(datetime.datetime(2020, 7, 1, 18, 0))  # 17:00 UTC in summer
    text = ical.calendar(
        "Oak meetings",
        [
            ical.Event(
                uid="meeting-1@oak.trustplan",
                starts_at=start,
                ends_at=start + datetime.timedelta(hours=2),
                summary="Board, summer",
                location="Room 1; main site",
            )
        ],
        now=start,
    )

    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert "DTSTART:20200701T170000Z\r\n" in text
    assert "DTEND:20200701T190000Z\r\n" in text
    assert "SUMMARY:Board\\, summer\r\n" in text
    assert "LOCATION:Room 1\\; main site\r\n" in text


def feed_url(trust, secret: str) -> str:
    return reverse("governance_calendar_feed", args=[trust.slug, secret])


def test_the_feed_lists_the_meetings_of_the_bodies_a_person_sits_on(client, mine):
    trustee = mine.users["trustee"]
    board_meeting = mine.extra["board_meeting"]
    board_meeting.location = "Trust office, Shefford"
    board_meeting.save()
    AgendaItemFactory(trust=mine.trust, meeting=board_meeting, title="Approve the accounts")
    secret = services.calendar_link_issue(trust=mine.trust, acting_user=trustee)

    response = client.get(feed_url(mine.trust, secret))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode()
    assert body.count("BEGIN:VEVENT") == 1
    assert f"UID:meeting-{board_meeting.pk}@{mine.trust.slug}.trustplan" in body
    assert "SUMMARY:Board of trustees meeting" in body
    assert "LOCATION:Trust office\\, Shefford" in body
    assert "1. Approve the accounts" in body
    start = board_meeting.starts_at.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    assert f"DTSTART:{start}" in body
    assert mine.extra["local_meeting"].body.name not in body


def test_the_feed_leaves_out_meetings_outside_the_term_of_office(client, mine):
    trustee = mine.users["trustee"]
    Appointment.objects.filter(person=mine.people["trustee"]).update(
        ends_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    MeetingFactory(
        trust=mine.trust,
        body=mine.extra["board"],
        starts_at=timezone.now() - datetime.timedelta(days=30),
    )
    secret = services.calendar_link_issue(trust=mine.trust, acting_user=trustee)

    body = client.get(feed_url(mine.trust, secret)).content.decode()

    assert body.count("BEGIN:VEVENT") == 1  # last month's meeting, not the coming one


def test_a_governor_gets_their_local_bodys_meetings(client, mine):
    secret = services.calendar_link_issue(trust=mine.trust, acting_user=mine.users["governor"])

    body = client.get(feed_url(mine.trust, secret)).content.decode()

    assert mine.extra["local_body"].name in body
    assert mine.extra["other_local_body"].name not in body


def test_a_revoked_link_is_not_found(client, mine):
    trustee = mine.users["trustee"]
    secret = services.calendar_link_issue(trust=mine.trust, acting_user=trustee)
    assert client.get(feed_url(mine.trust, secret)).status_code == 200

    services.calendar_link_revoke(trust=mine.trust, acting_user=trustee)

    response = client.get(feed_url(mine.trust, secret))
    assert response.status_code == 404
    assert b"Board of trustees" not in response.content


def test_a_replaced_link_is_not_found(client, mine):
    trustee = mine.users["trustee"]
    old = services.calendar_link_issue(trust=mine.trust, acting_user=trustee)
    new = services.calendar_link_issue(trust=mine.trust, acting_user=trustee)

    assert client.get(feed_url(mine.trust, old)).status_code == 404
    assert client.get(feed_url(mine.trust, new)).status_code == 200


def test_wrong_secrets_and_other_trusts_reveal_nothing(client, mine, other):
    secret = services.calendar_link_issue(trust=mine.trust, acting_user=mine.users["trustee"])

    for url in [
        feed_url(mine.trust, "x" * 43),
        feed_url(mine.trust, secret[:-1]),
        feed_url(other.trust, secret),
        f"/calendar/{mine.trust.slug}/.ics",
        f"/calendar/no-such-trust/{secret}.ics",
    ]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert mine.trust.name.encode() not in response.content
    assert client.post(feed_url(mine.trust, secret)).status_code == 405


def test_a_link_stops_working_when_the_membership_ends(client, mine):
    trustee = mine.users["trustee"]
    secret = services.calendar_link_issue(trust=mine.trust, acting_user=trustee)
    trustee.memberships.update(is_active=False)

    assert client.get(feed_url(mine.trust, secret)).status_code == 404


def test_only_a_digest_of_the_secret_is_stored(mine):
    from governance.models import CalendarToken

    secret = services.calendar_link_issue(trust=mine.trust, acting_user=mine.users["trustee"])

    token = CalendarToken.objects.get(trust=mine.trust)
    assert secret not in token.digest
    assert token.digest == services.calendar_digest(secret)


def test_the_calendar_page_shows_a_new_link_once_and_revokes_it(client, mine):
    client.force_login(mine.users["trustee"])
    page = f"/t/{mine.trust.slug}/governance/calendar/"

    response = client.post(page, {"op": "issue"}, follow=True)
    body = response.content.decode()
    assert "/calendar/oak/" in body and ".ics" in body
    again = client.get(page).content.decode()
    assert ".ics" not in again
    assert "You have a live calendar link" in again

    client.post(page, {"op": "revoke"})
    assert "You have no live calendar link" in client.get(page).content.decode()
