"""Factories for governance rows: each builds a valid row in one trust."""

import datetime

import factory
from django.utils import timezone

from governance.models import AgendaItem, Appointment, Body, BodySchool, Meeting, Question


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    name = factory.Sequence(lambda n: f"Committee {n}")
    kind = "committee"
    meetings_per_year = 4


def local_body(trust, school, name: str | None = None) -> Body:
    name = name or f"{school.name} local governing body"
    body = BodyFactory(trust=trust, name=name, kind="local")
    BodySchool.objects.create(trust=trust, body=body, school=school)
    return body


class AppointmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Appointment

    role = "trustee"
    starts_on = datetime.date(2019, 9, 1)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))
    location = "Board room"


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    text = factory.Sequence(lambda n: f"How will we know action {n} is working?")


def next_pack_version(trust, term) -> int:
    from boardpacks.models import BoardPack

    versions = BoardPack.objects.filter(trust=trust, term=term).values_list("version", flat=True)
    return max(versions, default=0) + 1


def published_pack(world, *, term=None, meeting=None):
    """A rendered, published board pack row for the world's plan (no file needed)."""
    from boardpacks.models import BoardPack

    term = term or world.terms[1]
    return BoardPack.objects.create(
        trust=world.trust,
        annual_plan=world.annual_plan,
        term=term,
        meeting=meeting,
        version=next_pack_version(world.trust, term),
        status="ready",
        progress=100,
        published_at=timezone.now(),
    )


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    title = factory.Sequence(lambda n: f"Item {n}")
