"""Packs requested before meetings with the plan on their agenda."""

import datetime

import pytest
from django.utils import timezone

from boardpacks.models import BoardPack
from notifications.models import OutgoingEmail
from plans.models import Term
from reminders.models import ReminderSettings
from reminders.packs import packs_before_meetings

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def autumn_submitted(mine):
    autumn = mine.terms[0]
    Term.objects.filter(pk=autumn.pk).update(status="submitted", submitted_at=timezone.now())
    return autumn


def meeting_in(world, key, days):
    meeting = world.extra[key]
    meeting.starts_at = timezone.now() + datetime.timedelta(days=days, hours=1)
    meeting.reviews_plan = True
    meeting.save()
    return meeting


def test_a_board_meeting_with_the_plan_on_its_agenda_gets_one_pack_and_the_ceo_and_clerk_are_told(
    mine, autumn_submitted
):
    meeting = meeting_in(mine, "board_meeting", 6)

    first = packs_before_meetings()
    again = packs_before_meetings()

    pack = BoardPack.objects.get(trust=mine.trust, meeting=meeting)
    assert (pack.term, pack.body, pack.requested_by) == (autumn_submitted, None, None)
    assert (first.requested, again.requested) == (1, 0)
    assert sorted(
        OutgoingEmail.objects.filter(trust=mine.trust, kind="boardpack.automatic").values_list(
            "to", flat=True
        )
    ) == sorted([mine.users["ceo"].email, mine.users["admin"].email])


def test_no_pack_is_requested_before_the_trusts_number_of_days_or_for_a_local_body(
    mine, autumn_submitted
):
    ReminderSettings.objects.create(trust=mine.trust, pack_days_before=3)
    before = BoardPack.objects.count()
    meeting_in(mine, "board_meeting", 5)
    meeting_in(mine, "local_meeting", 1)

    result = packs_before_meetings()

    assert result.requested == 0
    assert BoardPack.objects.count() == before


def test_no_pack_is_requested_while_no_term_has_been_submitted(mine):
    before = BoardPack.objects.count()
    meeting_in(mine, "board_meeting", 2)

    assert packs_before_meetings().requested == 0
    assert BoardPack.objects.count() == before
