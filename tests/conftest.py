"""Fixtures shared by the whole suite: real PostgreSQL, Redis, Celery worker and Chromium."""

import os

import pytest

from trustplan.core.broker import redis_client

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

# The SMTP server and OpenID Connect provider of the account tests (unit and browser).
pytest_plugins = ["tests.accounts.fixtures"]


def require(condition: bool, reason: str) -> None:
    """A missing service skips a test on a developer's machine and fails it in CI."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: a missing service is a failure)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def redis_available():
    import redis

    try:
        redis_client().ping()
    except redis.RedisError as exc:
        require(False, f"Redis is not reachable: {exc}")
    return redis_client()


@pytest.fixture(scope="session")
def celery_app():
    from trustplan.celery import app

    return app


@pytest.fixture
def celery_worker(celery_app, redis_available, transactional_db):
    """A real Celery worker in a thread, consuming this test process's own queue over Redis."""
    from celery.contrib.testing.worker import start_worker

    assert not celery_app.conf.task_always_eager
    celery_app.control.purge()
    with start_worker(
        celery_app,
        pool="threads",
        concurrency=1,
        perform_ping_check=False,
        shutdown_timeout=30,
        loglevel="WARNING",
    ) as worker:
        yield worker


@pytest.fixture
def two_trusts(db):
    """(mine, other): two trusts with every role and a small rated plan each."""
    from tests.world import build_trust

    return build_trust("oak"), build_trust("elm")


@pytest.fixture
def mine(two_trusts):
    return two_trusts[0]


@pytest.fixture
def other(two_trusts):
    return two_trusts[1]


# A real SMTP server (aiosmtpd) for the tests where e-mail is the point.
from tests.notifications.smtp import smtp_server  # noqa: E402, F401
