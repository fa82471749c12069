"""The ``rightstrack`` console script: Django's ``manage.py`` under one name.

``rightstrack migrate``, ``rightstrack import FILE...``, ``rightstrack runserver``.
Command names may be typed with hyphens: ``rightstrack seed-reference`` runs the
``seed_reference`` command, ``rightstrack help seed-reference`` shows its help (only the
command name is rewritten, never its arguments).
"""

from __future__ import annotations

import os
import sys


def command_line(argv: list[str]) -> list[str]:
    """``argv`` with hyphens in the command name turned into underscores.

    The command name is the first item, or the second after ``help``
    (``rightstrack help seed-reference``).

    Args:
        argv: the arguments after the program name, e.g. ``["seed-reference"]``.

    Returns:
        A new list; ``["seed-reference", "--x"]`` gives ``["seed_reference", "--x"]``.
        An empty list, or one that starts with an option (``--version``), comes back as is.
        No error is raised: an unknown name is left for Django to refuse.
    """
    if not argv or argv[0].startswith("-"):
        return list(argv)
    if argv[0] == "help" and len(argv) > 1 and not argv[1].startswith("-"):
        return ["help", argv[1].replace("-", "_"), *argv[2:]]
    return [argv[0].replace("-", "_"), *argv[1:]]


def main(argv: list[str] | None = None) -> None:
    """Run a Django management command with RightsTrack's settings.

    Args:
        argv: the arguments after the program name (default: ``sys.argv[1:]``).

    Raises:
        SystemExit: from Django, when the command fails or is unknown, or after ``--help``.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightstrack.settings")
    from django.core.management import execute_from_command_line

    args = argv if argv is not None else sys.argv[1:]
    execute_from_command_line(["rightstrack", *command_line(args)])


if __name__ == "__main__":
    main()
