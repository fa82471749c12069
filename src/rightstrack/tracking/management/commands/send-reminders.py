"""``rightstrack send-reminders`` (hyphenated alias of ``send_reminders``)."""

from rightstrack.tracking.management.commands.send_reminders import Command

__all__ = ["Command"]
