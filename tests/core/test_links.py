"""Every absolute link comes from SITE_URL, with DEBUG off as well as on: never from the
Host header a client sends, never relative."""

import os
import re
import subprocess
import sys

import pytest

from tests.core.test_settings import BASE_DIR, PRODUCTION_ENV
from trustplan.core.links import absolute_reverse, absolute_url
from trustplan.runner import site_url_for


def test_an_absolute_link_is_the_site_url_and_the_path(settings):
    settings.SITE_URL = "https://plans.oak.test"

    assert absolute_url("/t/oak/packs/3/") == "https://plans.oak.test/t/oak/packs/3/"
    assert absolute_reverse("invitation_accept", "tok") == "https://plans.oak.test/invitations/tok/"
    with pytest.raises(ValueError):
        absolute_url("t/oak/")


def test_with_debug_off_links_are_built_from_the_configured_site_url():
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in PRODUCTION_ENV and not k.startswith(("DJANGO_", "SECURE_", "CELERY_"))
    }
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "from trustplan.core.links import absolute_reverse; "
        "print(settings.DEBUG, absolute_reverse('boardpack_detail', 'oak', 7))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env={**env, **PRODUCTION_ENV},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "https://plans.example-trust.org.uk/t/oak/packs/7/"]


@pytest.mark.parametrize(
    ("host", "port", "url"),
    [
        ("127.0.0.1", "8080", "http://127.0.0.1:8080"),
        ("0.0.0.0", "8000", "http://127.0.0.1:8000"),
        ("plans.local", "9000", "http://plans.local:9000"),
        ("::1", "8000", "http://[::1]:8000"),
    ],
)
def test_make_run_points_links_at_the_address_it_serves(host, port, url):
    assert site_url_for(host, port) == url


def test_an_invitation_link_ignores_the_host_the_request_came_in_on(client, mine, settings):
    from tests.notifications.outbox import last_queued

    settings.SITE_URL = "https://plans.oak.test"
    settings.ALLOWED_HOSTS = ["testserver", "evil.example"]  # a host Django would accept
    client.force_login(mine.users["admin"])

    response = client.post(
        f"/t/{mine.trust.slug}/setup/invitations/new/",
        {
            "email": "new.trustee@oak.test",
            "role": "trustee",
            "full_name": "New Trustee",
            "initials": "NT",
        },
        HTTP_HOST="evil.example",
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    links = re.findall(r"https?://\S+", last_queued().body)
    assert links and all(link.startswith("https://plans.oak.test/invitations/") for link in links)


def test_a_calendar_link_ignores_the_host_the_request_came_in_on(client, mine, settings):
    settings.SITE_URL = "https://plans.oak.test"
    settings.ALLOWED_HOSTS = ["testserver", "evil.example"]
    client.force_login(mine.users["trustee"])

    client.post(f"/t/{mine.trust.slug}/governance/calendar/", {"op": "issue"})
    page = client.get(f"/t/{mine.trust.slug}/governance/calendar/", HTTP_HOST="evil.example")

    assert f"https://plans.oak.test/calendar/{mine.trust.slug}/" in page.content.decode()
    assert "evil.example" not in page.content.decode()


def test_a_password_reset_link_ignores_the_host_the_request_came_in_on(client, mine, settings):
    from tests.notifications.outbox import last_queued

    settings.SITE_URL = "https://plans.oak.test"
    settings.ALLOWED_HOSTS = ["testserver", "evil.example"]

    client.post(
        "/accounts/password/reset/",
        {"email": mine.users["viewer"].email},
        HTTP_HOST="evil.example",
    )

    body = last_queued(to=mine.users["viewer"].email).body
    links = re.findall(r"https?://\S+", body)
    assert links and all(link.startswith("https://plans.oak.test/") for link in links)
    assert "https://plans.oak.test/accounts/password/reset/key/" in body
    assert "evil.example" not in body
