"""`make run` (trustplan/runner.py) as a new user runs it: against their own PostgreSQL and
Redis, on a fresh var/ directory, stopped with Ctrl-C; and when one of its children dies."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests import factories as f
from tests.processes import BASE_DIR, process_env
from trustplan.localservices import free_port

pytestmark = pytest.mark.worker
START_SECONDS = 120


class Run:
    """The runner as a subprocess, its output in a file."""

    def __init__(self, tmp_path: Path):
        self.var_dir = tmp_path / "var"  # not there yet, as on a fresh clone
        self.port = free_port(18000 + os.getpid() % 1000)
        env = process_env(
            PORT=str(self.port),
            HOST="127.0.0.1",
            TRUSTPLAN_VAR_DIR=str(self.var_dir),
            PRIVATE_MEDIA_ROOT=str(tmp_path / "private"),
            WEB_CONCURRENCY="1",
            WORKER_CONCURRENCY="1",
        )
        env.pop("DJANGO_SETTINGS_MODULE")  # as `make run` starts it
        self.log_path = tmp_path / "runner.log"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "trustplan.runner"],
            cwd=BASE_DIR,
            env=env,
            stdout=self.log_path.open("wb"),
            stderr=subprocess.STDOUT,
        )
        self.descendants: set[int] = set()

    @property
    def output(self) -> str:
        return self.log_path.read_text(errors="replace")

    def runner_lines(self) -> list[str]:
        return [line for line in self.output.splitlines() if line.startswith("trustplan: ")]

    def health(self) -> dict | None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=5) as r:
                return json.load(r)
        except urllib.error.HTTPError as error:
            return json.load(error)
        except OSError:
            return None

    def watch(self, until, timeout: float = START_SECONDS):
        """Poll /healthz (and note every process the runner started) until `until(report)`
        or the runner exits; returns every report seen."""
        reports = []
        deadline = time.monotonic() + timeout
        while self.process.poll() is None:
            self.descendants |= descendants(self.process.pid)
            reports.append(report := self.health())
            if until(report):
                return reports
            assert time.monotonic() < deadline, f"gave up waiting:\n{self.output[-3000:]}"
            time.sleep(0.5)
        return reports

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def descendants(pid: int) -> set[int]:
    """Every process below `pid`, read from /proc."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


@pytest.fixture
def run(transactional_db, redis_available, celery_app, tmp_path):
    f.TrustFactory()  # a trust already there: the runner skips loading the demo trusts
    celery_app.control.purge()
    redis_available.delete(f"trustplan:beat:{celery_app.conf.task_default_queue}:heartbeat")
    started = Run(tmp_path)
    yield started
    started.stop()
    celery_app.control.purge()


def test_make_run_serves_with_your_own_servers_on_a_fresh_var_and_ctrl_c_leaves_nothing(run):
    run.watch(lambda report: report is not None and report["status"] == "ok")

    commands = [command_line(pid) for pid in run.descendants if alive(pid)]
    assert any("gunicorn trustplan.wsgi" in c for c in commands), commands
    assert any("trustplan.celery worker" in c for c in commands), commands
    assert any("trustplan.celery beat" in c for c in commands), commands
    assert list(run.var_dir.glob("celerybeat-schedule*")), "beat keeps its schedule in var/"
    # The runner polls /healthz on its own clock: its announcement follows within a poll or two.
    announcement = f"trustplan: running at http://127.0.0.1:{run.port}/"
    deadline = time.monotonic() + 10
    while announcement not in run.output and time.monotonic() < deadline:
        time.sleep(0.2)
    assert announcement in run.output

    run.process.send_signal(signal.SIGINT)

    assert run.process.wait(60) == 0
    assert [pid for pid in run.descendants if alive(pid)] == []
    assert run.runner_lines()[-1] == "trustplan: stopped"


def test_a_child_that_dies_is_named_in_one_line_health_never_said_ok_and_nothing_is_left(run):
    # Beat cannot write its schedule: the fresh-clone failure, whatever the cause.
    run.var_dir.mkdir()
    for name in ("celerybeat-schedule", "celerybeat-schedule.dat", "celerybeat-schedule.db"):
        (run.var_dir / name).mkdir()

    reports = run.watch(lambda report: False)

    assert run.process.wait(60) == 1
    assert "ok" not in [report["status"] for report in reports if report]
    deaths = [line for line in run.runner_lines() if "beat exited with status" in line]
    assert len(deaths) == 1, run.runner_lines()
    assert "Is a directory" in deaths[0] and deaths[0].endswith("; stopping everything")
    assert not any("running at" in line for line in run.runner_lines())
    assert [pid for pid in run.descendants if alive(pid)] == []


@pytest.mark.parametrize(
    ("module", "name", "value"),
    [
        ("trustplan.runner", "PORT", "eighty"),
        ("trustplan.runner", "WEB_CONCURRENCY", "many"),
        ("trustplan.localservices", "EMBEDDED_REDIS_PORT", "x"),
    ],
)
def test_a_bad_value_for_make_run_or_the_test_servers_is_one_line_naming_it(module, name, value):
    env = {k: v for k, v in process_env().items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    args = [sys.executable, "-m", module] + (["--", "true"] if "localservices" in module else [])

    result = subprocess.run(
        args, cwd=BASE_DIR, env={**env, name: value}, capture_output=True, text=True, timeout=60
    )

    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"trustplan: configuration error: {name}: must be a whole number (got {value!r})"
    ]
