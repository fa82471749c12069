"""Fixtures of the parser tests: ZIP bombs built in well under a second (no real 1.5 GB
is ever compressed).

A deflate stream of zeros is made of one compressed block of :data:`CHUNK` zeros,
flushed with ``Z_FULL_FLUSH`` (byte-aligned, history reset) so that the same bytes
can be repeated: ``n`` copies inflate to ``n * CHUNK`` zeros. The archive is written
by hand (local header, data, central directory, end record: the ZIP APPNOTE layout)
so that the declared size can also lie.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest

CHUNK = 16 * 1024 * 1024
_BLOCK_CACHE: dict[int, bytes] = {}
_CRC_CACHE: dict[int, int] = {}


def _zero_block() -> bytes:
    if CHUNK not in _BLOCK_CACHE:
        c = zlib.compressobj(9, zlib.DEFLATED, -15)
        _BLOCK_CACHE[CHUNK] = c.compress(b"\0" * CHUNK) + c.flush(zlib.Z_FULL_FLUSH)
    return _BLOCK_CACHE[CHUNK]


def _zeros_crc(chunks: int) -> int:
    if chunks not in _CRC_CACHE:
        zeros = b"\0" * CHUNK
        crc = 0
        for _ in range(chunks):
            crc = zlib.crc32(zeros, crc)
        _CRC_CACHE[chunks] = crc
    return _CRC_CACHE[chunks]


def _entry(name: str, data: bytes, size: int, crc: int, method: int) -> tuple[bytes, bytes]:
    raw = name.encode()
    local = struct.pack(
        "<4s5H3L2H", b"PK\x03\x04", 20, 0, method, 0, 0, crc, len(data), size, len(raw), 0
    )
    central = struct.pack(
        "<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, method, 0, 0, crc, len(data), size,
        len(raw), 0, 0, 0, 0, 0, 0,
    )  # fmt: skip
    return local + raw + data, central + raw


def write_docx_bomb(
    path: Path,
    *,
    expanded_mb: int = 1536,
    declared_bytes: int | None = None,
    member: str = "word/document.xml",
) -> Path:
    """A DOCX-shaped ZIP whose ``member`` (``word/document.xml``) inflates to ``expanded_mb`` MiB of
    zeros (1,536 MiB: about 1.5 MB on disk). ``declared_bytes`` makes the central
    directory lie about that member's size (the CRC is then that of the real data)."""
    chunks = expanded_mb * 1024 * 1024 // CHUNK
    deflated = _zero_block() * chunks + b"\x03\x00"  # an empty final fixed block
    real = chunks * CHUNK
    size = real if declared_bytes is None else declared_bytes
    members = [
        ("[Content_Types].xml", b'<?xml version="1.0"?><Types/>', None),
        (member, deflated, (size, _zeros_crc(chunks))),
    ]
    body, directory = b"", b""
    for name, data, bomb in members:
        offset = len(body)
        if bomb is None:
            local, central = _entry(name, data, len(data), zlib.crc32(data), 0)
        else:
            local, central = _entry(name, data, bomb[0], bomb[1], 8)
        body += local
        directory += central[:42] + struct.pack("<L", offset) + central[46:]
    end = struct.pack(
        "<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members), len(directory), len(body), 0
    )
    path.write_bytes(body + directory + end)
    return path


@pytest.fixture(scope="session")
def docx_bomb(tmp_path_factory) -> Path:
    """``bomb.docx``: 1.5 MB on disk, 1.5 GiB of zeros in ``word/document.xml``."""
    return write_docx_bomb(tmp_path_factory.mktemp("bomb") / "bomb.docx")


@pytest.fixture
def make_docx_bomb():
    """:func:`write_docx_bomb` itself, for bombs of other sizes or lying ones."""
    return write_docx_bomb
