"""A database of many trusts, each a copy of one template trust, built in minutes with COPY.

Shared by bench/scale.py and bench/rush.py. The caller sets DJANGO_SETTINGS_MODULE and
TEST_DB_SUFFIX and calls django.setup() first; then:

    old = setup_databases(...)            # migrations, once
    template = build_template()           # one trust through the product's own code
    clone_database(name, alone_name)      # optional: the template trust alone
    layout = replicate(trusts)            # trusts - 1 copies of it, table by table, with COPY
    analyze()

The template trust is the test world's trust (tests.world.build_trust: a person for every
role, a board and two local bodies with papers and questions) grown with bulk_create and the
product's services to SCHOOLS schools, ACTIONS actions rated in each of three terms (with
their history rows), KPIS KPIs with three years of termly values and targets, and
MEETINGS_A_YEAR board meetings a year. Copy n of it (n = 1 .. trusts - 1) has every id of
every table it fills moved by n times that table's largest id at the time of the copy
(`Layout.id_of`), its trust's slug, people's e-mail addresses and every other value unique
across trusts prefixed with `t<n>-`, and everything else (texts, dates, statuses, history) as
the template has it.
"""

from __future__ import annotations

import datetime
import graphlib
import time
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import quote

from django.apps import apps
from django.conf import settings
from django.db import connection

SCHOOLS = 10
ACTIONS = 100
KPIS = 20
MEETINGS_A_YEAR = 6
YEARS = (2017, 2018, 2019)
TEMPLATE_SLUG = "scale"
TERMS = [  # (number, name, (start month, day), (end month, day), year offset of start / end)
    (1, "Autumn", (9, 4), (12, 20), 0, 0),
    (2, "Spring", (1, 6), (4, 3), 1, 1),
    (3, "Summer", (4, 20), (7, 22), 1, 1),
]
COMMENTARY = (
    "Visits in every school this term found the work under way; two schools are behind "
    "because of staff changes and have a support plan agreed with their principals."
)
# Tables no copy fills: sessions and sign-in records are made by requests, the rest is global.
NOT_COPIED = {
    "django_session",
    "django_content_type",
    "auth_permission",
    "auth_group",
    "auth_group_permissions",
    "django_admin_log",
    "usersessions_usersession",
}


@dataclass
class Template:
    world: object  # tests.world.TrustWorld
    trust_id: int
    slug: str
    term_ids: dict = field(default_factory=dict)  # (year, number) -> id
    rated_term_id: int = 0  # the live year's open term: the grid measured
    action_ids: list = field(default_factory=list)


def database_url(name: str | None = None) -> str:
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db.get("PASSWORD"):
        credentials += ":" + quote(db["PASSWORD"], safe="")
    port = f":{db['PORT']}" if db.get("PORT") else ""
    host = quote(db.get("HOST") or "127.0.0.1", safe="")
    return f"postgres://{credentials}@{host}{port}/{name or db['NAME']}"


def _term_dates(year: int, spec) -> tuple[datetime.date, datetime.date]:
    _, _, (sm, sd), (em, ed), so, eo = spec
    return datetime.date(year + so, sm, sd), datetime.date(year + eo, em, ed)


def build_template(slug: str = TEMPLATE_SLUG) -> Template:
    """One trust at full size, through the product's own code and bulk_create."""
    from django.utils import timezone
    from simple_history.utils import bulk_create_with_history

    from governance.models import Body, Meeting
    from kpis.periods import trust_periods
    from kpis.services import kpi_create, measurement_record, target_set
    from objectives.models import StrategicObjective
    from plans.grants import action_grants_sync
    from plans.models import (
        Action,
        ActionOwner,
        AnnualPlan,
        ColumnValue,
        KeyFocus,
        PlanColumn,
        RagRating,
        Term,
    )
    from schools.models import School
    from tests.world import build_trust

    world = build_trust(slug)
    trust = world.trust
    ceo = world.users["ceo"]
    world.strategic_plan.start_year = YEARS[0]
    world.strategic_plan.save()
    plans = {}
    for year in YEARS[:-1]:
        plans[year] = AnnualPlan.objects.create(
            trust=trust, strategic_plan=world.strategic_plan, academic_year=year,
            status="approved", approved_on=datetime.date(year, 7, 15),
        )  # fmt: skip
    live = world.annual_plan
    plans[YEARS[-1]] = live
    AnnualPlan.objects.filter(pk=live.pk).update(
        status="approved", approved_on=datetime.date(YEARS[-1], 7, 15)
    )
    template = Template(world=world, trust_id=trust.pk, slug=trust.slug)
    now = timezone.now()
    for year, plan in plans.items():
        for spec in TERMS:
            number, name = spec[0], spec[1]
            starts, ends = _term_dates(year, spec)
            past = year < YEARS[-1] or number == 1
            status = "noted" if past else ("submitted" if number == 2 else "open")
            term = Term.objects.filter(annual_plan=plan, number=number).first()
            if term is None:
                term = Term.objects.create(
                    trust=trust, annual_plan=plan, number=number, name=name, starts_on=starts,
                    ends_on=ends, rating_deadline=ends - datetime.timedelta(days=7),
                )  # fmt: skip
            Term.objects.filter(pk=term.pk).update(
                status=status,
                submitted_at=now if status != "open" else None,
                submitted_by=ceo if status != "open" else None,
                noted_at=now if status == "noted" else None,
            )
            template.term_ids[(year, number)] = term.pk
    template.rated_term_id = template.term_ids[(YEARS[-1], 3)]
    live_terms = [Term.objects.get(pk=template.term_ids[(YEARS[-1], n)]) for n in (1, 2, 3)]

    schools = list(world.schools)
    schools += School.objects.bulk_create(
        School(trust=trust, name=f"{slug.title()} Academy {n}", code=f"A{n:02d}",
               kind="primary" if n % 3 else "secondary")
        for n in range(len(schools), SCHOOLS)
    )  # fmt: skip
    objectives = list(world.objectives)
    for number, name in [(3, "Improvement"), (4, "Shared services"), (5, "Assurance")]:
        objectives.append(
            StrategicObjective.objects.create(
                trust=trust, plan=world.strategic_plan, number=number, short_name=name,
                statement=f"Objective {number}: what the trust sets out to do.",
            )
        )  # fmt: skip
    foci = [world.key_focus, *KeyFocus.objects.bulk_create(
        KeyFocus(trust=trust, annual_plan=live, objective=objectives[n % 5], number=2 + n,
                 title=f"A priority for the year under objective {objectives[n % 5].number}")
        for n in range(9)
    )]  # fmt: skip
    sentence = (
        "Review the curriculum with every principal, agree the changes each school will make "
        "and report progress to the board with evidence from visits"
    )
    extra = [
        Action(trust=trust, annual_plan=live, objective=objectives[n % 5],
               key_focus=next((f for f in foci if f.objective_id == objectives[n % 5].pk), None),
               reference=f"{n // 5 + 10}", position=100 + n, text=f"{sentence} ({n}).",
               school=schools[n % SCHOOLS])
        for n in range(ACTIONS - len(world.actions))
    ]  # fmt: skip
    extra = bulk_create_with_history(extra, Action, default_user=ceo)
    extra = list(Action.objects.filter(trust=trust, annual_plan=live, position__gte=100))
    kpis_column = PlanColumn.objects.get(trust=trust, key="kpis")
    bulk_create_with_history(
        [
            ColumnValue(trust=trust, column=kpis_column, level="action", action=a,
                        text="Outcomes at or above national in every school.")
            for a in extra
        ],
        ColumnValue, default_user=ceo,
    )  # fmt: skip
    owners = [world.people[r] for r in ("ceo", "admin", "school_lead")]
    bulk_create_with_history(
        [ActionOwner(trust=trust, action=a, person=owners[n % 3]) for n, a in enumerate(extra)],
        ActionOwner, default_user=ceo,
    )  # fmt: skip
    actions = list(Action.objects.filter(trust=trust, annual_plan=live).order_by("pk"))
    template.action_ids = [a.pk for a in actions]
    cycle = ["green", "amber", "green", "complete", "green", "amber", "green", "green", "red"]
    existing = set(RagRating.objects.filter(trust=trust).values_list("action_id", "term_id"))
    ratings = [
        RagRating(trust=trust, action=a, term=term, status=cycle[(n + i) % len(cycle)],
                  commentary=COMMENTARY, commentary_for=cycle[(n + i) % len(cycle)],
                  rated_by=ceo, rated_at=now, version=1)
        for n, a in enumerate(actions)
        for i, term in enumerate(live_terms)
        if (a.pk, term.pk) not in existing
    ]  # fmt: skip
    bulk_create_with_history(ratings, RagRating, default_user=ceo)

    # KPIs: the world's two, then trust-wide and per-school ones to KPIS, three years of values.
    periods = trust_periods(trust)
    kpis = [world.extra["trust_kpi"], world.extra["school_kpi"]]
    for n in range(len(kpis), KPIS):
        per_school = n % 2 == 1
        kpis.append(
            kpi_create(
                trust=trust, name=f"Measure {n}", unit="percentage", direction="higher",
                scope="school" if per_school else "trust",
                schools=schools if per_school else None, frequency="termly",
                comparator_kind="national" if per_school else "", tolerance=Decimal("0.5"),
                objective=objectives[n % 5], acting_user=None,
            )
        )  # fmt: skip
    for n, kpi in enumerate(kpis):
        kpi_schools = list(kpi.schools.all()) if kpi.scope == "school" else [None]
        for year, plan in plans.items():
            target_set(kpi=kpi, academic_year=year, school=None, kind="absolute",
                       value=Decimal(90 + n % 5), acting_user=None)  # fmt: skip
            for number in (1, 2, 3):
                period = periods.of(plan.pk, template.term_ids[(year, number)])
                for s, school in enumerate(kpi_schools):
                    measurement_record(
                        kpi=kpi, period=period, school=school, acting_user=None,
                        value=Decimal(85 + (n + s + number) % 12) + Decimal("0.4"),
                        comparator_value=Decimal("91.5") if school else None,
                    )  # fmt: skip

    # Governance: MEETINGS_A_YEAR board meetings a year over three years, the last ones ahead.
    board = Body.objects.get(trust=trust, kind="board")
    first = now - datetime.timedelta(days=365 * len(YEARS) - 60)
    step = datetime.timedelta(days=365 // MEETINGS_A_YEAR)
    bulk_create_with_history(
        [
            Meeting(trust=trust, body=board, starts_at=first + step * n, location="Board room",
                    reviews_plan=n % 2 == 0, minutes="" if first + step * n > now else "Noted.")
            for n in range(MEETINGS_A_YEAR * len(YEARS))
        ],
        Meeting, default_user=ceo,
    )  # fmt: skip
    action_grants_sync(trust=trust)
    return template


# ---------------------------------------------------------------------------------------------
# Replication


@dataclass
class Plan:
    """How one table's template rows are found and rewritten for copy n."""

    table: str
    columns: list  # column names, in order
    where: str  # the template's rows
    exprs: list  # SQL expressions for each column, in terms of t.<column> and n


@dataclass
class Layout:
    template_trust_id: int
    trusts: int
    strides: dict  # table -> largest id at copy time (copy n's ids = template's + n * stride)
    plans: list = field(default_factory=list)
    rows: dict = field(default_factory=dict)  # table -> rows added
    seconds: float = 0.0

    def id_of(self, table: str, template_id: int, n: int) -> int:
        return template_id + n * self.strides[table] if n else template_id

    def trust_id(self, n: int) -> int:
        from schools.models import Trust

        return self.id_of(Trust._meta.db_table, self.template_trust_id, n)


def _prefix(n_sql: str, column: str, max_length: int | None) -> str:
    """`t<n>-` before the value, cut to the column's length (a hash keeps its own length)."""
    prefixed = f"('t' || {n_sql} || '-' || t.\"{column}\")"
    return f"left({prefixed}, {max_length})" if max_length else prefixed


def _unique_text_columns(cursor, rewritten: dict[str, set[str]]) -> dict[str, set[str]]:
    """Per table, the text columns of unique indexes that hold neither the trust nor a column
    a copy rewrites (an id): values unique across trusts, which every copy must change."""
    cursor.execute(
        """
        SELECT c.relname, array_agg(a.attname::text), array_agg(format_type(a.atttypid, NULL))
        FROM pg_index i
        JOIN pg_class c ON c.oid = i.indrelid
        JOIN pg_namespace ns ON ns.oid = c.relnamespace AND ns.nspname = 'public'
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY(i.indkey)
        WHERE i.indisunique AND NOT i.indisprimary
        GROUP BY c.relname, i.indexrelid
        """
    )
    found: dict[str, set[str]] = {}
    for table, columns, types in cursor.fetchall():
        if "trust_id" in columns or set(columns) & rewritten.get(table, set()):
            continue
        for column, kind in zip(columns, types, strict=True):
            if kind in {"character varying", "text", "citext"}:
                found.setdefault(table, set()).add(column)
    return found


def _models():
    """Every concrete model with a table: the product's, m2m tables, and history tables."""
    seen = {}
    for model in apps.get_models(include_auto_created=True):
        opts = model._meta
        if opts.proxy or not opts.managed or opts.db_table in NOT_COPIED:
            continue
        seen[opts.db_table] = model
    return seen


def _original_table(model) -> str | None:
    """For a simple-history table, the table of the model whose history it keeps."""
    original = getattr(model, "instance_type", None)
    return original._meta.db_table if original is not None else None


def plan_copies(template_trust_id: int) -> tuple[list[Plan], dict[str, int]]:
    """Which rows of which tables make the template trust, and how a copy rewrites them."""
    from django.contrib.auth import get_user_model

    from schools.models import Membership, Trust

    models = _models()
    user_table = get_user_model()._meta.db_table
    trust_table = Trust._meta.db_table
    membership = Membership._meta.db_table
    where: dict[str, str] = {
        trust_table: f't."id" = {template_trust_id}',
        user_table: (
            f't."id" IN (SELECT "user_id" FROM "{membership}" WHERE "trust_id" = '
            f"{template_trust_id})"
        ),
    }
    fks: dict[str, dict[str, str]] = {}  # table -> column -> referenced table
    for table, model in models.items():
        fks[table] = {
            f.column: f.related_model._meta.db_table
            for f in model._meta.concrete_fields
            if f.is_relation and f.related_model is not None
        }
        columns = {f.column for f in model._meta.concrete_fields}
        if table not in where and "trust_id" in columns:
            where[table] = f't."trust_id" = {template_trust_id}'
        original = _original_table(model)
        if table not in where and original == user_table:
            where[table] = where[user_table]
    # Tables without the trust (m2m tables, the user's e-mail addresses and factors): the rows
    # that point at a template row.
    changed = True
    while changed:
        changed = False
        for table in models:
            if table in where:
                continue
            for column, target in fks[table].items():
                if target in where and target != table:
                    target_pk = models[target]._meta.pk.column
                    where[table] = (
                        f't."{column}" IN (SELECT t."{target_pk}" FROM "{target}" t '
                        f"WHERE {where[target]})"
                    )
                    changed = True
                    break

    with connection.cursor() as cursor:
        strides = {}
        for table in where:
            pk = models[table]._meta.pk
            if pk.get_internal_type() in {"AutoField", "BigAutoField", "IntegerField"}:
                cursor.execute(f'SELECT COALESCE(MAX("{pk.column}"), 0) FROM "{table}"')
                strides[table] = cursor.fetchone()[0]

    rewritten = {
        table: {c for c, target in fks[table].items() if target in strides}
        | ({models[table]._meta.pk.column, "id"} if table in strides else set())
        for table in where
    }
    with connection.cursor() as cursor:
        unique_text = _unique_text_columns(cursor, rewritten)
    order = graphlib.TopologicalSorter(
        {t: {r for r in fks[t].values() if r in where and r != t} for t in where}
    ).static_order()
    plans = []
    for table in order:
        model = models[table]
        pk = model._meta.pk.column
        original = _original_table(model)
        columns, exprs = [], []
        for f in model._meta.concrete_fields:
            column = f.column
            columns.append(column)
            target = fks[table].get(column)
            if column == pk and table in strides:
                exprs.append(f't."{column}" + n * {strides[table]}')
            elif column == "id" and original in strides:
                exprs.append(f't."id" + n * {strides[original]}')  # a history row's object
            elif target in strides and target in where:
                exprs.append(f't."{column}" + n * {strides[target]}')
            elif column in unique_text.get(table, set()) or (
                original and column in unique_text.get(original, set())
            ):
                exprs.append(_prefix("n", column, getattr(f, "max_length", None)))
            else:
                exprs.append(f't."{column}"')
        plans.append(Plan(table=table, columns=columns, where=where[table], exprs=exprs))
    return plans, strides


def replicate(template_trust_id: int, trusts: int, *, chunk: int = 250, say=print) -> Layout:
    """Add trusts - 1 copies of the template trust, table by table in key order, streaming
    `COPY (SELECT rewritten rows) TO STDOUT` of one connection into `COPY table FROM STDIN` of
    another. Keys are not checked while loading (session_replication_role = replica: the ids
    are rewritten consistently); unique and exclusion constraints are. Then every sequence is
    moved past its table's largest id."""
    import psycopg

    plans, strides = plan_copies(template_trust_id)
    layout = Layout(template_trust_id=template_trust_id, trusts=trusts, strides=strides,
                    plans=plans)  # fmt: skip
    started = time.perf_counter()
    url = database_url()
    with psycopg.connect(url) as source, psycopg.connect(url) as target:
        target.execute("SET session_replication_role = replica")
        for plan in plans:
            table_started = time.perf_counter()
            names = ", ".join(f'"{c}"' for c in plan.columns)
            selected = ", ".join(plan.exprs)
            for first in range(1, trusts, chunk):
                last = min(first + chunk - 1, trusts - 1)
                query = (
                    f'COPY (SELECT {selected} FROM "{plan.table}" t, '
                    f"generate_series({first}, {last}) AS n WHERE {plan.where}) "
                    "TO STDOUT (FORMAT BINARY)"
                )
                with (
                    source.cursor().copy(query) as out,
                    target.cursor().copy(
                        f'COPY "{plan.table}" ({names}) FROM STDIN (FORMAT BINARY)'
                    ) as into,
                ):
                    for data in out:
                        into.write(data)
                target.commit()
                source.commit()
            with target.cursor() as cursor:
                cursor.execute(f'SELECT count(*) FROM "{plan.table}" t WHERE {plan.where}')
                per_trust = cursor.fetchone()[0]
            added = per_trust * (trusts - 1)
            layout.rows[plan.table] = added
            if added:
                say(f"  {plan.table}: {per_trust} rows a trust, {added:,} added "
                    f"in {time.perf_counter() - table_started:.1f} s")  # fmt: skip
        with target.cursor() as cursor:
            for table in strides:
                pk = _models()[table]._meta.pk.column
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{pk}'), "
                    f'(SELECT MAX("{pk}") FROM "{table}"))'
                )
        target.commit()
    layout.seconds = time.perf_counter() - started
    return layout


def clone_database(source: str, target: str) -> None:
    """CREATE DATABASE target TEMPLATE source (no one may be connected to source)."""
    import psycopg

    connection.close()
    with psycopg.connect(database_url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{target}"')
        admin.execute(f'CREATE DATABASE "{target}" TEMPLATE "{source}"')


def drop_database(name: str) -> None:
    import psycopg

    with psycopg.connect(database_url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def analyze(name: str | None = None) -> None:
    import psycopg

    with psycopg.connect(database_url(name), autocommit=True) as conn:
        conn.execute("VACUUM (ANALYZE)")


def database_size(name: str | None = None) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_database_size(%s))", [name or settings_name()])
        return cursor.fetchone()[0]


def settings_name() -> str:
    return connection.settings_dict["NAME"]


def tenant_tables() -> set[str]:
    """The tables of every trust-owned model (as tests/core/test_joins.py counts them)."""
    from trustplan.core.tenancy import TrustOwned

    return {
        model._meta.db_table
        for model in apps.get_models()
        if issubclass(model, TrustOwned) and not model._meta.proxy
    }


def private_media_root():
    return settings.PRIVATE_MEDIA_ROOT
