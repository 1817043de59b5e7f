import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from schools.models import Invitation, Membership, Person, Role
from schools.selectors import invitation_for_token
from schools.services import (
    InvitationUnusable,
    invitation_accept,
    invitation_resend,
    invitation_revoke,
    invitation_send,
    membership_end,
    membership_update,
    person_create,
    person_update,
    school_create,
    school_inspection_record,
)
from tests import factories as f
from tests.notifications.outbox import last_queued, queued
from trustplan.core.permissions import Perms

User = get_user_model()


def token_in_last_mail() -> str:
    return re.search(r"/invitations/([^/\s]+)/", last_queued().body).group(1)


def invite(world, *, email="new.person@example.test", role=Role.TRUSTEE, by="admin", **extra):
    extra.setdefault("full_name", "Nadia Example")
    extra.setdefault("initials", "NE")
    return invitation_send(
        trust=world.trust,
        email=email,
        role=role,
        acting_user=world.users[by],
        **extra,
    )


# Invitations: the round trip ---------------------------------------------------------------------


def test_an_invitation_is_mailed_with_a_link_whose_token_is_not_stored(mine):
    invitation = invite(mine)

    (message,) = queued()
    assert message.to == "new.person@example.test"
    assert mine.trust.name in message.subject
    assert message.erase_body_when_sent  # the single-use link leaves the row once sent
    token = token_in_last_mail()
    assert token not in invitation.token_hash
    assert not Invitation.objects.filter(token_hash=token).exists()
    assert invitation_for_token(token) == invitation
    assert invitation.person.initials == "NE"
    assert invitation.person.trust == mine.trust


def test_accepting_creates_the_user_the_membership_and_links_the_person(mine):
    invitation = invite(mine, email="New.Person@Example.test")
    token = token_in_last_mail()

    membership = invitation_accept(
        invitation=invitation_for_token(token),
        full_name="Nadia Example",
        password="a long pass phrase for tests",
    )

    user = User.objects.get(email="new.person@example.test")
    assert user.check_password("a long pass phrase for tests")
    assert membership.user == user
    assert membership.trust == mine.trust
    assert membership.role == Role.TRUSTEE
    assert membership.is_active
    assert Person.objects.get(pk=invitation.person_id).user == user
    assert membership.person_id == invitation.person_id
    invitation.refresh_from_db()
    assert invitation.accepted_by == user


def test_an_invitation_cannot_be_used_twice(mine):
    invitation = invite(mine)
    invitation_accept(invitation=invitation, full_name="N", password="a long pass phrase")

    with pytest.raises(InvitationUnusable):
        invitation_accept(invitation=invitation, user=User.objects.get(email=invitation.email))

    assert Membership.objects.filter(trust=mine.trust, user__email=invitation.email).count() == 1


def test_an_expired_invitation_cannot_be_accepted(mine):
    invitation = invite(mine)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    with pytest.raises(InvitationUnusable):
        invitation_accept(invitation=invitation, full_name="N", password="a long pass phrase")

    assert not User.objects.filter(email=invitation.email).exists()


def test_a_revoked_invitation_cannot_be_accepted(mine):
    invitation = invite(mine)
    invitation_revoke(invitation=invitation, acting_user=mine.users["admin"])

    with pytest.raises(InvitationUnusable):
        invitation_accept(invitation=invitation, full_name="N", password="a long pass phrase")

    assert not User.objects.filter(email=invitation.email).exists()


def test_the_invitation_lasts_as_long_as_the_setting_says(mine, settings):
    settings.INVITATION_TTL_DAYS = 3

    invitation = invite(mine)

    assert invitation.expires_at - invitation.sent_at == datetime.timedelta(days=3)


def test_resending_sends_a_new_link_and_the_old_one_stops_working(mine):
    invitation = invite(mine)
    first = token_in_last_mail()

    invitation_resend(invitation=invitation, acting_user=mine.users["admin"])
    second = token_in_last_mail()

    assert len(queued()) == 2
    assert first != second
    assert invitation_for_token(first) is None
    assert invitation_for_token(second).pk == invitation.pk
    assert Invitation.objects.get(pk=invitation.pk).send_count == 2


def test_a_revoked_invitation_cannot_be_resent(mine):
    invitation = invite(mine)
    invitation_revoke(invitation=invitation, acting_user=mine.users["admin"])

    with pytest.raises(ValidationError):
        invitation_resend(invitation=invitation, acting_user=mine.users["ceo"])
    assert len(queued()) == 1


def test_an_existing_user_of_another_trust_is_attached_not_duplicated(mine, other):
    someone = other.users["trustee"]
    invitation = invite(mine, email=someone.email.upper(), role=Role.VIEWER)

    membership = invitation_accept(invitation=invitation, user=someone)

    assert membership.user == someone
    assert User.objects.filter(email__iexact=someone.email).count() == 1
    assert set(someone.memberships.values_list("trust__slug", flat=True)) == {"oak", "elm"}


def test_without_a_user_an_existing_address_must_sign_in_to_accept(mine, other):
    invitation = invite(mine, email=other.users["trustee"].email)

    with pytest.raises(ValidationError):
        invitation_accept(invitation=invitation, full_name="X", password="a long pass phrase")


def test_accepting_as_someone_else_is_refused(mine, other):
    invitation = invite(mine)

    with pytest.raises(ValidationError):
        invitation_accept(invitation=invitation, user=other.users["ceo"])
    assert Invitation.objects.get(pk=invitation.pk).accepted_at is None


def test_inviting_an_ended_member_again_reactivates_their_membership(mine):
    viewer = mine.users["viewer"]
    membership = viewer.memberships.get()
    membership_end(membership=membership, acting_user=mine.users["admin"])

    invitation = invite(mine, email=viewer.email, role=Role.GOVERNOR, person=mine.people["viewer"])
    invitation_accept(invitation=invitation, user=viewer)

    membership.refresh_from_db()
    assert membership.is_active and membership.ended_at is None
    assert membership.role == Role.GOVERNOR


def test_a_member_cannot_be_invited_again_and_one_invitation_per_address_waits(mine):
    with pytest.raises(ValidationError) as error:
        invite(mine, email=mine.users["viewer"].email)
    assert "already a member" in str(error.value)

    invite(mine)
    with pytest.raises(ValidationError) as error:
        invite(mine, initials="NX")
    assert "resend it instead" in str(error.value)


def test_only_the_ceo_can_invite_a_ceo(mine):
    with pytest.raises(ValidationError) as error:
        invite(mine, role=Role.CEO, by="admin")
    assert "Only the CEO" in str(error.value)
    assert not Invitation.objects.filter(role=Role.CEO).exists()

    assert invite(mine, role=Role.CEO, by="ceo").role == Role.CEO


# Memberships -------------------------------------------------------------------------------------


def test_an_administrator_cannot_make_someone_ceo_or_change_the_ceo(mine):
    admin = mine.users["admin"]
    viewer = mine.users["viewer"].memberships.get()
    ceo = mine.users["ceo"].memberships.get()

    with pytest.raises(ValidationError):
        membership_update(membership=viewer, role=Role.CEO, person=viewer.person, acting_user=admin)
    with pytest.raises(ValidationError):
        membership_update(membership=ceo, role=Role.VIEWER, person=ceo.person, acting_user=admin)
    with pytest.raises(ValidationError):
        membership_end(membership=ceo, acting_user=admin)

    assert Membership.objects.get(pk=viewer.pk).role == Role.VIEWER
    assert Membership.objects.get(pk=ceo.pk).role == Role.CEO


def test_the_ceo_can_make_someone_ceo_and_nobody_changes_their_own_membership(mine):
    ceo_user = mine.users["ceo"]
    viewer = mine.users["viewer"].memberships.get()

    membership_update(membership=viewer, role=Role.CEO, person=viewer.person, acting_user=ceo_user)
    assert Membership.objects.get(pk=viewer.pk).role == Role.CEO

    own = ceo_user.memberships.get()
    with pytest.raises(ValidationError) as error:
        membership_end(membership=own, acting_user=ceo_user)
    assert "your own membership" in str(error.value)


def test_ending_a_membership_closes_the_trust_to_them_and_is_recorded(mine):
    membership = mine.users["trustee"].memberships.get()

    membership_end(membership=membership, acting_user=mine.users["admin"])

    membership.refresh_from_db()
    assert not membership.is_active and membership.ended_at is not None
    assert membership.history.latest().history_user == mine.users["admin"]


def test_a_role_change_keeps_the_leads_grants_in_step(mine):
    lead = mine.users["school_lead"].memberships.get()
    assert Perms(lead).allows("action.change", mine.lead_action)

    membership_update(
        membership=lead, role=Role.TRUSTEE, person=lead.person, acting_user=mine.users["admin"]
    )
    assert not Perms(Membership.objects.get(pk=lead.pk)).allows("action.change", mine.lead_action)

    membership_update(
        membership=Membership.objects.get(pk=lead.pk),
        role=Role.SCHOOL_LEAD,
        person=lead.person,
        acting_user=mine.users["admin"],
    )
    assert Perms(Membership.objects.get(pk=lead.pk)).allows("action.change", mine.lead_action)


def test_moving_a_lead_to_another_school_moves_their_grants(
    mine, django_capture_on_commit_callbacks
):
    person = mine.people["school_lead"]
    perms = lambda: Perms(mine.users["school_lead"].memberships.get())  # noqa: E731

    # The grants follow once the change commits.
    with django_capture_on_commit_callbacks(execute=True):
        person_update(person=person, school=mine.schools[1], acting_user=mine.users["admin"])

    assert perms().allows("action.change", mine.other_action)
    assert not perms().allows("action.change", mine.school_action)
    assert Person.history.filter(id=person.pk).latest().history_user == mine.users["admin"]


def test_relinking_a_membership_to_another_person_moves_the_sign_in(mine):
    membership = mine.users["viewer"].memberships.get()
    newcomer = person_create(
        trust=mine.trust, full_name="Quinn Other", initials="QO", acting_user=mine.users["admin"]
    )

    membership_update(
        membership=membership, role=Role.VIEWER, person=newcomer, acting_user=mine.users["admin"]
    )

    assert Person.objects.get(pk=newcomer.pk).user == mine.users["viewer"]
    assert Person.objects.get(pk=mine.people["viewer"].pk).user is None


# People and schools ------------------------------------------------------------------------------


def test_initials_taken_in_the_trust_are_refused_next_to_the_field(mine, other):
    with pytest.raises(ValidationError) as error:
        person_create(
            trust=mine.trust,
            full_name="Copy",
            initials=mine.people["ceo"].initials.lower(),
            acting_user=None,
        )
    assert "initials" in error.value.error_dict

    # The same initials are fine in another trust.
    person_create(
        trust=other.trust,
        full_name="Namesake",
        initials=mine.people["ceo"].initials,
        acting_user=None,
    )


def test_a_joining_school_needs_its_year_and_a_duplicate_code_is_refused(mine):
    with pytest.raises(ValidationError) as error:
        school_create(
            trust=mine.trust,
            name="Pix Brook Academy",
            code="PBA",
            kind="secondary",
            status="opening",
            acting_user=None,
        )
    assert "status_year" in error.value.error_dict

    with pytest.raises(ValidationError) as error:
        school_create(
            trust=mine.trust,
            name="Copy",
            code=mine.schools[0].code.lower(),
            kind="primary",
            acting_user=None,
        )
    assert "code" in error.value.error_dict


def test_a_school_in_another_trusts_category_is_refused(mine, other):
    with pytest.raises(ValidationError):
        school_create(
            trust=mine.trust,
            name="Stray",
            code="STR",
            kind="primary",
            category=other.category,
            acting_user=None,
        )


def test_recording_an_inspection_keeps_the_earlier_one_in_the_history(mine):
    school = mine.schools[0]
    admin = mine.users["admin"]
    school_inspection_record(
        school=school,
        framework="Ofsted (four grades)",
        judgement="Good",
        inspected_on=datetime.date(2019, 3, 5),
        acting_user=admin,
    )
    school_inspection_record(
        school=school,
        framework="Ofsted report card",
        judgement="Leadership: secure; behaviour: strong",
        inspected_on=datetime.date(2025, 11, 20),
        acting_user=admin,
    )

    judgements = list(
        school.history.order_by("history_date").values_list("inspection_judgement", flat=True)
    )
    assert judgements[-2:] == ["Good", "Leadership: secure; behaviour: strong"]
    with pytest.raises(ValidationError):
        school_inspection_record(
            school=school,
            framework="X",
            judgement="Y",
            inspected_on=timezone.localdate() + datetime.timedelta(days=2),
            acting_user=admin,
        )


def test_another_trusts_person_cannot_be_invited_into_mine(mine, other):
    stranger = f.PersonFactory(trust=other.trust)

    with pytest.raises(ValidationError):
        invite(mine, person=stranger, full_name="", initials="")
    assert not Invitation.objects.filter(trust=mine.trust, email="new.person@example.test").exists()


def test_an_invitation_is_sent_even_when_an_old_trust_name_has_a_line_break(mine):
    # Saved before names were checked: the subject is made one line, never a 500.
    type(mine.trust).objects.filter(pk=mine.trust.pk).update(name="Oak Learning\r\nTrust")
    mine.trust.refresh_from_db()

    invite(mine)

    assert last_queued().subject == "Your invitation to Oak Learning Trust on trustplan"


def test_taking_up_an_invitation_refuses_the_address_as_the_password(mine):
    invitation = invite(mine, email="sam.lee@example.test")

    with pytest.raises(ValidationError) as error:
        invitation_accept(
            invitation=invitation, full_name="Sam Lee", password="sam.lee@example.test"
        )

    assert error.value.messages == ["The password is too similar to the e-mail address."]
    assert not User.objects.filter(email="sam.lee@example.test").exists()


def test_initials_written_with_full_stops_name_the_same_person_as_an_owner(mine):
    from schools.selectors import people_from_initials

    # Saved before full stops were refused; the owner parser treats them as decoration.
    lead = mine.people["school_lead"]
    Person.objects.filter(pk=lead.pk).update(initials="N.G.B.")

    assert people_from_initials(trust=mine.trust, text="N.G.B.") == [lead]
    assert people_from_initials(trust=mine.trust, text="NGB/" + mine.people["ceo"].initials) == [
        lead,
        mine.people["ceo"],
    ]


def test_new_initials_with_a_full_stop_are_refused_next_to_the_field(mine):
    with pytest.raises(ValidationError) as error:
        person_create(
            trust=mine.trust, full_name="Ann Lowe", initials="A.L.", acting_user=mine.users["admin"]
        )

    assert "without full stops" in " ".join(error.value.message_dict["initials"])
    assert not Person.objects.filter(trust=mine.trust, full_name="Ann Lowe").exists()
