"""The one place that resolves the trust and the user's membership for a request."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponseNotAllowed
from django.shortcuts import render

from schools.models import Membership
from trustplan.core.permissions import Perms
from trustplan.core.tenancy import trust_on_joins


def resolve_membership(request: HttpRequest, trust_slug: str) -> Membership:
    """The user's active membership of the trust in one query; 404 for everyone else."""
    membership = (
        Membership.objects.select_related("trust", "person")
        .filter(trust__slug=trust_slug, user_id=request.user.pk, is_active=True)
        .filter(trust_on_joins(Membership, F("trust"), "person"))
        .first()
    )
    if membership is None:
        raise Http404("No such trust.")
    return membership


def trust_view(permission: str, *, methods: Iterable[str] = ("GET",)) -> Callable:
    """Wrap a view under /t/<trust_slug>/: sign-in, membership, role permission, methods.

    The view gets request.trust, request.membership and request.perms, and never sees the slug.
    Its responses carry "Cache-Control: private, no-store" unless it set its own.
    Signed out -> sign in; not a member -> 404; member of a suspended trust -> the "suspended"
    page (403; nothing of the trust is read); member without the permission -> 403.
    """
    allowed = tuple(m.upper() for m in methods)

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, trust_slug: str, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            membership = resolve_membership(request, trust_slug)
            if membership.trust.suspended_at is not None:
                return suspended_page(request, membership.trust)
            request.trust = membership.trust
            request.membership = membership
            request.perms = Perms(membership)
            if request.method not in allowed:
                return HttpResponseNotAllowed(allowed)
            if not request.perms.has(permission):
                raise PermissionDenied(f"Your role does not allow {permission}.")
            response = view(request, *args, **kwargs)
            # A trust's pages hold its private data and, often, editable state: never kept by
            # the browser, so Back fetches them afresh (no false conflict against a save the
            # cached copy predates). Downloads that say otherwise keep their own header.
            if not response.has_header("Cache-Control"):
                response["Cache-Control"] = "private, no-store"
            return response

        wrapper.trust_permission = permission
        wrapper.http_methods = allowed
        return wrapper

    return decorator


def suspended_page(request: HttpRequest, trust):
    """What a member of a suspended trust sees on every page of it: the trust's name (they are
    a member, so it is no secret to them) and that its data is kept but cannot be opened."""
    return render(request, "trust_suspended.html", {"suspended_trust": trust}, status=403)
