import pytest
from django.core.management import call_command
from django.utils import timezone

from governance.models import Appointment, Body, Decision, Meeting, Question
from plans.models import AnnualPlan, Term
from schools.models import Trust
from trustplan.core.permissions import Perms


@pytest.fixture
def demo(db):
    call_command("demo", password="demo pass phrase", verbosity=0)


def test_each_demo_trust_has_its_governance_a_year_of_meetings_an_approval_and_questions(demo):
    for slug in ["best", "symphony"]:
        trust = Trust.objects.get(slug=slug)
        kinds = set(Body.objects.for_trust(trust).values_list("kind", flat=True))
        assert kinds == {"members", "board", "committee", "local", "executive"}
        assert Appointment.objects.for_trust(trust).filter(role="clerk").exists()
        days = sorted(m.starts_at.date() for m in Meeting.objects.for_trust(trust))
        assert len(days) >= 15
        assert (days[-1] - days[0]).days >= 270
        approval = Decision.objects.get(trust=trust, kind="plan_approved")
        plan = AnnualPlan.objects.get(pk=approval.annual_plan_id)
        assert plan.status == "approved"
        assert plan.approved_on == timezone.localtime(approval.meeting.starts_at).date()
        assert approval.meeting.body.kind == "board"
        assert Question.objects.for_trust(trust).count() >= 2
        noted = Term.objects.get(trust=trust, annual_plan=plan, name="Autumn")
        assert noted.status == "noted" and noted.noted_at is not None


def test_the_demo_governor_reads_only_their_schools_local_body(demo):
    from governance.selectors import governance_reach

    trust = Trust.objects.get(slug="best")
    governor = trust_membership(trust, "governor")
    reach = governance_reach(Perms(governor))

    names = set(Body.objects.filter(pk__in=reach.body_ids).values_list("name", flat=True))
    assert names == {"Lawnside Academy Local Governing Body"}


def trust_membership(trust, role):
    from schools.models import Membership

    return Membership.objects.select_related("person", "trust").get(trust=trust, role=role)
