from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"

    def ready(self) -> None:
        from plans import grants, permissions  # noqa: F401 - signal receivers, declarations
