import pytest
from django.db import transaction

from trustplan.core.broker import heartbeat_key
from trustplan.tasks import heartbeat


def test_celery_is_configured_for_json_late_acks_and_time_limits(celery_app):
    conf = celery_app.conf
    assert conf.task_serializer == "json"
    assert conf.accept_content == ["json"]
    assert conf.task_acks_late is True
    assert conf.task_reject_on_worker_lost is True
    assert conf.task_time_limit and conf.task_soft_time_limit
    assert conf.task_soft_time_limit < conf.task_time_limit
    assert conf.task_always_eager is False


def test_a_task_makes_a_round_trip_through_a_real_worker_over_redis(celery_worker):
    result = heartbeat.delay()

    stamp = result.get(timeout=20)

    assert result.successful()
    assert isinstance(stamp, float)


def test_a_task_enqueued_on_commit_runs_after_the_commit(celery_worker, redis_available):
    redis_available.delete(heartbeat_key())

    with transaction.atomic():
        heartbeat.delay_on_commit()
        assert redis_available.get(heartbeat_key()) is None

    _wait_for(lambda: redis_available.get(heartbeat_key()) is not None)


@pytest.mark.django_db(transaction=True)
def test_a_task_enqueued_in_a_rolled_back_transaction_is_never_sent(redis_available):
    from celery.signals import before_task_publish

    published = []

    def record(sender=None, **kwargs):
        published.append(sender)

    before_task_publish.connect(record)
    try:
        with pytest.raises(RuntimeError), transaction.atomic():
            heartbeat.delay_on_commit()
            raise RuntimeError("roll back")
        assert published == []

        with transaction.atomic():
            heartbeat.delay_on_commit()
            assert published == []
        assert published == ["trustplan.heartbeat"]
    finally:
        before_task_publish.disconnect(record)


def _wait_for(condition, timeout=20.0):
    import time

    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting for the worker"
        time.sleep(0.05)
