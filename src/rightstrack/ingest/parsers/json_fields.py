"""Type checks of the fields of JSON records (pure Python, no Django).

A JSON value of the wrong type is never converted: ``"text": 12345`` is not the
text "12345" but a broken record, and the file is refused naming the record (its
1-based index and its id) and the field. Each JSON reader lists, per field it
reads, the JSON types it accepts (:data:`KINDS`); fields it does not read are not
checked.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from rightstrack.ingest.errors import ImportFailure

__all__ = ["KINDS", "check_record", "json_type"]

#: The accepted kinds of value, by the name used in messages.
KINDS: dict[str, Callable[[Any], bool]] = {
    "a string": lambda v: isinstance(v, str),
    "a whole number": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "null": lambda v: v is None,
    "a list of strings": lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
    "an object": lambda v: isinstance(v, dict),
    "a list of objects": lambda v: isinstance(v, list) and all(isinstance(x, dict) for x in v),
    "an object of lists of strings": lambda v: (
        isinstance(v, dict)
        and all(isinstance(x, list) and all(isinstance(y, str) for y in x) for x in v.values())
    ),
}


def json_type(value: Any) -> str:
    """What a JSON value is, in words, with a short quote: ``"a number (12345)"``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"true/false ({'true' if value else 'false'})"
    if isinstance(value, int | float):
        return f"a number ({value!r})"
    if isinstance(value, str):
        return f"a string ({value[:40]!r})"
    if isinstance(value, list):
        odd = next((x for x in value if not isinstance(x, str)), None)
        return "a list of strings" if odd is None else f"a list holding {json_type(odd)}"
    return "an object"


def check_record(
    file: str | Path,
    index: int,
    record: Mapping[str, Any],
    accepted: Mapping[str, tuple[str, ...]],
    *,
    key_of: Callable[[str], str | None] = lambda k: k,
    record_id: str | None = None,
    prefix: str = "",
) -> None:
    """Check the type of every field of ``record`` that ``accepted`` lists.

    Args:
        file: the file (for the message).
        index: 1-based position of the record in the file.
        record: the JSON object as read.
        accepted: field → the names of :data:`KINDS` it may hold.
        key_of: maps a key as written in the file to its field name in ``accepted``
            (``None``: a field not read, not checked); identity by default.
        record_id: the record's id, shown in the message when known.
        prefix: where a nested object sits in the record, put before the key in the
            message ("paragraphs[2].limbs[1].").

    Raises:
        ImportFailure: ``"record 3 (id 'abc'): field 'text' is a number (12345);
            expected a string"``, with ``row`` = the record's index and ``cell`` =
            the key as written in the file.
    """
    for key, value in record.items():
        field = key_of(key)
        kinds = accepted.get(field) if field is not None else None
        if kinds is None or any(KINDS[kind](value) for kind in kinds):
            continue
        where = f"record {index}" + (f" (id {record_id!r})" if record_id else "")
        raise ImportFailure(
            file,
            f"{where}: field {prefix + key!r} is {json_type(value)}; expected {' or '.join(kinds)}",
            row=index,
            cell=prefix + key,
        )
