"""The project's one way to talk to Redis outside Celery (health, heartbeats)."""

from functools import cache

import redis
from django.conf import settings


def heartbeat_key() -> str:
    return settings.HEARTBEAT_KEY


@cache
def redis_client() -> redis.Redis:
    return redis.Redis.from_url(
        settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=2, decode_responses=True
    )
