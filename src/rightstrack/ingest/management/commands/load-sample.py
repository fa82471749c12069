"""``rightstrack load-sample`` (hyphenated alias of ``load_sample``)."""

from rightstrack.ingest.management.commands.load_sample import Command

__all__ = ["Command"]
