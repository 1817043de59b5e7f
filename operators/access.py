"""The operators' area is for the people who run the service (Django's is_staff), outside any
trust. Signed out -> sign in; signed in but not staff -> 404, as if it did not exist."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponseNotAllowed


def is_operator(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def operator_view(*, methods: Iterable[str] = ("GET",)) -> Callable:
    allowed = tuple(m.upper() for m in methods)

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not is_operator(request.user):
                raise Http404("No such page.")
            if request.method not in allowed:
                return HttpResponseNotAllowed(allowed)
            return view(request, *args, **kwargs)

        wrapper.operator_only = True
        wrapper.http_methods = allowed
        return wrapper

    return decorator
