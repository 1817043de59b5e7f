"""Governance's events e-mailed through the outbox and read back from a real SMTP server."""

import datetime

import pytest
from django.utils import timezone

from governance import notify, services
from notifications import services as outbox
from notifications.models import OutgoingEmail
from tests.governance.files import pdf_upload

pytestmark = pytest.mark.django_db(transaction=True)


def send_all(world):
    for pk in OutgoingEmail.objects.filter(trust=world.trust, status="pending").values_list(
        "pk", flat=True
    ):
        outbox.email_send(email_id=pk, trust_id=world.trust.pk)


def recipients(world, kind):
    return sorted(
        OutgoingEmail.objects.filter(trust=world.trust, kind=kind).values_list("to", flat=True)
    )


def test_a_question_raised_tells_the_actions_owner_and_its_answer_tells_whoever_asked(
    mine, smtp_server
):
    trustee, lead = mine.users["trustee"], mine.users["school_lead"]

    question = services.question_raise(
        subject=mine.lead_action, text="Why <is> phonics behind?", acting_user=trustee
    )
    send_all(mine)
    services.question_answer(question=question, answer="Staff & cover.", acting_user=lead)
    send_all(mine)

    assert recipients(mine, "question.raised") == [lead.email]
    assert recipients(mine, "question.answered") == [trustee.email]
    asked = smtp_server.wait_for(lead.email)
    assert asked["Subject"] == f"{trustee.full_name} asked a question about action 1.1"
    assert "Why &lt;is&gt; phonics behind?" in asked.get_body(("html",)).get_content()
    assert (
        f"/t/oak/governance/questions/{question.pk}/answer/"
        in asked.get_body(("plain",)).get_content()
    )
    answered = smtp_server.wait_for(trustee.email)
    assert "Staff &amp; cover." in answered.get_body(("html",)).get_content()
    assert answered["List-Unsubscribe"] is not None


def test_a_question_on_an_objective_goes_to_the_ceo(mine):
    services.question_raise(
        subject=mine.objectives[0], text="How is this measured?", acting_user=mine.users["trustee"]
    )

    assert recipients(mine, "question.raised") == [mine.users["ceo"].email]


def test_papers_added_tell_the_bodys_members_once_a_day_whoever_adds_how_many(
    mine, settings, tmp_path
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    meeting = mine.extra["board_meeting"]

    for name in ["finance.pdf", "risk.pdf"]:
        services.paper_upload(
            meeting=meeting, title="", upload=pdf_upload(name), acting_user=mine.users["ceo"]
        )

    # The board's seats: the trustee (chair) and the administrator (clerk).
    assert recipients(mine, "meeting.papers") == sorted(
        [mine.users["trustee"].email, mine.users["admin"].email]
    )


def test_a_term_of_office_ending_within_sixty_days_tells_the_clerk_and_the_ceo_once(mine, other):
    seat = mine.extra["governor_seat"]
    seat.ends_on = timezone.localdate() + datetime.timedelta(days=45)
    seat.save()

    first = notify.appointments_ending()
    again = notify.appointments_ending()

    assert (first, again) == (2, 0)
    assert recipients(mine, "appointment.ending") == sorted(
        [mine.users["admin"].email, mine.users["ceo"].email]
    )
    assert not OutgoingEmail.objects.filter(trust=other.trust).exists()
