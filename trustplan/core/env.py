"""Read settings from the environment and refuse bad values with one clear line.

Every reader raises ConfigError naming the variable; the entry points (manage.py, wsgi,
the Celery app) turn it into a single line on stderr and a non-zero exit.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

import dj_database_url

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


class ConfigError(Exception):
    """A setting from the environment is missing or malformed."""

    def __init__(self, name: str, problem: str):
        self.name = name
        super().__init__(f"{name}: {problem}")


@contextmanager
def exit_on_config_error() -> Iterator[None]:
    """Turn a ConfigError into one line on stderr and exit status 2, not a traceback."""
    try:
        yield
    except ConfigError as exc:
        sys.stderr.write(f"trustplan: configuration error: {exc}\n")
        raise SystemExit(2) from None


def text(name: str, default: str | None = None, *, required: bool = False) -> str | None:
    value = os.environ.get(name)
    if value is None or value == "":
        if required:
            raise ConfigError(name, "is required but not set")
        return default
    return value


def boolean(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ConfigError(name, f"must be true or false (got {value!r})")


def integer(name: str, default: int, *, minimum: int | None = None) -> int:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ConfigError(name, f"must be a whole number (got {value!r})") from None
    if minimum is not None and number < minimum:
        raise ConfigError(name, f"must be at least {minimum} (got {number})")
    return number


def word_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def database(name: str, default: str | None) -> dict:
    url = text(name, default)
    if url is None:
        raise ConfigError(name, "is required but not set")
    scheme = urlsplit(url).scheme
    if scheme not in {"postgres", "postgresql", "pgsql"}:
        raise ConfigError(name, f"must be a postgres:// URL (got scheme {scheme or 'none'!r})")
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except (ValueError, KeyError) as exc:
        raise ConfigError(name, f"cannot be parsed ({exc})") from None
    if not config.get("NAME"):
        raise ConfigError(name, "must name a database (postgres://user@host:port/NAME)")
    # Django's PostgreSQL backend, grouping tenant rows by every column (its module says why).
    config["ENGINE"] = "trustplan.core.postgresql"
    return config


def redis_url(name: str, default: str | None) -> str:
    url = text(name, default)
    if url is None:
        raise ConfigError(name, "is required but not set")
    parts = urlsplit(url)
    if parts.scheme not in {"redis", "rediss", "redis+socket"}:
        raise ConfigError(name, f"must be a redis:// URL (got scheme {parts.scheme or 'none'!r})")
    try:
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        raise ConfigError(name, f"has a malformed port ({url!r})") from None
    return url


def site_url(name: str, default: str | None) -> str:
    """The site's public address, e.g. https://plans.example.org: scheme and host, no path."""
    url = text(name, default)
    if url is None:
        raise ConfigError(
            name, "is required when DEBUG is off (the address links in e-mails point to)"
        )
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ConfigError(name, f"must be an http:// or https:// address (got {url!r})")
    if parts.path not in {"", "/"} or parts.query or parts.fragment:
        raise ConfigError(name, f"must be only a scheme and host, without a path (got {url!r})")
    try:
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        raise ConfigError(name, f"has a malformed port ({url!r})") from None
    return f"{parts.scheme}://{parts.netloc}"
