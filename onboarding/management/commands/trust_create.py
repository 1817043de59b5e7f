"""Start a new trust: `manage.py trust_create --name "…" --slug best --ceo-email ceo@…`."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from onboarding.services import trust_create
from trustplan.core.links import absolute_url


class Command(BaseCommand):
    help = (
        "Create a trust with the default labels and terms, this year's draft plans, and e-mail "
        "its CEO an invitation."
    )

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help='The trust\'s name, e.g. "BEST".')
        parser.add_argument("--slug", required=True, help="Its address: /t/<slug>/.")
        parser.add_argument("--ceo-email", required=True, help="Where the CEO's invitation goes.")
        parser.add_argument("--ceo-name", default="", help="The CEO's full name (optional).")
        parser.add_argument("--short-name", default="", help="A short name for page titles.")
        parser.add_argument(
            "--first-year",
            type=int,
            default=None,
            help="The calendar year the first plan year starts in (default: this academic year).",
        )
        parser.add_argument(
            "--strategic-years",
            type=int,
            default=3,
            choices=range(1, 7),
            metavar="1-6",
            help="How many years the first strategic plan spans (default 3).",
        )

    def handle(self, *args, **options):
        if not settings.SITE_URL:
            raise CommandError("Set SITE_URL so the invitation's link points at this site.")
        try:
            started = trust_create(
                name=options["name"],
                slug=options["slug"],
                ceo_email=options["ceo_email"],
                ceo_name=options["ceo_name"],
                short_name=options["short_name"],
                first_year=options["first_year"],
                strategic_years=options["strategic_years"],
                acting_user=None,
            )
        except ValidationError as exc:
            problems = (
                [
                    f"--{name.replace('_', '-')}: {' '.join(m)}"
                    for name, m in exc.message_dict.items()
                ]
                if hasattr(exc, "error_dict")
                else exc.messages
            )
            raise CommandError(" ".join(problems)) from None
        trust, invitation = started.trust, started.invitation
        self.stdout.write(
            f"Created {trust.name} at {absolute_url(f'/t/{trust.slug}/')} with the "
            f"{started.strategic_plan.span_label} strategic plan and the "
            f"{started.annual_plan.year_label} action plan (draft, terms proposed).\n"
            f"Invited {invitation.email} as CEO; the link works until "
            f"{timezone.localtime(invitation.expires_at):%-d %B %Y}."
        )
