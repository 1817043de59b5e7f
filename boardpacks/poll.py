"""The pack page's status poll: one query a second while a pack is made.

The pack page (`pack_detail`, behind `trust_view`) checks the trust, the membership and the
permission as every page does, and hands a pack maker a poll token: signed, bound to the
trust, the pack and the person, and good for POLL_TOKEN_SECONDS. The status panel then polls
`pack_status` with it, which checks the signature and that the signed-in person is the one
it was given to (the session and user the middleware has already read), and reads the one
pack row, filtered by the token's trust and pack, with its trust in the same query. A token
that is missing, altered, expired, for another trust's address, another pack or another
person, or a trust since suspended, gets the full check of the pack page instead, which
hands out a fresh token; so an ended membership stops polling within POLL_TOKEN_SECONDS.

Tokens go only to those who may request packs (`boardpack.request`): nobody else sees a pack
that is still being made, and a finished pack's panel does not poll.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core import signing

from boardpacks.models import BoardPack
from boardpacks.selectors import packs_ahead

POLL_TOKEN_SECONDS = 300
_SALT = "boardpacks.poll"


@dataclass(frozen=True)
class PollClaims:
    trust_id: int
    pack_id: int
    user_id: int


def poll_token(*, trust_id: int, pack_id: int, user_id: int) -> str:
    value = f"{trust_id}-{pack_id}-{user_id}"
    return signing.TimestampSigner(salt=_SALT).sign(value)


def poll_claims(token: str, *, user, max_age: int = POLL_TOKEN_SECONDS) -> PollClaims | None:
    """What a poll token vouches for, if it is intact, recent and the signed-in user's."""
    if not token or user is None or not user.is_authenticated:
        return None
    try:
        value = signing.TimestampSigner(salt=_SALT).unsign(token, max_age=max_age)
        trust_id, pack_id, user_id = (int(part) for part in value.split("-"))
    except (signing.BadSignature, ValueError):
        return None
    if user_id != user.pk:
        return None
    return PollClaims(trust_id=trust_id, pack_id=pack_id, user_id=user_id)


def polled_pack(claims: PollClaims) -> BoardPack | None:
    """The token's pack in its trust, with the trust and what the panel shows: one query."""
    return (
        BoardPack.objects.select_related("trust", "body", "published_by")
        .annotate(packs_ahead=packs_ahead())
        .filter(trust_id=claims.trust_id, pk=claims.pack_id)
        .first()
    )
