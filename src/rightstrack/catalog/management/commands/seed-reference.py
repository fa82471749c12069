"""``rightstrack seed-reference`` (hyphenated alias of ``seed_reference``)."""

from rightstrack.catalog.management.commands.seed_reference import Command

__all__ = ["Command"]
