"""The ``rightstrack`` console script: Django's ``manage.py`` under one name.

``rightstrack migrate``, ``rightstrack import FILE...``, ``rightstrack runserver``.
Command names may be typed with hyphens: ``rightstrack seed-reference`` runs the
``seed_reference`` command, ``rightstrack help seed-reference`` shows its help (only the
command name is rewritten, never its arguments).
"""

from __future__ import annotations

import os
import re
import sys

# What SQLite and PostgreSQL say when a table the code needs is not in the database.
_MISSING_TABLE = re.compile(r"no such table: (\S+)|relation \"([^\"]+)\" does not exist")


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
    from django.db import DatabaseError

    args = argv if argv is not None else sys.argv[1:]
    try:
        execute_from_command_line(["rightstrack", *command_line(args)])
    except DatabaseError as exc:
        missing = _MISSING_TABLE.search(str(exc))
        if missing is None:
            raise
        sys.stderr.write(not_set_up_message(missing.group(1) or missing.group(2)))
        sys.exit(1)


def not_set_up_message(table: str) -> str:
    """What to tell a person whose database lacks a table (never set up, or older code).

    Args:
        table: the missing table's name, as the database engine printed it.

    Returns:
        Two lines naming the database and the command that sets it up.
    """
    from django.db import connection

    where = connection.settings_dict.get("NAME") or "?"
    return (
        f"rightstrack: the database {where} has no table {table}: it has not been set up yet, "
        "or it was made by an older version.\n"
        "Run `rightstrack migrate` first (it keeps existing data).\n"
    )


if __name__ == "__main__":
    main()
