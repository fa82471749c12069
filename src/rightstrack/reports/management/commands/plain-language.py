"""Hyphenated alias: ``rightstrack plain-language ...`` (see ``plain_language``)."""

from rightstrack.reports.management.commands.plain_language import Command  # noqa: F401
