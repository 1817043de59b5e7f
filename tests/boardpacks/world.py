"""Board packs for the shared test world: per trust, the board's published pack and the
published pack of the governor's local body, each with its PDF stored.

The governor reads their local body's pack (the pack the URL walk opens) but not the board's
(the object out of their reach); every other reader opens both; the other trust's packs must
stay out of reach for everyone.
"""

from tests.boardpacks.factories import ready_pack


def extend(world) -> None:
    world.extra["pack"] = ready_pack(world, published=True)
    world.extra["local_pack"] = ready_pack(
        world, published=True, body=world.extra["local_body"], version=1
    )


OBJECT_IDS = {"pack_id": lambda w: w.extra["local_pack"].pk}
OUT_OF_SCOPE_IDS = {"pack_id": lambda w: w.extra["pack"].pk}
