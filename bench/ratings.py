"""Rating grid, rating save and carry-forward: server time and queries, on 300 actions.

Run with real services: `make bench`, or
    .venv/bin/python -m trustplan.localservices -- .venv/bin/python bench/ratings.py
It builds a throwaway database (test_trustplan_bench), measures in-process through Django's
test client (server time, no network), prints the figures and the machine, then drops it.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trustplan.test_settings")
os.environ.setdefault("TEST_DB_SUFFIX", "_bench")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_databases, teardown_databases  # noqa: E402
from django.urls import clear_url_caches  # noqa: E402

from bench.machine import describe  # noqa: E402

ACTIONS = 300
ROUNDS = 30


def build():
    from plans.models import Action, ActionOwner, ColumnValue, PlanColumn, RagRating
    from tests.world import build_trust

    world = build_trust("bench")
    extra = Action.objects.bulk_create(
        Action(
            trust=world.trust,
            annual_plan=world.annual_plan,
            objective=world.objectives[n % 2],
            reference=f"b{n}",
            position=10 + n,
            text=f"Benchmark action {n} with a sentence of realistic length about what is done.",
            school=world.schools[n % 2],
        )
        for n in range(ACTIONS - len(world.actions))
    )
    kpis = PlanColumn.objects.get(trust=world.trust, key="kpis")
    ColumnValue.objects.bulk_create(
        ColumnValue(trust=world.trust, column=kpis, level="action", action=a,
                    text="A measurable outcome reported to trustees each term.")
        for a in extra
    )  # fmt: skip
    ActionOwner.objects.bulk_create(
        ActionOwner(trust=world.trust, action=a, person=world.people["ceo"]) for a in extra
    )
    for term, status in [(world.terms[0], "green"), (world.terms[1], "amber")]:
        RagRating.objects.bulk_create(
            RagRating(
                trust=world.trust, action=a, term=term, status=status, version=1,
                commentary="Progress as planned, with evidence in the shared folder.",
                commentary_for=status,
            )
            for a in extra
        )  # fmt: skip
    # Statistics, as autovacuum gathers them after a bulk load: without them PostgreSQL plans
    # the grid's live counts for empty tables (14 ms instead of 0.3 ms).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return world


TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE SAVEPOINT")


def counted(queries) -> int:
    """Statements that read or write: BEGIN and COMMIT around a save are not queries."""
    return sum(1 for q in queries if not q["sql"].startswith(TRANSACTION_CONTROL))


def timed(fn, rounds: int) -> tuple[float, float, int]:
    """Median wall and process-CPU milliseconds over `rounds`, and the queries of the last.
    CPU time is this process's alone (Django's side, not PostgreSQL's): less moved by load."""
    times, cpu = [], []
    for _ in range(rounds):
        with CaptureQueriesContext(connection) as queries:
            started, cpu_started = time.perf_counter(), time.process_time()
            fn()
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
    return statistics.median(times), statistics.median(cpu), counted(queries)


def main() -> None:
    from plans.models import Action, RagRating

    print(describe())
    old = setup_databases(verbosity=0, interactive=False)
    try:
        world = build()
        client = Client()
        client.force_login(world.users["ceo"])
        term = world.terms[1]
        grid = f"/t/{world.trust.slug}/terms/{term.pk}/rate/"
        assert Action.objects.filter(trust=world.trust).count() == ACTIONS
        client.get(grid)  # warm caches and templates

        def get_grid():
            assert client.get(grid).status_code == 200

        grid_ms, grid_cpu, grid_queries = timed(get_grid, ROUNDS)

        action = Action.objects.filter(trust=world.trust, reference="b1").get()
        url = f"/t/{world.trust.slug}/terms/{term.pk}/ratings/{action.pk}/"
        statuses = ["red", "amber", "green"]
        counter = iter(range(10**6))

        # Django's own cost: a view that does nothing, through the same middleware and session.
        settings.ROOT_URLCONF = "bench.bare_urls"
        clear_url_caches()
        bare_times: list[float] = []

        def bare():
            started = time.perf_counter()
            response = client.get("/bench/bare/")
            bare_times.append((time.perf_counter() - started) * 1000)
            assert response.content == b"ok"

        bare()

        def save():
            n = next(counter)
            version = RagRating.objects.get(action=action, term=term).version
            with CaptureQueriesContext(connection) as inner:
                started = time.perf_counter()
                response = client.post(
                    url,
                    {"status": statuses[n % 3], "commentary": f"Round {n}", "version": version},
                    HTTP_HX_REQUEST="true",
                )
                save_times.append((time.perf_counter() - started) * 1000)
            save_queries.append(counted(inner))
            assert b"Saved" in response.content

        save_times: list[float] = []
        save_queries: list[int] = []
        for _ in range(ROUNDS):  # alternately, so a busy moment hits both
            bare()
            save()

        from plans.review.services import rating_set

        service_queries = []
        service_times = []
        for n in range(ROUNDS):
            rating = RagRating.objects.get(action=action, term=term)
            with CaptureQueriesContext(connection) as inner:
                started = time.perf_counter()
                rating_set(
                    action=action, term=term, status=statuses[n % 3], commentary=f"Service {n}",
                    acting_user=world.users["ceo"], expected_version=rating.version,
                )  # fmt: skip
                service_times.append((time.perf_counter() - started) * 1000)
            service_queries.append(counted(inner))

        # Carry-forward of one row (the grid's S key): delete Spring's rating, keep Autumn's.
        carry_url = f"/t/{world.trust.slug}/terms/{term.pk}/ratings/{action.pk}/carry/"
        carry_times: list[float] = []
        carry_queries: list[int] = []
        for _ in range(ROUNDS):
            RagRating.objects.filter(action=action, term=term).delete()
            with CaptureQueriesContext(connection) as inner:
                started = time.perf_counter()
                response = client.post(carry_url, {"version": 0}, HTTP_HX_REQUEST="true")
                carry_times.append((time.perf_counter() - started) * 1000)
            carry_queries.append(counted(inner))
            assert b"unchanged since" in response.content

        print(f"rating grid, {ACTIONS} actions: median {grid_ms:.1f} ms server time "
              f"({grid_cpu:.1f} ms of it Django's CPU), {grid_queries} queries "
              "(target: at most 50 ms, fixed queries)")  # fmt: skip
        save_ms, bare_ms = statistics.median(save_times), statistics.median(bare_times[1:])
        print(f"save one rating, whole request: median {save_ms:.1f} ms, "
              f"{max(save_queries)} queries (target: at most 6: user, membership, the lookup, "
              "the locked read, the save with its history, the live counts; the session is "
              "read from the cache; BEGIN and COMMIT not counted)")  # fmt: skip
        print(f"bare Django view, same middleware and session: median {bare_ms:.2f} ms; the "
              f"save is {save_ms / bare_ms:.1f}x it (target: at most 10x)")  # fmt: skip
        print(f"save one rating, rating_set service: median "
              f"{statistics.median(service_times):.1f} ms, {max(service_queries)} queries "
              "(target: under 30 ms, at most 6 queries)")  # fmt: skip
        print(f"keep one row as last term (S), whole request: median "
              f"{statistics.median(carry_times):.1f} ms, {max(carry_queries)} queries (it "
              "sends the row back whole)")  # fmt: skip
    finally:
        teardown_databases(old, verbosity=0)


if __name__ == "__main__":
    main()
