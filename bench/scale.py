"""One trust amid 2,500 and the same trust alone: each page's p50 and p95 and their ratio, and
every query plan that reads a tenant table by anything but an index leading with the trust.

Run with real services:
    .venv/bin/python -m trustplan.localservices -- .venv/bin/python bench/scale.py
    (--trusts 2500 by default; --trusts 50 while developing; --keep keeps both databases)
It builds test_trustplan_scale_big with migrations and one template trust (bench/scaledb.py:
10 schools, 100 actions rated in 3 terms with their history, 20 KPIs with 3 years of values,
6 board meetings a year), clones it as test_trustplan_scale_small (the trust alone), copies
the template to --trusts trusts in the big one with COPY, and VACUUM ANALYZEs both. It then
starts one gunicorn (one sync worker) per database and times, at the client, the same pages
of the same trust in both (copy n = trusts / 2 amid the others, the template alone),
alternating blocks of requests between the two so that the machine's other work hits both:
the CEO's home, plan, rating grid, a rating save, my actions and KPI dashboard, and a
trustee's papers page. Last, in this process against the big database, it captures each
page's SQL and prints the plan of every SELECT that scans a tenant table sequentially or by
an index whose first column is not trust_id (scans by primary key in a separate list).
"""

import argparse
import http.cookiejar
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trustplan.test_settings")
os.environ["TEST_DB_SUFFIX"] = "_scale_big"
# Anything the pages send to Celery goes to a queue nobody consumes, deleted at the end.
os.environ["CELERY_QUEUE"] = "trustplan-bench-scale"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_databases, teardown_databases  # noqa: E402

from bench import scaledb  # noqa: E402
from bench.gunicorn_gc import free_port  # noqa: E402
from bench.machine import describe  # noqa: E402

ROUNDS = 50  # blocks per page per database: 200 requests, so p95 is not the third slowest
BLOCK = 4  # requests in a block
WARM = 3
RATIO_GOAL = 1.2
STATUSES = ["green", "amber", "red"]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


class Site:
    """One gunicorn serving one database, and signed-in HTTP clients for it."""

    def __init__(self, label: str, database: str, folder: str):
        self.label, self.database = label, database
        self.port = free_port()
        self.log = open(Path(folder) / f"gunicorn-{label}.log", "w")  # noqa: SIM115
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "trustplan.settings",
            "DEBUG": "true",
            "DATABASE_URL": scaledb.database_url(database),
            "REDIS_URL": settings.REDIS_URL,
            "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
            "LOG_LEVEL": "WARNING",
        }
        self.process = subprocess.Popen(
            [str(Path(sys.executable).with_name("gunicorn")), "trustplan.wsgi",
             "--bind", f"127.0.0.1:{self.port}", "--workers", "1", "--timeout", "120"],
            cwd=ROOT, env=env, stdout=self.log, stderr=self.log, start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=5).read()
                break
            except urllib.error.HTTPError:
                break  # it answers (503 when a part is missing, which is fine here)
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"bench: gunicorn for {label} did not start") from None
                time.sleep(0.2)

    def opener(self, session_key: str):
        jar = http.cookiejar.CookieJar()
        jar.set_cookie(
            http.cookiejar.Cookie(
                0, settings.SESSION_COOKIE_NAME, session_key, None, False, "127.0.0.1", False,
                False, "/", True, False, None, True, None, None, {},
            )
        )  # fmt: skip
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        opener.jar = jar
        return opener

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(30)
        self.log.close()


def session_for(database: str, user_id: int) -> str:
    """A signed-in session for the user, written straight into that database's session
    table as Django's login writes it (the session hash of the copied password is the same)."""
    import datetime

    import psycopg
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone

    from accounts.receivers import LAST_SEEN_KEY, SIGNED_IN_AT_KEY

    with psycopg.connect(scaledb.database_url(database)) as db:
        password = db.execute(
            f'SELECT password FROM "{get_user_model()._meta.db_table}" WHERE id = %s', [user_id]
        ).fetchone()[0]
        user = get_user_model()(pk=user_id, password=password)
        store = SessionStore()
        key = store._get_new_session_key()
        now = time.time()
        data = store.encode(
            {
                "_auth_user_id": str(user_id),
                "_auth_user_backend": settings.AUTHENTICATION_BACKENDS[0],
                "_auth_user_hash": user.get_session_auth_hash(),
                SIGNED_IN_AT_KEY: now,
                LAST_SEEN_KEY: now,
            }
        )
        db.execute(
            "INSERT INTO django_session (session_key, session_data, expire_date) "
            "VALUES (%s, %s, %s)",
            [key, data, timezone.now() + datetime.timedelta(days=1)],
        )
    return key


class Trust:
    """The measured trust in one database: its ids, pages and signed-in clients."""

    def __init__(self, site: Site, layout, template, n: int):
        from django.contrib.auth import get_user_model

        from plans.models import Action, RagRating, Term
        from schools.models import Trust as TrustModel

        self.site, self.n = site, n
        world = template.world
        user_table = get_user_model()._meta.db_table
        self.slug = template.slug if n == 0 else f"t{n}-{template.slug}"
        assert TrustModel._meta.db_table in layout.strides
        self.term_id = layout.id_of(Term._meta.db_table, template.rated_term_id, n)
        self.action_id = layout.id_of(Action._meta.db_table, template.action_ids[5], n)
        self.rating_table = RagRating._meta.db_table
        self.ceo = site.opener(
            session_for(site.database, layout.id_of(user_table, world.users["ceo"].pk, n))
        )
        self.trustee = site.opener(
            session_for(site.database, layout.id_of(user_table, world.users["trustee"].pk, n))
        )
        self.saves = 0

    def pages(self):
        base = f"/t/{self.slug}"
        return [
            ("home", self.ceo, f"{base}/"),
            ("plan", self.ceo, f"{base}/plan/"),
            ("rating grid", self.ceo, f"{base}/terms/{self.term_id}/rate/"),
            ("rating save", self.ceo, None),
            ("my actions", self.ceo, f"{base}/my-actions/"),
            ("KPI dashboard", self.ceo, f"{base}/kpis/"),
            ("trustee's papers", self.trustee, f"{base}/governance/mine/"),
        ]

    def save_path(self) -> str:
        return f"/t/{self.slug}/terms/{self.term_id}/ratings/{self.action_id}/"

    def version(self) -> int:
        import psycopg

        with psycopg.connect(scaledb.database_url(self.site.database)) as db:
            return db.execute(
                f'SELECT version FROM "{self.rating_table}" WHERE action_id = %s AND term_id = %s',
                [self.action_id, self.term_id],
            ).fetchone()[0]

    def request(self, opener, path) -> float:
        """One request, timed at the client; the save's version is read before the clock."""
        if path is None:
            version = self.version()
            self.saves += 1
            token = next((c.value for c in opener.jar if c.name == "csrftoken"), None)
            if token is None:
                opener.open(self.site.url(f"/t/{self.slug}/terms/{self.term_id}/rate/")).read()
                token = next(c.value for c in opener.jar if c.name == "csrftoken")
            body = urllib.parse.urlencode(
                {"status": STATUSES[self.saves % 3], "commentary": f"Save {self.saves}.",
                 "version": version}
            ).encode()  # fmt: skip
            request = urllib.request.Request(
                self.site.url(self.save_path()), data=body,
                headers={"HX-Request": "true", "X-CSRFToken": token},
            )  # fmt: skip
        else:
            request = urllib.request.Request(self.site.url(path))
        started = time.perf_counter()
        with opener.open(request, timeout=120) as response:
            content = response.read()
            status = response.status
        elapsed = (time.perf_counter() - started) * 1000
        if status != 200 or (path is None and b"Saved" not in content):
            raise SystemExit(f"bench: {request.full_url} answered {status}")
        return elapsed


def time_pages(amid: Trust, alone: Trust) -> dict:
    times = {(label, which): [] for label, _, _ in amid.pages() for which in ("amid", "alone")}
    for trust in (amid, alone):
        for _label, opener, path in trust.pages():
            for _ in range(WARM):
                trust.request(opener, path)
    for round_ in range(ROUNDS):
        order = [("amid", amid), ("alone", alone)]
        if round_ % 2:
            order.reverse()
        for which, trust in order:
            for label, opener, path in trust.pages():
                for _ in range(BLOCK):
                    times[(label, which)].append(trust.request(opener, path))
    return times


def table_rows() -> dict[str, int]:
    """Each table's row count as ANALYZE left it (pg_class.reltuples)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, c.reltuples::bigint FROM pg_class c JOIN pg_namespace ns "
            "ON ns.oid = c.relnamespace AND ns.nspname = 'public' WHERE c.relkind = 'r'"
        )
        return {name: max(rows, 0) for name, rows in cursor.fetchall()}


def index_first_columns() -> dict[str, tuple[str, str, bool]]:
    """index name -> (table, its first column or expression, whether it is the primary key)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT ic.relname, tc.relname, pg_get_indexdef(i.indexrelid, 1, true), i.indisprimary
            FROM pg_index i
            JOIN pg_class ic ON ic.oid = i.indexrelid
            JOIN pg_class tc ON tc.oid = i.indrelid
            JOIN pg_namespace ns ON ns.oid = tc.relnamespace AND ns.nspname = 'public'
            """
        )
        return {name: (table, first, primary) for name, table, first, primary in cursor.fetchall()}


def scans(plan: dict):
    """Every node of a JSON plan that reads a table or an index."""
    yield plan
    for child in plan.get("Plans", []):
        yield from scans(child)


def explain_pages(layout, template, n: int) -> tuple[list, list, int]:
    """Each page's SELECTs on the big database, explained; the scans that read a tenant table
    sequentially or by an index not leading with the trust (primary-key scans apart)."""
    from django.contrib.auth import get_user_model

    from plans.models import Action, RagRating, Term

    User = get_user_model()
    tenant = scaledb.tenant_tables()
    indexes = index_first_columns()
    slug = f"t{n}-{template.slug}" if n else template.slug
    term_id = layout.id_of(Term._meta.db_table, template.rated_term_id, n)
    action_id = layout.id_of(Action._meta.db_table, template.action_ids[6], n)
    trust_id = layout.trust_id(n)
    ceo, trustee = Client(), Client()
    for client, role in [(ceo, "ceo"), (trustee, "trustee")]:
        user_id = layout.id_of(User._meta.db_table, template.world.users[role].pk, n)
        client.force_login(User.objects.get(pk=user_id))
    base = f"/t/{slug}"

    saves = iter(range(10**6))

    def save():
        # The version the form would carry is read by the caller before the capture starts.
        return ceo.post(f"{base}/terms/{term_id}/ratings/{action_id}/",
                        {"status": STATUSES[next(saves) % 3], "commentary": "Explained.",
                         "version": save.version},
                        HTTP_HX_REQUEST="true")  # fmt: skip

    def before_save():
        save.version = RagRating.objects.get(trust_id=trust_id, action_id=action_id,
                                             term_id=term_id).version  # fmt: skip

    pages = [
        ("home", lambda: ceo.get(f"{base}/")),
        ("plan", lambda: ceo.get(f"{base}/plan/")),
        ("rating grid", lambda: ceo.get(f"{base}/terms/{term_id}/rate/")),
        ("rating save", save),
        ("my actions", lambda: ceo.get(f"{base}/my-actions/")),
        ("KPI dashboard", lambda: ceo.get(f"{base}/kpis/")),
        ("trustee's papers", lambda: trustee.get(f"{base}/governance/mine/")),
    ]
    findings, by_primary_key, explained = [], [], 0
    seen = set()
    for label, run in pages:
        prepare = before_save if run is save else (lambda: None)
        prepare()
        run()  # once before, so one-off work (sessions, caches) is not what is explained
        prepare()
        with CaptureQueriesContext(connection) as captured:
            response = run()
        assert response.status_code == 200, (label, response.status_code)
        for query in captured.captured_queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                continue
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}")
                plan = cursor.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            explained += 1
            for node in scans(plan[0]["Plan"]):
                kind = node.get("Node Type", "")
                index = node.get("Index Name")
                table = node.get("Relation Name") or (indexes.get(index, ("",))[0])
                if table not in tenant:
                    continue
                if kind == "Seq Scan":
                    first, primary = None, False
                elif index and index in indexes:
                    _, first, primary = indexes[index]
                    if first.strip('"') == "trust_id":
                        continue
                else:
                    continue
                key = (label, table, kind, index)
                if key in seen:
                    continue
                seen.add(key)
                condition = node.get("Index Cond") or node.get("Filter") or ""
                line = (label, table, kind, index, first, node.get("Plan Rows"), condition, sql)
                (by_primary_key if primary else findings).append(line)
    return findings, by_primary_key, explained


def from_clause(sql: str, length: int = 360) -> str:
    """The statement from its FROM on (the column list says little), cut to `length`."""
    at = sql.find(" FROM ")
    text = sql[at + 1 :] if at >= 0 else sql
    return text[:length] + ("…" if len(text) > length else "")


def main() -> None:
    from trustplan.core.broker import redis_client

    parser = argparse.ArgumentParser()
    parser.add_argument("--trusts", type=int, default=2500)
    parser.add_argument("--keep", action="store_true", help="keep both databases")
    args = parser.parse_args()
    print(describe())
    big = settings.DATABASES["default"]["TEST"]["NAME"]
    small = big.removesuffix("_big") + "_small"
    old = setup_databases(verbosity=0, interactive=False)
    sites = []
    try:
        started = time.perf_counter()
        template = scaledb.build_template()
        print(f"template trust built in {time.perf_counter() - started:.1f} s")
        scaledb.clone_database(big, small)
        layout = scaledb.replicate(template.trust_id, args.trusts, say=lambda *_: None)
        rows = sum(layout.rows.values())
        largest = sorted(layout.rows.items(), key=lambda item: -item[1])[:6]
        print(f"{args.trusts} trusts: {rows:,} rows copied with COPY into {len(layout.rows)} "
              f"tables in {layout.seconds:.0f} s; largest: "
              f"{', '.join(f'{t} {r:,}' for t, r in largest)}")  # fmt: skip
        started = time.perf_counter()
        scaledb.analyze(big)
        scaledb.analyze(small)
        sizes = f"{big}: {scaledb.database_size(big)}, {small}: {scaledb.database_size(small)}"
        print(f"VACUUM ANALYZE of both in {time.perf_counter() - started:.0f} s; {sizes}")
        n = args.trusts // 2
        connection.close()
        with tempfile.TemporaryDirectory(prefix="bench-scale-") as folder:
            sites = [Site("amid", big, folder), Site("alone", small, folder)]
            amid = Trust(sites[0], layout, template, n)
            alone = Trust(sites[1], layout, template, 0)
            load_before = os.getloadavg()
            times = time_pages(amid, alone)
            load_after = os.getloadavg()
            for site in sites:
                site.stop()
        print(f"\npages of one trust (copy {n}) amid {args.trusts} trusts and the same trust "
              f"alone, gunicorn (1 sync worker each), timed at the client, "
              f"{ROUNDS * BLOCK} requests each, alternating blocks of {BLOCK}; CEO's pages, "
              "the last a trustee's; load average "
              f"{load_before[0]:.2f} before, {load_after[0]:.2f} after")  # fmt: skip
        worst = {"p50": 0.0, "p95": 0.0}
        for label, _, _ in amid.pages():
            a, b = times[(label, "amid")], times[(label, "alone")]
            a50, a95, b50, b95 = (percentile(a, 0.5), percentile(a, 0.95),
                                  percentile(b, 0.5), percentile(b, 0.95))  # fmt: skip
            worst["p50"] = max(worst["p50"], a50 / b50)
            worst["p95"] = max(worst["p95"], a95 / b95)
            print(f"  {label:<17} amid p50 {a50:7.1f} ms p95 {a95:7.1f} ms | alone p50 "
                  f"{b50:7.1f} ms p95 {b95:7.1f} ms | amid/alone p50 {a50 / b50:.2f} "
                  f"p95 {a95 / b95:.2f}")  # fmt: skip
        for which, ratio in worst.items():
            print(f"  worst {which} ratio {ratio:.2f} (goal: at most {RATIO_GOAL}: "
                  f"{'met' if ratio <= RATIO_GOAL else 'NOT met'})")  # fmt: skip

        findings, by_pk, explained = explain_pages(layout, template, n)
        print(f"\nquery plans: {explained} SELECTs of these pages explained on the big database")
        grouped: dict = {}
        for label, table, kind, index, first, plan_rows, condition, sql in findings:
            key = (table, kind, index, first, condition)
            grouped.setdefault(key, {"pages": [], "rows": plan_rows, "sql": sql})
            grouped[key]["pages"].append(label)
        sizes = table_rows()
        print(f"scans of a tenant table not led by trust_id: {len(grouped)}")
        for (table, kind, index, first, condition), seen_in in grouped.items():
            how = "Seq Scan" if kind == "Seq Scan" else f"{kind} on {index} (first: {first})"
            print(f"  {table} ({sizes.get(table, 0):,} rows in all): {how}, "
                  f"~{seen_in['rows']} rows expected, {condition or 'no condition'} "
                  f"[{', '.join(seen_in['pages'])}]")  # fmt: skip
            print(f"      {from_clause(seen_in['sql'])}")
        pinned: dict = {}
        for label, table, kind, index, _, plan_rows, condition, _ in by_pk:
            pinned.setdefault((table, kind, index, condition), []).append((label, plan_rows))
        print(f"scans of a tenant table by its primary key (rows pinned by id; judge): "
              f"{len(pinned)}")  # fmt: skip
        for (table, kind, index, condition), where in pinned.items():
            most = max(rows or 0 for _, rows in where)
            pages = ", ".join(sorted({label for label, _ in where}))
            print(f"  {table}: {kind} on {index}, {condition}, at most ~{most} rows [{pages}]")
        print()
        print(describe())
    finally:
        for site in sites:
            site.stop()
        redis_client().delete(os.environ["CELERY_QUEUE"])
        shutil.rmtree(settings.PRIVATE_MEDIA_ROOT, ignore_errors=True)  # the papers stored
        connection.close()
        if args.keep:
            print(f"kept databases {big} and {small}")
        else:
            scaledb.drop_database(small)
            teardown_databases(old, verbosity=0)


if __name__ == "__main__":
    main()
