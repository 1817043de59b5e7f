"""Factories for set-up rows. An invitation keeps its link's token on `.token` for the tests;
the database holds only its hash, as in the product."""

import datetime

import factory
from django.utils import timezone

from schools.models import Invitation
from schools.selectors import token_hash
from tests.factories import PersonFactory, TrustFactory


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    trust = factory.SubFactory(TrustFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.test")
    role = "viewer"
    person = factory.SubFactory(PersonFactory, trust=factory.SelfAttribute("..trust"))
    token = factory.Sequence(lambda n: f"test-token-{n}")
    token_hash = factory.LazyAttribute(lambda o: token_hash(o.token))
    sent_at = factory.LazyFunction(timezone.now)
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        token = kwargs.pop("token")
        invitation = super()._create(model_class, *args, **kwargs)
        invitation.token = token
        return invitation
