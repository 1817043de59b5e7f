from django.apps import AppConfig


class TrustplanConfig(AppConfig):
    name = "trustplan"
    verbose_name = "trustplan core"
