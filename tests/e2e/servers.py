"""The product's own processes for a browser test: gunicorn and a Celery worker, started as
`make run` starts them, on this test's database, queue and private files (no beat)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection

BIN = Path(sys.executable).parent
LOG_DIR = Path(settings.VAR_DIR) / "test-logs"


def database_url() -> str:
    """The test database as a DATABASE_URL, for the processes the test starts."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db.get("PASSWORD"):
        credentials += ":" + quote(db["PASSWORD"], safe="")
    host = quote(db.get("HOST") or "", safe="")
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{credentials}@{host}{port}/{db['NAME']}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Product:
    """Start the web server and a worker; stop both (and whatever they started) at the end."""

    def __init__(self, **env: str):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.queue = f"trustplan-walk-{uuid.uuid4().hex[:8]}"
        clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CELERY_"))}
        self.env = {
            **clean,
            "DJANGO_SETTINGS_MODULE": "trustplan.settings",
            "DEBUG": "true",
            "DATABASE_URL": database_url(),
            "REDIS_URL": settings.REDIS_URL,
            "CELERY_QUEUE": self.queue,
            "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
            "SITE_URL": self.url,
            "LOG_LEVEL": "WARNING",
            **env,
        }
        self.processes: list[subprocess.Popen] = []
        LOG_DIR.mkdir(parents=True, exist_ok=True)

    def _start(self, name: str, command: list[str]) -> subprocess.Popen:
        log = (LOG_DIR / f"walk-{name}-{self.port}.log").open("wb")
        process = subprocess.Popen(
            command,
            cwd=settings.BASE_DIR,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        self.processes.append(process)
        return process

    def start_worker(self) -> None:
        self._start(
            "worker",
            [str(BIN / "celery"), "-A", "trustplan.celery", "worker", "--pool", "solo",
             "--hostname", f"walk-{self.port}@%h", "--loglevel", "WARNING",
             "--without-gossip", "--without-mingle", "--without-heartbeat"],
        )  # fmt: skip

    def wait_for_worker(self, app, timeout: float = 60) -> None:
        """Until the worker answers a ping on the broker: it consumes its queue from then."""
        name = f"walk-{self.port}@"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for process in self.processes:
                assert process.poll() is None, f"a process exited: see {LOG_DIR}"
            replies = app.control.ping(timeout=0.5)
            if any(key.startswith(name) for reply in replies for key in reply):
                return
        raise AssertionError(f"the worker did not answer within {timeout}s; see {LOG_DIR}")

    def start_web(self) -> None:
        self._start(
            "web",
            [str(BIN / "gunicorn"), "trustplan.wsgi", "--bind", f"127.0.0.1:{self.port}",
             "--workers", "1", "--access-logfile", "-"],
        )  # fmt: skip
        self._wait_for_port()

    def _wait_for_port(self, timeout: float = 30) -> None:
        """Wait until gunicorn accepts connections, without asking it anything (a fresh
        worker that has served no page, /healthz included)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for process in self.processes:
                assert process.poll() is None, f"a process exited: see {LOG_DIR}"
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.1)
        raise AssertionError(f"gunicorn did not listen within {timeout}s; see {LOG_DIR}")

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(10)
