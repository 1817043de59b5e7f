"""Secrets that travel in URLs never reach a log: invitation links, calendar feeds, password
reset and address confirmation links. One list of patterns serves Django's logs and gunicorn's
access log (`--logger-class accounts.redact.GunicornLogger`)."""

from __future__ import annotations

import logging
import re
from urllib.parse import unquote

REDACTED = "[secret]"

# Each pattern keeps the part before the secret (group "keep") and hides the secret.
SECRET_URL_PATTERNS = [
    re.compile(r"(?P<keep>/invitations/)[^/\s?#\"']+"),
    re.compile(r"(?P<keep>/calendar/[\w-]+/)[^/\s?#\"']+?(?=\.ics)"),
    re.compile(r"(?P<keep>/accounts/confirm-email/)[^/\s?#\"']+"),
    re.compile(
        r"(?P<keep>/accounts/password/reset/key/[0-9A-Za-z]+-)(?!set-password/)[^/\s?#\"']+"
    ),
    # The provider's answer on the sign-in callback: the one-time code and state.
    re.compile(r"(?P<keep>[?&](?:code|state|token|key|id_token)=)[^&\s#\"']+"),
]


def _redact(text: str) -> str:
    for pattern in SECRET_URL_PATTERNS:
        text = pattern.sub(lambda m: m.group("keep") + REDACTED, text)
    return text


def redact(text: str) -> str:
    """`text` with URL secrets hidden, also where they appear percent-encoded (a ?next=)."""
    cleaned = _redact(text)
    if "%" in text:
        decoded = unquote(text)
        redacted = _redact(decoded)
        if redacted != decoded:
            return redacted
    return cleaned


class RedactSecretsFilter(logging.Filter):
    """Rewrites each record's message with the secrets of any URL in it hidden."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg = cleaned
            record.args = None
        return True


try:
    from gunicorn.glogging import Logger as _GunicornLogger
except ImportError:  # pragma: no cover - gunicorn is a dependency; this keeps imports light
    _GunicornLogger = object


class GunicornLogger(_GunicornLogger):
    """gunicorn's access log with the request line, path, query and referrer redacted."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        # Request line, path, query, referrer, and any header (a Location, a Referer).
        return {k: redact(v) if isinstance(v, str) else v for k, v in atoms.items()}
