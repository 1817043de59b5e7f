import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

from schools.models import Trust
from trustplan.demo import best, symphony
from trustplan.demo.load import DEFAULT_PASSWORD, load_trust

DEMO_TRUSTS = [best, symphony]
# Apps with demo content of their own provide <app>/demo.py with load(trust) (idempotent).
DEMO_APPS = ["kpis", "governance", "boardpacks"]


def app_loaders():
    for app in DEMO_APPS:
        try:
            yield importlib.import_module(f"{app}.demo").load
        except ModuleNotFoundError as exc:
            if exc.name != f"{app}.demo":
                raise


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
        for module in DEMO_TRUSTS:
            with transaction.atomic():
                trust = load_trust(module.TRUST, password=password)
                for load in app_loaders():
                    load(trust)
            self.stdout.write(self.style.SUCCESS(f"{trust.name} (/t/{trust.slug}/)"))
            for user in module.TRUST["users"]:
                self.stdout.write(f"  {user['email']:<24} {user['role']:<12} password: {password}")
        self.stdout.write(f"\n{best.ILLUSTRATIVE_NOTE}")
