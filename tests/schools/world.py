"""Set-up objects for each trust of the test world, and how to fill the set-up URLs."""

from schools.models import Role
from tests.schools.factories import InvitationFactory


def extend(world) -> None:
    slug = world.trust.slug
    world.extra["membership"] = world.users[Role.VIEWER].memberships.get(trust=world.trust)
    world.extra["invitation"] = InvitationFactory(
        trust=world.trust,
        email=f"newcomer@{slug}.test",
        role=Role.VIEWER,
        person__full_name=f"Newcomer {slug}",
        person__initials=f"{slug[0]}NEW".upper(),
        token=f"world-token-{slug}",
        invited_by=world.users[Role.ADMIN],
    )


OBJECT_IDS = {
    "school_id": lambda w: w.schools[0].pk,
    "category_id": lambda w: w.category.pk,
    "person_id": lambda w: w.people[Role.VIEWER].pk,
    "membership_id": lambda w: w.extra["membership"].pk,
    "invitation_id": lambda w: w.extra["invitation"].pk,
}
