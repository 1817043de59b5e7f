"""No join without the trust (issue 19): every page a CEO reads joins a tenant table only with
that table's own trust condition, or on ids the query already pins.

Why: PostgreSQL plans a join from what the query says about each table. A query that filters
the driving table on the trust but says nothing of the joined one (Measurement ⋈ AnnualPlan ⋈
Term with the trust on Measurement alone) may be planned as a hash join that reads the joined
table whole, every trust's rows, and grows with the number of trusts, not with the trust's
size. With the trust on the joined table its trust-leading index bounds the read.

The rule, checked on every SQL statement each page issues (Django's SQL, which always writes
`"alias"."column"` with quotes, and the parameters interpolated as the test captures them):

- A tenant table is the table of any model that subclasses trustplan.core.tenancy.TrustOwned
  (found through the app registry, so a new model is covered without a line here).
- Every `INNER JOIN` or `LEFT OUTER JOIN` of a tenant table, in the statement or any of its
  subqueries, under its alias (the table name, or Django's `T3`, `U1` … when it repeats), is
  scoped when the statement holds either
  1. the joined alias's own trust: `"alias"."trust_id"` compared with a value (`= 7`,
     `IN (...)`) or with another table's trust column (`= "schools_membership"."trust_id"`,
     the co-located join a database sharded by trust needs);
  2. or ids already pinned on the join: the join's ON is `"a"."x" = "b"."y"` and the statement
     holds `"a"."x" = <value>` / `"a"."x" IN (` or the same for `"b"."y"`: the joined rows are
     those of ids the code loaded through the trust (e.g. `annual_plan_id IN (1, 2, 3)`), read
     by primary key;
  3. or a one-row chain: the statement's FROM is pinned by its primary key (`"t"."id" = 7`,
     as `access(...)` asks, with the trust beside it) and the join reaches the alias by the
     alias's primary key from that row, or from a row so reached (a many-to-one chain): one
     primary-key read per table, whatever the number of trusts.
- Anything else is a join without the trust, reported as (route name, joined table) with the
  statement. The statement's driving table (its FROM) is not a join and is left to the
  isolation tests, which prove each page starts from the trust.

The database holds a second, larger trust (the shared fixture's other trust plus years of plans,
terms and KPI values), so what is found here is what reads more with every trust added.
"""

from __future__ import annotations

import datetime
import json
import os
import re
from decimal import Decimal

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from schools.models import Role
from tests import factories as f
from tests.core.test_who_sees_a_term import page_urls
from trustplan.core.tenancy import TrustOwned

JOIN = re.compile(r'\b(?:INNER|LEFT OUTER) JOIN "(?P<table>\w+)"(?: (?P<alias>\w+))? ON \(')
EQUALITY = re.compile(r'"(?P<a>\w+)"\."(?P<x>\w+)" = "(?P<b>\w+)"\."(?P<y>\w+)"')
PINNED = r'"{alias}"\."{column}" (?:= (?!")|IN \()'


def tenant_tables() -> set[str]:
    return {
        model._meta.db_table
        for model in apps.get_models()
        if issubclass(model, TrustOwned) and not model._meta.proxy
    }


def _on_clause(sql: str, start: int) -> str:
    """The text inside the parentheses that open at `start` (balanced)."""
    depth = 0
    for index in range(start, len(sql)):
        if sql[index] == "(":
            depth += 1
        elif sql[index] == ")":
            depth -= 1
            if depth == 0:
                return sql[start + 1 : index]
    return sql[start + 1 :]


def _pinned(sql: str, alias: str, column: str) -> bool:
    return (
        re.search(PINNED.format(alias=re.escape(alias), column=re.escape(column)), sql) is not None
    )


# Django quotes table names but not its own aliases (`T3."id"`, a FilteredRelation's
# `this_term."id"`); read them as `"T3"."id"`.
BARE_ALIAS = re.compile(r'(?<!["\w])(\w+)\."')


def _trust_bound(sql: str, alias: str) -> bool:
    """The alias's trust_id is compared with a value, a list, or another table's trust (a join
    on the trust, as a distributed database co-locates it)."""
    column = rf'"{re.escape(alias)}"\."trust_id"'
    return re.search(rf"{column} (?:=|IN \()|= \(?{column}", sql) is not None


FROM = re.compile(
    r'\bFROM "(?P<table>\w+)"'
    r"(?: (?!(?:INNER|LEFT|WHERE|ORDER|GROUP|LIMIT|OFFSET|HAVING|FOR|UNION)\b)(?P<alias>\w+))?"
)


def unscoped_joins(sql: str, tables: set[str]) -> list[str]:
    """The tenant tables this statement joins without the rule's trust condition."""
    sql = BARE_ALIAS.sub(r'"\1"."', sql)
    # Aliases that stand for one row: a FROM pinned by its primary key, and what such a row
    # reaches by primary key (a many-to-one chain).
    one_row = set()
    for match in FROM.finditer(sql):
        alias = match.group("alias") or match.group("table")
        if re.search(rf'"{re.escape(alias)}"\."id" = (?!")', sql):
            one_row.add(alias)
    found = []
    for match in JOIN.finditer(sql):
        table = match.group("table")
        alias = match.group("alias") or table
        on = _on_clause(sql, match.end() - 1)
        pairs = [
            (eq.group("a"), eq.group("x"), eq.group("b"), eq.group("y"))
            for eq in EQUALITY.finditer(on)
        ]
        pairs += [(b, y, a, x) for a, x, b, y in pairs]
        if any(a == alias and x == "id" and b in one_row for a, x, b, y in pairs):
            one_row.add(alias)
            continue
        if table not in tables or _trust_bound(sql, alias):
            continue
        if any(_pinned(sql, a, x) for a, x, _b, _y in pairs):
            continue
        found.append(table)
    return found


def test_the_rule_flags_a_join_without_the_trust_and_passes_the_two_scoped_forms():
    tables = {"plans_annualplan", "kpis_measurement"}
    bare = (
        'SELECT 1 FROM "kpis_measurement" INNER JOIN "plans_annualplan" ON '
        '("kpis_measurement"."annual_plan_id" = "plans_annualplan"."id") '
        'WHERE ("kpis_measurement"."trust_id" = 7 AND "plans_annualplan"."academic_year" <= 2020)'
    )
    with_trust = bare.replace(
        "AND ", 'AND "plans_annualplan"."trust_id" = 7 AND ', 1
    )  # the joined table's own trust
    pinned = bare.replace(
        "AND ", 'AND "kpis_measurement"."annual_plan_id" IN (3, 4) AND ', 1
    )  # ids already loaded through the trust
    aliased = (
        'SELECT 1 FROM "kpis_measurement" LEFT OUTER JOIN "plans_annualplan" T3 ON '
        '("kpis_measurement"."annual_plan_id" = T3."id") WHERE ("kpis_measurement"."trust_id" = 7)'
    )

    assert unscoped_joins(bare, tables) == ["plans_annualplan"]
    assert unscoped_joins(with_trust, tables) == []
    assert unscoped_joins(pinned, tables) == []
    assert unscoped_joins(aliased, tables) == ["plans_annualplan"]
    assert unscoped_joins(aliased.replace("= 7)", '= 7 AND T3."trust_id" = 7)'), tables) == []


def test_every_tenant_model_is_found_through_the_registry():
    tables = tenant_tables()

    assert {"plans_annualplan", "plans_term", "kpis_measurement", "kpis_target"} <= tables
    assert "accounts_user" not in tables and "schools_trust" not in tables


TERMS = [("Autumn", (9, 4), (12, 20)), ("Spring", (1, 6), (4, 3)), ("Summer", (4, 20), (7, 20))]


@pytest.fixture
def larger_other(other):
    """The other trust, larger: two more years of annual plans with three terms each, and a
    value of each of its KPIs in every term, so the joined tables hold more of its rows than
    of the trust read."""
    from kpis.periods import trust_periods
    from kpis.services import measurement_record

    trust = other.trust
    for year in (2017, 2018, 2020, 2021):
        plan = f.AnnualPlanFactory(
            trust=trust, strategic_plan=other.strategic_plan, academic_year=year
        )
        for number, (name, starts, ends) in enumerate(TERMS, start=1):
            f.TermFactory(
                trust=trust,
                annual_plan=plan,
                number=number,
                name=name,
                starts_on=datetime.date(year + (starts[0] < 9), *starts),
                ends_on=datetime.date(year + (ends[0] < 9), *ends),
                rating_deadline=datetime.date(year + (ends[0] < 9), *ends),
            )
    periods = trust_periods(trust)
    for kpi in (other.extra["trust_kpi"], other.extra["school_kpi"]):
        school = other.schools[0] if kpi.is_per_school else None
        for period in periods.for_frequency(kpi.is_termly):
            measurement_record(
                kpi=kpi,
                period=period,
                school=school,
                value=Decimal("1.5"),
                comparator_value=Decimal("1.0") if kpi.comparator_kind else None,
                acting_user=None,
            )
    return other


def test_no_page_a_ceo_reads_joins_a_tenant_table_without_the_trust(client, mine, larger_other):
    tables = tenant_tables()
    client.force_login(mine.users[Role.CEO])
    found: dict[tuple[str, str], str] = {}
    dump = os.environ.get("JOINS_DUMP")  # a file to write what is found to, to review it
    read = 0
    for name, url in page_urls(mine):
        with CaptureQueriesContext(connection) as seen:
            response = client.get(url)
            if response.streaming:
                b"".join(response.streaming_content)
        if response.status_code == 200:
            read += 1
        for query in seen.captured_queries:
            for table in unscoped_joins(query["sql"], tables):
                found.setdefault((name, table), query["sql"])

    if dump:
        with open(dump, "w") as out:
            json.dump([[name, table, sql] for (name, table), sql in found.items()], out)
    assert read > 30, "the walk reached too few pages to mean anything"
    assert found == {}, f"{len(found)} joins without the trust:\n" + "\n".join(
        f"{name}: {table}\n    {sql[:600]}" for (name, table), sql in sorted(found.items())
    )
