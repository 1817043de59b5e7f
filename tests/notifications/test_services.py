"""The e-mail outbox, against a real SMTP server: one row per message and recipient, sent
after commit, marked when sent, retried alone."""

import datetime

import pytest
from celery.signals import before_task_publish
from django.db import transaction
from django.utils import timezone

from notifications import services
from notifications.models import ERASED_BODY, EmailStatus, OutgoingEmail


@pytest.fixture
def sent_tasks():
    sent = []

    def record(sender=None, body=None, **kwargs):
        sent.append((sender, list(body[0])))

    before_task_publish.connect(record)
    yield sent
    before_task_publish.disconnect(record)


def queue(world, address, key=None, **values):
    return services.email_queue(
        trust_id=world.trust.pk,
        key=key or f"test:{address}",
        to=address,
        subject=values.pop("subject", "Board pack published"),
        body=values.pop("body", "Read it after signing in."),
        kind="test",
        **values,
    )


def send_all(world):
    return [
        services.email_send(email_id=pk, trust_id=world.trust.pk)
        for pk in OutgoingEmail.objects.filter(trust=world.trust).values_list("pk", flat=True)
    ]


def due_now(world):
    OutgoingEmail.objects.filter(trust=world.trust, status="pending").update(
        next_attempt_at=timezone.now()
    )


ADDRESSES = ["ruth@oak.test", "simon@oak.test", "gone@oak.test", "hannah@oak.test"]


def test_one_refused_address_is_given_up_alone_and_nobody_else_is_mailed_again(mine, smtp_server):
    smtp_server.refuse("gone@oak.test")
    for address in ADDRESSES:
        queue(mine, address)

    first = send_all(mine)
    due_now(mine)
    again = send_all(mine) + send_all(mine)

    assert sorted(first) == ["failed", "sent", "sent", "sent"]
    assert set(again) == {"skipped"}
    assert [smtp_server.count_to(a) for a in ADDRESSES] == [1, 1, 0, 1]
    refused = OutgoingEmail.objects.get(trust=mine.trust, to="gone@oak.test")
    assert refused.status == EmailStatus.FAILED
    assert "550" in refused.last_error
    assert OutgoingEmail.objects.filter(trust=mine.trust, status="sent").count() == 3


def test_a_mail_server_that_stops_mid_batch_gets_each_message_exactly_once_when_back(
    mine, smtp_server, sent_tasks
):
    for address in ADDRESSES:
        queue(mine, address)
    emails = list(OutgoingEmail.objects.filter(trust=mine.trust).order_by("pk"))

    assert services.email_send(email_id=emails[0].pk, trust_id=mine.trust.pk) == "sent"
    smtp_server.stop()
    down = [services.email_send(email_id=e.pk, trust_id=mine.trust.pk) for e in emails[1:]]
    waiting = OutgoingEmail.objects.filter(trust=mine.trust, status="pending")
    retries = [name for name, _ in sent_tasks if name == "notifications.send_email"]
    smtp_server.start()
    due_now(mine)
    back = send_all(mine) + send_all(mine)

    assert down == ["retry", "retry", "retry"]
    assert waiting.count() == 0  # all sent once the server was back
    assert len(retries) == 3  # each failed message asked for its own retry
    assert sorted(back).count("sent") == 3
    assert [smtp_server.count_to(a) for a in ADDRESSES] == [1, 1, 1, 1]


def test_a_failed_try_waits_longer_each_time_and_gives_up_after_the_last(mine, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 1
    email = queue(mine, "ruth@oak.test")
    delays, outcomes = [], []

    for _ in range(services.MAX_ATTEMPTS):
        due_now(mine)
        before = timezone.now()
        outcomes.append(services.email_send(email_id=email.pk, trust_id=mine.trust.pk))
        email.refresh_from_db()
        delays.append((email.next_attempt_at - before).total_seconds())

    assert outcomes == ["retry"] * (services.MAX_ATTEMPTS - 1) + ["failed"]
    assert delays[:-1] == sorted(delays[:-1]) and delays[0] >= 29
    assert (email.status, email.attempts) == (EmailStatus.FAILED, services.MAX_ATTEMPTS)


def test_queueing_the_same_key_again_is_the_same_email(mine):
    first = queue(mine, "ruth@oak.test", key="pack:1:user:7")
    second = queue(mine, "ruth@oak.test", key="pack:1:user:7")

    assert (first.created, second.created) == (True, False)
    assert OutgoingEmail.objects.filter(trust=mine.trust).count() == 1


@pytest.mark.django_db(transaction=True)
def test_an_email_is_sent_to_the_broker_only_after_its_transaction_commits(two_trusts, sent_tasks):
    mine, _ = two_trusts
    with pytest.raises(RuntimeError), transaction.atomic():
        queue(mine, "ruth@oak.test")
        raise RuntimeError("roll back")
    with transaction.atomic():
        email = queue(mine, "simon@oak.test")
        assert sent_tasks == []

    assert sent_tasks == [("notifications.send_email", [email.pk, mine.trust.pk])]
    assert list(OutgoingEmail.objects.values_list("to", flat=True)) == ["simon@oak.test"]


def test_an_email_of_another_trust_is_not_sent_by_this_trusts_id(mine, other, smtp_server):
    email = queue(other, "ruth@elm.test")

    assert services.email_send(email_id=email.pk, trust_id=mine.trust.pk) == "skipped"
    assert smtp_server.received == []


def test_a_line_break_in_a_name_never_reaches_the_subject_header(mine, smtp_server):
    email = queue(mine, "ruth@oak.test", subject="Pack for Oak\r\nBcc: everyone@example.org")

    assert services.email_send(email_id=email.pk, trust_id=mine.trust.pk) == "sent"
    (message,) = smtp_server.received
    assert message.subject == "Pack for Oak Bcc: everyone@example.org"
    assert message.to == ["ruth@oak.test"]


def test_a_secret_link_is_erased_from_the_row_once_sent(mine, smtp_server):
    email = queue(
        mine, "ruth@oak.test", body="Join: /invitations/s3cret/", erase_body_when_sent=True
    )

    services.email_send(email_id=email.pk, trust_id=mine.trust.pk)

    email.refresh_from_db()
    assert "s3cret" in smtp_server.received[0].body
    assert email.body == ERASED_BODY


def test_the_sweep_takes_back_an_email_whose_worker_died_and_resends_what_is_due(mine, sent_tasks):
    old = timezone.now() - datetime.timedelta(hours=1)
    stuck = queue(mine, "ruth@oak.test")
    lost = queue(mine, "simon@oak.test")
    fresh = queue(mine, "hannah@oak.test")
    OutgoingEmail.objects.filter(pk=stuck.pk).update(status="sending", claimed_at=old, attempts=1)
    OutgoingEmail.objects.filter(pk=lost.pk).update(created_at=old, next_attempt_at=old)

    result = services.email_sweep()

    assert result.released == 1
    sent = sorted(args[0] for name, args in sent_tasks if name == "notifications.send_email")
    assert sent == sorted([stuck.pk, lost.pk])  # the just-queued one is its own sender's
    assert fresh.pk not in sent
    assert OutgoingEmail.objects.get(pk=stuck.pk).status == "pending"
