"""Factories for the test suite: each builds a valid row in one trust."""

import datetime

import factory
from django.contrib.auth import get_user_model

from objectives.models import StrategicObjective, StrategicPlan
from plans.models import Action, AnnualPlan, KeyFocus, RagRating, Term
from schools.models import Membership, Person, School, SchoolKind, Trust

PASSWORD = "a long test pass phrase"


class TrustFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Trust
        django_get_or_create = ["slug"]
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Test Trust {n}")
    short_name = factory.Sequence(lambda n: f"TT{n}")
    slug = factory.Sequence(lambda n: f"trust-{n}")

    @factory.post_generation
    def columns(obj, create, extracted, **kwargs):
        # Like a trust the product starts: the two usual action columns (plans.columns).
        if create and extracted is not False:
            from plans.columns import plan_columns_default

            plan_columns_default(obj)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.test")
    full_name = factory.Sequence(lambda n: f"Test User {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    trust = factory.SubFactory(TrustFactory)
    name = factory.Sequence(lambda n: f"School {n} Academy")
    code = factory.Sequence(lambda n: f"S{n}")
    kind = SchoolKind.PRIMARY


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    trust = factory.SubFactory(TrustFactory)
    full_name = factory.Sequence(lambda n: f"Person {n}")
    initials = factory.Sequence(lambda n: "P" + "".join(chr(65 + int(d)) for d in str(n)))


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    trust = factory.SubFactory(TrustFactory)
    user = factory.SubFactory(UserFactory)
    role = "viewer"


class StrategicPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StrategicPlan

    trust = factory.SubFactory(TrustFactory)
    title = "Strategic plan 2018-23"
    start_year = 2018
    end_year = 2023


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StrategicObjective

    trust = factory.SubFactory(TrustFactory)
    plan = factory.SubFactory(StrategicPlanFactory, trust=factory.SelfAttribute("..trust"))
    number = factory.Sequence(lambda n: n + 1)
    short_name = factory.Sequence(lambda n: f"Objective {n}")
    statement = "To do the thing well."


class AnnualPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnnualPlan

    trust = factory.SubFactory(TrustFactory)
    strategic_plan = factory.SubFactory(
        StrategicPlanFactory, trust=factory.SelfAttribute("..trust")
    )
    academic_year = 2019


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Term

    trust = factory.SubFactory(TrustFactory)
    annual_plan = factory.SubFactory(AnnualPlanFactory, trust=factory.SelfAttribute("..trust"))
    number = 1
    name = "Autumn"
    starts_on = datetime.date(2019, 9, 4)
    ends_on = datetime.date(2019, 12, 20)
    rating_deadline = datetime.date(2019, 12, 13)


class KeyFocusFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyFocus

    trust = factory.SubFactory(TrustFactory)
    annual_plan = factory.SubFactory(AnnualPlanFactory, trust=factory.SelfAttribute("..trust"))
    objective = factory.SubFactory(ObjectiveFactory, trust=factory.SelfAttribute("..trust"))
    number = factory.Sequence(lambda n: n + 1)
    title = "Improve something that matters"


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action
        skip_postgeneration_save = True

    trust = factory.SubFactory(TrustFactory)
    annual_plan = factory.SubFactory(AnnualPlanFactory, trust=factory.SelfAttribute("..trust"))
    objective = factory.SubFactory(ObjectiveFactory, trust=factory.SelfAttribute("..trust"))
    reference = factory.Sequence(lambda n: str(n + 1))
    position = factory.Sequence(lambda n: n)
    text = factory.Sequence(lambda n: f"Carry out action {n}")

    @factory.post_generation
    def kpis(obj, create, extracted, **kwargs):
        # The text of the trust's success column (plans.columns), if it has one: "Something
        # measurable improves" unless given (kpis="" for none).
        if not create:
            return
        from plans.models import ColumnValue, PlanColumn

        text = "Something measurable improves" if extracted is None else extracted
        column = PlanColumn.objects.filter(trust_id=obj.trust_id, key="kpis").first()
        if column is not None and text:
            ColumnValue.objects.create(
                trust_id=obj.trust_id, column=column, level="action", action=obj, text=text
            )


class RatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RagRating

    trust = factory.SubFactory(TrustFactory)
    action = factory.SubFactory(ActionFactory, trust=factory.SelfAttribute("..trust"))
    term = factory.SubFactory(
        TermFactory,
        trust=factory.SelfAttribute("..trust"),
        annual_plan=factory.SelfAttribute("..action.annual_plan"),
    )
    status = "green"
    commentary = "On track."
    commentary_for = factory.SelfAttribute("status")


def mark_submitted(*terms: Term) -> None:
    """Terms as the CEO's submission leaves them (the test world's terms start open), so the
    board reads their ratings."""
    from django.utils import timezone

    for term in terms:
        term.status, term.submitted_at = "submitted", timezone.now()
        term.save(update_fields=["status", "submitted_at"])


def set_column(row, key: str, text: str):
    """Give an action, key focus or objective the text of the trust's column `key` (which
    is created at the row's level if the trust lacks it); returns the column."""
    from plans.columns import LEVELS, column_values_set, owner_level
    from plans.models import PlanColumn

    level = owner_level(row)
    assert level in LEVELS
    column = PlanColumn.objects.filter(trust_id=row.trust_id, key=key).first()
    if column is None:
        column = PlanColumn.objects.create(
            trust_id=row.trust_id, key=key, name=key.replace("-", " ").capitalize(),
            name_plural=key.replace("-", " ").capitalize(), level=level,
        )  # fmt: skip
    column_values_set(owner=row, values={column.pk: text}, acting_user=None)
    return column


def column_of(trust, key: str):
    """The trust's column with this key (the usual two: "kpis", "evidence")."""
    from plans.models import PlanColumn

    return PlanColumn.objects.get(trust=trust, key=key)
