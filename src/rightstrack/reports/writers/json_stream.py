"""Streamed JSON of a table: ``{"count": N, ...meta, "results": [{header: value}, ...]}``.

A generator of UTF-8 byte chunks (for ``StreamingHttpResponse`` or a file), so
memory stays bounded whatever the number of rows. Lists stay JSON arrays;
dates and datetimes are written in ISO 8601.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from typing import Any

from rightstrack.core.csv_stream import Column

#: Rows encoded per chunk.
ROWS_PER_CHUNK = 500


def _jsonable(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def json_chunks(
    rows: Iterable[Any], columns: list[Column], count: int, meta: Mapping[str, Any]
) -> Iterator[bytes]:
    """The JSON document of ``rows`` as UTF-8 byte chunks (non-ASCII kept as is).

    Args:
        rows: row objects, read lazily, once; each column's ``get`` is called on each.
        columns: the columns; their headers are the keys of each result, in order.
        count: the number of rows, written first (``"count"``).
        meta: more top-level keys written after ``count`` (``{"layout": "uhri"}``).

    Yields:
        ``bytes``: the head, then ``"results"`` items 500 at a time, then the tail.
    """
    head = {"count": count, **meta}
    yield (json.dumps(head, ensure_ascii=False)[:-1] + ', "results": [').encode()
    first = True
    buffer: list[str] = []
    for row in rows:
        item = {c.header: _jsonable(c.get(row)) for c in columns}
        buffer.append(("" if first else ",") + "\n" + json.dumps(item, ensure_ascii=False))
        first = False
        if len(buffer) >= ROWS_PER_CHUNK:
            yield "".join(buffer).encode()
            buffer.clear()
    buffer.append("\n]}\n")
    yield "".join(buffer).encode()
