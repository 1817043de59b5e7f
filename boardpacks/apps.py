from django.apps import AppConfig


class BoardpacksConfig(AppConfig):
    name = "boardpacks"
    verbose_name = "board packs"

    def ready(self) -> None:
        from boardpacks import permissions  # noqa: F401 - declarations
