"""Row-level tenancy: every tenant-owned row carries its trust, and lookups go through it."""

from __future__ import annotations

from functools import cache, partial
from inspect import getattr_static
from typing import TypeVar

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models.base import ModelState
from django.db.models.expressions import Col
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.lookups import Exact
from django.db.models.query_utils import DeferredAttribute
from django.db.models.signals import post_init, pre_init
from django.http import Http404

M = TypeVar("M", bound=models.Model)


class TrustQuerySet(models.QuerySet):
    def for_trust(self, trust) -> TrustQuerySet:
        return self.filter(trust=trust)


class TrustOwned(models.Model):
    """Base for every tenant-owned model: a non-null trust key, and same-trust relations.

    Saving refuses a relation to another trust's row, so a forged id cannot join two trusts'
    data even where a form or service forgot to check.
    """

    trust = models.ForeignKey("schools.Trust", on_delete=models.CASCADE, related_name="+")

    objects = TrustQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.check_same_trust()
        super().save(*args, **kwargs)

    @classmethod
    def from_db(cls, db, field_names, values):
        """A row read from the database, built without Model.__init__.

        Django's own from_db calls the constructor, which sets each field through its
        descriptor and sends pre_init and post_init: about 5 microseconds a row, a third of
        what a 300-action page spends reading its rows. A row read back needs none of it: its
        values go straight into the instance's __dict__ (a deferred field is simply absent,
        as Django expects), and its state says it came from `db`. Models with a field whose
        descriptor does more than store the value (files, images) or with init signals
        connected keep Django's way (`_plain_rows`).
        """
        if not _plain_rows(cls):
            return super().from_db(db, field_names, values)
        new = cls.__new__(cls)
        new.__dict__.update(zip(field_names, values, strict=True))
        state = new._state = ModelState()
        state.adding = False
        state.db = db
        return new

    def check_same_trust(self) -> None:
        errors = {}
        for field in self._meta.concrete_fields:
            if not field.is_relation or field.name == "trust":
                continue
            related_model = field.related_model
            if not (isinstance(related_model, type) and issubclass(related_model, TrustOwned)):
                continue
            related_id = getattr(self, field.attname)
            if related_id is None:
                continue
            if field.is_cached(self):
                related_trust_id = getattr(self, field.name).trust_id
            else:
                related_trust_id = (
                    related_model._base_manager.filter(pk=related_id)
                    .values_list("trust_id", flat=True)
                    .first()
                )
            if related_trust_id != self.trust_id:
                errors[field.name] = (
                    f"The chosen {field.verbose_name} does not belong to this trust."
                )
        if errors:
            raise ValidationError(errors)

    def clean(self) -> None:
        super().clean()
        if self.trust_id is not None:
            self.check_same_trust()


def trust_on_joins(model: type[models.Model], trust, *paths: str) -> models.Q:
    """The trust on each table a query joins along `paths` (forward relations of `model`, e.g.
    "annual_plan", "objective__plan"), so PostgreSQL reads the trust's rows of each joined
    table through its trust index, not every trust's (tests/core/test_joins.py). A nullable
    relation keeps its rows without a related row. `trust` is a Trust, an id, or an expression
    such as F("trust")."""
    condition = models.Q()
    for path in paths:
        nullable, current = False, model
        for name in path.split("__"):
            field = current._meta.get_field(name)
            nullable = nullable or field.null
            current = field.related_model
        joined = models.Q(**{f"{path}__trust": trust})
        if nullable:
            joined |= models.Q(**{f"{path}__isnull": True})
        condition &= joined
    return condition


def _trust_key(model) -> models.Field | None:
    """The model's key to its trust, if it is a tenant table (a TrustOwned model, or the
    history of one)."""
    try:
        field = model._meta.get_field("trust")
    except FieldDoesNotExist:
        return None
    if field.many_to_one and field.related_model._meta.label_lower == "schools.trust":
        return field
    return None


def _same_trust(field: models.ForeignKey, alias: str | None, related_alias: str | None):
    """Django's hook for a condition on a relation's joins (the ON clause, so a LEFT JOIN
    keeps its rows): the joined row's trust is the joining row's. Django asks with no alias
    when it trims a join from a subquery; then there is no pair to compare."""
    if alias is None or related_alias is None:
        return None
    return Exact(
        Col(alias, _trust_key(field.related_model)), Col(related_alias, _trust_key(field.model))
    )


def join_on_trust() -> int:
    """Put the trust on every join between two tenant tables, in both directions, for every
    query the ORM writes: `a JOIN b ON (a.b_id = b.id AND b.trust_id = a.trust_id)`. With
    the trust on the joined table, PostgreSQL reads its rows through a trust-leading index and
    a join never reads other trusts' rows (tests/core/test_joins.py); a database distributed
    by trust needs exactly this co-located join. Run once the app registry is ready; returns
    how many relations it covers."""
    from django.apps import apps

    covered = 0
    for model in apps.get_models(include_auto_created=True):
        if _trust_key(model) is None:
            continue
        for field in model._meta.get_fields():
            if not (field.many_to_one and field.concrete) or field.name == "trust":
                continue
            if _trust_key(field.related_model) is None:
                continue
            field.get_extra_restriction = partial(_same_trust, field)
            covered += 1
    return covered


def trust_on_related(queryset: models.QuerySet[M], trust) -> models.QuerySet[M]:
    """The queryset with the trust on every tenant table its select_related joins."""
    paths: list[str] = []

    def walk(model, tree: dict, prefix: str) -> None:
        for name, subtree in tree.items():
            field = model._meta.get_field(name)
            related = field.related_model
            if not (isinstance(related, type) and issubclass(related, TrustOwned)):
                continue
            paths.append(prefix + name)
            walk(related, subtree, f"{prefix}{name}__")

    tree = queryset.query.select_related
    if isinstance(tree, dict):
        walk(queryset.model, tree, "")
    return queryset.filter(trust_on_joins(queryset.model, trust, *paths)) if paths else queryset


# The descriptors that only store a field's value on an instance (a foreign key's also forgets
# a cached related object, which a new instance does not have).
_PLAIN_DESCRIPTORS = (DeferredAttribute, ForeignKeyDeferredAttribute)


@cache
def _plain_rows(model: type[models.Model]) -> bool:
    """Whether the model's rows can be built straight into __dict__ (TrustOwned.from_db).
    Asked at the first row read, once the app registry has connected every signal."""
    if pre_init.has_listeners(model) or post_init.has_listeners(model):
        return False
    return all(
        type(getattr_static(model, field.attname, None)) in _PLAIN_DESCRIPTORS
        for field in model._meta.concrete_fields
    )


def access(queryset: models.QuerySet[M], trust, pk) -> M:
    """The one row with this id in this trust, in one query; 404 for missing and forbidden alike."""
    try:
        return queryset.get(pk=int(pk), trust=trust)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404(f"No {queryset.model._meta.verbose_name} found.") from None
