"""The ``rightstrack`` console script: each command listed once, hyphens accepted.

A command name may be typed with hyphens (``seed-reference``): ``rightstrack.cli`` turns
them into underscores in the command name only, so no alias module is needed and
``rightstrack help`` lists every command once.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from rightstrack.catalog.models import Country
from rightstrack.cli import command_line, main

CONSOLE_SCRIPT = Path(sys.executable).with_name("rightstrack")


def _listed_commands(help_text: str) -> list[str]:
    """The command names of ``rightstrack help`` (indented lines under ``[app]`` headings)."""
    return re.findall(r"^    (\S+)$", help_text, flags=re.M)


def test_help_lists_each_command_once_without_hyphenated_aliases(tmp_path):
    env = {**os.environ, "RIGHTSTRACK_DATA_DIR": str(tmp_path)}
    result = subprocess.run(
        [str(CONSOLE_SCRIPT), "help"], capture_output=True, text=True, env=env, check=True
    )
    commands = _listed_commands(result.stdout)

    assert commands.count("seed_reference") == 1
    assert "seed-reference" not in result.stdout
    assert [c for c in commands if "-" in c] == []
    assert sorted(set(commands)) == sorted(commands)
    for name in ("import", "import_shared", "load_sample", "plain_language", "send_reminders"):
        assert name in commands


# transaction=True: a command run from the command line closes the database connections
# when it ends (Django's run_from_argv), which a test wrapped in a transaction cannot survive.
@pytest.mark.django_db(transaction=True)
def test_seed_reference_runs_under_its_hyphenated_name(capsys):
    main(["seed-reference"])

    out = capsys.readouterr().out
    assert "country            197" in out
    assert "651 created, 0 updated" in out
    assert Country.objects.filter(iso3="SVN").exists()


def test_only_the_command_name_is_rewritten(tmp_path, capsys):
    missing = tmp_path / "no-such-file.txt"
    with pytest.raises(SystemExit):
        main(["parse", str(missing)])

    assert f"{missing}: no such file" in capsys.readouterr().err
    assert command_line(["plain-language", "export", "A-B", "--lang", "es"]) == [
        "plain_language",
        "export",
        "A-B",
        "--lang",
        "es",
    ]
    assert command_line(["--version"]) == ["--version"]
    assert command_line([]) == []


def test_help_finds_a_command_by_its_hyphenated_name(tmp_path):
    env = {**os.environ, "RIGHTSTRACK_DATA_DIR": str(tmp_path)}
    result = subprocess.run(
        [str(CONSOLE_SCRIPT), "help", "seed-reference"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert "usage: rightstrack seed_reference" in result.stdout
    assert command_line(["help", "send-reminders", "--x-y"]) == ["help", "send_reminders", "--x-y"]
