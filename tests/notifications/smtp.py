"""A real SMTP server for the e-mail tests (aiosmtpd, on a free local port), which can refuse
chosen addresses and be stopped and started again on the same port."""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller


@dataclass
class Received:
    to: list[str]
    subject: str
    body: str
    message: EmailMessage | None = None


@dataclass
class Handler:
    refuse: set[str] = field(default_factory=set)
    received: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refuse:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content, policy=policy.default)
        with self.lock:
            self.received.append(
                Received(
                    to=list(envelope.rcpt_tos),
                    subject=str(message["subject"]),
                    body=message.get_body(("plain",)).get_content(),
                    message=message,
                )
            )
        return "250 Message accepted"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SmtpServer:
    def __init__(self):
        self.handler = Handler()
        self.port = free_port()
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def refuse(self, *addresses: str) -> None:
        self.handler.refuse |= {a.lower() for a in addresses}

    @property
    def received(self) -> list[Received]:
        with self.handler.lock:
            return list(self.handler.received)

    def wait_for(self, to: str, timeout: float = 10.0) -> EmailMessage:
        """The first message received for `to`, parsed; waits for the worker to send it."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for received in self.received:
                if any(to in address for address in received.to):
                    return received.message
            time.sleep(0.1)
        raise AssertionError(f"no message to {to} arrived; got {len(self.received)} others")

    def count_to(self, address: str) -> int:
        return sum(address in message.to for message in self.received)


@pytest.fixture
def smtp_server(settings):
    """A running SMTP server that Django's SMTP backend sends to for this test."""
    server = SmtpServer()
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.stop()
