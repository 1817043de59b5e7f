"""Every URL pattern of the project, filled in with a trust's slug and object ids."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

from tests.world import TrustWorld, extensions

# Patterns outside /t/<trust_slug>/: none of them shows a trust's data.
OUTSIDE_TRUSTS = {
    "",
    "healthz",
    "sign-in/",
    "sign-out/",
    # For someone not yet a member; shows nothing without a valid token (tests/schools).
    "invitations/<str:token>/",
}
# A person's meetings as an iCalendar feed, fetched by calendar apps without a session: without
# a valid, unrevoked secret it answers "not found" (tests/governance/test_calendar.py).
OUTSIDE_TRUSTS.add("calendar/<slug:trust_slug>/<str:token>.ics")
# An e-mail's List-Unsubscribe link: a signed token that turns one kind of e-mail off for one
# person, showing nothing of a trust; a bad token is "not found" (tests/notifications).
OUTSIDE_TRUSTS.add("unsubscribe/<str:token>/")
# A reminder's one-click update link: without a valid, unused, unexpired token it answers "not
# found" and names no trust (tests/reminders/test_views.py).
OUTSIDE_TRUSTS |= {"update/<str:token>/", "update/<str:token>/actions/<int:action_id>/"}
# The operators' area, for the people who run the service (is_staff): every other signed-in
# person gets "not found" (tests/operators/test_views.py walks each of these).
OPERATOR_ROUTES = {
    "operators/",
    "operators/trusts/new/",
    "operators/trusts/<slug:slug>/",
    "operators/trusts/<slug:slug>/suspend/",
    "operators/trusts/<slug:slug>/restore/",
    "operators/trusts/<slug:slug>/delete/",
    "operators/trusts/<slug:slug>/delete/cancel/",
    "operators/trusts/<slug:slug>/people/<int:person_id>/erase/",
}
OUTSIDE_TRUSTS |= OPERATOR_ROUTES
ADMIN_PREFIX = "admin/"  # superusers only; tested in tests/core/test_admin.py
# The person's own account: sign-in, their account page, and django-allauth's pages under
# accounts/ (password reset and change, e-mail, second factors, sessions, the single sign-on
# callback). They show only the signed-in person's own account, never a trust's data
# (tests/accounts).
OUTSIDE_TRUSTS |= {
    "sign-in/",
    "sign-out/",
    "account/",
    "account/two-factor/",
    "account/sign-out-everywhere/",
    "accounts/login/",
    "accounts/3rdparty/",
}
ALLAUTH_PREFIX = "accounts/"

# How to fill each URL keyword with an object of a given trust. A new keyword needs a line
# here, or the isolation and permission tests fail and say so.
OBJECT_IDS: dict[str, Callable[[TrustWorld], object]] = {
    "trust_slug": lambda w: w.trust.slug,
    "action_id": lambda w: w.lead_action.pk,
    "term_id": lambda w: w.terms[0].pk,
}
# The object a role with an "own" or "school" scope may not touch, for the same keyword.
OUT_OF_SCOPE_IDS: dict[str, Callable[[TrustWorld], object]] = {
    "action_id": lambda w: w.other_action.pk,
}

for _extension in extensions():
    OBJECT_IDS.update(getattr(_extension, "OBJECT_IDS", {}))
    OUT_OF_SCOPE_IDS.update(getattr(_extension, "OUT_OF_SCOPE_IDS", {}))

KEYWORD = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


@dataclass
class Route:
    route: str
    pattern: URLPattern

    @property
    def keywords(self) -> list[str]:
        return [m.group("name") for m in KEYWORD.finditer(self.route)]

    @property
    def in_trust(self) -> bool:
        return self.route.startswith("t/<slug:trust_slug>/")

    @property
    def view(self):
        return self.pattern.callback

    def url(self, world: TrustWorld, *, out_of_scope: bool = False, **overrides) -> str:
        def fill(match: re.Match) -> str:
            name = match.group("name")
            if name in overrides:
                return str(overrides[name])
            if out_of_scope and name in OUT_OF_SCOPE_IDS:
                return str(OUT_OF_SCOPE_IDS[name](world))
            if name not in OBJECT_IDS:
                raise AssertionError(
                    f"URL {self.route!r} has <{name}>, which tests/urlwalk.py cannot fill: "
                    "add it to OBJECT_IDS (and a test object to tests/world.py)."
                )
            return str(OBJECT_IDS[name](world))

        return "/" + KEYWORD.sub(fill, self.route)


def routes() -> Iterator[Route]:
    def walk(patterns, prefix: str) -> Iterator[Route]:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                if route in {ADMIN_PREFIX, ALLAUTH_PREFIX}:
                    continue
                yield from walk(pattern.url_patterns, route)
            else:
                yield Route(route, pattern)

    yield from walk(get_resolver().url_patterns, "")


def trust_routes() -> list[Route]:
    return [route for route in routes() if route.in_trust]
