import graphlib
import importlib

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from schools.demo import DATA, DEFAULT_PASSWORD, load_trust
from schools.models import Trust


def demo_loaders() -> list:
    """Each app's `demo.load(trust)`, in the order their DEPENDS_ON names (schools first).

    The demo trusts themselves come from schools/demo.py; an app without demo.py adds nothing.
    """
    modules = {}
    for config in apps.get_app_configs():
        try:
            modules[config.label] = importlib.import_module(f"{config.name}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.demo":
                raise
    order = graphlib.TopologicalSorter(
        {label: getattr(module, "DEPENDS_ON", ()) for label, module in modules.items()}
    ).static_order()
    return [modules[label].load for label in order if hasattr(modules.get(label), "load")]


class Command(BaseCommand):
    help = "Load the demo trusts (idempotent: running it again changes nothing)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            default=DEFAULT_PASSWORD,
            help=f"Password for every demo sign-in (default: {DEFAULT_PASSWORD}).",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already holds a trust.",
        )

    def handle(self, *args, password: str, if_empty: bool, **options):
        if if_empty and Trust.objects.exists():
            self.stdout.write(
                "Trusts already present; demo data not loaded. Demo sign-ins are "
                "ceo@best.test, lead@best.test, trustee@best.test … (password "
                f"{DEFAULT_PASSWORD} unless you chose another)."
            )
            return
        loaders = demo_loaders()
        for slug, data in DATA.items():
            with transaction.atomic():
                trust = load_trust(slug, password=password)
                for load in loaders:
                    load(trust)
            self.stdout.write(self.style.SUCCESS(f"{trust.name} (/t/{trust.slug}/)"))
            for user in data["users"]:
                self.stdout.write(f"  {user['email']:<24} {user['role']:<12} password: {password}")
            self.stdout.write(f"  {data['note']}\n")
