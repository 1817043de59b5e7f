"""Board packs: request-to-ready time with a warm worker, a 300-action render, its re-render
after three rating changes, the worker's peak memory, and the same HTML printed by Chromium for
comparison.

Run with real services: `make bench`, or
    .venv/bin/python -m trustplan.localservices -- .venv/bin/python bench/boardpack.py
It builds a throwaway database (test_trustplan_bench_packs) with the demo trusts and a
300-action plan, starts one worker process with a deployment's settings (DEBUG off, static
files collected; solo pool, so the process that renders is the one measured) on its own
queue, prints the figures and the machine, then stops the worker and drops the database.
"""

import atexit
import functools
import os
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trustplan.test_settings")
os.environ["TEST_DB_SUFFIX"] = "_bench_packs"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.machine import describe  # noqa: E402
from tests.processes import process_env  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
BIG_ACTIONS = 300
DEMO_ROUNDS = 3
TARGETS = {"demo_seconds": 5.0, "big_seconds": 20.0, "peak_mb": 600.0}


@functools.cache
def production_env() -> dict[str, str]:
    """The settings a deployed worker runs with (DEBUG off, static files collected with their
    hashed names), so that the render is measured as trusts get it."""
    static_root = Path(tempfile.mkdtemp(prefix="trustplan-bench-static-"))
    atexit.register(shutil.rmtree, static_root, ignore_errors=True)
    env = process_env(
        DEBUG="false",
        SECRET_KEY=uuid.uuid4().hex,
        ALLOWED_HOSTS="localhost",
        SITE_URL="https://plans.bench.test",
        STATIC_ROOT=str(static_root),
        PRIVATE_MEDIA_ROOT=str(settings.PRIVATE_MEDIA_ROOT),
        LOG_LEVEL="WARNING",
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT, env=env, check=True,
    )  # fmt: skip
    return env


def start_worker() -> tuple[subprocess.Popen, str]:
    from trustplan.celery import app

    name = f"bench-packs-{uuid.uuid4().hex[:6]}"
    env = production_env()
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "trustplan.celery", "worker", "--pool", "solo",
         "--hostname", f"{name}@%h", "--loglevel", "ERROR", "--without-gossip",
         "--without-mingle"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not app.control.ping(destination=[f"{name}@{os.uname().nodename}"], timeout=0.5):
        if worker.poll() is not None or time.monotonic() > deadline:
            raise SystemExit("bench: the worker did not start")
    return worker, name


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident memory (VmHWM) so far."""
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024


def cpu_seconds(pid: int) -> float:
    """User and system CPU time the process has used so far: unlike wall time, it does not
    grow when other programs share the machine."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rendered(pack, timeout: float = 300.0):
    """Wait for the worker; returns (pack, seconds from now until it was seen ready)."""
    started = time.perf_counter()
    while True:
        pack.refresh_from_db()
        if pack.status in {"ready", "failed"}:
            break
        if time.perf_counter() - started > timeout:
            raise SystemExit(f"bench: pack {pack.pk} not rendered within {timeout:.0f} s")
        time.sleep(0.02)
    if pack.status == "failed":
        raise SystemExit(f"bench: pack {pack.pk} failed: {pack.error}")
    return pack, time.perf_counter() - started


def wait_idle(pid: int, quiet: float = 0.3, timeout: float = 30.0) -> float:
    """Wait until the worker has used no CPU for `quiet` seconds: once a pack is ready the
    worker collects its garbage and lays out page numbers ahead, and a CEO who reads the
    pack and changes a rating takes longer than that. Seconds waited."""
    started = time.perf_counter()
    last = cpu_seconds(pid)
    while time.perf_counter() - started < timeout:
        time.sleep(quiet)
        now = cpu_seconds(pid)
        if now == last:
            break
        last = now
    return time.perf_counter() - started


def request_and_wait(annual_plan, term, user):
    from boardpacks.services import boardpack_request

    started = time.perf_counter()
    pack = boardpack_request(annual_plan=annual_plan, term=term, acting_user=user)
    pack, _ = rendered(pack)
    return pack, time.perf_counter() - started


def build_big_plan():
    """A plan of 300 actions over five objectives, rated for two terms with commentaries:
    some red, some worse than last term, some not rated, as a real spring review might be."""
    from objectives.models import StrategicObjective
    from plans.models import Action, ActionOwner, ColumnValue, KeyFocus, PlanColumn, RagRating
    from tests.world import build_trust

    world = build_trust("bigpack")
    trust, plan = world.trust, world.annual_plan
    for number, name in [(3, "Improvement Strategy"), (4, "Shared Services"), (5, "Assurance")]:
        world.objectives.append(
            StrategicObjective.objects.create(
                trust=trust, plan=world.strategic_plan, number=number, short_name=name,
                statement=f"Objective {number}: a statement of what the trust sets out to do.",
            )
        )  # fmt: skip
    KeyFocus.objects.bulk_create(
        KeyFocus(trust=trust, annual_plan=plan, objective=objective, number=10 + n,
                 title=f"A priority for the year under objective {objective.number}")
        for n, objective in enumerate(world.objectives * 3)
    )  # fmt: skip
    sentence = (
        "Review the curriculum with every principal, agree the changes each school will make "
        "and report progress to the board with evidence from visits"
    )
    actions = Action.objects.bulk_create(
        Action(trust=trust, annual_plan=plan, objective=world.objectives[n % 5],
               reference=f"{n // 5 + 10}", position=100 + n, text=f"{sentence} ({n}).",
               school=world.schools[n % 2])
        for n in range(BIG_ACTIONS - len(world.actions))
    )  # fmt: skip
    kpis = PlanColumn.objects.get(trust=trust, key="kpis")
    ColumnValue.objects.bulk_create(
        ColumnValue(trust=trust, column=kpis, level="action", action=action,
                    text="Outcomes at or above national in every school.")
        for action in actions
    )  # fmt: skip
    ActionOwner.objects.bulk_create(
        ActionOwner(trust=trust, action=action, person=world.people["ceo" if n % 2 else "admin"])
        for n, action in enumerate(actions)
    )
    commentary = (
        "Visits in every school this term found the work under way; two schools are behind "
        "because of staff changes and have a support plan agreed with their principals, with "
        "a review at the next local governing body meeting."
    )
    autumn, spring = world.terms
    cycle = ["green", "amber", "green", "complete", "green", "amber", "green", "green", "red"]
    worse = {"green": "amber", "amber": "red", "complete": "green", "red": "red"}
    better = {"amber": "green", "red": "amber", "green": "complete", "complete": "complete"}

    def spring_status(n: int) -> str:
        status = cycle[n % len(cycle)]
        if n % 13 == 5:
            return worse[status]
        if n % 4 == 1:
            return better[status]
        return status

    RagRating.objects.bulk_create(
        RagRating(trust=trust, action=action, term=autumn, status=cycle[n % len(cycle)],
                  commentary=commentary, commentary_for=cycle[n % len(cycle)], version=1)
        for n, action in enumerate(actions)
    )  # fmt: skip
    RagRating.objects.bulk_create(
        RagRating(trust=trust, action=action, term=spring, status=spring_status(n),
                  commentary=commentary, commentary_for=spring_status(n), version=1)
        for n, action in enumerate(actions)
        if n % 20 != 7  # one in twenty not rated yet
    )  # fmt: skip
    assert Action.objects.filter(trust=trust, annual_plan=plan).count() == BIG_ACTIONS
    # Statistics, as autovacuum gathers them after a bulk load: without them PostgreSQL plans
    # the pack's queries for empty tables.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return world


def change_three_ratings(world) -> list[str]:
    """As a CEO might before the meeting: reopen the submitted term, give three actions in
    three objectives a new Spring rating through the product's own services (one of them now
    needs the board's attention), and submit the term again."""
    from plans.models import Action, RagRating
    from plans.review.services import rating_set, term_reopen, term_submit

    spring, ceo = world.terms[1], world.users["ceo"]
    term_reopen(term=spring, acting_user=ceo, reason="Three ratings to look at again.")
    following = {"green": "amber", "amber": "green", "red": "amber", "complete": "green"}
    actions = list(
        Action.objects.filter(trust=world.trust, annual_plan=world.annual_plan).order_by("pk")
    )
    changed = []
    for action in (actions[60], actions[151], actions[242]):
        rating = RagRating.objects.filter(action=action, term=spring).first()
        before = rating.status if rating else ""
        status = following.get(before, "green")
        rating_set(
            action=action,
            term=spring,
            status=status,
            commentary=f"Looked at again with the CEO before the meeting: now {status}.",
            acting_user=ceo,
        )
        changed.append(f"{action.full_reference} {before or 'not rated'} to {status}")
    term_submit(term=spring, acting_user=ceo)
    spring.refresh_from_db()
    return changed


def contents_numbers_match(pack) -> tuple[int, int]:
    """How many of the contents' page numbers name the page its part starts on."""
    from pypdf import PdfReader

    from boardpacks.services import pack_path

    pages = [" ".join(page.extract_text().split()) for page in PdfReader(pack_path(pack)).pages]
    contents = pages[0].split("Contents", 1)[-1]
    entries = re.findall(r"([A-Z][^.]*?) ?(?:\. ?){3,}(\d+)", contents)
    good = sum(1 for title, number in entries if title.strip() in pages[int(number) - 1])
    return good, len(entries)


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def chromium_version() -> str:
    try:
        out = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=20)
        return out.stdout.strip() or "unknown"
    except (OSError, subprocess.TimeoutExpired):
        return "not found"


def compare_renderers(pack, rounds: int = 2) -> dict:
    """The same pack HTML through WeasyPrint (in this process) and Chromium's print-to-PDF
    (a headless browser per run, as a worker would start it). Best of `rounds` each."""
    from pypdf import PdfReader

    from boardpacks.render import PACK_CSS, html_to_pdf, pack_html
    from boardpacks.selectors import pack_contents

    html = pack_html(pack, pack_contents(pack))
    weasy, weasy_cpu = [], []
    for _ in range(rounds):
        started, cpu = time.perf_counter(), time.process_time()
        result = html_to_pdf(html)
        weasy.append(time.perf_counter() - started)
        weasy_cpu.append(time.process_time() - cpu)
    figures = {
        "weasyprint": min(weasy),
        "weasyprint_cpu": min(weasy_cpu),
        "weasyprint_pages": result.pages,
    }
    if not Path(CHROMIUM).exists():
        return figures
    css = (ROOT / "static" / PACK_CSS).read_text()
    inlined = re.sub(r'<link rel="stylesheet" href="[^"]*">', f"<style>{css}</style>", html)
    with tempfile.TemporaryDirectory(prefix="bench-chromium-") as folder:
        source, target = Path(folder) / "pack.html", Path(folder) / "pack.pdf"
        source.write_text(inlined, encoding="utf-8")
        chrome, chrome_cpu = [], []
        for _ in range(rounds):
            target.unlink(missing_ok=True)
            started, cpu = time.perf_counter(), children_cpu()
            subprocess.run(
                [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--no-pdf-header-footer", f"--user-data-dir={folder}/profile",
                 f"--print-to-pdf={target}", source.as_uri()],
                check=True, capture_output=True, timeout=120,
            )  # fmt: skip
            chrome.append(time.perf_counter() - started)
            chrome_cpu.append(children_cpu() - cpu)
        figures["chromium"] = min(chrome)
        figures["chromium_cpu"] = min(chrome_cpu)
        figures["chromium_pages"] = len(PdfReader(target).pages)
    return figures


def main() -> None:
    from boardpacks.models import BoardPack
    from boardpacks.services import boardpack_publish
    from plans.models import Term
    from plans.selectors import current_annual_plan
    from schools.models import Membership, Trust
    from trustplan.celery import app

    print(describe())
    print(f"renderers: weasyprint in a Celery worker (solo pool); {chromium_version()}")
    print(f"load average at start: {' '.join(f'{n:.2f}' for n in os.getloadavg())}")
    old = setup_databases(verbosity=0, interactive=False)
    worker = None
    try:
        call_command("demo", verbosity=0)
        best = Trust.objects.get(slug="best")
        plan = current_annual_plan(best)
        ceo = Membership.objects.get(trust=best, role="ceo").user
        autumn, spring = (Term.objects.get(annual_plan=plan, name=n) for n in ["Autumn", "Spring"])
        big = build_big_plan()
        # As the CEO's submission leaves them: packs are made of submitted terms only.
        Term.objects.filter(pk__in=[spring.pk, big.terms[1].pk]).update(
            status="submitted", submitted_at=timezone.now()
        )
        spring.refresh_from_db()
        big.terms[1].refresh_from_db()
        app.control.purge()
        worker, _ = start_worker()

        request_and_wait(plan, autumn, ceo)  # warm the worker: fonts, templates, code
        demo_times, demo_renders, demo_cpu = [], [], []
        for _ in range(DEMO_ROUNDS):
            wait_idle(worker.pid)
            cpu = cpu_seconds(worker.pid)
            pack, seconds = request_and_wait(plan, spring, ceo)
            demo_cpu.append(cpu_seconds(worker.pid) - cpu)
            demo_times.append(seconds)
            demo_renders.append(pack.render_seconds)
            boardpack_publish(pack=pack, acting_user=ceo)  # so the next request is a new pack
        demo_pack = pack

        wait_idle(worker.pid)
        cpu = cpu_seconds(worker.pid)
        big_pack, big_wall = request_and_wait(big.annual_plan, big.terms[1], big.users["ceo"])
        big_cpu = cpu_seconds(worker.pid) - cpu
        changed = change_three_ratings(big)
        after_ready = wait_idle(worker.pid)
        cpu = cpu_seconds(worker.pid)
        again, again_wall = request_and_wait(big.annual_plan, big.terms[1], big.users["ceo"])
        again_cpu = cpu_seconds(worker.pid) - cpu
        assert again.pk != big_pack.pk, "a rating change makes a new pack"
        peak = peak_rss_mb(worker.pid)
        compared = compare_renderers(again)
        demo_compared = compare_renderers(demo_pack)

        demo_median = statistics.median(demo_times)
        print(
            f"demo pack (19 actions, {demo_pack.pages} pages): request to ready median "
            f"{demo_median:.2f} s over {DEMO_ROUNDS} requests (render "
            f"{statistics.median(demo_renders):.2f} s, worker CPU "
            f"{statistics.median(demo_cpu):.2f} s; each: "
            f"{', '.join(f'{t:.2f}' for t in demo_times)} s) "
            f"[target under {TARGETS['demo_seconds']:.0f} s: "
            f"{'met' if demo_median < TARGETS['demo_seconds'] else 'NOT met'}]"
        )
        print(
            f"300-action pack ({big_pack.pages} pages, {big_pack.bytes / 1024:.0f} KiB): render "
            f"{big_pack.render_seconds:.2f} s (worker CPU {big_cpu:.2f} s), request to ready "
            f"{big_wall:.2f} s "
            f"[target under {TARGETS['big_seconds']:.0f} s: "
            f"{'met' if big_pack.render_seconds < TARGETS['big_seconds'] else 'NOT met'}]"
        )
        good, entries = contents_numbers_match(again)
        print(
            f"re-render after 3 rating changes ({'; '.join(changed)}; v{again.version}, "
            f"{again.pages} pages): request to ready {again_wall:.2f} s (render "
            f"{again.render_seconds:.2f} s, worker CPU {again_cpu:.2f} s); contents page "
            f"numbers matching their pages: {good} of {entries}; asked once the worker was "
            f"idle, {after_ready:.2f} s after the ratings changed"
        )
        if "chromium" in compared:
            ratio = again_wall / compared["chromium"]
            print(
                f"re-render / chromium (whole same HTML, {compared['chromium']:.2f} s) = "
                f"{ratio:.2f} [goal at most 1.0: {'met' if ratio <= 1.0 else 'NOT met'}]"
            )
        print(
            f"worker peak memory (VmHWM, the rendering process): {peak:.0f} MB "
            f"[target under {TARGETS['peak_mb']:.0f} MB: "
            f"{'met' if peak < TARGETS['peak_mb'] else 'NOT met'}]"
        )
        for label, figures in [("re-rendered 300-action", compared), ("demo", demo_compared)]:
            line = (
                f"same HTML, {label} pack: weasyprint {figures['weasyprint']:.2f} s "
                f"(CPU {figures['weasyprint_cpu']:.2f} s, {figures['weasyprint_pages']} pages)"
            )
            if "chromium" in figures:
                line += (
                    f", chromium --print-to-pdf {figures['chromium']:.2f} s (CPU "
                    f"{figures['chromium_cpu']:.2f} s, {figures['chromium_pages']} pages, "
                    f"browser start included); weasyprint/chromium = "
                    f"{figures['weasyprint'] / figures['chromium']:.2f} by time, "
                    f"{figures['weasyprint_cpu'] / figures['chromium_cpu']:.2f} by CPU"
                )
            else:
                line += f"; chromium not found at {CHROMIUM}"
            print(line)
        print(
            "note: Chromium does not lay out leader() or target-counter(), so its contents "
            "page has no page numbers; the timing compares the same HTML and CSS."
        )
        print(f"load average at end: {' '.join(f'{n:.2f}' for n in os.getloadavg())}")
        assert BoardPack.objects.filter(status="failed").count() == 0
    finally:
        if worker is not None and worker.poll() is None:
            os.killpg(worker.pid, signal.SIGTERM)
            worker.wait(30)
        connection.close()
        teardown_databases(old, verbosity=0)
        shutil.rmtree(settings.PRIVATE_MEDIA_ROOT, ignore_errors=True)


if __name__ == "__main__":
    main()
