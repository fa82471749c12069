"""Private staging of web uploads, between the preview and the confirmed import.

An upload is written to ``MEDIA_ROOT/staging/<uuid>/upload/<file name>`` with a
``meta.json`` beside it (owner, format override, visibility, checksum). Nothing under
``MEDIA_ROOT`` is served by URL (see ``docs/ingest-upload.md``). A staged file belongs
to the user who uploaded it: :func:`get_staged` refuses every other user, and an id
that is not a UUID of an existing staging folder (a tampered form) fails the same
way, so the view answers 404 and reveals nothing.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
import uuid
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import get_valid_filename

from rightstrack.accounts.types import Viewer, signed_in

#: Staged files older than this are removed when the next upload is staged (seconds).
STALE_AFTER_SECONDS = 24 * 3600


class StagingNotFound(Exception):
    """No staged file with that id belongs to this user (or the id is malformed)."""


@dataclass(frozen=True)
class StagedFile:
    """One upload waiting for confirmation.

    Attributes:
        id: the folder's UUID (32 hex digits, as in the form).
        user_id: primary key of the uploader.
        file_name: the uploaded name, made safe (letters, digits, ``-_.``).
        format: source name chosen by the user, or "" (detect).
        visibility: ``public`` or ``restricted``.
        checksum: SHA-256 (hex) of the bytes; size in bytes.
        uploaded_at: Unix time (seconds).
        detected: the format the preview detected (see :func:`remember_format`), or "".
        unknown_labels: the policy for unknown labels chosen on the form
            (``refuse``/``map``/``create``), or "" for the format's default.
        symbol: the document's UN symbol given on the form for a text that does not
            print it, or "".
        mapping: the name of the saved column mapping the file is read through (the
            mapping step, :func:`remember_mapping`), or "".
    """

    id: str
    user_id: int
    file_name: str
    format: str
    visibility: str
    checksum: str
    size: int
    uploaded_at: float
    detected: str = ""
    unknown_labels: str = ""
    symbol: str = ""
    mapping: str = ""

    @property
    def import_format(self) -> str:
        """The format to import with: ``mapped-table`` when a mapping was saved for it, else
        the user's choice, else the one the preview showed."""
        if self.mapping:
            return "mapped-table"
        return self.format or self.detected

    @property
    def folder(self) -> Path:
        return staging_root() / self.id

    @property
    def path(self) -> Path:
        """The staged file itself."""
        return self.folder / "upload" / self.file_name


def staging_root() -> Path:
    """``MEDIA_ROOT/staging`` (created on first use)."""
    return Path(settings.MEDIA_ROOT) / "staging"


def _safe_name(name: str) -> str:
    base = Path(name.replace("\\", "/")).name
    try:
        safe = get_valid_filename(base)
    except Exception:  # Django raises SuspiciousFileOperation for "", "." and ".."
        safe = ""
    return safe[-200:] or "upload"


def stage_upload(
    uploaded: UploadedFile[bytes],
    user: Viewer,
    *,
    format: str = "",
    visibility: str = "public",
    unknown_labels: str = "",
    symbol: str = "",
) -> StagedFile:
    """Write ``uploaded`` to a new private staging folder and return its record.

    The SHA-256 is computed while the chunks are written. Staged files older than
    :data:`STALE_AFTER_SECONDS` (abandoned previews) are removed first.
    """
    purge_stale()
    staged_id = uuid.uuid4().hex
    name = _safe_name(uploaded.name or "")
    folder = staging_root() / staged_id
    (folder / "upload").mkdir(parents=True, mode=0o700)
    digest = hashlib.sha256()
    size = 0
    with (folder / "upload" / name).open("wb") as out:
        for chunk in uploaded.chunks():
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    staged = StagedFile(
        id=staged_id,
        user_id=signed_in(user).pk,
        file_name=name,
        format=format,
        visibility=visibility,
        unknown_labels=unknown_labels,
        symbol=symbol,
        checksum=digest.hexdigest(),
        size=size,
        uploaded_at=time.time(),
    )
    (folder / "meta.json").write_text(json.dumps(asdict(staged)), encoding="utf-8")
    return staged


def get_staged(staged_id: str, user: Viewer) -> StagedFile:
    """The staged file ``staged_id`` of ``user``.

    Raises:
        StagingNotFound: malformed id, no such folder, or another user's upload.
    """
    try:
        canonical = uuid.UUID(hex=str(staged_id)).hex
    except (ValueError, TypeError):
        raise StagingNotFound(staged_id) from None
    if canonical != staged_id:
        raise StagingNotFound(staged_id)
    meta = staging_root() / canonical / "meta.json"
    try:
        staged = StagedFile(**json.loads(meta.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        raise StagingNotFound(staged_id) from None
    if getattr(user, "pk", None) is None or staged.user_id != user.pk:
        raise StagingNotFound(staged_id)
    if not staged.path.is_file():
        raise StagingNotFound(staged_id)
    return staged


def remember_format(staged: StagedFile, detected: str) -> StagedFile:
    """Record the format the preview detected, so the import uses the very format the
    user saw in the preview (detection is not run again)."""
    updated = replace(staged, detected=detected)
    (staged.folder / "meta.json").write_text(json.dumps(asdict(updated)), encoding="utf-8")
    return updated


def remember_mapping(staged: StagedFile, mapping: str) -> StagedFile:
    """Record the saved column mapping the user chose for ``staged``: the confirmed import
    reads the file through it."""
    updated = replace(staged, mapping=mapping)
    (staged.folder / "meta.json").write_text(json.dumps(asdict(updated)), encoding="utf-8")
    return updated


def claim(staged: StagedFile) -> None:
    """Mark ``staged`` as being imported, once: a second confirm (double click, two tabs)
    must not start a second import of the same file.

    ``meta.json`` is renamed (atomic on one file system), so :func:`get_staged` no
    longer finds the upload.

    Raises:
        StagingNotFound: another request claimed it first.
    """
    try:
        (staged.folder / "meta.json").rename(staged.folder / "claimed.json")
    except FileNotFoundError:
        raise StagingNotFound(staged.id) from None


def discard(staged: StagedFile) -> None:
    """Delete the staged folder (after cancel, a failed preview, or the import)."""
    shutil.rmtree(staged.folder, ignore_errors=True)


def purge_stale(now: float | None = None) -> int:
    """Remove staging folders older than :data:`STALE_AFTER_SECONDS`; return how many."""
    root = staging_root()
    if not root.is_dir():
        return 0
    limit = (now if now is not None else time.time()) - STALE_AFTER_SECONDS
    removed = 0
    for folder in root.iterdir():
        try:
            if folder.is_dir() and folder.stat().st_mtime < limit:
                shutil.rmtree(folder, ignore_errors=True)
                removed += 1
        except OSError:
            continue
    return removed
