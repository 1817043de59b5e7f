import time

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from boardpacks.models import PackStatus
from boardpacks.permissions import BOARDPACK_REQUEST
from boardpacks.selectors import latest_submitted_term
from boardpacks.services import boardpack_request, pack_path
from plans.selectors import current_annual_plan, plan_terms
from schools.models import Membership, Trust
from trustplan.core.permissions import Scope, scope_of


class Command(BaseCommand):
    help = (
        "Request a board pack for a trust's term (the term it submitted last unless "
        "--term names another). With --wait, wait for a worker and print the file, its pages "
        "and the render time."
    )

    def add_arguments(self, parser):
        parser.add_argument("trust_slug", help="The trust's slug, as in /t/<slug>/.")
        parser.add_argument("--term", help="The term's name, such as Spring.")
        parser.add_argument(
            "--user",
            help="E-mail of the CEO the pack is prepared for (shown on its cover). "
            "Without it the cover names the trust.",
        )
        parser.add_argument(
            "--wait", action="store_true", help="Wait until a worker has rendered the pack."
        )
        parser.add_argument(
            "--timeout", type=float, default=120.0, help="Seconds to wait (default 120)."
        )

    def handle(self, *args, trust_slug, term, user, wait, timeout, **options):
        trust = Trust.objects.filter(slug=trust_slug).first()
        if trust is None:
            raise CommandError(f"No trust has the slug {trust_slug!r}.")
        acting_user = self._user(trust, user) if user else None
        if term:
            annual_plan = current_annual_plan(trust)
            if annual_plan is None:
                raise CommandError(f"{trust.name} has no annual plan yet.")
            chosen = self._term(plan_terms(annual_plan), term)
        else:
            chosen = latest_submitted_term(trust)
            if chosen is None:
                raise CommandError(
                    f"No term of {trust.name} has been submitted to the board yet, so there "
                    "is no pack to make."
                )
            annual_plan = chosen.annual_plan
        try:
            pack = boardpack_request(annual_plan=annual_plan, term=chosen, acting_user=acting_user)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        what = f"{chosen.name} {annual_plan.year_label}, version {pack.version} (pack {pack.pk})"
        if pack.reused:
            self.stdout.write(f"Nothing has changed since this pack was made: {what}.")
        elif getattr(pack, "waiting_for_turn", False):
            self.stdout.write(
                f"Requested {what}; it waits for the trust's earlier pack to finish (a trust's "
                "packs are made one at a time)."
            )
        elif getattr(pack, "waiting_for_broker", False):
            self.stdout.write(
                f"Requested {what}; the queue cannot be reached now, so it is waiting and "
                "will be sent by the sweep."
            )
        else:
            self.stdout.write(f"Requested {what}.")
        if not wait:
            return

        deadline = time.monotonic() + timeout
        while pack.status not in {PackStatus.READY, PackStatus.FAILED}:
            if time.monotonic() > deadline:
                raise CommandError(
                    f"No worker finished the pack within {timeout:g} seconds (it is "
                    f"{pack.get_status_display().lower()}). Is a worker running? The pack "
                    "stays queued and will be rendered when one is."
                )
            time.sleep(0.2)
            pack.refresh_from_db()
        if pack.status == PackStatus.FAILED:
            raise CommandError(f"The pack failed: {pack.error}")
        self.stdout.write(f"File: {pack_path(pack)}")
        self.stdout.write(f"Pages: {pack.pages}")
        self.stdout.write(f"Render time: {pack.render_seconds:.2f} s")

    def _term(self, terms, name: str):
        for term in terms:
            if term.name.lower() == name.strip().lower():
                return term
        names = ", ".join(t.name for t in terms) or "none"
        raise CommandError(f"No term is called {name!r}. The plan's terms: {names}.")

    def _user(self, trust: Trust, email: str):
        membership = (
            Membership.objects.for_trust(trust)
            .select_related("user")
            .filter(user__email__lower=email.lower(), is_active=True)
            .first()
        )
        if membership is None:
            raise CommandError(f"{email} is not a member of {trust.name}.")
        if scope_of(membership.role, BOARDPACK_REQUEST) is Scope.NONE:
            raise CommandError(f"{email} may not request board packs in {trust.name}.")
        return membership.user
