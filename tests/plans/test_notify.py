"""The term's events e-mailed through the outbox: a proposal tells the CEO, a submitted term
the trustees."""

from django.db.models import F

from notifications.models import OutgoingEmail
from plans.models import RagRating
from plans.review.services import rating_propose, term_submit


def test_a_proposal_sent_tells_the_ceo_once_per_proposal(mine):
    lead = mine.users["school_lead"]
    term = mine.terms[0]
    version = RagRating.objects.get(action=mine.lead_action, term=term).version

    rating = rating_propose(
        action=mine.lead_action, term=term, status="amber", commentary="Staff <absence>",
        acting_user=lead, expected_version=version,
    )  # fmt: skip
    rating_propose(
        action=mine.lead_action, term=term, status="amber", commentary="Staff <absence>",
        acting_user=lead, expected_version=rating.version,
    )  # fmt: skip

    email = OutgoingEmail.objects.get(trust=mine.trust, kind="rating.proposed")
    assert email.to == mine.users["ceo"].email
    assert email.subject == f"{lead.full_name} proposed an Autumn rating for 1.1"
    assert "Staff &lt;absence&gt;" in email.html_body
    assert f"/t/oak/terms/{term.pk}/rate/" in email.body


def test_a_submitted_term_tells_the_trustees(mine):
    term = mine.terms[0]
    RagRating.objects.filter(term=term).update(commentary="Said.", commentary_for=F("status"))

    term_submit(term=term, acting_user=mine.users["ceo"])

    assert list(
        OutgoingEmail.objects.filter(trust=mine.trust, kind="term.submitted").values_list(
            "to", "subject"
        )
    ) == [(mine.users["trustee"].email, "Autumn 2019-20 review submitted to the board")]
