"""The query plans of the paths that grow with every trust: sign-in's lookup and the sweeps
that run across trusts every minute, each with and without the index made for it.

Run with real services:
    .venv/bin/python -m trustplan.localservices -- .venv/bin/python bench/explain.py
    (--trusts 2000 --owners 20 --packs 20 --emails 50 by default)
It builds a throwaway database (the reminder bench's trusts, plans, terms and owners, plus
the given number of finished board packs and sent e-mails per trust), runs ANALYZE, then runs
the product's own code (authenticate, boardpack_sweep, email_sweep, trustdata_sweep) and
prints EXPLAIN (ANALYZE) of each SELECT it issued. "Before" is the same statement with the
sweep's indexes dropped inside a transaction that is rolled back, and for sign-in the
`__iexact` form (UPPER(email) = UPPER(...)) the code used before; then the machine, and the
database is dropped.
"""

import argparse
import datetime
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trustplan.test_settings")
os.environ.setdefault("TEST_DB_SUFFIX", "_bench_explain")
# A sweep that finds work sends tasks: to a queue nobody consumes (there should be none).
os.environ["CELERY_QUEUE"] = "trustplan-bench-explain"

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_databases, teardown_databases  # noqa: E402

from bench.machine import describe  # noqa: E402
from bench.reminders import BATCH  # noqa: E402
from bench.reminders import build as build_trusts  # noqa: E402

SWEEP_INDEXES = {
    "boardpack_sweep": [
        "boardpack_sweep_rendering",
        "boardpack_sweep_queued",
        "boardpack_sweep_unnotified",
    ],
    "email_sweep": ["outgoing_email_unsent"],
    "trustdata_sweep": ["archive_sweep_unfinished", "trust_deletion_due"],
}


def build_history(packs: int, emails: int) -> None:
    """Finished work, as years of use leave it: packs rendered, published and notified, and
    e-mails sent. The sweeps must not read these."""
    from django.utils import timezone

    from boardpacks.models import BoardPack
    from notifications.models import OutgoingEmail
    from plans.models import Term

    now = timezone.now()
    terms = list(Term.objects.select_related("annual_plan").order_by("pk"))

    def pack(term, n):
        when = now - datetime.timedelta(days=n + 1)
        return BoardPack(
            trust_id=term.trust_id, annual_plan=term.annual_plan, term=term, version=n + 1,
            status="ready", progress=100, started_at=when, finished_at=when,
            published_at=when, notified_at=when, fingerprint=f"{term.pk}-{n}",
        )  # fmt: skip

    def email(term, n):
        when = now - datetime.timedelta(hours=n + 1)
        return OutgoingEmail(
            trust_id=term.trust_id, key=f"bench:{term.trust_id}:{n}", kind="bench",
            to=f"reader{n}@bench.test", subject="A pack", body="Read it.", status="sent",
            sent_at=when, next_attempt_at=when, created_at=when,
        )  # fmt: skip

    for model, make, per_term in [(BoardPack, pack, packs), (OutgoingEmail, email, emails)]:
        rows = []
        for term in terms:
            rows.extend(make(term, n) for n in range(per_term))
            if len(rows) >= BATCH:
                model.objects.bulk_create(rows, batch_size=BATCH)
                rows = []
        model.objects.bulk_create(rows, batch_size=BATCH)


def explain(sql: str, params=None) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) {sql}", params)
        return "\n".join(f"    {row[0]}" for row in cursor.fetchall())


def selects_of(run) -> list[str]:
    with CaptureQueriesContext(connection) as seen:
        run()
    return [
        q["sql"]
        for q in seen.captured_queries
        if q["sql"].lstrip().upper().startswith("SELECT") and '"django_' not in q["sql"]
    ]


def show(title: str, statements: list[str], drop: list[str] | None = None) -> None:
    print(f"\n## {title}{' (before: its indexes dropped)' if drop else ''}")
    with transaction.atomic():
        if drop:
            with connection.cursor() as cursor:
                for name in drop:
                    cursor.execute(f'DROP INDEX IF EXISTS "{name}"')
        for sql in statements:
            print(f"  {sql[:300]}{'…' if len(sql) > 300 else ''}")
            print(explain(sql))
        transaction.set_rollback(True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--trusts", type=int, default=2000)
    parser.add_argument("--owners", type=int, default=20)
    parser.add_argument("--packs", type=int, default=20)
    parser.add_argument("--emails", type=int, default=50)
    args = parser.parse_args()

    old = setup_databases(verbosity=0, interactive=False)
    try:
        from django.contrib.auth import authenticate, get_user_model

        from boardpacks.services import boardpack_sweep
        from notifications.services import email_sweep
        from trustdata.services import trustdata_sweep

        build_trusts(args.trusts, args.owners, datetime.date.today())
        build_history(args.packs, args.emails)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        User = get_user_model()
        print(
            f"# {args.trusts} trusts: {User.objects.count():,} users, "
            f"{args.packs * args.trusts:,} packs, {args.emails * args.trusts:,} e-mails"
        )

        email = User.objects.order_by("pk")[User.objects.count() // 2].email.upper()
        sign_in = [
            q for q in selects_of(lambda: authenticate(email=email, password="x")) if "email" in q
        ]
        show("Sign-in: the user by e-mail, as the code asks now (LOWER)", sign_in[:1])
        old_form = User.objects.filter(email__iexact=email)
        sql, params = old_form.query.sql_with_params()
        before = connection.ops.compose_sql(sql, params)
        show("Sign-in: the user by e-mail, as the code asked before (__iexact, UPPER)", [before])

        for name, run in [
            ("boardpack_sweep", boardpack_sweep),
            ("email_sweep", email_sweep),
            ("trustdata_sweep", trustdata_sweep),
        ]:
            statements = selects_of(run)
            show(name, statements)
            show(name, statements, drop=SWEEP_INDEXES[name])
    finally:
        teardown_databases(old, verbosity=0)
    print()
    print(describe())


if __name__ == "__main__":
    main()
