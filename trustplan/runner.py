"""`make run`: the whole product on one machine.

Starts (or finds) PostgreSQL and Redis, migrates, loads the demo trusts into an empty
database, then runs the web server, a Celery worker and Celery beat as children, each line
of their output prefixed with the child's name. It says the product is running only once
/healthz says every part is; a child that dies is named in one line, with its last words,
and everything stops. Ctrl-C or SIGTERM stops every child and the embedded servers, in that
order.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from trustplan.core import env as settings_env
from trustplan.localservices import BASE_DIR, EmbeddedServers, caller_environment, log, resolve

PYTHON = sys.executable
BIN = Path(PYTHON).parent
STOP_GRACE_SECONDS = 15
HEALTHY_WITHIN_SECONDS = 90


class Shutdown(Exception):
    pass


def _raise_shutdown(signum, frame):
    raise Shutdown(signal.Signals(signum).name)


def child_commands(host: str, port: str, var_dir: Path) -> dict[str, list[str]]:
    # Beat first: it withdraws an earlier run's heartbeat before the web server answers.
    return {
        "beat": [
            str(BIN / "celery"), "-A", "trustplan.celery", "beat",
            "--loglevel", "INFO",
            "--schedule", str(var_dir / "celerybeat-schedule"),
        ],
        "worker": [
            str(BIN / "celery"), "-A", "trustplan.celery", "worker",
            "--loglevel", "INFO",
            "--concurrency", str(settings_env.integer("WORKER_CONCURRENCY", 2, minimum=1)),
            "--hostname", "worker@%h",
        ],
        "web": [
            str(BIN / "gunicorn"), "trustplan.wsgi",
            "--bind", f"{host}:{port}",
            "--workers", str(settings_env.integer("WEB_CONCURRENCY", 2, minimum=1)),
            "--access-logfile", "-",
            # Secrets in URLs (invitation and calendar links) never reach the access log.
            "--logger-class", "accounts.redact.GunicornLogger",
            "--graceful-timeout", "10",
            "--no-control-socket",
        ],
    }  # fmt: skip


class Child:
    """One child process, its output relayed line by line under its name."""

    def __init__(self, name: str, command: list[str], env: dict[str, str]):
        self.name = name
        self.last_line = ""
        self.process = subprocess.Popen(
            command,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: Ctrl-C reaches the runner only
        )
        self._relay = threading.Thread(target=self._relay_output, daemon=True)
        self._relay.start()

    def _relay_output(self) -> None:
        for raw in self.process.stdout:
            line = raw.decode("utf-8", "replace").rstrip()
            if line.strip():
                self.last_line = line.strip()
            sys.stdout.write(f"{self.name:<6} | {line}\n")
            sys.stdout.flush()

    def death(self) -> str | None:
        """None while the child runs; else one line saying how it ended and its last words."""
        code = self.process.poll()
        if code is None:
            return None
        if code < 0:
            return f"{self.name} was killed by {signal.Signals(-code).name}"
        self._relay.join(2)  # its last lines, so the reason below is the real last one
        said = f": {self.last_line}" if self.last_line and code else ""
        return f"{self.name} exited with status {code}{said}"

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            log(f"stopping {self.name}")

    def reap(self, deadline: float) -> None:
        try:
            self.process.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            log(f"{self.name} did not stop in {STOP_GRACE_SECONDS}s; killing it")
        # Whatever the child left in its process group (pool processes) goes too.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self._relay.join(2)


def site_url_for(host: str, port: str) -> str:
    """The address the web server answers on, for links in e-mails: a wildcard bind is
    reached on this machine's loopback; an IPv6 address goes in brackets."""
    if host in {"0.0.0.0", "", "::", "[::]"}:
        host = "127.0.0.1"
    elif ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{port}"


def manage(*args: str, env: dict[str, str]) -> None:
    subprocess.run([PYTHON, str(BASE_DIR / "manage.py"), *args], env=env, check=True)


def stop_children(children: dict[str, Child]) -> None:
    for child in children.values():
        child.stop()
    deadline = time.monotonic() + STOP_GRACE_SECONDS
    for child in children.values():
        child.reap(deadline)


def health(url: str) -> dict | None:
    """What /healthz says, or None while nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return json.load(response)
    except urllib.error.HTTPError as error:  # 503: the database does not answer
        with contextlib.suppress(ValueError):
            return json.load(error)
        return None
    except (OSError, ValueError):
        return None


def failing_parts(report: dict | None) -> str:
    if report is None:
        return "the web server does not answer"
    parts = [name for name, part in report.items() if isinstance(part, dict) and not part["ok"]]
    return ", ".join(parts) + " not ok" if parts else ""


def main() -> int:
    signal.signal(signal.SIGINT, _raise_shutdown)
    signal.signal(signal.SIGTERM, _raise_shutdown)
    # Every setting read (and refused with one line) before anything starts.
    with settings_env.exit_on_config_error():
        var_dir = Path(settings_env.text("TRUSTPLAN_VAR_DIR", str(BASE_DIR / "var")))
        host = settings_env.text("HOST", "127.0.0.1")
        port = str(settings_env.integer("PORT", 8000, minimum=1))
        commands = child_commands(host, port, var_dir)
        servers = EmbeddedServers(var_dir=var_dir)
    children: dict[str, Child] = {}
    try:
        # Beat keeps its schedule here whichever servers are used.
        var_dir.mkdir(parents=True, exist_ok=True)
        env = {**caller_environment(), **resolve(servers, prefer_local_servers=False)}
        env.setdefault("DEBUG", "true")
        env.setdefault("PYTHONUNBUFFERED", "1")
        # Links in e-mails lead to the server started here, unless you name another address.
        env.setdefault("SITE_URL", site_url_for(host, port))
        env["TRUSTPLAN_VAR_DIR"] = str(var_dir)
        manage("migrate", "--noinput", env=env)
        manage("demo", "--if-empty", env=env)
        for name, command in commands.items():
            children[name] = Child(name, command, env)
        address = f"{site_url_for(host, port)}/"
        started, announced, report = time.monotonic(), False, None
        while True:
            for child in children.values():
                if (death := child.death()) is not None:
                    log(f"{death}; stopping everything")
                    return 1
            if not announced:
                report = health(address + "healthz")
                if report is not None and report.get("status") == "ok":
                    log(f"running at {address}  (Ctrl-C stops everything)")
                    announced = True
                elif time.monotonic() - started > HEALTHY_WITHIN_SECONDS:
                    log(
                        f"not healthy after {HEALTHY_WITHIN_SECONDS}s ({failing_parts(report)}); "
                        f"see {address}healthz"
                    )
                    announced = True
            time.sleep(0.5)
    except Shutdown as reason:
        log(f"{reason}: shutting down")
        return 0
    except subprocess.CalledProcessError as exc:
        return exc.returncode or 1
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        stop_children(children)
        servers.stop()
        log("stopped")


if __name__ == "__main__":
    sys.exit(main())
