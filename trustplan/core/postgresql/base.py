"""PostgreSQL, for tables whose primary key is (trust_id, id) in the database.

Django writes `GROUP BY "table"."id"` alone when it groups a model's rows, relying on every
other column depending on the primary key. A tenant table's primary key is (trust_id, id)
(trustplan/core/trustkeys.py), so for those models Django groups by every selected column
instead; other models keep the short form.
"""

from __future__ import annotations

from functools import cache

from django.db.backends.postgresql import base, features


@cache
def _keyed_by_trust(model) -> bool:
    return any(field.name == "trust" and field.is_relation for field in model._meta.local_fields)


class DatabaseFeatures(features.DatabaseFeatures):
    def allows_group_by_selected_pks_on_model(self, model):
        if _keyed_by_trust(model):
            return False
        return super().allows_group_by_selected_pks_on_model(model)


class DatabaseWrapper(base.DatabaseWrapper):
    features_class = DatabaseFeatures
