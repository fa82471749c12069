"""The model file: format version, HMAC keyed on ``SECRET_KEY``, atomic writes.

The lifecycle follows paperless-ngx's document classifier: the file starts with a magic
string and a format version, then an HMAC-SHA256 of the rest, keyed on Django's
``SECRET_KEY``; only when both check out is the payload unpickled (joblib). A file that is
stale (another format version), tampered with (HMAC differs) or corrupt (cannot be read)
is deleted and :func:`load` returns ``None``, so the caller retrains: such a file is never
loaded. Writing goes to a temporary file in the same folder, renamed over the old one
(``Path.replace``, ``rename(2)``: atomic on POSIX), so a reader never sees half a file.

The file lives at ``<RIGHTSTRACK_DATA_DIR>/classify/model.bin``.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import logging
import os
import tempfile
from pathlib import Path

import joblib
from django.conf import settings

from rightstrack.classify.learn import Bundle

logger = logging.getLogger(__name__)

MAGIC = b"RTCLASSIFY"
#: Bump when the saved objects change shape: older files are then deleted and retrained.
FORMAT_VERSION = 3
_DIGEST = hashlib.sha256().digest_size
_FINGERPRINT = 64


class ModelFileError(Exception):
    """The model file is stale, tampered with or corrupt (the message says which)."""


def model_path() -> Path:
    """Where the model file lives: ``DATA_DIR/classify/model.bin``."""
    return Path(settings.DATA_DIR) / "classify" / "model.bin"


def _mac(body: bytes) -> bytes:
    return hmac.new(settings.SECRET_KEY.encode("utf-8"), body, hashlib.sha256).digest()


#: The last bundle read, by path, modification time and size (imports read it once).
_CACHE: dict[Path, tuple[tuple[int, int], Bundle]] = {}


def save(bundle: Bundle, path: Path | None = None) -> Path:
    """Write ``bundle`` to ``path`` (default :func:`model_path`) atomically.

    Raises:
        OSError: the folder cannot be created or written.
    """
    path = path or model_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    joblib.dump(bundle, buffer, compress=3)
    fingerprint = bundle.labels_fingerprint.encode("ascii").ljust(_FINGERPRINT, b" ")
    body = FORMAT_VERSION.to_bytes(4, "big") + fingerprint + buffer.getvalue()
    fd, tmp = tempfile.mkstemp(prefix=".model-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(MAGIC + _mac(body) + body)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def read(path: Path, *, fingerprint: str | None = None) -> Bundle | None:
    """Read and check the model file at ``path``.

    Args:
        fingerprint: when given, a signed file trained on other labels
            (``rules.labels_fingerprint``, e.g. another database) is not unpickled and
            ``None`` is returned.

    Raises:
        FileNotFoundError: no file.
        ModelFileError: wrong magic or format version (stale), HMAC mismatch (tampered,
            or written with another ``SECRET_KEY``), or a payload that does not unpickle
            into a :class:`~rightstrack.classify.learn.Bundle` (corrupt).
    """
    data = path.read_bytes()
    head = len(MAGIC)
    if not data.startswith(MAGIC) or len(data) < head + _DIGEST + 4:
        raise ModelFileError("not a RightsTrack model file")
    mac, body = data[head : head + _DIGEST], data[head + _DIGEST :]
    version = int.from_bytes(body[:4], "big")
    if version != FORMAT_VERSION:
        raise ModelFileError(f"stale model file (format {version}, expected {FORMAT_VERSION})")
    if not hmac.compare_digest(mac, _mac(body)):
        raise ModelFileError("model file signature does not match (tampered or another key)")
    stored = body[4 : 4 + _FINGERPRINT].decode("ascii", "replace").strip()
    if fingerprint is not None and stored != fingerprint:
        return None
    try:
        # Safe: the bytes were written by this installation (HMAC keyed on SECRET_KEY).
        bundle = joblib.load(io.BytesIO(body[4 + _FINGERPRINT :]))
    except Exception as exc:
        raise ModelFileError(f"corrupt model file ({type(exc).__name__})") from exc
    if not isinstance(bundle, Bundle):
        raise ModelFileError("corrupt model file (unexpected content)")
    return bundle


def load(path: Path | None = None, *, fingerprint: str | None = None) -> Bundle | None:
    """The saved bundle, or ``None`` when there is none or it must not be loaded.

    A stale, tampered or corrupt file is deleted (and logged), so the next
    ``classify train`` writes a fresh one. ``fingerprint``: see :func:`read`. The
    bundle read is kept in memory until the file changes.
    """
    path = path or model_path()
    try:
        stat = path.stat()
        key = (stat.st_mtime_ns, stat.st_size)
        cached = _CACHE.get(path)
        if cached is not None and cached[0] == key:
            bundle: Bundle | None = cached[1]
        else:
            bundle = read(path, fingerprint=fingerprint)
            if bundle is not None:
                _CACHE[path] = (key, bundle)
        if bundle is not None and fingerprint is not None:
            return bundle if bundle.labels_fingerprint == fingerprint else None
        return bundle
    except FileNotFoundError:
        return None
    except ModelFileError as exc:
        logger.warning("deleting %s: %s", path, exc)
        path.unlink(missing_ok=True)
        return None
