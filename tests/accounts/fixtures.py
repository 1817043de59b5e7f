"""Fixtures of the account tests: a real OpenID Connect provider (the SMTP server is
tests/notifications/smtp.py's, shared by every e-mail test)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from trustplan.localservices import free_port, port_answers

BASE_DIR = Path(__file__).resolve().parents[2]


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
