import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from plans.models import Term
from schools.models import Invitation, Membership, Person, Role, School
from tests import factories as f
from tests.notifications.outbox import last_queued, queued
from tests.schools.factories import InvitationFactory

User = get_user_model()


def setup_url(world, path: str = "") -> str:
    return f"/t/{world.trust.slug}/setup/{path}"


def body(response) -> str:
    return response.content.decode()


# Invitations through the browser's eyes ----------------------------------------------------------


def test_an_invitation_round_trip_from_the_form_to_a_signed_in_member(client, mine):
    client.force_login(mine.users["admin"])
    response = client.post(
        setup_url(mine, "invitations/new/"),
        {
            "email": "grace@example.test",
            "role": "school_lead",
            "full_name": "Grace Hopper",
            "initials": "GH",
        },
    )
    assert response.status_code == 302
    link = re.search(r"https?://\S+/invitations/\S+/", last_queued().body).group(0)
    assert link.startswith(f"{settings.SITE_URL}/invitations/")  # not the request's host
    path = urlsplit(link).path
    client.logout()

    page = client.get(path)
    assert page.status_code == 200
    assert mine.trust.name in body(page)
    assert 'value="Grace Hopper"' in body(page)

    response = client.post(
        path,
        {
            "full_name": "Grace Hopper",
            "password1": "cobol and a long phrase",
            "password2": "cobol and a long phrase",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == f"/t/{mine.trust.slug}/"
    user = User.objects.get(email="grace@example.test")
    membership = Membership.objects.get(trust=mine.trust, user=user)
    assert membership.role == Role.SCHOOL_LEAD
    assert membership.person.initials == "GH"
    assert client.get(f"/t/{mine.trust.slug}/").status_code == 200  # signed in as them
    # The same link again shows nothing.
    client.logout()
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("state", ["unknown", "expired", "revoked", "used"])
def test_an_unusable_link_reveals_nothing(client, mine, state):
    invitation = InvitationFactory(trust=mine.trust, email="x@example.test")
    token = invitation.token
    if state == "unknown":
        token = "not-a-real-token"
    elif state == "expired":
        Invitation.objects.filter(pk=invitation.pk).update(
            expires_at=timezone.now() - datetime.timedelta(seconds=1)
        )
    elif state == "revoked":
        Invitation.objects.filter(pk=invitation.pk).update(revoked_at=timezone.now())
    else:
        Invitation.objects.filter(pk=invitation.pk).update(accepted_at=timezone.now())

    for response in (
        client.get(f"/invitations/{token}/"),
        client.post(
            f"/invitations/{token}/",
            {"full_name": "X", "password1": "p" * 20, "password2": "p" * 20},
        ),
    ):
        assert response.status_code == 404
        text = body(response)
        assert mine.trust.name not in text
        assert mine.trust.short_name not in text
        assert "x@example.test" not in text
    assert not User.objects.filter(email="x@example.test").exists()


def test_a_posted_role_or_trust_is_ignored_when_accepting(client, mine, other):
    invitation = InvitationFactory(trust=mine.trust, email="v@example.test", role=Role.VIEWER)

    client.post(
        f"/invitations/{invitation.token}/",
        {
            "full_name": "Val",
            "password1": "a long pass phrase here",
            "password2": "a long pass phrase here",
            "role": Role.CEO,
            "trust": other.trust.pk,
        },
    )

    memberships = Membership.objects.filter(user__email="v@example.test")
    assert [(m.trust_id, m.role) for m in memberships] == [(mine.trust.pk, Role.VIEWER)]


def test_an_existing_account_signs_in_first_then_accepts(client, mine, other):
    someone = other.users["trustee"]
    invitation = InvitationFactory(trust=mine.trust, email=someone.email, role=Role.TRUSTEE)
    url = f"/invitations/{invitation.token}/"

    # Signed out, the page takes no password: sign-in (with its second factor) comes first.
    signed_out = client.get(url)
    assert signed_out.status_code == 200
    assert f'href="/sign-in/?next=%2Finvitations%2F{invitation.token}%2F"' in body(signed_out)
    assert client.post(url, {"password": f.PASSWORD}).status_code == 200
    assert not Membership.objects.filter(trust=mine.trust, user=someone).exists()

    client.force_login(someone)
    accepted = client.post(url, {"confirm": "yes"})
    assert accepted.status_code == 302
    assert Membership.objects.get(trust=mine.trust, user=someone).role == Role.TRUSTEE


def test_a_mismatched_password_keeps_the_name_and_says_why_next_to_the_field(client, mine):
    invitation = InvitationFactory(trust=mine.trust, email="m@example.test")

    response = client.post(
        f"/invitations/{invitation.token}/",
        {"full_name": "Typed Name", "password1": "one long pass phrase", "password2": "another"},
    )

    assert response.status_code == 200
    assert 'value="Typed Name"' in body(response)
    assert re.search(r'id="id_password2_error"><li>The two passwords differ', body(response))
    assert not User.objects.filter(email="m@example.test").exists()


def test_an_administrator_is_not_offered_the_ceo_role_and_cannot_post_it(client, mine):
    client.force_login(mine.users["admin"])

    page = client.get(setup_url(mine, "invitations/new/"))
    assert 'value="ceo"' not in body(page)
    response = client.post(
        setup_url(mine, "invitations/new/"),
        {"email": "boss@example.test", "role": "ceo", "full_name": "Big Boss", "initials": "BB"},
    )

    assert response.status_code == 200
    assert "Select a valid choice" in body(response)
    assert 'value="boss@example.test"' in body(response)
    assert not Invitation.objects.filter(email="boss@example.test").exists()
    assert queued() == []


def test_the_ceo_can_invite_a_ceo(client, mine):
    client.force_login(mine.users["ceo"])

    client.post(
        setup_url(mine, "invitations/new/"),
        {"email": "deputy@example.test", "role": "ceo", "full_name": "Deputy", "initials": "DP"},
    )

    assert Invitation.objects.get(email="deputy@example.test").role == Role.CEO


def test_resend_and_revoke_from_the_members_page(client, mine):
    client.force_login(mine.users["admin"])
    invitation = mine.extra["invitation"]

    client.post(setup_url(mine, f"invitations/{invitation.pk}/resend/"), {"confirm": "yes"})
    assert len(queued()) == 1
    client.post(setup_url(mine, f"invitations/{invitation.pk}/revoke/"), {"confirm": "yes"})

    invitation.refresh_from_db()
    assert invitation.send_count == 2 and invitation.revoked_at is not None
    page = body(client.get(setup_url(mine, "members/")))
    assert "Revoked" in page


def test_an_administrator_cannot_change_the_ceos_membership(client, mine):
    client.force_login(mine.users["admin"])
    ceo = mine.users["ceo"].memberships.get()

    page = client.get(setup_url(mine, f"members/{ceo.pk}/"))
    assert "Only the CEO" in body(page)
    client.post(setup_url(mine, f"members/{ceo.pk}/"), {"role": "viewer"})
    client.post(setup_url(mine, f"members/{ceo.pk}/end/"), {"confirm": "yes"})

    ceo.refresh_from_db()
    assert (ceo.role, ceo.is_active) == (Role.CEO, True)


def test_changing_a_role_through_the_form(client, mine):
    client.force_login(mine.users["admin"])
    viewer = mine.extra["membership"]

    response = client.post(
        setup_url(mine, f"members/{viewer.pk}/"),
        {"role": "trustee", "person": viewer.person_id, "trust": 999},
    )

    assert response.status_code == 302
    viewer.refresh_from_db()
    assert viewer.role == Role.TRUSTEE and viewer.trust == mine.trust


# Schools, people, terms --------------------------------------------------------------------------


def test_a_person_form_ignores_a_posted_trust_and_role(client, mine, other):
    client.force_login(mine.users["admin"])

    client.post(
        setup_url(mine, "people/new/"),
        {"full_name": "Alan Lee", "initials": "AL", "trust": other.trust.pk, "role": "ceo"},
    )

    person = Person.objects.get(initials="AL")
    assert person.trust == mine.trust
    assert not Membership.objects.filter(person=person).exists()


def test_a_bad_school_keeps_what_was_typed_with_messages_next_to_the_fields(client, mine, other):
    client.force_login(mine.users["admin"])

    response = client.post(
        setup_url(mine, "schools/new/"),
        {
            "name": "Langford Village Academy",
            "code": mine.schools[0].code,
            "kind": "primary",
            "status": "opening",
            "status_year": "",
            "category": other.category.pk,
        },
    )

    assert response.status_code == 200
    page = body(response)
    assert 'value="Langford Village Academy"' in page
    assert 'id="id_status_year_error"' in page
    assert 'id="id_category_error"' in page  # another trust's category is not a choice
    assert not School.objects.filter(name="Langford Village Academy").exists()

    response = client.post(
        setup_url(mine, "schools/new/"),
        {
            "name": "Langford Village Academy",
            "code": mine.schools[0].code,
            "kind": "primary",
            "status": "open",
        },
    )
    assert re.search(r'id="id_code_error"><li>[^<]+already has the code', body(response))


def test_a_school_is_marked_opening_and_given_a_category(client, mine):
    client.force_login(mine.users["admin"])
    school = mine.schools[0]

    client.post(
        setup_url(mine, f"schools/{school.pk}/"),
        {
            "name": school.name,
            "code": school.code,
            "kind": school.kind,
            "status": "joining",
            "status_year": "2021",
            "category": mine.category.pk,
        },
    )

    school.refresh_from_db()
    assert (school.status, school.status_year, school.category) == ("joining", 2021, mine.category)
    assert school.history.latest().history_user == mine.users["admin"]


def test_the_labels_rename_the_plans_levels(client, mine):
    client.force_login(mine.users["admin"])
    labels = {
        "label_objective": "Goal",
        "label_key_focus": "Priority",
        "label_action": "Action",
        "label_owners": "Who",
    }

    client.post(setup_url(mine, "labels/"), labels)

    mine.trust.refresh_from_db()
    assert mine.trust.label_key_focus == "Priority"
    client.force_login(mine.users["ceo"])
    page = body(client.get(f"/t/{mine.trust.slug}/authoring/plans/{mine.annual_plan.pk}/"))
    assert "Goal" in page and "Who" in page


def test_a_renamed_level_gets_a_proposed_plural_shown_where_it_can_be_corrected(client, mine):
    client.force_login(mine.users["admin"])
    url = setup_url(mine, "labels/")
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data["label_key_focus"] = "Priority"  # its plural, "Key foci", left as it was

    response = client.post(url, data, follow=True)

    mine.trust.refresh_from_db()
    assert (mine.trust.label_key_focus, mine.trust.label_key_focus_plural) == (
        "Priority", "Priorities",
    )  # fmt: skip
    assert response.redirect_chain[-1][0] == url  # back on the labels page, to check it
    assert "Plurals proposed: Priority → Priorities" in body(response)


def test_a_plural_the_trust_writes_is_kept_as_written(client, mine):
    client.force_login(mine.users["admin"])
    url = setup_url(mine, "labels/")
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data.update(label_action="Success criterion", label_action_plural="Success criterions")

    client.post(url, data)

    mine.trust.refresh_from_db()
    assert mine.trust.label_action_plural == "Success criterions"
    assert mine.trust.labels["action"].plural == "Success criterions"


def test_terms_are_proposed_from_the_scheme_and_saved(client, mine):
    client.force_login(mine.users["admin"])
    plan = f.AnnualPlanFactory(
        trust=mine.trust, strategic_plan=mine.strategic_plan, academic_year=2021
    )
    url = setup_url(mine, f"terms/{plan.pk}/")

    page = client.get(url)
    assert "proposed from the trust's term scheme" in body(page)
    form = page.context["formset"]
    data = {
        "term-TOTAL_FORMS": "3",
        "term-INITIAL_FORMS": "3",
        "term-MIN_NUM_FORMS": "1",
        "term-MAX_NUM_FORMS": "12",
    }
    for index, initial in enumerate(form.initial):
        for name, value in initial.items():
            data[f"term-{index}-{name}"] = (
                value.isoformat() if hasattr(value, "isoformat") else value
            )
    data["term-2-rating_deadline"] = "2022-07-08"

    response = client.post(url, data)

    assert response.status_code == 302
    terms = list(Term.objects.filter(annual_plan=plan).order_by("number"))
    assert [t.name for t in terms] == ["Autumn", "Spring", "Summer"]
    assert terms[2].rating_deadline == datetime.date(2022, 7, 8)

    data["term-1-starts_on"] = data["term-0-starts_on"]
    response = client.post(url, data)
    assert response.status_code == 200
    assert "starts before Autumn has ended" in body(response)


@pytest.mark.parametrize("path", ["people/", "schools/", "members/"])
def test_setup_lists_cost_the_same_queries_for_few_and_many_rows(client, mine, path):
    client.force_login(mine.users["admin"])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(setup_url(mine, path)).status_code == 200
        return len(captured)

    queries()
    few = queries()
    for n in range(12):
        school = f.SchoolFactory(trust=mine.trust, code=f"X{n}", category=mine.category)
        person = f.PersonFactory(trust=mine.trust, initials=f"Q{chr(65 + n)}", school=school)
        user = f.UserFactory()
        f.MembershipFactory(trust=mine.trust, user=user, person=person)
        InvitationFactory(trust=mine.trust, invited_by=user)
    assert queries() == few


# ---------------------------------------------------------------- names that cannot break e-mail


def test_a_trust_name_with_a_line_break_is_refused_and_nothing_changes(client, mine):
    client.force_login(mine.users["admin"])
    before = mine.trust.name

    response = client.post(
        setup_url(mine, "details/"),
        {"name": "Oak Learning\nTrust", "short_name": "Oak", "vision": "", "values": "",
         "year_start_month": "9", "term_scheme": "three"},
    )  # fmt: skip

    assert response.status_code == 200
    assert "Keep this to one line: it has a line break." in body(response)
    mine.trust.refresh_from_db()
    assert mine.trust.name == before


def test_a_persons_name_with_a_control_character_is_refused(client, mine):
    client.force_login(mine.users["admin"])

    response = client.post(
        setup_url(mine, "people/new/"),
        {"full_name": "Bell\x07 Ringer", "initials": "BR", "job_title": "", "email": ""},
    )

    assert response.status_code == 200
    assert "invisible control character (U+0007), which cannot be shown" in body(response)
    assert not Person.objects.filter(trust=mine.trust, initials="BR").exists()


@pytest.mark.parametrize(
    ("email", "password", "message"),
    [
        ("nadia.fairweather@example.test", "nadia.fairweather@example.test",
         "The password is too similar to the e-mail address."),
        ("head@oak-primary.test", "NadiaFairweather",
         "The password is too similar to the full name."),
    ],
)  # fmt: skip
def test_a_password_like_the_invited_address_or_name_is_refused(
    client, mine, email, password, message
):
    invitation = InvitationFactory(trust=mine.trust, email=email)

    response = client.post(
        f"/invitations/{invitation.token}/",
        {"full_name": "Nadia Fairweather", "password1": password, "password2": password},
    )

    assert response.status_code == 200
    assert message in body(response)
    assert not User.objects.filter(email=email).exists()


def test_an_invitation_is_saved_and_queued_while_the_mail_server_is_unreachable(
    client, mine, settings
):
    from tests.notifications.smtp import free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nobody listens
    client.force_login(mine.users["admin"])

    response = client.post(
        setup_url(mine, "invitations/new/"),
        {"email": "ola@example.test", "role": "trustee", "full_name": "Ola N", "initials": "ON"},
    )

    assert response.status_code == 302
    assert Invitation.objects.filter(trust=mine.trust, email="ola@example.test").exists()
    (queued_email,) = queued(to="ola@example.test")
    assert queued_email.status == "pending"
