"""Every row of the project's own tables, to prove a request changed nothing."""

from django.apps import apps

PROJECT_APPS = {
    "trustplan", "schools", "objectives", "plans", "kpis", "governance", "boardpacks", "onboarding",
    "trustdata",
}  # fmt: skip


def snapshot() -> dict[str, list[tuple]]:
    rows = {}
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        fields = [f.attname for f in model._meta.concrete_fields if f.attname != "last_login"]
        rows[model._meta.label] = list(model._base_manager.order_by("pk").values_list(*fields))
    return rows
