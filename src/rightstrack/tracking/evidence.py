"""Checks on uploaded evidence files: size limit, allowed types, checksum.

A file is accepted only when its extension is allowed AND its content
matches that extension (magic bytes sniffed by the ``filetype`` library;
plain text must decode as UTF-8 and contain no NUL byte). So a renamed
executable or an HTML page called ``report.pdf`` is refused.

The limit is the ``RIGHTSTRACK_EVIDENCE_MAX_BYTES`` Django setting
(default 20 MiB).
"""

from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass
from typing import IO

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

#: Allowed extension → MIME type we store. Text types have no magic bytes.
ALLOWED: dict[str, str] = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "txt": "text/plain",
    "csv": "text/csv",
}
TEXT_TYPES = {"txt", "csv"}
#: What ``filetype`` must detect for each binary extension.
SNIFFED_AS = {"jpeg": "jpg"}


@dataclass(frozen=True)
class CheckedFile:
    """Result of :func:`check_upload`: extension, MIME type, size (bytes), SHA-256 hex."""

    extension: str
    content_type: str
    size: int
    sha256: str


def max_bytes() -> int:
    """The evidence size limit in bytes."""
    return int(getattr(settings, "RIGHTSTRACK_EVIDENCE_MAX_BYTES", DEFAULT_MAX_BYTES))


def check_upload(name: str, stream: IO[bytes], size: int | None = None) -> CheckedFile:
    """Validate an uploaded file and compute its checksum.

    Args:
        name: the client's file name (only its extension is used).
        stream: binary file object, read from the start in 64 KiB chunks.
        size: the size in bytes if known (checked before reading).

    Returns:
        :class:`CheckedFile`.

    Raises:
        ValidationError: empty file, larger than :func:`max_bytes`, extension
            not allowed, or content that does not match the extension.
    """
    limit = max_bytes()
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in ALLOWED:
        raise ValidationError(
            _("Files of this type are not accepted. Allowed: %(types)s.")
            % {"types": ", ".join(sorted(set(ALLOWED) - {"jpeg"}))},
            code="type",
        )
    if size is not None and size > limit:
        raise ValidationError(_too_big(limit), code="size")
    stream.seek(0)
    digest = hashlib.sha256()
    head = b""
    total = 0
    is_text = ext in TEXT_TYPES
    decoder = _utf8_decoder() if is_text else None
    while chunk := stream.read(65536):
        total += len(chunk)
        if total > limit:
            raise ValidationError(_too_big(limit), code="size")
        if len(head) < 8192:
            head += chunk[: 8192 - len(head)]
        digest.update(chunk)
        if decoder is not None:
            _check_text(decoder, chunk)
    stream.seek(0)
    if total == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if decoder is not None:
        _check_text(decoder, b"", final=True)
    else:
        kind = filetype.guess(head)
        expected = SNIFFED_AS.get(ext, ext)
        if kind is None or kind.extension != expected:
            raise ValidationError(
                _("The file's content does not match its .%(ext)s extension.") % {"ext": ext},
                code="content",
            )
    return CheckedFile(ext, ALLOWED[ext], total, digest.hexdigest())


def _too_big(limit: int) -> str:
    return _("The file is larger than the limit of %(mb)s MB.") % {
        "mb": f"{limit / (1024 * 1024):g}"
    }


def _utf8_decoder() -> codecs.IncrementalDecoder:
    return codecs.getincrementaldecoder("utf-8-sig")()


def _check_text(decoder, chunk: bytes, final: bool = False) -> None:  # type: ignore[no-untyped-def]
    if b"\x00" in chunk:
        raise ValidationError(_("A text file must not contain binary data."), code="content")
    try:
        decoder.decode(chunk, final=final)
    except UnicodeDecodeError:
        raise ValidationError(_("A text file must be encoded in UTF-8."), code="content") from None
