import pytest

from tests import factories as f


@pytest.fixture
def new_trust(db):
    """A trust as trust_create leaves it: its CEO (AL), this year's empty draft plans."""
    from onboarding.services import trust_create
    from schools.services import invitation_accept

    started = trust_create(
        name="Bedfordshire East Schools Trust",
        short_name="BEST",
        slug="best-new",
        ceo_email="alan.lee@best.test",
        ceo_name="Alan Lee",
        first_year=2019,
    )
    membership = invitation_accept(
        invitation=started.invitation, full_name="Alan Lee", password=f.PASSWORD
    )
    started.ceo = membership.user
    return started
