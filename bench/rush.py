"""The term-end rush: 500 trusts ask for their board pack within one minute. Queue wait,
render time, packs per worker-hour and each worker's peak memory; then one trust asking for
50 packs at once beside 50 trusts asking for one, and whether those 50 waited behind it.

Run with real services:
    .venv/bin/python -m trustplan.localservices -- .venv/bin/python bench/rush.py
    (--trusts 500 --over 60 --workers 2 --busy 50 --others 50 by default; --trusts 20 while
    developing; --keep keeps the database)
It builds test_trustplan_scale_rush with bench/scaledb.py (the template trust of
bench/scale.py, 100 actions rated in three terms, Spring submitted to the board and Summer
open, copied to --trusts trusts with COPY), starts --workers Celery worker processes with the
solo pool (each the process that renders, so its memory is the pack's) on a queue of this
run's own, and then:

1. the rush: every trust's CEO asks for the Spring pack (`boardpack_request`), the requests
   spread evenly over --over seconds; it waits until every pack is ready and prints queue
   wait (started_at - requested_at), render time, packs per worker-hour and peak memory;
2. fairness: one trust asks for --busy different packs in the first seconds (a Summer rating
   changed through `rating_set` between two requests, so each request is a new pack), its
   requests interleaved with one request each from --others other trusts; it prints the
   others' queue wait and the busy trust's, and how many of the busy trust's packs started
   while each of the others was waiting.
"""

import argparse
import os
import shutil
import signal
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trustplan.test_settings")
os.environ["TEST_DB_SUFFIX"] = "_scale_rush"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402

from bench import scaledb  # noqa: E402
from bench.boardpack import cpu_seconds, peak_rss_mb, start_worker  # noqa: E402
from bench.machine import describe  # noqa: E402

SPRING, SUMMER = 2, 3


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def spread(values: list[float], unit: str = "s") -> str:
    return (
        f"p50 {percentile(values, 0.5):.2f} {unit}, p95 {percentile(values, 0.95):.2f} {unit}, "
        f"max {max(values):.2f} {unit}"
    )


class Trusts:
    """Copy n of the template: its live plan, Spring and Summer terms, CEO, and an action."""

    def __init__(self, layout, template):
        from django.contrib.auth import get_user_model

        from plans.models import Action, AnnualPlan, Term

        self.layout, self.template = layout, template
        world = template.world
        self.tables = {
            "user": get_user_model()._meta.db_table,
            "plan": AnnualPlan._meta.db_table,
            "term": Term._meta.db_table,
            "action": Action._meta.db_table,
        }
        self.ceo_id = world.users["ceo"].pk
        self.plan_id = world.annual_plan.pk
        self.term_ids = {n: template.term_ids[(scaledb.YEARS[-1], n)] for n in (SPRING, SUMMER)}
        self.action_id = template.action_ids[7]

    def of(self, n: int) -> dict:
        from django.contrib.auth import get_user_model

        from plans.models import Action, AnnualPlan, Term

        layout = self.layout
        return {
            "ceo": get_user_model().objects.get(pk=layout.id_of(self.tables["user"],
                                                                self.ceo_id, n)),
            "plan": AnnualPlan.objects.get(pk=layout.id_of(self.tables["plan"], self.plan_id, n)),
            "spring": Term.objects.get(pk=layout.id_of(self.tables["term"],
                                                       self.term_ids[SPRING], n)),
            "summer": Term.objects.get(pk=layout.id_of(self.tables["term"],
                                                       self.term_ids[SUMMER], n)),
            "action": Action.objects.get(pk=layout.id_of(self.tables["action"],
                                                         self.action_id, n)),
        }  # fmt: skip


def wait_ready(pack_ids: list[int], timeout: float) -> list:
    from boardpacks.models import BoardPack

    deadline = time.monotonic() + timeout
    while True:
        packs = list(BoardPack.objects.filter(pk__in=pack_ids))
        done = [p for p in packs if p.status in {"ready", "failed"}]
        if len(done) == len(pack_ids):
            failed = [p for p in packs if p.status == "failed"]
            if failed:
                raise SystemExit(f"bench: {len(failed)} packs failed: {failed[0].error}")
            return packs
        if time.monotonic() > deadline:
            raise SystemExit(
                f"bench: {len(pack_ids) - len(done)} of {len(pack_ids)} packs not ready "
                f"within {timeout:.0f} s"
            )
        time.sleep(0.5)


def waits(packs) -> list[float]:
    return [(p.started_at - p.requested_at).total_seconds() for p in packs]


def request_on_schedule(calls: list, over: float) -> float:
    """Run each call at its share of `over` seconds; returns the seconds the requests took."""
    started = time.monotonic()
    for index, call in enumerate(calls):
        due = started + over * index / max(1, len(calls))
        pause = due - time.monotonic()
        if pause > 0:
            time.sleep(pause)
        call()
    return time.monotonic() - started


def main() -> None:
    from boardpacks.services import boardpack_request
    from plans.review.services import rating_set
    from trustplan.celery import app

    parser = argparse.ArgumentParser()
    parser.add_argument("--trusts", type=int, default=500)
    parser.add_argument("--over", type=float, default=60.0, help="seconds the rush lasts")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--busy", type=int, default=50, help="packs the busy trust asks for")
    parser.add_argument("--others", type=int, default=50, help="trusts asking beside it")
    parser.add_argument("--keep", action="store_true", help="keep the database")
    args = parser.parse_args()
    if args.trusts < args.others + 1:
        raise SystemExit("bench: --trusts must be at least --others + 1")
    # One more trust per worker, whose pack warms it and is not counted.
    built = args.trusts + args.workers
    print(describe())
    old = setup_databases(verbosity=0, interactive=False)
    workers = []
    try:
        started = time.perf_counter()
        template = scaledb.build_template()
        layout = scaledb.replicate(template.trust_id, built, say=lambda *_: None)
        scaledb.analyze()
        print(
            f"{built} trusts (the template of bench/scale.py, Spring submitted) built "
            f"in {time.perf_counter() - started:.0f} s, {sum(layout.rows.values()):,} rows "
            "copied with COPY"
        )
        trusts = Trusts(layout, template)
        app.control.purge()
        workers = [start_worker()[0] for _ in range(args.workers)]
        print(
            f"{args.workers} Celery workers, solo pool, queue "
            f"{settings.CELERY_TASK_DEFAULT_QUEUE}; "
            f"load average at start {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
        )

        # Warm each worker (fonts, templates, code) with one pack, not counted.
        warm = [trusts.of(args.trusts + w) for w in range(args.workers)]
        warm_ids = [boardpack_request(annual_plan=t["plan"], term=t["spring"],
                                      acting_user=t["ceo"]).pk for t in warm]  # fmt: skip
        wait_ready(warm_ids, 300)

        # 1. The rush.
        subjects = [trusts.of(n) for n in range(args.trusts)]
        rush_ids = []

        def ask(subject):
            return lambda: rush_ids.append(
                boardpack_request(annual_plan=subject["plan"], term=subject["spring"],
                                  acting_user=subject["ceo"]).pk
            )  # fmt: skip

        cpu_before = [cpu_seconds(w.pid) for w in workers]
        took = request_on_schedule([ask(s) for s in subjects], args.over)
        packs = wait_ready(rush_ids, 7200)
        cpu_used = sum(cpu_seconds(w.pid) - c for w, c in zip(workers, cpu_before, strict=True))
        load_rush = os.getloadavg()
        first = min(p.requested_at for p in packs)
        last = max(p.finished_at for p in packs)
        wall_hours = (last - first).total_seconds() / 3600
        renders = [p.render_seconds for p in packs]
        print(
            f"\nrush: {len(packs)} trusts asked for their Spring pack (100 actions, "
            f"{statistics.median(p.pages for p in packs):.0f} pages) over {took:.0f} s"
        )
        print(f"  queue wait (started_at - requested_at): {spread(waits(packs))}")
        print(f"  render time (as the pack stores it): {spread(renders)}")
        print(
            f"  all ready {(last - first).total_seconds():.0f} s after the first request; "
            f"{len(packs) / (wall_hours * args.workers):.0f} packs per worker-hour of wall time, "
            f"{len(packs) / (cpu_used / 3600):.0f} per worker CPU-hour "
            f"({cpu_used / len(packs):.2f} s CPU a pack)"
        )
        print(f"  load average after the rush: {' '.join(f'{x:.2f}' for x in load_rush)}")

        # 2. Fairness: one trust asks for many packs while others ask for one each.
        busy = trusts.of(args.trusts - 1)
        others = subjects[: args.others]
        busy_ids, other_ids = [], []
        statuses = ["red", "amber", "green"]

        def busy_ask(index):
            def call():
                rating_set(
                    action=busy["action"],
                    term=busy["summer"],
                    status=statuses[index % 3],
                    commentary=f"Rush change {index}.",
                    acting_user=busy["ceo"],
                )
                busy_ids.append(boardpack_request(annual_plan=busy["plan"], term=busy["spring"],
                                                  acting_user=busy["ceo"]).pk)  # fmt: skip

            return call

        def other_ask(subject):
            def call():
                # A change in Summer, so the trust's Spring pack is a new one, not the rush's.
                rating_set(action=subject["action"], term=subject["summer"], status="red",
                           commentary="Fairness change.", acting_user=subject["ceo"])  # fmt: skip
                other_ids.append(boardpack_request(annual_plan=subject["plan"],
                                                   term=subject["spring"],
                                                   acting_user=subject["ceo"]).pk)  # fmt: skip

            return call

        calls = []
        for index in range(max(args.busy, args.others)):
            if index < args.busy:
                calls.append(busy_ask(index))
            if index < len(others):
                calls.append(other_ask(others[index]))
        took = request_on_schedule(calls, 5.0)
        done = wait_ready(busy_ids + other_ids, 7200)
        busy_packs = [p for p in done if p.pk in set(busy_ids)]
        other_packs = [p for p in done if p.pk in set(other_ids)]
        assert len(set(p.fingerprint for p in busy_packs)) == len(busy_packs), "packs reused"
        ahead = [
            sum(1 for b in busy_packs if o.requested_at <= b.started_at < o.started_at)
            for o in other_packs
        ]
        print(
            f"\nfairness: one trust asked for {len(busy_packs)} packs, interleaved with "
            f"{len(other_packs)} other trusts asking for one each, all within {took:.1f} s"
        )
        print(f"  the other trusts' queue wait: {spread(waits(other_packs))}")
        print(f"  the busy trust's queue wait: {spread(waits(busy_packs))}")
        print(
            f"  busy trust's packs started while one of the others waited: p50 "
            f"{statistics.median(ahead):.0f}, max {max(ahead)} (of {len(busy_packs)})"
        )
        behind = statistics.median(ahead) > args.workers
        print(
            f"  did the others wait behind the busy trust's packs? "
            f"{'yes' if behind else 'no'} (yes when, for half of them, more than one busy "
            f"pack per worker started while they waited)"
        )

        print(
            f"\npeak memory (VmHWM) per worker: "
            f"{', '.join(f'{peak_rss_mb(w.pid):.0f} MB' for w in workers)}"
        )
        print(describe())
    finally:
        for worker in workers:
            if worker.poll() is None:
                os.killpg(worker.pid, signal.SIGTERM)
                worker.wait(30)
        connection.close()
        shutil.rmtree(settings.PRIVATE_MEDIA_ROOT, ignore_errors=True)
        if args.keep:
            print(f"kept database {settings.DATABASES['default']['NAME']}")
        else:
            teardown_databases(old, verbosity=0)


if __name__ == "__main__":
    main()
