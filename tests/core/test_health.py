import pytest
from django.db import connections

from trustplan.core.broker import heartbeat_key


@pytest.mark.django_db
def test_healthz_is_200_and_reports_each_dependency_when_the_database_answers(
    client, redis_available
):
    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["database"]["ok"] is True
    assert body["broker"]["ok"] is True
    assert set(body) == {"status", "database", "broker", "workers", "beat"}


def test_healthz_reports_the_worker_up_when_one_is_running(client, celery_worker):
    body = client.get("/healthz").json()

    assert body["workers"]["ok"] is True
    assert body["workers"]["count"] >= 1


def test_healthz_counts_only_workers_that_consume_this_sites_queue(
    client, celery_worker, celery_app
):
    ours = celery_app.conf.task_default_queue
    celery_app.conf.task_default_queue = "a-queue-no-worker-consumes"
    try:
        body = client.get("/healthz").json()
    finally:
        celery_app.conf.task_default_queue = ours

    assert body["workers"]["ok"] is False
    assert body["workers"]["count"] == 0
    assert body["status"] == "degraded"


def test_healthz_is_503_when_the_database_does_not_answer(client, django_db_blocker):
    connection = connections["default"]
    saved = dict(connection.settings_dict)
    with django_db_blocker.unblock():
        connection.close()
        connection.settings_dict.update(HOST="127.0.0.1", PORT="1")
        try:
            response = client.get("/healthz")
        finally:
            connection.close()
            connection.settings_dict.clear()
            connection.settings_dict.update(saved)

    assert response.status_code == 503
    body = response.json()
    assert body["database"]["ok"] is False
    assert body["status"] == "down"


def test_healthz_reports_the_broker_down_without_failing_while_the_database_answers(
    client, db, settings
):
    from trustplan.core import broker

    broker.redis_client.cache_clear()
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    try:
        response = client.get("/healthz")
    finally:
        broker.redis_client.cache_clear()

    assert response.status_code == 200
    body = response.json()
    assert body["broker"]["ok"] is False
    assert body["workers"]["ok"] is False
    assert body["status"] == "degraded"


def test_heartbeat_reports_beat_age_once_the_task_has_run(client, celery_worker, redis_available):
    from trustplan.tasks import heartbeat

    redis_available.delete(heartbeat_key())
    assert client.get("/healthz").json()["beat"]["ok"] is False

    heartbeat.delay().get(timeout=20)

    beat = client.get("/healthz").json()["beat"]
    assert beat["ok"] is True
    assert beat["last_seen_seconds_ago"] < 5


def test_healthz_answers_degraded_when_the_broker_blips_after_answering_its_ping(
    client, db, celery_app
):
    from tests.boardpacks.conftest import broker_unreachable

    # Redis answered the ping; the worker check's own connection then finds nobody there.
    with broker_unreachable(celery_app):
        response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["broker"]["ok"] is True
    assert body["workers"]["ok"] is False
    assert body["status"] == "degraded"
