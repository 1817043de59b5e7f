"""Helpers for the apps' demo data (`<app>/demo.py`): write a row only when it differs.

A second load changes nothing, so neither the tables nor their history grow.
"""

from __future__ import annotations

from django.db import models

from trustplan.core.history import as_user


def upsert(model: type[models.Model], lookup: dict, values: dict):
    """Create the row, or update the fields that differ; returns it. Writes nothing if equal."""
    obj = model._base_manager.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        as_user(obj, None).save()
        return obj
    changed = False
    for name, value in values.items():
        field = model._meta.get_field(name)
        current = getattr(obj, field.attname)
        wanted = value.pk if isinstance(value, models.Model) else value
        if current != wanted:
            setattr(obj, name, value)
            changed = True
    if changed:
        as_user(obj, None).save()
    return obj


def keep_only(queryset: models.QuerySet, keep: list) -> None:
    """Delete the rows of `queryset` that the demo data no longer names."""
    for stale in queryset.exclude(pk__in=[obj.pk for obj in keep]):
        as_user(stale, None).delete()
