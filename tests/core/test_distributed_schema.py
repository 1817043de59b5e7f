"""The schema a database distributed by trust needs (Citus, every tenant table by trust_id).

A distributed table keeps each trust's rows on one node, so the database can enforce a key only
where the key holds the distribution column. These tests read the migrated database's own
catalog (pg_index, pg_constraint), not Django's idea of it, and name every key that breaks the
rule:

- A tenant table is the table of a model with a `trust` key onto the trust: every TrustOwned
  model, the simple-history table of each (it carries the trust too), and guardian's per-action
  grants. `schools_trust` is the root (distributed by its id, or a reference table); global
  tables (users, sessions, guardian's generic tables, allauth) would be reference tables, and
  a key from a tenant table onto one of those needs nothing.
- Every primary key, unique constraint and unique index (partial and expression ones too) of a
  tenant table has trust_id among its plain key columns; so does every exclusion constraint.
- Every foreign key from a tenant table onto another holds trust_id on both sides, the one
  referencing the other: FOREIGN KEY (trust_id, x_id) REFERENCES other (trust_id, id).
- Every ForeignKey between tenant models is still a key in the database (a TrustForeignKey, or
  an older key through the trust and more columns), so marking it db_constraint=False never
  loses it.

How a model meets them: trustplan/core/trustkeys.py (TrustForeignKey, TrustPrimaryKey).
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import IntegrityError, connection, models, transaction
from django.test.utils import isolate_apps

from schools.models import Person, Trust
from tests import factories as f
from trustplan.core.tenancy import TrustOwned
from trustplan.core.trustkeys import TrustForeignKey

# Keys without the trust that stay, each with its reason. An entry that no longer matches a key
# in the database fails `test_every_exception_is_still_needed`: the list only shrinks.
EXCEPTIONS = {
    "accounts_singlesignon_app_id_key": (
        "An allauth SocialApp (a global table) is one trust's sign-in provider and no other "
        "trust's: the sign-in decides the trust from it. Global by design; in Citus this "
        "uniqueness moves to the reference side (the app's own row) or to the service."
    ),
    "term_dates_never_overlap_in_trust": (
        "The exclusion compares the trust as a range of one ('&&'), which plain PostgreSQL's "
        "GiST serves without btree_gist. It is per trust already; Citus wants `trust_id WITH =`, "
        "which needs the btree_gist extension there."
    ),
}


def tenant_models() -> list:
    found = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        try:
            trust = model._meta.get_field("trust")
        except Exception:
            continue
        if trust.is_relation and trust.related_model is Trust:
            found.append(model)
    return found


def tenant_tables() -> set[str]:
    return {model._meta.db_table for model in tenant_models()}


def unique_keys_without_trust(tables: set[str]) -> list[str]:
    """Each unique index (primary keys included) and exclusion constraint on `tables` whose
    plain key columns lack trust_id, as "table: definition"."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT t.relname, i.relname, pg_get_indexdef(x.indexrelid), x.indisprimary,
                   ARRAY(SELECT a.attname FROM unnest(x.indkey[0:x.indnkeyatts - 1]) k
                         JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k)
            FROM pg_index x
            JOIN pg_class t ON t.oid = x.indrelid
            JOIN pg_class i ON i.oid = x.indexrelid
            LEFT JOIN pg_constraint c ON c.conindid = x.indexrelid AND c.contype = 'x'
            WHERE t.relname = ANY(%s) AND t.relnamespace = 'public'::regnamespace
              AND (x.indisunique OR c.oid IS NOT NULL)
            ORDER BY 1, 2
            """,
            [sorted(tables)],
        )
        rows = cursor.fetchall()
    return [
        f"{table}: {name} ({definition})"
        for table, name, definition, _primary, columns in rows
        if "trust_id" not in columns and name not in EXCEPTIONS
    ]


def primary_keys_without_trust(tables: set[str]) -> list[str]:
    return [
        offender
        for offender in unique_keys_without_trust(tables)
        if offender.split(" ", 2)[1].endswith("_pkey")
    ]


def foreign_keys(tables: set[str]) -> list[tuple]:
    """(table, name, columns, referenced table, referenced columns) of each foreign key from one
    of `tables` onto another."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.conrelid::regclass::text, c.conname,
                   ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, o)
                         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n
                         ORDER BY k.o),
                   c.confrelid::regclass::text,
                   ARRAY(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(n, o)
                         JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n
                         ORDER BY k.o)
            FROM pg_constraint c
            WHERE c.contype = 'f'
              AND c.conrelid::regclass::text = ANY(%s) AND c.confrelid::regclass::text = ANY(%s)
            ORDER BY 1, 2
            """,
            [sorted(tables), sorted(tables)],
        )
        return cursor.fetchall()


def foreign_keys_without_trust(tables: set[str]) -> list[str]:
    """Each foreign key between `tables` whose trust_id does not reference the other's."""
    offenders = []
    for table, name, columns, to_table, to_columns in foreign_keys(tables):
        pairs = set(zip(columns, to_columns, strict=True))
        if ("trust_id", "trust_id") not in pairs:
            offenders.append(
                f"{table}.{name}: ({', '.join(columns)}) → {to_table} ({', '.join(to_columns)})"
            )
    return offenders


def test_the_tenant_tables_are_every_trust_owned_model_and_its_history():
    tables = tenant_tables()
    for model in apps.get_models():
        if issubclass(model, TrustOwned) and not model._meta.proxy:
            assert model._meta.db_table in tables
            history = getattr(model, "history", None)
            if history is not None:
                assert history.model._meta.db_table in tables
    assert "schools_trust" not in tables
    assert "plans_actionuserobjectpermission" in tables


@pytest.mark.django_db
def test_every_tenant_tables_primary_key_holds_the_trust():
    offenders = primary_keys_without_trust(tenant_tables())
    assert not offenders, (
        "Primary keys without trust_id (add TrustPrimaryKey('<model>') to the migration that "
        "creates the model, and one for its historical model):\n" + "\n".join(offenders)
    )


@pytest.mark.django_db
def test_every_unique_key_of_a_tenant_table_holds_the_trust():
    offenders = unique_keys_without_trust(tenant_tables())
    assert not offenders, (
        "Unique keys without trust_id (put the trust first in the constraint, or give the "
        "reason in EXCEPTIONS):\n" + "\n".join(offenders)
    )


@pytest.mark.django_db
def test_every_foreign_key_between_tenant_tables_holds_the_trust_on_both_sides():
    offenders = foreign_keys_without_trust(tenant_tables())
    assert not offenders, (
        "Foreign keys between tenant tables without the trust (give the ForeignKey "
        "db_constraint=False and its model a TrustForeignKey):\n" + "\n".join(offenders)
    )


@pytest.mark.django_db
def test_every_foreign_key_field_between_tenant_models_is_a_key_in_the_database():
    tables = tenant_tables()
    keys = {}
    for table, _name, columns, to_table, to_columns in foreign_keys(tables):
        keys.setdefault((table, to_table), []).append(dict(zip(columns, to_columns, strict=True)))
    missing = []
    for model in tenant_models():
        for field in model._meta.concrete_fields:
            target = field.related_model
            if not field.many_to_one or field.name == "trust":
                continue
            if target._meta.db_table not in tables or field.remote_field.model is Trust:
                continue
            if hasattr(model, "instance_type"):
                continue  # a historical row keeps what was, keyed to nothing
            wanted = {"trust_id": "trust_id", field.column: field.target_field.column}
            found = keys.get((model._meta.db_table, target._meta.db_table), [])
            if not any(wanted.items() <= key.items() for key in found):
                missing.append(f"{model._meta.label}.{field.name} → {target._meta.db_table}")
    assert not missing, "ForeignKeys with no key through the trust in the database:\n" + (
        "\n".join(missing)
    )


@pytest.mark.django_db
def test_every_exception_is_still_needed():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname FROM pg_constraint WHERE conname = ANY(%s)", [sorted(EXCEPTIONS)]
        )
        present = {name for (name,) in cursor.fetchall()}
    assert present == set(EXCEPTIONS), f"No longer in the database: {set(EXCEPTIONS) - present}"


@pytest.mark.django_db
def test_the_rules_name_a_key_without_the_trust():
    with connection.cursor() as cursor:
        cursor.execute(
            """
            CREATE TABLE zz_parent (id bigint PRIMARY KEY, trust_id bigint NOT NULL,
                                    UNIQUE (trust_id, id));
            CREATE TABLE zz_child (
                id bigint, trust_id bigint NOT NULL, parent_id bigint REFERENCES zz_parent (id),
                other_id bigint, token text UNIQUE,
                PRIMARY KEY (trust_id, id),
                FOREIGN KEY (trust_id, other_id) REFERENCES zz_parent (trust_id, id));
            CREATE UNIQUE INDEX zz_child_live ON zz_child (other_id) WHERE token IS NULL;
            """
        )
    tables = {"zz_parent", "zz_child"}

    assert primary_keys_without_trust(tables) == [
        "zz_parent: zz_parent_pkey (CREATE UNIQUE INDEX zz_parent_pkey ON public.zz_parent "
        "USING btree (id))"
    ]
    assert unique_keys_without_trust(tables) == [
        "zz_child: zz_child_live (CREATE UNIQUE INDEX zz_child_live ON public.zz_child "
        "USING btree (other_id) WHERE (token IS NULL))",
        "zz_child: zz_child_token_key (CREATE UNIQUE INDEX zz_child_token_key ON public.zz_child "
        "USING btree (token))",
        "zz_parent: zz_parent_pkey (CREATE UNIQUE INDEX zz_parent_pkey ON public.zz_parent "
        "USING btree (id))",
    ]
    assert foreign_keys_without_trust(tables) == [
        "zz_child.zz_child_parent_id_fkey: (parent_id) → zz_parent (id)"
    ]


@pytest.mark.django_db
def test_the_database_refuses_a_row_pointing_at_another_trusts_row():
    mine, other = f.TrustFactory(columns=False), f.TrustFactory(columns=False)
    my_school = f.SchoolFactory(trust=mine)
    their_school = f.SchoolFactory(trust=other)
    person = f.PersonFactory(trust=mine, school=my_school)

    # Past the model's own check (update() saves nothing through it), as a bug or a forged id
    # in raw SQL would be.
    with pytest.raises(IntegrityError, match="schools_person_school_tfk"), transaction.atomic():
        connection.cursor().execute("SET CONSTRAINTS ALL IMMEDIATE")
        Person.objects.filter(pk=person.pk).update(school_id=their_school.id)

    second = f.SchoolFactory(trust=mine)
    with transaction.atomic():
        connection.cursor().execute("SET CONSTRAINTS ALL IMMEDIATE")
        Person.objects.filter(pk=person.pk).update(school_id=second.id)
    person.refresh_from_db()
    assert person.school == second


@pytest.mark.django_db
@isolate_apps("schools")
def test_a_new_models_key_through_the_trust_is_made_with_its_table():
    class Parent(models.Model):  # noqa: DJ008
        trust = models.BigIntegerField(db_column="trust_id")

        class Meta:
            app_label = "schools"
            db_table = "zz_new_parent"
            constraints = [models.UniqueConstraint(fields=["trust", "id"], name="zz_parent_key")]

    class Child(models.Model):  # noqa: DJ008
        trust = models.BigIntegerField(db_column="trust_id")
        parent = models.ForeignKey(Parent, on_delete=models.CASCADE, db_constraint=False)

        class Meta:
            app_label = "schools"
            db_table = "zz_new_child"
            constraints = [TrustForeignKey("parent", name="zz_child_parent_tfk")]

    with connection.schema_editor() as editor:
        editor.create_model(Child)  # before its parent's table, as a migration may
        editor.create_model(Parent)

    assert foreign_keys({"zz_new_parent", "zz_new_child"}) == [
        (
            "zz_new_child",
            "zz_child_parent_tfk",
            ["trust_id", "parent_id"],
            "zz_new_parent",
            ["trust_id", "id"],
        )
    ]
