"""The 300-action rating grid and plan page through gunicorn: p50 and p95, with and without
the workers' garbage-collector settings (trustplan/wsgi.py: gc.freeze after loading, a higher
first-generation threshold).

Run with real services: `make bench`, or
    .venv/bin/python -m trustplan.localservices -- .venv/bin/python bench/gunicorn_gc.py
It builds the 300-action plan of bench/ratings.py in a throwaway database, signs the CEO in,
and starts one gunicorn sync worker at a time: first with a bare WSGI module (Django's
get_wsgi_application and nothing more, written to a temporary directory), then with
trustplan.wsgi, then both again (so a change in the machine's load shows as a difference
between the two runs of one kind). Each serves GRID_REQUESTS requests of the grid, one after
another, timed at the client (the page's 600 kB over the loopback included).
"""

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trustplan.test_settings")
os.environ.setdefault("TEST_DB_SUFFIX", "_bench_gc")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402

from bench.machine import describe  # noqa: E402
from bench.ratings import build  # noqa: E402

GRID_REQUESTS = int(os.environ.get("GRID_REQUESTS", "300"))
BARE_WSGI = """import os
from django.core.wsgi import get_wsgi_application
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trustplan.settings")
application = get_wsgi_application()
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve_and_time(
    module: str, pythonpath: str, env: dict, pages: dict[str, tuple[str, bytes]], cookie: str
) -> dict[str, list[float]]:
    """{page: sorted client times}: the pages asked for in turn, GRID_REQUESTS of each."""
    port = free_port()
    log = open(Path(pythonpath) / f"gunicorn-{port}.log", "w")  # noqa: SIM115
    process = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), module, "--bind", f"127.0.0.1:{port}",
         "--workers", "1", "--pythonpath", pythonpath],
        cwd=ROOT, env=env, stdout=log, stderr=log,
    )  # fmt: skip
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        requests = {
            name: urllib.request.Request(
                f"http://127.0.0.1:{port}{path}", headers={"Cookie": f"sessionid={cookie}"}
            )
            for name, (path, _) in pages.items()
        }
        for request in requests.values():
            for _ in range(10):  # warm: templates, caches, the connection
                urllib.request.urlopen(request).read()
        times: dict[str, list[float]] = {name: [] for name in pages}
        for _ in range(GRID_REQUESTS):
            for name, request in requests.items():
                started = time.perf_counter()
                body = urllib.request.urlopen(request).read()
                times[name].append((time.perf_counter() - started) * 1000)
                assert pages[name][1] in body, f"the {name} did not render"
        return {name: sorted(values) for name, values in times.items()}
    finally:
        process.terminate()
        process.wait()
        log.close()


def main() -> None:
    print(describe())
    old = setup_databases(verbosity=0, interactive=False)
    try:
        world = build()
        client = Client()
        client.force_login(world.users["ceo"])
        cookie = client.cookies["sessionid"].value
        pages = {
            "rating grid": (f"/t/{world.trust.slug}/terms/{world.terms[1].pk}/rate/", b"grid-row"),
            "plan page": (f"/t/{world.trust.slug}/plan/", b"<main"),
        }
        db = connection.settings_dict
        url = (
            f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}"
        )
        connection.close()
        env = dict(os.environ, DATABASE_URL=url)
        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / "bare_wsgi.py").write_text(BARE_WSGI)
            runs = [("bare WSGI module", "bare_wsgi"), ("trustplan.wsgi", "trustplan.wsgi")] * 2
            for label, module in runs:
                for page, times in serve_and_time(module, tmp, env, pages, cookie).items():
                    p50 = statistics.median(times)
                    p95 = times[int(len(times) * 0.95)]
                    print(
                        f"{page}, 300 actions, gunicorn, {label}: p50 {p50:.1f} ms, "
                        f"p95 {p95:.1f} ms, max {times[-1]:.1f} ms over {len(times)} requests; "
                        f"p95 is {p95 / p50:.2f}x p50 (target: at most 1.5x)"
                    )
    finally:
        teardown_databases(old, verbosity=0)


if __name__ == "__main__":
    main()
