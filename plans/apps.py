from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"

    def ready(self) -> None:
        from plans import grants, permissions  # noqa: F401 - signal receivers, declarations
        from trustplan.core.permissions import register_grant_source

        register_grant_source(grants.granted_action_ids, model="plans.Action")
