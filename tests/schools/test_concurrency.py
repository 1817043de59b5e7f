"""Two people acting on the same trust's memberships at once (real threads, real PostgreSQL)."""

from django.test import Client

from schools.models import Membership, Role
from schools.services import membership_end, membership_update
from tests.concurrency import race


def test_two_ceos_ending_each_other_at_once_leave_one_ceo_and_a_message_not_a_500(
    transactional_db, mine
):
    first_ceo = mine.users["ceo"]
    second = mine.users["viewer"].memberships.get()
    membership_update(membership=second, role=Role.CEO, person=second.person, acting_user=first_ceo)
    first = first_ceo.memberships.get()
    browser = Client()
    browser.force_login(mine.users["viewer"])

    ended, answer = race(
        lambda: membership_end(membership=second, acting_user=first_ceo),
        lambda: browser.post(
            f"/t/{mine.trust.slug}/setup/members/{first.pk}/end/", {"confirm": "yes"}
        ),
    )

    assert ended.ok, ended.error
    assert answer.ok, answer.error
    assert answer.value.status_code == 200
    assert "The trust needs an active CEO" in answer.value.content.decode()
    active_ceos = Membership.objects.filter(trust=mine.trust, role=Role.CEO, is_active=True)
    assert list(active_ceos.values_list("user__email", flat=True)) == [first_ceo.email]


def test_two_ceos_demoting_each_other_at_once_leave_one_ceo(transactional_db, mine):
    first_ceo = mine.users["ceo"]
    second = mine.users["viewer"].memberships.get()
    membership_update(membership=second, role=Role.CEO, person=second.person, acting_user=first_ceo)
    first = first_ceo.memberships.get()

    demoted, refused = race(
        lambda: membership_update(
            membership=second, role=Role.VIEWER, person=second.person, acting_user=first_ceo
        ),
        lambda: membership_update(
            membership=first,
            role=Role.VIEWER,
            person=first.person,
            acting_user=mine.users["viewer"],
        ),
    )

    assert demoted.ok, demoted.error
    # The second, waiting for the first, finds they are no longer CEO, and is told so.
    assert "Only the CEO can change or end a CEO's membership" in str(refused.error)
    assert Membership.objects.filter(trust=mine.trust, role=Role.CEO, is_active=True).count() == 1
