"""The guard every ZIP-based input (DOCX, XLSX, ZIP) passes before it is parsed (pure Python).

A DOCX or XLSX file is a ZIP archive of XML parts. A small archive can declare or
hold members that expand to gigabytes (a "zip bomb": 1.5 MB of deflated zeros is
1.5 GB of XML), and python-docx, openpyxl and lxml would decompress them into
memory. :func:`check_archive` refuses such a file before any parser opens it:

1. the end-of-central-directory record is read first (a few bytes at the end of
   the file), so an archive announcing more than :data:`MAX_MEMBERS` members is
   refused before :mod:`zipfile` builds one object per member;
2. the declared sizes of the central directory are checked: their total against
   :data:`MAX_EXPANDED_BYTES`, each member's expansion ratio against
   :data:`MAX_RATIO`;
3. the declared sizes are **not trusted**: every member is then decompressed in
   :data:`CHUNK_BYTES` pieces and thrown away, counting the bytes really produced,
   so a member that lies about its size is stopped as soon as the running total
   passes the limit (memory stays at one chunk). A damaged member (bad CRC,
   truncated data) is reported here too.

:func:`read_member` gives the first bytes of one member, bounded the same way, for
format detection (which must stay cheap and never decompress a whole member).

Refusals are :class:`ArchiveRefused` (an
:class:`~rightstrack.ingest.errors.ImportFailure`: the import stores nothing and
shows the message with the file name).
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

from rightstrack.ingest.errors import ImportFailure

__all__ = [
    "MAX_EXPANDED_BYTES",
    "MAX_MEMBERS",
    "MAX_RATIO",
    "ArchiveDamaged",
    "ArchiveRefused",
    "check_archive",
    "describe",
    "read_member",
]

#: Largest total uncompressed size of an archive's members (bytes): 100 MiB.
#: Calibration on the real UN files of the shared data (11 DOCX/XLSX files): the
#: largest expansion is 1.26 MB (the UPR48 Slovenia thematic list DOCX, 92 KB on
#: disk; its ``word/document.xml`` is 1.17 MB) and the largest XLSX expands to
#: 0.98 MB (CERD Brazil monitoring table). 100 MiB is about 80 times the largest
#: real file and as much text as the largest accepted upload (100 MB), while
#: a parser building an XML tree of it still fits in a server's memory.
MAX_EXPANDED_BYTES = 100 * 1024 * 1024

#: Largest expansion ratio (uncompressed / compressed size) of a member holding more
#: than :data:`RATIO_MIN_BYTES`. The real files peak at 26.5 (a 27 KB
#: ``word/numbering.xml``); their ``document.xml``/sheet parts stay at 9-25. Deflate
#: cannot exceed about 1,032; a bomb of zeros reaches ~1,000. 200 leaves a margin
#: of more than 7 over the real files (very repetitive sheets compress better).
MAX_RATIO = 200

#: Members smaller than this (bytes) are not held to :data:`MAX_RATIO`: a tiny part
#: with a high ratio is harmless, and the total limit still counts it. 1 MiB.
RATIO_MIN_BYTES = 1024 * 1024

#: Most members an archive may hold. Real DOCX/XLSX files hold 7 to 29 parts; a
#: workbook with many sheets and images holds a few hundred. 10,000 is far above,
#: and keeps :mod:`zipfile`'s per-member objects (a few hundred bytes each) small.
MAX_MEMBERS = 10_000

#: Bytes decompressed at a time while counting a member's real size (64 KiB).
CHUNK_BYTES = 64 * 1024

_MB = 1024 * 1024
_EOCD = b"PK\x05\x06"
_EOCD64_LOCATOR = b"PK\x06\x07"
_EOCD64 = b"PK\x06\x06"


class ArchiveRefused(ImportFailure):
    """A ZIP-based file (DOCX, XLSX, ZIP) expands too much, holds too many members,
    or is damaged; it is refused before any parser reads it."""


class ArchiveDamaged(ArchiveRefused):
    """The archive is damaged (not a ZIP, bad CRC, truncated member): the file's own
    parser may say so in its words, so format detection lets it through."""


def describe(exc: BaseException, *, named: bool = False) -> str:
    """The text of ``exc`` for an error message, never empty.

    ``str(MemoryError())`` and some ``KeyError``/``BadZipFile`` raised deep in a
    library are ``""``: the class name stands in ("MemoryError"). With ``named``
    the class name always leads ("KeyError: 'word/document.xml'").
    """
    text = str(exc).strip()
    name = type(exc).__name__
    if not text:
        return name
    return f"{name}: {text}" if named else text


def _limit_mb(limit: int) -> str:
    return f"{limit // _MB:,}"


def _too_big(path: Path, limit: int) -> ArchiveRefused:
    return ArchiveRefused(
        path,
        f"the file expands to more than {_limit_mb(limit)} MB when unpacked; "
        "it is refused (a real DOCX or XLSX file is far smaller)",
    )


def _declared_member_count(path: Path) -> int | None:
    """Members announced by the end-of-central-directory record (ZIP64 aware), or
    ``None`` when the record is not found (``zipfile`` then reports the damage)."""
    size = path.stat().st_size
    with path.open("rb") as fh:
        tail_len = min(size, 22 + 65_535)  # the record and the longest comment
        fh.seek(size - tail_len)
        tail = fh.read(tail_len)
        at = tail.rfind(_EOCD)
        if at < 0 or len(tail) - at < 22:
            return None
        entries = int(struct.unpack_from("<H", tail, at + 10)[0])
        if entries != 0xFFFF:
            return entries
        # ZIP64: the locator sits just before the record and points to the ZIP64 record.
        loc_at = size - tail_len + at - 20
        if loc_at < 0:
            return None
        fh.seek(loc_at)
        locator = fh.read(20)
        if not locator.startswith(_EOCD64_LOCATOR):
            return None
        offset = int(struct.unpack_from("<Q", locator, 8)[0])
        fh.seek(offset)
        record = fh.read(56)
        if not record.startswith(_EOCD64) or len(record) < 56:
            return None
        return int(struct.unpack_from("<Q", record, 32)[0])


def check_archive(
    path: str | Path,
    *,
    kind: str = "ZIP",
    max_bytes: int = MAX_EXPANDED_BYTES,
    max_ratio: float = MAX_RATIO,
    max_members: int = MAX_MEMBERS,
) -> None:
    """Refuse a ZIP-based file whose members expand too much, before it is parsed.

    Args:
        path: the DOCX/XLSX/ZIP file.
        kind: what the file is, for messages ("DOCX", "XLSX").
        max_bytes: limit on the total uncompressed size, declared and real (bytes).
        max_ratio: limit on a member's uncompressed/compressed size ratio
            (members over :data:`RATIO_MIN_BYTES`).
        max_members: limit on the number of members.

    Cost: one pass decompressing every member in :data:`CHUNK_BYTES` pieces (a
    real 1 MB DOCX: a few milliseconds); memory stays at one chunk.

    Raises:
        ArchiveRefused: "the file expands to more than N MB" (declared or real total
            over ``max_bytes``), a member over ``max_ratio``, more than
            ``max_members`` members, naming the file.
        ArchiveDamaged: (a subclass) a damaged archive: not a ZIP, bad CRC,
            truncated member.
    """
    path = Path(path)
    try:
        announced = _declared_member_count(path)
    except OSError as exc:
        raise ArchiveDamaged(path, f"cannot read the file ({describe(exc)})") from exc
    if announced is not None and announced > max_members:
        raise ArchiveRefused(
            path,
            f"the {kind} archive holds {announced:,} files, more than the {max_members:,} "
            "allowed; it is refused (a real document holds a few dozen)",
        )
    try:
        with zipfile.ZipFile(path) as zf:
            members = zf.infolist()
            if len(members) > max_members:
                raise ArchiveRefused(
                    path,
                    f"the {kind} archive holds {len(members):,} files, more than the "
                    f"{max_members:,} allowed; it is refused (a real document holds a few dozen)",
                )
            if sum(m.file_size for m in members) > max_bytes:
                raise _too_big(path, max_bytes)
            for member in members:
                _check_ratio(
                    path, member.filename, member.file_size, member.compress_size, max_ratio
                )
            _stream_members(path, zf, max_bytes, max_ratio)
    except ArchiveRefused:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError) as exc:
        raise ArchiveDamaged(
            path, f"damaged {kind} file ({describe(exc)}); download it again or re-save it"
        ) from exc
    except Exception as exc:  # OSError, zlib.error on corrupt deflate data, struct.error...
        raise ArchiveDamaged(path, f"damaged {kind} file ({describe(exc)})") from exc


def _stream_members(path: Path, zf: zipfile.ZipFile, max_bytes: int, max_ratio: float) -> None:
    """Decompress every member in :data:`CHUNK_BYTES` pieces, counting the real bytes:
    the declared sizes are not trusted. Memory: one chunk.

    Raises:
        ArchiveRefused: the real total passes ``max_bytes`` (stopped right there), or
            a member's real ratio passes ``max_ratio``.
        zipfile.BadZipFile: a bad CRC (also what a member longer than declared gives:
            :mod:`zipfile` stops reading it at its declared size).
    """
    total = 0
    for member in zf.infolist():
        if member.is_dir():
            continue
        real = 0
        with zf.open(member) as stream:
            while chunk := stream.read(CHUNK_BYTES):
                real += len(chunk)
                total += len(chunk)
                if total > max_bytes:
                    raise _too_big(path, max_bytes)
        _check_ratio(path, member.filename, real, member.compress_size, max_ratio)


def _check_ratio(path: Path, name: str, size: int, compressed: int, max_ratio: float) -> None:
    if size <= RATIO_MIN_BYTES:
        return
    ratio = size / max(compressed, 1)
    if ratio > max_ratio:
        raise ArchiveRefused(
            path,
            f"the part {name!r} expands {ratio:,.0f} times its packed size, more than the "
            f"{max_ratio:,.0f} times allowed; it is refused (real documents expand 5 to 30 times)",
        )


def read_member(path: str | Path, name: str, max_bytes: int) -> bytes | None:
    """The first ``max_bytes`` bytes of member ``name`` of a ZIP, or ``None`` when the
    file is not a ZIP, lacks that member, or is damaged. Never raises.

    Only ``max_bytes`` (plus one chunk) are ever decompressed, whatever the member's
    declared or real size, so detection can peek into a file not yet checked by
    :func:`check_archive`.
    """
    try:
        announced = _declared_member_count(Path(path))
        if announced is not None and announced > MAX_MEMBERS:
            return None
        with zipfile.ZipFile(path) as zf, zf.open(name) as stream:
            parts: list[bytes] = []
            got = 0
            while got < max_bytes and (chunk := stream.read(min(CHUNK_BYTES, max_bytes - got))):
                parts.append(chunk)
                got += len(chunk)
            return b"".join(parts)
    except Exception:  # detection never raises
        return None


def member_names(path: str | Path) -> list[str] | None:
    """The member names of a ZIP, or ``None`` when it is not a readable ZIP or announces
    more than :data:`MAX_MEMBERS` members. Never raises."""
    try:
        announced = _declared_member_count(Path(path))
        if announced is not None and announced > MAX_MEMBERS:
            return None
        with zipfile.ZipFile(path) as zf:
            return zf.namelist()
    except Exception:  # detection never raises
        return None
