import datetime

import pytest

from plans.models import Term, TermStatus


@pytest.fixture
def spring(mine):
    """The world's Autumn term submitted, so its Spring term (ratings due 27 March 2020) is
    the one open: the lead owns one action, the CEO two, none updated yet."""
    autumn, spring = mine.terms
    Term.objects.filter(pk=autumn.pk).update(status=TermStatus.SUBMITTED)
    spring.refresh_from_db()
    assert spring.rating_deadline == datetime.date(2020, 3, 27)
    return spring
