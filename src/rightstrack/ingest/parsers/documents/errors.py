"""Typed errors of the document parsers (pure Python, no Django).

Every error is an :class:`~rightstrack.ingest.errors.ImportFailure`, so the import
pipeline stores nothing and shows the message with the file name and, when known,
the 1-based page at fault.
"""

from __future__ import annotations

from rightstrack.ingest.errors import ImportFailure


class DocumentError(ImportFailure):
    """Base class: the document cannot be read or parsed (file and page named)."""


class UnsupportedFormatError(DocumentError):
    """The file format (by suffix and content) is not PDF, DOCX, HTML, JSON or plain text."""


class CorruptFileError(DocumentError):
    """The file is damaged (for example a PDF whose cross-reference table or root is broken)."""


class NoTextLayerError(DocumentError):
    """A PDF has pages but no extractable text: it is a scan and OCR is needed first."""


class BrokenEncodingError(DocumentError):
    """The text was decoded with the wrong encoding (NUL bytes, U+FFFD replacement
    characters): characters are lost, so the text is refused rather than guessed."""


class UnknownDocumentKindError(DocumentError):
    """The text is readable but is not a document kind any registered parser handles."""
