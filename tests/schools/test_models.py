import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from schools.models import Person, School
from schools.selectors import initials_from_text, people_from_initials
from tests import factories as f


def test_initials_must_be_unique_in_a_trust_whatever_their_case(mine):
    existing = mine.people["ceo"]
    duplicate = Person(
        trust=mine.trust, full_name="Someone Else", initials=existing.initials.lower()
    )

    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "already has these initials" in str(error.value)

    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_the_same_initials_may_be_used_in_another_trust(mine, other):
    initials = mine.people["ceo"].initials
    person = Person(trust=other.trust, full_name="Namesake", initials=initials)

    person.full_clean()  # raises if the initials were taken across trusts
    person.save()

    holders = Person.objects.filter(initials__iexact=initials).values_list("trust", flat=True)
    assert sorted(holders) == sorted([mine.trust.pk, other.trust.pk])


def test_a_school_code_is_unique_in_its_trust(mine):
    duplicate = School(
        trust=mine.trust, name="Copy", code=mine.schools[0].code.lower(), kind="primary"
    )

    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_a_school_that_is_opening_needs_its_year(mine):
    school = School(
        trust=mine.trust, name="New Free School", code="NFS", kind="primary", status="opening"
    )

    with pytest.raises(ValidationError) as error:
        school.full_clean()
    assert "needs its year" in str(error.value)


def test_a_school_cannot_take_another_trusts_category(mine, other):
    school = mine.schools[0]
    school.category = other.category

    with pytest.raises(ValidationError) as error:
        school.save()
    assert "does not belong to this trust" in str(error.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("AL/CS", ["AL", "CS"]),
        ("(NB)", ["NB"]),
        ("AL, CS and NB", ["AL", "CS", "NB"]),
        ("AW + CS", ["AW", "CS"]),
        ("cs/CS", ["cs"]),
        ("", []),
    ],
)
def test_initials_are_read_from_the_ways_plans_write_them(text, expected):
    assert initials_from_text(text) == expected


def test_owners_typed_as_initials_resolve_to_the_trusts_people(mine):
    ceo, lead = mine.people["ceo"], mine.people["school_lead"]

    people = people_from_initials(trust=mine.trust, text=f"{ceo.initials}/{lead.initials.lower()}")

    assert people == [ceo, lead]


def test_an_unknown_initial_is_an_error_listing_the_known_ones(mine):
    with pytest.raises(ValidationError) as error:
        people_from_initials(trust=mine.trust, text=f"{mine.people['ceo'].initials}/ZZ")

    message = error.value.messages[0]
    assert "ZZ" in message
    assert mine.people["school_lead"].initials in message


def test_another_trusts_initials_are_unknown_here(mine, other):
    with pytest.raises(ValidationError) as error:
        people_from_initials(trust=mine.trust, text=other.people["ceo"].initials)
    assert other.people["ceo"].initials in error.value.messages[0]


def test_a_user_may_belong_to_several_trusts_with_a_different_role_in_each(mine, other):
    user = mine.users["ceo"]
    f.MembershipFactory(trust=other.trust, user=user, role="trustee")

    roles = dict(user.memberships.values_list("trust__slug", "role"))

    assert roles == {mine.trust.slug: "ceo", other.trust.slug: "trustee"}
