"""`make run`: the whole product on one machine.

Starts (or finds) PostgreSQL and Redis, migrates, loads the demo trusts into an empty
database, then runs the web server, a Celery worker and Celery beat as children. Ctrl-C or
SIGTERM stops every child and the embedded servers, in that order.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from trustplan.localservices import BASE_DIR, EmbeddedServers, caller_environment, log, resolve

PYTHON = sys.executable
BIN = Path(PYTHON).parent
STOP_GRACE_SECONDS = 15


class Shutdown(Exception):
    pass


def _raise_shutdown(signum, frame):
    raise Shutdown(signal.Signals(signum).name)


def child_commands(host: str, port: str, var_dir: Path) -> dict[str, list[str]]:
    return {
        "web": [
            str(BIN / "gunicorn"), "trustplan.wsgi",
            "--bind", f"{host}:{port}",
            "--workers", os.environ.get("WEB_CONCURRENCY", "2"),
            "--access-logfile", "-",
            "--graceful-timeout", "10",
        ],
        "worker": [
            str(BIN / "celery"), "-A", "trustplan.celery", "worker",
            "--loglevel", "INFO",
            "--concurrency", os.environ.get("WORKER_CONCURRENCY", "2"),
            "--hostname", "worker@%h",
        ],
        "beat": [
            str(BIN / "celery"), "-A", "trustplan.celery", "beat",
            "--loglevel", "INFO",
            "--schedule", str(var_dir / "celerybeat-schedule"),
        ],
    }  # fmt: skip


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


def stop_children(children: dict[str, subprocess.Popen]) -> None:
    for name, process in children.items():
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            log(f"stopping {name}")
    deadline = time.monotonic() + STOP_GRACE_SECONDS
    for name, process in children.items():
        try:
            process.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            log(f"{name} did not stop in {STOP_GRACE_SECONDS}s; killing it")
        # Whatever the child left in its process group (pool processes) goes too.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def main() -> int:
    signal.signal(signal.SIGINT, _raise_shutdown)
    signal.signal(signal.SIGTERM, _raise_shutdown)
    var_dir = Path(os.environ.get("TRUSTPLAN_VAR_DIR", BASE_DIR / "var"))
    host = os.environ.get("HOST", "127.0.0.1")
    port = os.environ.get("PORT", "8000")
    servers = EmbeddedServers(var_dir=var_dir)
    children: dict[str, subprocess.Popen] = {}
    try:
        env = {**caller_environment(), **resolve(servers, prefer_local_servers=False)}
        env.setdefault("DEBUG", "true")
        env.setdefault("PYTHONUNBUFFERED", "1")
        # Links in e-mails lead to the server started here, unless you name another address.
        env.setdefault("SITE_URL", site_url_for(host, port))
        env["TRUSTPLAN_VAR_DIR"] = str(var_dir)
        manage("migrate", "--noinput", env=env)
        manage("demo", "--if-empty", env=env)
        for name, command in child_commands(host, port, var_dir).items():
            children[name] = subprocess.Popen(command, env=env, start_new_session=True)
        log(f"trustplan is running at {site_url_for(host, port)}/  (Ctrl-C stops everything)")
        while True:
            for name, process in children.items():
                if process.poll() is not None:
                    log(f"{name} exited with status {process.returncode}; stopping")
                    return 1
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
