"""A real local SMTP server (aiosmtpd) for the subscription tests, as in
``tests/tracking/test_reminders_reach_a_real_smtp_server.py``."""

from __future__ import annotations

import email.message

import pytest

from smtp_support import smtp_server


@pytest.fixture
def smtp_inbox():
    with smtp_server(from_email="alerts@rightstrack.test") as inbox:
        yield inbox


def bodies(message: email.message.EmailMessage) -> tuple[str, str]:
    """The plain-text and HTML parts of ``message``."""
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    return text, html
