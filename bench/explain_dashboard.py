"""The KPI dashboard's measurement and target queries among many trusts, before and after the
trust went on each table they join (issue 19, tests/core/test_joins.py).

Run with real services:
    .venv/bin/python -m trustplan.localservices -- .venv/bin/python bench/explain_dashboard.py
    (--trusts 2500 --kpis 10 --years 3 by default)
It builds a throwaway database of that many trusts, each with a strategic plan, `years`
annual plans of three terms, and `kpis` termly trust-wide KPIs with a value every term and a
target every year; runs ANALYZE; then prints EXPLAIN (ANALYZE) of one trust's two queries as
the code asked them before (the trust on the measurement only; a join to every trust's annual
plans for the year, and to terms and levels for the order) and as figures_for asks them now
(captured from the product's own code); then the machine, and the database is dropped.
"""

import argparse
import datetime
import os
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trustplan.test_settings")
os.environ.setdefault("TEST_DB_SUFFIX", "_bench_explain_dashboard")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_databases, teardown_databases  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.machine import describe  # noqa: E402

BATCH = 5000
TERMS = [("Autumn", (9, 4), (12, 20)), ("Spring", (1, 6), (4, 3)), ("Summer", (4, 20), (7, 20))]


def build(trusts: int, kpis: int, years: int, last_year: int) -> None:
    from kpis.models import Kpi, Measurement, Target
    from objectives.models import StrategicPlan
    from plans.models import AnnualPlan, Term
    from schools.models import Trust

    made = Trust.objects.bulk_create(
        [
            Trust(name=f"Bench trust {n}", short_name=f"B{n}", slug=f"bench-{n}")
            for n in range(trusts)
        ],
        batch_size=BATCH,
    )
    first = last_year - years + 1
    strategic = StrategicPlan.objects.bulk_create(
        [
            StrategicPlan(trust=t, title="Strategic plan", start_year=first, end_year=last_year + 1)
            for t in made
        ],
        batch_size=BATCH,
    )
    plans = AnnualPlan.objects.bulk_create(
        [
            AnnualPlan(trust=t, strategic_plan=s, academic_year=year)
            for t, s in zip(made, strategic, strict=True)
            for year in range(first, last_year + 1)
        ],
        batch_size=BATCH,
    )

    def day(year, month_day):
        return datetime.date(year + (month_day[0] < 9), *month_day)

    terms = Term.objects.bulk_create(
        [
            Term(
                trust_id=p.trust_id,
                annual_plan=p,
                number=n,
                name=name,
                starts_on=day(p.academic_year, starts),
                ends_on=day(p.academic_year, ends),
                rating_deadline=day(p.academic_year, ends),
            )
            for p in plans
            for n, (name, starts, ends) in enumerate(TERMS, start=1)
        ],
        batch_size=BATCH,
    )
    made_kpis = Kpi.objects.bulk_create(
        [
            Kpi(trust=t, name=f"Measure {k}", unit="percentage", direction="higher", position=k)
            for t in made
            for k in range(kpis)
        ],
        batch_size=BATCH,
    )
    terms_of: dict[int, list] = {}
    for term in terms:
        terms_of.setdefault(term.trust_id, []).append(term)
    plans_of: dict[int, list] = {}
    for plan in plans:
        plans_of.setdefault(plan.trust_id, []).append(plan)
    now = timezone.now()
    rows = []
    for kpi in made_kpis:
        for term in terms_of[kpi.trust_id]:
            rows.append(
                Measurement(
                    trust_id=kpi.trust_id,
                    kpi=kpi,
                    annual_plan_id=term.annual_plan_id,
                    term=term,
                    value=Decimal("95.5"),
                    entered_at=now,
                )
            )
        if len(rows) >= BATCH:
            Measurement.objects.bulk_create(rows)
            rows = []
    Measurement.objects.bulk_create(rows)
    Target.objects.bulk_create(
        [
            Target(
                trust_id=kpi.trust_id,
                kpi=kpi,
                academic_year=plan.academic_year,
                kind="absolute",
                value=Decimal("96"),
            )
            for kpi in made_kpis
            for plan in plans_of[kpi.trust_id]
        ],
        batch_size=BATCH,
    )


def explain(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) {sql}")
        return "\n".join(f"    {row[0]}" for row in cursor.fetchall())


def show(title: str, sql: str) -> None:
    print(f"\n## {title}\n  {sql[:400]}{'…' if len(sql) > 400 else ''}")
    explain(sql)  # once to warm the cache, as a busy server has it
    print(explain(sql))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--trusts", type=int, default=2500)
    parser.add_argument("--kpis", type=int, default=10)
    parser.add_argument("--years", type=int, default=3)
    args = parser.parse_args()

    old = setup_databases(verbosity=0, interactive=False)
    try:
        from kpis.models import Measurement, Target
        from kpis.periods import trust_periods
        from kpis.selectors import figures_for, trust_schools
        from schools.models import Trust

        last_year = 2025
        build(args.trusts, args.kpis, args.years, last_year)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(
            f"# {args.trusts} trusts, {args.years} years of 3 terms, {args.kpis} KPIs each: "
            f"{Measurement.objects.count():,} values, {Target.objects.count():,} targets"
        )
        trust = Trust.objects.order_by("pk")[args.trusts // 2]
        periods = trust_periods(trust)
        as_at = periods.year_of(
            next(
                p.annual_plan.pk for p in periods.years if p.annual_plan.academic_year == last_year
            )
        )

        before_measurements = (
            Measurement.objects.for_trust(trust)
            .select_related("entered_by", "level")
            .filter(annual_plan__academic_year__lte=last_year)
        )
        before_targets = (
            Target.objects.for_trust(trust)
            .select_related("level")
            .filter(academic_year__lte=last_year)
        )
        for name, queryset in [("measurements", before_measurements), ("targets", before_targets)]:
            sql, params = queryset.query.sql_with_params()
            show(f"Dashboard {name}, before", connection.ops.compose_sql(sql, params))

        with CaptureQueriesContext(connection) as seen:
            figures_for(trust, periods=periods, schools=trust_schools(trust), up_to=as_at)
        captured = [q["sql"] for q in seen.captured_queries]
        for name, table in [("measurements", "kpis_measurement"), ("targets", "kpis_target")]:
            sql = next(
                q
                for q in captured
                if q.split(" WHERE ")[0].endswith(f'FROM "{table}"')
                or f'FROM "{table}" ' in q.split(" WHERE ")[0]
            )
            show(f"Dashboard {name}, now (figures_for)", sql)
    finally:
        teardown_databases(old, verbosity=0)
    print()
    print(describe())


if __name__ == "__main__":
    main()
