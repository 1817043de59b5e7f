"""The reminder task through a real Celery worker and a real SMTP server."""

import datetime
import time

import pytest
from django.utils import timezone

from notifications.models import OutgoingEmail
from plans.models import Term

pytestmark = pytest.mark.django_db(transaction=True)


def test_beat_sending_the_reminder_task_twice_mails_each_owner_once_through_the_worker(
    mine, spring, smtp_server, celery_app, celery_worker
):
    Term.objects.filter(pk=spring.pk).update(
        rating_deadline=timezone.localdate() + datetime.timedelta(days=10)
    )

    first = celery_app.send_task("reminders.run").get(timeout=60)
    second = celery_app.send_task("reminders.run").get(timeout=60)

    assert (first["added"], second["added"]) == (2, 0)
    lead = smtp_server.wait_for(mine.users["school_lead"].email)
    smtp_server.wait_for(mine.users["ceo"].email)
    assert "1 waiting for your update" in lead["Subject"]
    assert smtp_server.count_to(mine.users["school_lead"].email) == 1
    reminders = OutgoingEmail.objects.filter(trust=mine.trust, kind="rating.reminder")
    deadline = time.monotonic() + 10
    while reminders.exclude(status="sent").exists() and time.monotonic() < deadline:
        time.sleep(0.1)  # the worker marks a row sent just after the server accepts it
    assert set(reminders.values_list("status", flat=True)) == {"sent"}
