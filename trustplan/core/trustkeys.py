"""Keys through the trust: the schema a database distributed by trust (Citus) needs.

A database sharded by `trust_id` keeps each trust's rows together, and can enforce a key only
where the key holds the trust: every primary key, unique constraint and foreign key between
tenant tables includes `trust_id` (tests/core/test_distributed_schema.py reads the catalog).

- `TrustForeignKey("field")`, in a tenant model's `Meta.constraints`, is the database's foreign
  key for a ForeignKey to another tenant model: FOREIGN KEY (trust_id, <field>_id) REFERENCES
  <its table> (trust_id, id), deferrable and checked at commit like Django's own. The
  ForeignKey itself says `db_constraint=False`, so Django makes no single-column key;
  Django still emulates on_delete (CASCADE, PROTECT, SET_NULL) as before. A child row can then
  never point at another trust's parent, whatever the code.
- `TrustPrimaryKey("model")`, a migration operation, makes the table's primary key
  PRIMARY KEY (trust_id, id) in the database while Django keeps `id` as the model's pk (every
  query Django writes names the pk only in WHERE, RETURNING and joins, which need no
  constraint), and keeps a plain index on `id` for lookups by id alone. Django's state does not
  change, so the operation is written into the migration that creates a tenant model (its
  historical model too); the catalog test names any table that lacks it.
"""

from __future__ import annotations

from django.db import models
from django.db.backends.ddl_references import Columns, Statement, Table
from django.db.backends.utils import truncate_name
from django.db.migrations.operations.base import Operation

# PostgreSQL cuts longer names silently, and Django would then look for a name that is not there.
MAX_NAME = 63


class TrustForeignKey(models.BaseConstraint):
    """FOREIGN KEY (trust_id, <field>_id) REFERENCES <target> (trust_id, <target pk>)."""

    def __init__(self, field: str, *, name: str | None = None, **kwargs):
        super().__init__(name=name or f"%(app_label)s_%(class)s_{field}_tfk", **kwargs)
        self.field = field

    def _columns(self, model):
        field = model._meta.get_field(self.field)
        target = field.related_model
        return (
            model._meta.db_table,
            [model._meta.get_field("trust").column, field.column],
            target._meta.db_table,
            [target._meta.get_field("trust").column, field.target_field.column],
        )

    def create_sql(self, model, schema_editor):
        if len(self.name) > MAX_NAME:
            raise ValueError(f"{self.name!r} is longer than {MAX_NAME} characters: name it.")
        table, columns, to_table, to_columns = self._columns(model)
        quote = schema_editor.quote_name
        return Statement(
            "ALTER TABLE %(table)s ADD CONSTRAINT %(name)s FOREIGN KEY (%(columns)s) "
            "REFERENCES %(to_table)s (%(to_columns)s) DEFERRABLE INITIALLY DEFERRED",
            table=Table(table, quote),
            name=quote(self.name),
            columns=Columns(table, columns, quote),
            to_table=Table(to_table, quote),
            to_columns=Columns(to_table, to_columns, quote),
        )

    def constraint_sql(self, model, schema_editor):
        # In CREATE TABLE the referenced table may not exist yet: add the key once the
        # migration's tables do, as Django does with its own foreign keys.
        schema_editor.deferred_sql.append(self.create_sql(model, schema_editor))
        return None

    def remove_sql(self, model, schema_editor):
        quote = schema_editor.quote_name
        return Statement(
            "ALTER TABLE %(table)s DROP CONSTRAINT %(name)s",
            table=Table(model._meta.db_table, quote),
            name=quote(self.name),
        )

    def validate(self, model, instance, exclude=None, using=None):
        # TrustOwned.check_same_trust refuses another trust's row before the database does.
        return None

    def __eq__(self, other):
        if isinstance(other, TrustForeignKey):
            return self.name == other.name and self.field == other.field
        return super().__eq__(other)

    def __repr__(self) -> str:
        return f"<{self.__class__.__name__}: field={self.field!r} name={self.name!r}>"

    def deconstruct(self):
        path, _, kwargs = super().deconstruct()
        return path, (self.field,), kwargs


def trust_keys(*fields: str) -> list[TrustForeignKey]:
    """A TrustForeignKey for each named ForeignKey, for a model's Meta.constraints."""
    return [TrustForeignKey(field) for field in fields]


class TrustPrimaryKey(Operation):
    """PRIMARY KEY (trust_id, <pk>) in the database; the model's pk stays <pk> for Django.

    Single-column foreign keys onto the table's pk still there are dropped first: each belongs
    to a ForeignKey that its own migration marks `db_constraint=False` and replaces with a
    TrustForeignKey. One from a table without a trust column cannot be replaced, and stops
    the migration. Going back restores PRIMARY KEY (<pk>) (and a nullable trust column's
    NULLs, as in historical tables), once the keys through the trust onto it are gone: the
    migration holding this operation comes after every single-column key is dropped, so that
    going back restores every primary key before any such key returns.
    """

    reversible = True
    reduces_to_sql = False

    def __init__(self, model_name: str):
        self.model_name = model_name

    def deconstruct(self):
        return self.__class__.__name__, [self.model_name], {}

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        model = to_state.apps.get_model(app_label, self.model_name)
        if not self.allow_migrate_model(schema_editor.connection.alias, model):
            return
        table = model._meta.db_table
        pk = model._meta.pk.column
        trust = model._meta.get_field("trust").column
        quote = schema_editor.quote_name
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(
                """
                SELECT c.conrelid::regclass::text, c.conname,
                       EXISTS (SELECT 1 FROM pg_attribute a
                               WHERE a.attrelid = c.conrelid AND a.attname = %s
                                 AND NOT a.attisdropped)
                FROM pg_constraint c
                WHERE c.contype = 'f' AND c.confrelid = %s::regclass
                  AND c.confkey = ARRAY[(SELECT attnum FROM pg_attribute
                                         WHERE attrelid = %s::regclass AND attname = %s)]
                """,
                [trust, table, table, pk],
            )
            inbound = cursor.fetchall()
            cursor.execute(
                "SELECT conname FROM pg_constraint WHERE contype = 'p' AND conrelid = %s::regclass",
                [table],
            )
            (pkey,) = cursor.fetchone()
        for other, name, has_trust in inbound:
            if not has_trust:
                raise ValueError(
                    f"{other}.{name} references {table}({pk}) and {other} has no trust column: "
                    "give its ForeignKey db_constraint=False or a trust."
                )
            schema_editor.execute(f"ALTER TABLE {quote(other)} DROP CONSTRAINT {quote(name)}")
        schema_editor.execute(
            f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(pkey)}, "
            f"ADD CONSTRAINT {quote(pkey)} PRIMARY KEY ({quote(trust)}, {quote(pk)})"
        )
        index = truncate_name(f"{table}_{pk}_lookup", MAX_NAME)
        schema_editor.execute(f"CREATE INDEX {quote(index)} ON {quote(table)} ({quote(pk)})")

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        model = from_state.apps.get_model(app_label, self.model_name)
        if not self.allow_migrate_model(schema_editor.connection.alias, model):
            return
        table = model._meta.db_table
        pk = model._meta.pk.column
        trust = model._meta.get_field("trust")
        quote = schema_editor.quote_name
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(
                "SELECT conname FROM pg_constraint WHERE contype = 'p' AND conrelid = %s::regclass",
                [table],
            )
            (pkey,) = cursor.fetchone()
        index = truncate_name(f"{table}_{pk}_lookup", MAX_NAME)
        schema_editor.execute(f"DROP INDEX IF EXISTS {quote(index)}")
        schema_editor.execute(
            f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(pkey)}, "
            f"ADD CONSTRAINT {quote(pkey)} PRIMARY KEY ({quote(pk)})"
        )
        if trust.null:
            schema_editor.execute(
                f"ALTER TABLE {quote(table)} ALTER COLUMN {quote(trust.column)} DROP NOT NULL"
            )

    def describe(self) -> str:
        return f"Primary key (trust, id) for {self.model_name}"

    @property
    def migration_name_fragment(self) -> str:
        return f"trust_primary_key_{self.model_name.lower()}"
