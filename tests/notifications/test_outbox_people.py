"""The outbox for the people of a trust: one e-mail per person, kind, subject and period, HTML
and plain text, List-Unsubscribe on what is not essential, each person's choice of as it
happens, a daily digest or nothing; read back from a real SMTP server."""

import datetime

import pytest
from django.conf import settings

from notifications import services
from notifications.models import Delivery, EmailStatus, NotificationPreference, OutgoingEmail

pytestmark = pytest.mark.django_db(transaction=True)


def queue(world, role="school_lead", kind="question.raised", about="question:1", **values):
    user = world.users[role]
    rendered = services.email_render(
        "digest",
        {"items": [], "trust": world.trust, "notifications_link": "http://testserver/n/"},
    )
    return services.email_queue(
        trust_id=world.trust.pk,
        recipient_id=user.pk,
        to=user.email,
        kind=kind,
        about=about,
        period=values.pop("period", ""),
        subject=values.pop("subject", "A question about <b>1.1</b>"),
        body=values.pop("body", rendered.text),
        html_body=values.pop("html_body", rendered.html),
        **values,
    )


def send_all(world):
    return [
        services.email_send(email_id=pk, trust_id=world.trust.pk)
        for pk in OutgoingEmail.objects.filter(trust=world.trust, status="pending").values_list(
            "pk", flat=True
        )
    ]


def test_the_same_person_kind_subject_and_period_is_one_email_however_often_queued(mine):
    first = queue(mine, period="10-days")
    again = queue(mine, period="10-days", subject="Another subject")
    later = queue(mine, period="3-days")

    assert (first.created, again.created, later.created) == (True, False, True)
    assert OutgoingEmail.objects.filter(trust=mine.trust, kind="question.raised").count() == 2


def test_a_message_arrives_with_html_and_plain_text_and_a_one_click_unsubscribe(
    mine, smtp_server, client
):
    trust_name = '<script>alert("x")</script> & Co'
    mine.trust.name = trust_name
    mine.trust.save()
    queue(mine)

    assert send_all(mine) == ["sent"]

    message = smtp_server.wait_for("school_lead@oak.test")
    html = message.get_body(("html",)).get_content()
    text = message.get_body(("plain",)).get_content()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in html
    assert "<script>" not in html
    assert trust_name in text
    assert message["Subject"] == "A question about <b>1.1</b>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = message["List-Unsubscribe"].strip().strip("<>")
    assert link.startswith(f"{settings.SITE_URL}/unsubscribe/")

    path = link.removeprefix(settings.SITE_URL)
    assert "Stop these e-mails" in client.get(path).content.decode()
    # What a mail program sends for a one-click unsubscribe: no session, no form of ours.
    response = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert (
        NotificationPreference.objects.get(
            trust=mine.trust, user=mine.users["school_lead"], kind="question.raised"
        ).delivery
        == Delivery.OFF
    )
    assert queue(mine, about="question:2").status == EmailStatus.OFF


def test_an_unsubscribe_link_that_was_tampered_with_is_not_found(mine, client):
    email = queue(mine)
    token = services.unsubscribe_token(email)

    assert client.get(f"/unsubscribe/{token}x/").status_code == 404
    assert client.post(f"/unsubscribe/{token[:-3]}abc/").status_code == 404
    assert not NotificationPreference.objects.exists()


def test_account_email_is_essential_and_carries_no_unsubscribe_link(mine, smtp_server):
    services.email_queue(
        trust_id=mine.trust.pk,
        key="account:password_reset:1",
        to="ceo@oak.test",
        subject="Reset your password",
        body="Follow the link.",
        kind="account.password_reset",
    )

    assert send_all(mine) == ["sent"]
    message = smtp_server.wait_for("ceo@oak.test")
    assert message["List-Unsubscribe"] is None
    assert message.get_body(("plain",)).get_content().strip() == "Follow the link."


def test_a_person_who_turned_a_kind_off_is_not_mailed_and_the_row_says_so(mine, smtp_server):
    lead = mine.users["school_lead"]
    services.preference_set(
        trust_id=mine.trust.pk, user=lead, kind="question.raised", delivery="off", acting_user=lead
    )

    email = queue(mine)

    assert email.status == EmailStatus.OFF
    assert send_all(mine) == []
    assert smtp_server.count_to(lead.email) == 0


def test_nobody_changes_another_persons_choices_and_essential_mail_cannot_be_turned_off(mine):
    lead, ceo = mine.users["school_lead"], mine.users["ceo"]

    with pytest.raises(services.ValidationError):
        services.preference_set(
            trust_id=mine.trust.pk,
            user=lead,
            kind="question.raised",
            delivery="off",
            acting_user=ceo,
        )
    with pytest.raises(services.ValidationError):
        services.preference_set(
            trust_id=mine.trust.pk, user=lead, kind="account.password_reset", delivery="off",
            acting_user=lead,
        )  # fmt: skip
    assert not NotificationPreference.objects.exists()


def test_a_daily_digest_gathers_what_waited_into_one_email_even_when_run_twice(mine, smtp_server):
    lead = mine.users["school_lead"]
    services.preference_set(
        trust_id=mine.trust.pk,
        user=lead,
        kind="question.raised",
        delivery="digest",
        acting_user=lead,
    )
    queue(
        mine, about="question:1", subject="Question on 1.1 <urgent>", link="http://testserver/q/1"
    )
    queue(mine, about="question:2", subject="Question on 1.2")
    assert send_all(mine) == []

    today = datetime.date(2026, 3, 17)
    assert services.digest_prepare(today=today) == 1
    assert services.digest_prepare(today=today) == 0
    assert send_all(mine) == ["sent"]

    message = smtp_server.wait_for(lead.email)
    assert message["Subject"] == "Your daily digest: 2 e-mails"
    html = message.get_body(("html",)).get_content()
    assert "Question on 1.1 &lt;urgent&gt;" in html and 'href="http://testserver/q/1"' in html
    assert "Question on 1.1 <urgent>" in message.get_body(("plain",)).get_content()
    assert set(
        OutgoingEmail.objects.filter(trust=mine.trust, kind="question.raised").values_list(
            "status", flat=True
        )
    ) == {EmailStatus.DIGESTED}
    # What arrives after today's digest waits for tomorrow's.
    queue(mine, about="question:3")
    assert services.digest_prepare(today=today) == 0
    assert services.digest_prepare(today=today + datetime.timedelta(days=1)) == 1
