"""The ``rightstrack`` console script: Django's ``manage.py`` under one name.

``rightstrack migrate``, ``rightstrack import FILE...``, ``rightstrack runserver``.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run a Django management command with RightsTrack's settings."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightstrack.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["rightstrack", *(argv if argv is not None else sys.argv[1:])])


if __name__ == "__main__":
    main()
