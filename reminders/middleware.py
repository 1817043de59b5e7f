"""A session opened by a reminder's one-click link reaches only that person's update pages
of that trust: their actions, and proposing a rating for one. Any other page signs the
session out and asks for a full sign-in (which is where the second-factor policy applies)."""

from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login

from reminders.links import SESSION_KEY

ALWAYS = ("/static/", "/sign-out/", "/update/", "/healthz")


def allowed(path: str, method: str, scope: dict) -> bool:
    if path.startswith(ALWAYS):
        return True
    base = f"/t/{re.escape(scope['trust'])}/"
    if re.fullmatch(base + "my-actions/", path) and method == "GET":
        return True
    return bool(re.fullmatch(base + r"actions/\d+/propose/", path)) and method == "POST"


class UpdateLinkSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        scope = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
        if scope and user is not None and user.is_authenticated:
            if scope.get("user") != user.pk:
                request.session.pop(SESSION_KEY, None)
            elif not allowed(request.path, request.method, scope):
                logout(request)
                messages.info(
                    request,
                    "The link from your e-mail opens only your actions. "
                    "Sign in to open anything else.",
                )
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)
