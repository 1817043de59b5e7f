"""When a throttled sign-in may be tried again, read from allauth's own rate-limit records.

allauth keeps, per rate, the times of recent failures (newest first). A rate is full when it
holds `amount` failures younger than `duration`; it frees a place when the oldest one ages out.
"""

from __future__ import annotations

import datetime
import time
from dataclasses import dataclass

from allauth.core.internal import ratelimit as allauth_ratelimit
from django.core.cache import cache

APP = "allauth.account"
ACTION = "login_failed"


@dataclass(frozen=True)
class Block:
    until: datetime.datetime
    per: str  # "key" (the account's address) or "ip" (the caller's network address)

    @property
    def seconds_left(self) -> int:
        return max(1, int(self.until.timestamp() - time.time() + 0.999))


def sign_in_block(request, key: str, *, now: float | None = None) -> Block | None:
    """The latest moment any full rate frees a place, or None when a sign-in may be tried."""
    now = time.time() if now is None else now
    blocks = []
    for rate in allauth_ratelimit.get_rates(app=APP, action=ACTION):
        cache_key = allauth_ratelimit.get_cache_key(
            request, app=APP, action=ACTION, rate=rate, key=key
        )
        history = [ts for ts in cache.get(cache_key, []) if ts > now - rate.duration]
        if len(history) >= rate.amount:
            # The failure that frees a place is the amount-th newest one.
            frees_at = sorted(history, reverse=True)[rate.amount - 1] + rate.duration
            blocks.append(Block(datetime.datetime.fromtimestamp(frees_at, datetime.UTC), rate.per))
    if not blocks:
        return None
    return max(blocks, key=lambda b: b.until)


def wait_words(seconds: int) -> str:
    if seconds < 60:
        return "1 second" if seconds == 1 else f"{seconds} seconds"
    minutes = (seconds + 59) // 60
    return "1 minute" if minutes == 1 else f"{minutes} minutes"
