import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import transaction

from tests.processes import BASE_DIR, process_env
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


# ------------------------------------------------------------ every process sends through Redis

FIRST_TASK_CONFIG = Path(__file__).with_name("gunicorn_first_task.py")


def _queued_tasks(redis, queue: str) -> list[str]:
    """The names of the tasks waiting in a queue, read from Redis as Celery stored them."""
    return [json.loads(message)["headers"]["task"] for message in redis.lrange(queue, 0, -1)]


def test_a_fresh_gunicorn_worker_and_a_manage_py_command_send_tasks_through_the_configured_redis(
    redis_available, celery_app, tmp_path
):
    queue = celery_app.conf.task_default_queue
    redis_available.delete(queue)
    env = process_env(LOG_LEVEL="WARNING")
    log = (tmp_path / "gunicorn.log").open("w+")
    web = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "trustplan.wsgi",
         "--config", str(FIRST_TASK_CONFIG), "--bind", "127.0.0.1:0", "--workers", "1",
         "--no-control-socket"],
        cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while not _queued_tasks(redis_available, queue):
            if web.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                pytest.fail(f"the gunicorn worker's task never reached {queue}:\n{log.read()}")
            time.sleep(0.1)
    finally:
        os.killpg(web.pid, signal.SIGTERM)
        web.wait(20)
    assert _queued_tasks(redis_available, queue) == ["boardpacks.sweep"]

    command = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c",
         "from boardpacks.tasks import sweep; sweep.delay()"],
        cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=30,
    )  # fmt: skip

    assert command.returncode == 0, command.stderr
    try:
        assert _queued_tasks(redis_available, queue) == ["boardpacks.sweep", "boardpacks.sweep"]
    finally:
        redis_available.delete(queue)


# ------------------------------------------------------------ beat reports alive only when it is


@pytest.fixture
def published():
    from celery.signals import before_task_publish

    names = []

    def record(sender=None, **kwargs):
        names.append(sender)

    before_task_publish.connect(record)
    yield names
    before_task_publish.disconnect(record)


def test_beat_reports_itself_alive_once_its_schedule_is_open(
    celery_app, redis_available, published, tmp_path
):
    from trustplan.celery import Scheduler

    scheduler = Scheduler(app=celery_app, schedule_filename=str(tmp_path / "schedule"))
    scheduler.close()
    celery_app.control.purge()

    assert published == ["trustplan.heartbeat"]


def test_beat_that_cannot_open_its_schedule_never_reports_itself_alive(
    celery_app, published, tmp_path
):
    from trustplan.celery import Scheduler

    with pytest.raises(OSError):
        Scheduler(app=celery_app, schedule_filename=str(tmp_path / "no such dir" / "schedule"))

    assert published == []


def test_a_starting_beat_withdraws_an_earlier_heartbeat_and_says_nothing_yet(
    redis_available, published
):
    from celery.signals import beat_init

    redis_available.set(heartbeat_key(), time.time())

    beat_init.send(sender=None)

    assert redis_available.get(heartbeat_key()) is None
    assert published == []
