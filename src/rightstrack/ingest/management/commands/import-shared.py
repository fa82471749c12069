"""``rightstrack import-shared`` (hyphenated alias of ``import_shared``)."""

from rightstrack.ingest.management.commands.import_shared import Command

__all__ = ["Command"]
