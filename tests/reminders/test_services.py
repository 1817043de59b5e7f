"""Rating reminders walked through a term on a frozen clock, sent through a real SMTP server:
each owner gets exactly the reminders due, once, whatever beat and the broker do."""

import datetime
import re
import threading
import zoneinfo

import pytest
import time_machine
from django.conf import settings
from django.db import connection

from notifications import services as outbox
from notifications.models import OutgoingEmail
from plans.review.services import rating_propose
from reminders import selectors, services
from reminders.models import ReminderSettings, UpdateLink
from tests.boardpacks.conftest import broker_unreachable

pytestmark = pytest.mark.django_db(transaction=True)
LONDON = zoneinfo.ZoneInfo("Europe/London")


def at(day: int, hour: int = 9) -> datetime.datetime:
    return datetime.datetime(2020, 3, day, hour, 0, tzinfo=LONDON)


def beat_twice_at_once():
    """Two beat runs of the reminder task racing each other, as two beats (or a retried one)
    would."""
    results = []

    def run():
        try:
            results.append(services.reminders_prepare())
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def deliver(world):
    """What the worker does with each task the broker holds: send each e-mail due."""
    outbox.email_sweep()
    for pk in OutgoingEmail.objects.filter(trust=world.trust, status="pending").values_list(
        "pk", flat=True
    ):
        outbox.email_send(email_id=pk, trust_id=world.trust.pk)


def received_reminders(smtp_server):
    """The reminders received (the CEO is also told of the lead's proposal)."""
    return [m for m in smtp_server.received if m.subject.startswith("Spring ratings")]


def reminders_to(smtp_server, address):
    return [
        (m.subject, m.message)
        for m in received_reminders(smtp_server)
        if any(address in t for t in m.to)
    ]


def test_a_term_walked_from_eleven_days_before_to_the_day_after_reminds_each_owner_once_per_stage(
    mine, spring, smtp_server, celery_app
):
    lead, ceo = mine.users["school_lead"], mine.users["ceo"]
    action = mine.lead_action
    action.text = 'Phonics <b>catch-up</b> & "reading"'
    action.save()
    sent_by_day = {}
    # The clock ticks from each day's 9 a.m.: the broker client times out on a clock that moves.
    with time_machine.travel(at(16), tick=True) as clock:
        for day in range(16, 29):
            clock.move_to(at(day))
            if day == 17:
                # The broker is down on the day of the first reminder: rows wait for the sweep.
                with broker_unreachable(celery_app):
                    beat_twice_at_once()
                    assert (
                        OutgoingEmail.objects.filter(
                            trust=mine.trust, enqueued_at=None, kind="rating.reminder"
                        ).count()
                        == 2
                    )
                    outbox.email_sweep()
                assert received_reminders(smtp_server) == []
            else:
                beat_twice_at_once()
                clock.move_to(at(day, 10))
                deliver(mine)
            if day == 19:
                rating_propose(
                    action=action, term=spring, status="green", commentary="", acting_user=lead
                )
            sent_by_day[day] = len(received_reminders(smtp_server))

    lead_mail = reminders_to(smtp_server, lead.email)
    ceo_mail = reminders_to(smtp_server, ceo.email)
    assert [subject for subject, _ in lead_mail] == [
        "Spring ratings are due 27 March 2020: 1 waiting for your update"
    ]
    assert [subject for subject, _ in ceo_mail] == [
        "Spring ratings are due 27 March 2020: 2 waiting for your update",
        "Spring ratings are due 27 March 2020: 2 waiting for your update",
        "Spring ratings were due 27 March 2020: 2 still waiting for your update",
    ]
    # Nothing before the tenth day, the 10-day ones once the broker was back, the 3-day one on
    # the 24th and the overdue one on the 28th; nobody else in the trust was e-mailed.
    assert [sent_by_day[d] for d in (16, 17, 18, 23, 24, 27, 28)] == [0, 0, 2, 2, 3, 3, 4]
    assert {a for m in smtp_server.received for a in m.to} == {lead.email, ceo.email}
    assert list(
        OutgoingEmail.objects.filter(trust=mine.trust, recipient=ceo, kind="rating.reminder")
        .order_by("created_at")
        .values_list("period", flat=True)
    ) == ["10-days", "3-days", "overdue"]
    assert UpdateLink.objects.filter(trust=mine.trust).count() == 4

    message = lead_mail[0][1]
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert '1.1 Phonics <b>catch-up</b> & "reading"' in text
    assert "1.1 Phonics &lt;b&gt;catch-up&lt;/b&gt; &amp; &quot;reading&quot;" in html
    link = re.search(rf"{re.escape(settings.SITE_URL)}/update/[^\s\"<]+/", text).group(0)
    assert f'href="{link}"' in html
    assert f"{settings.SITE_URL}/t/oak/my-actions/" in text
    assert "works once, for 7 days" in text
    assert message["List-Unsubscribe"] is not None
    # The body held a one-click link: it is gone from the outbox once sent.
    assert "/update/" not in OutgoingEmail.objects.get(recipient=lead).body


def test_a_trusts_own_schedule_and_no_overdue_reminder_are_followed(mine, spring):
    ReminderSettings.objects.create(trust=mine.trust, days_before=[5], day_after_if_overdue=False)
    periods = {}
    for day in range(16, 31):
        result = services.reminders_prepare(today=datetime.date(2020, 3, day))
        periods[day] = result.added

    assert {day: n for day, n in periods.items() if n} == {22: 2}


def test_a_submitted_term_or_a_suspended_trust_gets_no_reminders(mine, other, spring):
    spring.status = "submitted"
    spring.save()
    other.trust.suspended_at = at(1)
    other.trust.save()

    result = services.reminders_prepare(today=datetime.date(2020, 3, 17))

    assert (result.trusts, result.added) == (0, 0)
    assert not OutgoingEmail.objects.exists()


def test_a_person_who_turned_reminders_off_is_not_emailed_but_the_ceo_sees_it_was_not_sent(
    mine, spring
):
    lead = mine.users["school_lead"]
    outbox.preference_set(
        trust_id=mine.trust.pk, user=lead, kind="rating.reminder", delivery="off", acting_user=lead
    )

    services.reminders_prepare(today=datetime.date(2020, 3, 17))

    assert OutgoingEmail.objects.get(recipient=lead).status == "off"
    report = {r.owner.name: r for r in selectors.update_report(spring, datetime.date(2020, 3, 17))}
    assert report[lead.full_name].reminders_sent == 0
    assert report[mine.users["ceo"].full_name].reminders_sent == 1


def test_remind_now_sends_one_reminder_a_day_per_person(mine, spring):
    lead = mine.users["school_lead"]
    today = datetime.date(2020, 3, 20)

    first = services.remind_now(
        term=spring, user_id=lead.pk, acting_user=mine.users["ceo"], today=today
    )
    again = services.remind_now(
        term=spring, user_id=lead.pk, acting_user=mine.users["ceo"], today=today
    )
    tomorrow = services.remind_now(
        term=spring, user_id=lead.pk, acting_user=mine.users["ceo"],
        today=today + datetime.timedelta(days=1),
    )  # fmt: skip

    assert (first, again, tomorrow) == (True, False, True)
    assert OutgoingEmail.objects.filter(recipient=lead, kind="rating.reminder").count() == 2


def test_remind_now_refuses_someone_with_nothing_to_update(mine, spring):
    with pytest.raises(services.ValidationError):
        services.remind_now(
            term=spring, user_id=mine.users["trustee"].pk, acting_user=mine.users["ceo"]
        )
    assert not OutgoingEmail.objects.exists()
