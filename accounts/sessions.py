"""Sessions kept in the database and read from the cache.

A signed-in request then costs no session query (Django's `cached_db` engine); the database
keeps every session, so a cache that was emptied signs nobody out. One change to Django's
engine: a cache that cannot be reached while a session is read is logged and the page is
served from the database, rather than failing every page while Redis is away. Ending a
session still fails loudly if the cache cannot be told, so no ended session lives on in it.
"""

from __future__ import annotations

import logging

import redis
from django.contrib.sessions.backends import cached_db

logger = logging.getLogger(__name__)


class SessionStore(cached_db.SessionStore):
    def load(self):
        try:
            data = self._cache.get(self.cache_key)
        except redis.RedisError as exc:
            logger.warning("sessions: the cache cannot be read (%s); using the database", exc)
            data = None
        if data is not None:
            return data
        stored = self._get_session_from_db()
        if not stored:
            return {}
        data = self.decode(stored.session_data)
        try:
            self._cache.set(self.cache_key, data, self.get_expiry_age(expiry=stored.expire_date))
        except redis.RedisError as exc:
            logger.warning("sessions: the cache cannot be written (%s)", exc)
        return data

    def exists(self, session_key):
        try:
            return super().exists(session_key)
        except redis.RedisError:
            return cached_db.DBStore.exists(self, session_key)
