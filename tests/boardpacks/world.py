"""Board packs for the shared test world: one published pack per trust, with its PDF stored.

Every role that may read packs can open and download it; the other trust's pack is the
object that must stay out of reach.
"""

from tests.boardpacks.factories import ready_pack


def extend(world) -> None:
    world.extra["pack"] = ready_pack(world, published=True)


OBJECT_IDS = {"pack_id": lambda w: w.extra["pack"].pk}
