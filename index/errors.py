"""Exceptions a user can act on: the CLI prints them as one line, the UI as an error."""

from __future__ import annotations


class QAError(Exception):
    """Base class: the message says what went wrong and what to do about it."""


class UnreadableFileError(QAError):
    """A file that cannot be read as text."""


class UnsupportedFileError(QAError):
    """A file whose type the ingestion does not handle."""


class DuplicateNameError(QAError):
    """A file whose source name belongs to another indexed file."""


class DuplicateContentError(QAError):
    """A file with the same bytes as another indexed file (a copy or a link)."""


class NoIndexError(QAError):
    """Asking before anything was indexed."""


class ModelNotFoundError(QAError):
    """A model name or path that does not resolve to a file."""


class IndexingError(QAError):
    """Some files failed to index; the others were indexed and nothing already indexed was lost."""

    def __init__(self, failures: list[QAError], strict: bool = False) -> None:
        self.failures = failures
        self.strict = strict
        lines = "".join(f"\n  {f}" for f in failures)
        done = "nothing was changed (--strict)" if strict else "the others were indexed"
        super().__init__(f"{len(failures)} file(s) not indexed, {done}:{lines}")
