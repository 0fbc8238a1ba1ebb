"""The one exception tree of styrsignal.

    StyrsignalError
    ├── IngestError                 a file could not become a document (recorded, batch goes on)
    │   ├── UnsupportedFormat       the content is of a type styrsignal cannot read
    │   ├── EmptyFile               nothing to read
    │   ├── FileTooLarge            over the configured size limit
    │   ├── UnsafeFile              zip bomb, XML entity bomb, …
    │   ├── EncryptedDocument       password-protected
    │   ├── NoTextLayer             a PDF of images only (OCR is not supported)
    │   ├── DecodingFailed          text in an encoding that cannot be read sensibly
    │   └── ExtractionFailed        corrupt or truncated content
    ├── ObjectsFileError            objects.yaml is invalid
    ├── FrameworkError              a framework file cannot be read or is invalid
    ├── StoreError                  the workspace database cannot be used
    │   └── SchemaTooNew            the database was written by a newer styrsignal
    └── UsageError                  a command was called with values that do not fit
        └── NotFound                a named object, document or job does not exist

Every error carries a message meant for a person: it names the file or thing, the
reason and, where there is one, the fix.  The CLI maps these to exit codes in one place
(``styrsignal.cli.main``), so an expected failure never shows a traceback.
"""

from __future__ import annotations


class StyrsignalError(Exception):
    """Base class of every error styrsignal raises on purpose."""

    exit_code = 1


class IngestError(StyrsignalError):
    """A file could not be ingested.  ``reason`` is the short text recorded in the store."""

    def __init__(self, reason: str, *, path: str | None = None) -> None:
        self.reason = reason
        self.path = path
        super().__init__(f"{path}: {reason}" if path else reason)


class UnsupportedFormat(IngestError):
    pass


class EmptyFile(IngestError):
    pass


class FileTooLarge(IngestError):
    pass


class UnsafeFile(IngestError):
    pass


class EncryptedDocument(IngestError):
    pass


class NoTextLayer(IngestError):
    pass


class DecodingFailed(IngestError):
    pass


class ExtractionFailed(IngestError):
    pass


class ObjectsFileError(StyrsignalError):
    exit_code = 2


class FrameworkError(StyrsignalError):
    exit_code = 2


class StoreError(StyrsignalError):
    exit_code = 3


class SchemaTooNew(StoreError):
    pass


class UsageError(StyrsignalError):
    exit_code = 2


class NotFound(UsageError):
    """The object, document or job asked for by id does not exist (HTTP 404 on the web)."""
