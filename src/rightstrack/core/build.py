"""An identifier of the code being run, for caches that outlive a process.

Rendered pages kept in a shared cache (Redis) must not be served by a newer release whose
templates, translations or code would render them differently. :func:`build_id` changes
whenever a file of the package changes (a deploy, a new translation catalogue), without
a version number anybody must remember to raise.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
#: Files whose change changes what a page looks like.
SUFFIXES = (".py", ".html", ".mo", ".txt", ".csv")


@lru_cache(maxsize=1)
def build_id() -> str:
    """A 16-hex-digit digest of the path, size and modification time (ns) of every
    template, translation catalogue, data and Python file of the package; computed once
    per process (about 700 ``stat`` calls)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in PACKAGE.rglob("*") if p.suffix in SUFFIXES):
        stat = path.stat()
        digest.update(f"{path.relative_to(PACKAGE)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]
