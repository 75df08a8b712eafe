"""Finding and reading the files to index."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from index.errors import QAError, UnreadableFileError, UnsupportedFileError

SUPPORTED_SUFFIXES = frozenset({".txt", ".md", ".markdown"})


@dataclass(frozen=True)
class Document:
    """A readable text file. ``source`` is its path relative to the indexed root."""

    source: str
    path: Path
    text: str
    sha256: str


@dataclass(frozen=True)
class Found:
    """A file to index and the root its source name is relative to."""

    path: Path
    root: Path

    @property
    def source(self) -> str:
        return self.path.relative_to(self.root).as_posix()


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def discover(paths: Iterable[Path]) -> Iterator[Found]:
    """Yield the supported files under each path (a directory, walked recursively, or a file).

    Raises QAError for a path that does not exist and for an explicitly named file of an
    unsupported type; unsupported and hidden files inside a directory are skipped.
    """
    for given in paths:
        path = given.expanduser().resolve()
        if path.is_dir():
            for file in sorted(path.rglob("*")):
                supported = file.suffix.lower() in SUPPORTED_SUFFIXES
                if supported and file.is_file() and not _hidden(file, path):
                    yield Found(file, path)
        elif path.is_file():
            if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                kinds = ", ".join(sorted(SUPPORTED_SUFFIXES))
                raise UnsupportedFileError(
                    f"{given}: unsupported file type {path.suffix or '(none)'!r}; "
                    f"supported: {kinds}. Convert it to text first."
                )
            yield Found(path, path.parent)
        else:
            raise QAError(f"{given}: no such file or directory. Check the path and try again.")


def load(found: Found) -> Document:
    """Read a file as UTF-8 exactly as stored (no newline translation), so offsets are exact."""
    try:
        data = found.path.read_bytes()
    except OSError as exc:
        raise UnreadableFileError(
            f"{found.path}: cannot be read ({exc.strerror}). Fix its permissions or remove it."
        ) from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UnreadableFileError(
            f"{found.path}: not UTF-8 text (byte {exc.start}). "
            "Convert it to UTF-8 (e.g. `iconv -t utf-8`) or remove it."
        ) from exc
    if "\x00" in text:
        raise UnreadableFileError(
            f"{found.path}: looks binary (contains NUL bytes). Remove it or convert it to text."
        )
    return Document(found.source, found.path, text, hashlib.sha256(data).hexdigest())
