"""Starting a trust, from the command and the service, and the CEO's first-run checklist."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from objectives.models import StrategicPlan
from onboarding.selectors import first_run_checklist
from onboarding.services import name_from_email, trust_create
from plans.models import AnnualPlan, Term
from schools.models import Invitation, Person, Role, Trust
from tests import factories as f
from tests.notifications.outbox import queued


def test_trust_create_starts_a_trust_ready_for_its_ceo(db, settings):
    settings.SITE_URL = "https://plans.example.org"
    started = trust_create(
        name="Bedfordshire East Schools Trust",
        short_name="BEST",
        slug="best",
        ceo_email="Alan.Lee@BEST.test",
        ceo_name="Alan Lee",
        first_year=2019,
    )

    trust = Trust.objects.get(slug="best")
    assert trust.label_action == "Action" and trust.term_scheme == "three"
    assert StrategicPlan.objects.get(trust=trust).span_label == "2019-22"
    plan = AnnualPlan.objects.get(trust=trust)
    assert (plan.academic_year, plan.status) == (2019, "draft")
    assert list(Term.objects.filter(annual_plan=plan).values_list("name", flat=True)) == [
        "Autumn", "Spring", "Summer",
    ]  # fmt: skip
    invitation = Invitation.objects.get(trust=trust)
    assert (invitation.email, invitation.role, invitation.invited_by) == (
        "alan.lee@best.test", Role.CEO, None,
    )  # fmt: skip
    assert Person.objects.get(trust=trust).initials == "AL"
    (message,) = queued()
    assert message.to == "alan.lee@best.test"
    assert re.search(r"https://plans\.example\.org/invitations/[\w-]+/", message.body)
    assert started.invitation == invitation


def test_a_taken_address_and_a_bad_email_are_refused_and_nothing_is_made(db):
    f.TrustFactory(slug="best")

    with pytest.raises(ValidationError) as caught:
        trust_create(name="Another", slug="BEST", ceo_email="not-an-email")

    assert set(caught.value.message_dict) == {"slug", "ceo_email"}
    assert Trust.objects.count() == 1 and not queued()


def test_the_ceos_name_defaults_from_their_address():
    assert name_from_email("alan.lee@best.test") == "Alan Lee"
    assert name_from_email("jo_smith2@x.test") == "Jo Smith"


def test_the_command_creates_the_trust_and_emails_the_ceo(db, settings):
    settings.SITE_URL = "https://plans.example.org"
    out = io.StringIO()

    call_command(
        "trust_create", name="Symphony Learning Trust", slug="symphony",
        ceo_email="ceo@symphony.test", stdout=out,
    )  # fmt: skip

    assert (
        "Created Symphony Learning Trust at https://plans.example.org/t/symphony/" in out.getvalue()
    )
    assert "Invited ceo@symphony.test as CEO" in out.getvalue()
    (message,) = queued()
    assert "https://plans.example.org/invitations/" in message.body


def test_the_command_names_the_option_that_is_wrong(db, settings):
    settings.SITE_URL = "https://plans.example.org"

    with pytest.raises(CommandError, match="--slug: An address is lower-case"):
        call_command("trust_create", name="X", slug="Not a slug!", ceo_email="a@b.test")
    assert not Trust.objects.exists()


def test_the_command_needs_the_site_address(db, settings):
    settings.SITE_URL = ""

    with pytest.raises(CommandError, match="SITE_URL"):
        call_command("trust_create", name="X", slug="x", ceo_email="a@b.test")


# The checklist -----------------------------------------------------------------------------


@pytest.fixture
def started(db):
    from schools.services import invitation_accept

    result = trust_create(
        name="New Trust", slug="new", ceo_email="ceo@new.test", ceo_name="Ceo New",
        first_year=2019,
    )  # fmt: skip
    result.ceo = invitation_accept(
        invitation=result.invitation, full_name="Ceo New", password=f.PASSWORD
    ).user
    return result


def test_a_new_trusts_checklist_has_every_step_to_do(started):
    checklist = first_run_checklist(started.trust)

    assert [s.name for s in checklist.steps] == ["labels", "schools", "people", "terms", "plan"]
    assert checklist.done_count == 0


def test_each_step_is_done_when_its_data_says_so(started):
    from onboarding.services import setup_step_confirm
    from schools.services import person_create, school_create, trust_update

    trust, ceo = started.trust, started.ceo
    trust_update(trust=trust, label_key_focus="Priority", acting_user=ceo)
    school_create(trust=trust, name="Lawnside Academy", code="LA", kind="primary", acting_user=ceo)
    person_create(trust=trust, full_name="Craig Smith", initials="CS", acting_user=ceo)
    setup_step_confirm(trust=trust, step="terms", acting_user=ceo)

    checklist = first_run_checklist(trust)

    assert [s.done for s in checklist.steps] == [True, True, True, True, False]


def test_the_checklist_shows_on_the_ceos_home_until_every_step_is_done(client, started):
    client.force_login(started.ceo)
    home = f"/t/{started.trust.slug}/"

    page = client.get(home).content.decode()
    assert "Getting started: 0 of 5 steps done" in page

    response = client.post(f"/t/{started.trust.slug}/getting-started/done/", {"step": "labels"})
    assert response["Location"] == home
    assert "Getting started: 1 of 5 steps done" in client.get(home).content.decode()


def test_the_checklist_is_the_ceos_alone(client, started):
    from schools.models import Membership

    admin = f.UserFactory()
    Membership.objects.create(trust=started.trust, user=admin, role=Role.ADMIN)
    client.force_login(admin)

    assert "Getting started" not in client.get(f"/t/{started.trust.slug}/").content.decode()


def test_only_labels_and_terms_can_be_confirmed_as_they_are(client, started):
    client.force_login(started.ceo)

    client.post(f"/t/{started.trust.slug}/getting-started/done/", {"step": "plan"})

    assert first_run_checklist(started.trust).done_count == 0
