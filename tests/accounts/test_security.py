"""Headers, the health page's detail, and secrets kept out of logs."""

import logging
import re
from pathlib import Path

import pytest

from accounts.redact import GunicornLogger, redact
from tests.schools.factories import InvitationFactory

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
# Rendered into PDFs by WeasyPrint only, never served to a browser: the CSP does not apply.
PDF_ONLY = {
    "boardpacks/pack.html",
    "boardpacks/includes/pack_summary.html",
    "kpis/includes/pack_section.html",
    "kpis/includes/pack_status.html",
}
# HTML e-mail bodies (templates/*/email/): read in mail programs, which need inline styles and
# never see the site's CSP; their user text is escaped like every page's.
EMAIL_DIRS = ("notifications/email/",)
INLINE = re.compile(
    r"<style|\sstyle=|\son[a-z]+=|javascript:|<script(?![^>]*\s(src=|type=\"application/json\"))"
)


@pytest.mark.django_db
def test_every_page_carries_a_csp_without_inline_script_or_style(client):
    policy = client.get("/sign-in/")["Content-Security-Policy"]

    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in policy


def test_no_template_served_to_a_browser_has_inline_script_or_style():
    offenders = [
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        if str(path.relative_to(TEMPLATES)) not in PDF_ONLY
        and not str(path.relative_to(TEMPLATES)).startswith(EMAIL_DIRS)
        and INLINE.search(path.read_text())
    ]

    assert offenders == []


@pytest.mark.django_db
def test_healthz_details_are_for_local_callers_only(client, redis_available):
    local = client.get("/healthz")
    remote = client.get("/healthz", REMOTE_ADDR="203.0.113.9")
    proxied = client.get("/healthz", HTTP_X_FORWARDED_FOR="203.0.113.9")

    assert "workers" in local.json()
    assert remote.status_code == local.status_code
    assert remote.json() == {"status": local.json()["status"]}
    assert proxied.json() == {"status": local.json()["status"]}


@pytest.mark.parametrize(
    ("line", "secret"),
    [
        ("GET /invitations/Zx9-secret_token/ HTTP/1.1", "Zx9-secret_token"),
        ("GET /calendar/oak/feed-secret-123.ics HTTP/1.1", "feed-secret-123"),
        ("GET /accounts/password/reset/key/1b-c4f9-reset-key/ HTTP/1.1", "c4f9-reset-key"),
        ("GET /accounts/confirm-email/MQ:1vAbc:confirm-key/ HTTP/1.1", "confirm-key"),
        ("GET /sign-in/?next=%2Finvitations%2FZx9-secret%2F HTTP/1.1", "Zx9-secret"),
        ("GET /accounts/oidc/trust-1/login/callback/?code=c0de&state=st4te", "c0de"),
    ],
)
def test_secrets_in_urls_are_redacted(line, secret):
    assert secret not in redact(line)
    assert "[secret]" in redact(line)


@pytest.mark.django_db
def test_djangos_not_found_log_line_never_carries_an_invitation_token(client, mine, caplog):
    from accounts.redact import RedactSecretsFilter

    handler = logging.StreamHandler()
    handler.addFilter(RedactSecretsFilter())
    invitation = InvitationFactory(trust=mine.trust, email="x@example.test")
    caplog.handler.addFilter(RedactSecretsFilter())
    with caplog.at_level(logging.WARNING, logger="django.request"):
        client.get(f"/invitations/{invitation.token}-wrong/")
        client.get(f"/calendar/{mine.trust.slug}/not-a-real-secret.ics")

    assert "Not Found" in caplog.text
    assert invitation.token not in caplog.text
    assert "not-a-real-secret" not in caplog.text


def test_the_console_handler_of_the_settings_redacts(settings):
    handler = settings.LOGGING["handlers"]["console"]
    assert "redact_secrets" in handler["filters"]


def test_gunicorns_access_log_line_is_redacted():
    import datetime
    from types import SimpleNamespace

    from gunicorn.config import Config

    logger = GunicornLogger(Config())
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/invitations/Zx9-secret_token/",
        "PATH_INFO": "/invitations/Zx9-secret_token/",
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_REFERER": "http://x/calendar/oak/abc-secret.ics",
    }
    response = SimpleNamespace(status="200 OK", sent=10, headers=[])
    request = SimpleNamespace(headers=[("REFERER", environ["HTTP_REFERER"])])

    atoms = logger.atoms(response, request, environ, datetime.timedelta(seconds=0.1))

    line = logger.cfg.access_log_format % atoms
    assert "Zx9-secret_token" not in line and "abc-secret" not in line
    assert "/invitations/[secret]/" in line


def test_djangos_loggers_write_through_the_redacting_handler_only(settings):
    assert settings.LOGGING["loggers"]["django"] == {
        "handlers": ["console"],
        "level": "INFO",
        "propagate": False,
    }
