"""A real SMTP server for the tests that send mail (sign-up verification, reminder
digests, subscription digests): aiosmtpd on a
free local port, with Django's SMTP backend pointed at it, so a message is built,
encoded and delivered as in production and the test reads what arrived."""

from __future__ import annotations

import email
import email.policy
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from aiosmtpd.controller import Controller
from django.test import override_settings


class Inbox:
    """aiosmtpd handler keeping every message it receives, with its envelope recipients."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], email.message.EmailMessage]] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def for_(self, address: str) -> list[email.message.EmailMessage]:
        """The messages delivered to ``address``, in order of arrival."""
        with self.lock:
            return [m for rcpts, m in self.messages if address in rcpts]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def smtp_server(from_email: str = "signup@rightstrack.test") -> Iterator[Inbox]:
    """Start the server and send Django's mail to it until the block ends."""
    inbox = Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=port,
            EMAIL_HOST_USER="",
            EMAIL_HOST_PASSWORD="",
            EMAIL_USE_TLS=False,
            EMAIL_USE_SSL=False,
            DEFAULT_FROM_EMAIL=from_email,
        ):
            yield inbox
    finally:
        controller.stop()
