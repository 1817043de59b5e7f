"""Fixtures of the account tests: a real SMTP server and a real OpenID Connect provider."""

from __future__ import annotations

import email
import email.policy
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from trustplan.localservices import free_port, port_answers

BASE_DIR = Path(__file__).resolve().parents[2]


@dataclass
class Mailbox:
    """What the test SMTP server received, as parsed messages."""

    messages: list = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(
            email.message_from_bytes(envelope.content, policy=email.policy.default)
        )
        return "250 Message accepted"

    def wait_for(self, to: str, timeout: float = 10.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for message in self.messages:
                if to in message["To"]:
                    return message
            time.sleep(0.1)
        raise AssertionError(f"no message to {to} arrived; got {len(self.messages)} others")


@pytest.fixture
def smtp_server(settings):
    """An SMTP server (aiosmtpd) on a loopback port; Django sends through it."""
    from aiosmtpd.controller import Controller

    mailbox = Mailbox()
    port = free_port(2525)
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    try:
        yield mailbox
    finally:
        controller.stop()


@pytest.fixture(scope="session")
def rsa_private_key() -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


@dataclass
class Provider:
    issuer: str
    client_id: str
    secret: str


@pytest.fixture
def oidc_provider(rsa_private_key):
    """start(redirect_uri, users, amr=""): a django-oauth-toolkit OpenID Connect provider in its
    own process on a loopback port. users are "username:email:password" strings."""
    started: list[subprocess.Popen] = []
    workdir = tempfile.TemporaryDirectory(prefix="oidc-provider-")

    def start(redirect_uri: str, users: list[str], amr: str = "") -> Provider:
        port = free_port(9400)
        provider = Provider(f"http://127.0.0.1:{port}/o", "trustplan-client", "provider-secret-1")
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
            "DJANGO_SETTINGS_MODULE": "tests.accounts.oidc_provider.settings",
            "OIDC_PROVIDER_DB": str(Path(workdir.name) / f"provider-{port}.sqlite3"),
            "OIDC_PROVIDER_KEY": rsa_private_key,
            "OIDC_PROVIDER_ISSUER": provider.issuer,
            "OIDC_PROVIDER_AMR": amr,
        }
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.accounts.oidc_provider.serve", str(port),
             provider.client_id, provider.secret, redirect_uri, *users],
            cwd=BASE_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        started.append(process)
        deadline = time.monotonic() + 60
        while not port_answers("127.0.0.1", port):
            if process.poll() is not None or time.monotonic() > deadline:
                output = process.stdout.read() if process.poll() is not None else ""
                raise AssertionError(f"the test OpenID Connect provider did not start: {output}")
            time.sleep(0.1)
        return provider

    try:
        yield start
    finally:
        for process in started:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        workdir.cleanup()
