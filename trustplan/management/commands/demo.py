from django.core.management.base import BaseCommand

from schools.models import Trust
from trustplan.demo import best, symphony
from trustplan.demo.load import DEFAULT_PASSWORD, load_trust

DEMO_TRUSTS = [best, symphony]


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
            trust = load_trust(module.TRUST, password=password)
            self.stdout.write(self.style.SUCCESS(f"{trust.name} (/t/{trust.slug}/)"))
            for user in module.TRUST["users"]:
                self.stdout.write(f"  {user['email']:<24} {user['role']:<12} password: {password}")
        self.stdout.write(f"\n{best.ILLUSTRATIVE_NOTE}")
