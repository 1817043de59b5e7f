from django.apps import AppConfig


class TrustdataConfig(AppConfig):
    name = "trustdata"
    verbose_name = "Leaving and erasure"

    def ready(self) -> None:
        from trustdata import permissions  # noqa: F401 - declarations
