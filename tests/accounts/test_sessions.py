"""Sessions in the database, read from the cache (accounts/sessions.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.processes import closed_port

pytestmark = pytest.mark.django_db


def session_queries(captured) -> list[str]:
    return [q["sql"] for q in captured if '"django_session"' in q["sql"]]


def test_a_signed_in_page_reads_its_session_from_the_cache_not_the_database(
    client, mine, redis_available
):
    client.force_login(mine.users["viewer"])
    assert client.get(f"/t/{mine.trust.slug}/").status_code == 200

    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/t/{mine.trust.slug}/")

    assert response.status_code == 200
    assert session_queries(captured) == []


def test_a_signed_in_page_still_opens_from_the_database_when_the_cache_is_away(
    client, mine, settings, redis_available
):
    client.force_login(mine.users["viewer"])
    assert client.get(f"/t/{mine.trust.slug}/").status_code == 200  # its clock starts
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }

    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/t/{mine.trust.slug}/")

    assert response.status_code == 200
    assert len(session_queries(captured)) == 1  # read from the database
