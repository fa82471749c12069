"""Property: a real document changed in ways a person would not notice reads the same.

Trailing spaces or tabs, doubled blank lines, a byte-order mark and any line ends (CR, LF,
CRLF or a mix) are what copying, e-mailing and re-saving a text do to it. Through the
command a user runs, ``rightstrack parse FILE --json``, such a copy must give the same
paragraphs (numbers, kinds, recommending States and text, spacing aside) as the original.
Documents: the 2008 Working Group report on Ecuador (``upr-wg-reports-terman``) and the
Human Rights Committee's concluding observations on Denmark, CCPR/C/DNK/CO/6.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rightstrack.ingest.parsers.encoding import decode_text

DOCUMENTS = {
    "ecuador2008.txt": "upr-wg-reports-terman/txts/ecuador2008.txt",
    "CCPR_C_DNK_CO_6.txt": "ccpr-co-rolandccpr/CCPR_C_DNK_CO_6.txt",
}


def _parse(path: Path) -> list[tuple[Any, ...]]:
    out = io.StringIO()
    call_command("parse", str(path), "--json", stdout=out)
    data = json.loads(out.getvalue())
    return [
        (
            p["number"],
            p.get("kind"),
            tuple(p.get("recommending_states") or ()),
            " ".join(p.get("full_text", p.get("text", "")).split()),
        )
        for p in data["paragraphs"]
    ]


@st.composite
def light_changes(draw: st.DrawFn, lines: list[str]) -> str:
    """``lines`` with trailing blanks on some, some blank lines doubled, one line-end style."""
    changed: list[str] = []
    trailing = st.sampled_from(["", "", " ", "  ", "\t", " \t"])
    for line in lines:
        changed.append(line + draw(trailing))
        if not line.strip() and draw(st.booleans()):
            changed.append(draw(trailing))
    ends = draw(st.sampled_from(["\n", "\r\n", "\r", "mixed"]))
    if ends == "mixed":
        text = "".join(line + ("\r\n", "\r", "\n")[i % 3] for i, line in enumerate(changed))
    else:
        text = ends.join(changed)
    return ("\ufeff" if draw(st.booleans()) else "") + text


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_a_lightly_changed_copy_gives_the_same_paragraphs(shared_raw, tmp_path_factory, name):
    source = shared_raw / DOCUMENTS[name]
    original = _parse(source)
    assert len(original) >= 10
    text, _ = decode_text(source.read_bytes())
    lines = re.split(r"\r\n|\r|\n", text)

    @settings(
        max_examples=20,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(light_changes(lines))
    def check(changed: str) -> None:
        copy = tmp_path_factory.mktemp("copy") / name
        copy.write_bytes(changed.encode("utf-8"))
        assert _parse(copy) == original

    check()
