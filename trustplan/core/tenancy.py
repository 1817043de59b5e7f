"""Row-level tenancy: every tenant-owned row carries its trust, and lookups go through it."""

from __future__ import annotations

from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import models
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


def access(queryset: models.QuerySet[M], trust, pk) -> M:
    """The one row with this id in this trust, in one query; 404 for missing and forbidden alike."""
    try:
        return queryset.get(pk=int(pk), trust=trust)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404(f"No {queryset.model._meta.verbose_name} found.") from None
