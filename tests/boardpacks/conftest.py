"""Workers for the board pack tests: a real worker in a thread (tests/conftest.py), or real
worker processes that a test may kill, and a broker that cannot be reached."""

import http.server
import os
import signal
import subprocess
import sys
import threading
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from tests.processes import closed_port, test_database_url

LOG_DIR = Path(settings.VAR_DIR) / "test-logs"


@pytest.fixture
def worker_processes(transactional_db, redis_available, celery_app):
    """start(**env) runs `celery worker` as a process on this test's queue and database."""
    started: list[subprocess.Popen] = []
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    celery_app.control.purge()

    def start(**extra_env) -> subprocess.Popen:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "trustplan.settings",
            "DEBUG": "true",
            "DATABASE_URL": test_database_url(),
            "REDIS_URL": settings.REDIS_URL,
            "CELERY_QUEUE": settings.CELERY_TASK_DEFAULT_QUEUE,
            "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
            "LOG_LEVEL": "WARNING",
            **{name: str(value) for name, value in extra_env.items()},
        }
        name = f"packs-{uuid.uuid4().hex[:8]}"
        log = (LOG_DIR / f"{name}.log").open("wb")
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "trustplan.celery", "worker",
             "--pool", "solo", "--hostname", f"{name}@%h", "--loglevel", "WARNING",
             "--without-gossip", "--without-mingle", "--without-heartbeat"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so a kill reaches only it
        )  # fmt: skip
        log.close()
        started.append(process)
        return process

    yield start
    for process in started:
        stop(process, signal.SIGTERM)


def stop(process: subprocess.Popen, sig: int = signal.SIGKILL) -> None:
    if process.poll() is None:
        os.killpg(process.pid, sig)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)


def _forget_producers(app) -> None:
    app._pool = None
    app.amqp._producer_pool = None


@contextmanager
def broker_unreachable(app):
    """Publishing goes to a port nobody listens on, as when Redis is down."""
    original = app.conf.get("broker_write_url")
    app.conf.broker_write_url = f"redis://127.0.0.1:{closed_port()}/0"
    _forget_producers(app)
    try:
        yield
    finally:
        app.conf.broker_write_url = original
        _forget_producers(app)


@pytest.fixture
def demo(transactional_db):
    call_command("demo", password="demo pass phrase", verbosity=0)


@pytest.fixture
def listening_server():
    """A local HTTP server that counts the requests it gets: proof that nothing was fetched."""
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()
