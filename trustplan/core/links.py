"""Absolute links, for e-mails, calendar feeds and anything read away from the site.

Every one is built here, from SITE_URL: never from a request's Host header, which a client
chooses, and never relative, which means nothing in an e-mail.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse


def absolute_url(path: str) -> str:
    """SITE_URL followed by a path that starts with a slash."""
    if not path.startswith("/"):
        raise ValueError(f"an absolute link needs a path from the root, not {path!r}")
    return settings.SITE_URL.rstrip("/") + path


def absolute_reverse(name: str, *args, **kwargs) -> str:
    """The absolute address of a named URL: absolute_reverse("boardpack_detail", slug, pk)."""
    return absolute_url(reverse(name, args=args or None, kwargs=kwargs or None))
