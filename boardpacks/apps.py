import logging

from django.apps import AppConfig


class BoardpacksConfig(AppConfig):
    name = "boardpacks"
    verbose_name = "board packs"

    def ready(self) -> None:
        from boardpacks import permissions  # noqa: F401 - declarations

        # WeasyPrint logs every layout step at INFO; a worker's log needs only its warnings.
        logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
