from django.apps import AppConfig
from django.core import checks


class TrustplanConfig(AppConfig):
    name = "trustplan"
    verbose_name = "trustplan core"

    def ready(self) -> None:
        from django.db.models import CharField
        from django.db.models.functions import Lower

        from trustplan.core.tenancy import join_on_trust

        checks.register(check_permission_table)
        join_on_trust()
        # `email__lower=address.lower()` is LOWER(email) = '…', which the Lower(...) unique
        # indexes serve; `__iexact` is UPPER(email) = UPPER('…'), which none does.
        CharField.register_lookup(Lower)


def check_permission_table(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Every declared permission has a row in docs/permissions.md, and every row is declared."""
    from django.utils.module_loading import autodiscover_modules

    from trustplan.core.permissions import TABLE_PATH, declared, table

    # Checks run in no fixed order: an app whose permissions module only its views import
    # would look undeclared whenever this ran before the URL check. Import them all first.
    autodiscover_modules("permissions")

    errors = []
    try:
        rows = table()
    except (OSError, ValueError, KeyError) as exc:
        return [checks.Error(f"cannot read {TABLE_PATH.name}: {exc}", id="trustplan.E001")]
    for name in sorted(declared().keys() - rows.keys()):
        errors.append(
            checks.Error(
                f"permission {name!r} has no row in docs/permissions.md", id="trustplan.E002"
            )
        )
    for name in sorted(rows.keys() - declared().keys()):
        errors.append(
            checks.Error(
                f"docs/permissions.md has a row for {name!r}, which no app declares",
                id="trustplan.E003",
            )
        )
    return errors
