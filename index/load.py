"""Finding and reading the files to index: every format goes through :func:`read_document`,
which picks the format's reader (``index.readers.READERS``) by the file's suffix."""

from __future__ import annotations

import errno
import functools
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from index.config import MAX_FILE_MB
from index.errors import QAError, UnreadableFileError, UnsupportedFileError
from index.readers import READERS, Extracted, ReadError, html_text

__all__ = ["SUPPORTED_SUFFIXES", "Document", "Found", "discover", "html_text", "load"]
DEFAULT_MAX_BYTES = int(MAX_FILE_MB * 2**20)

SUPPORTED_SUFFIXES = frozenset(READERS)


@dataclass(frozen=True)
class Document:
    """A readable file's text. ``source`` is its path relative to the indexed root; ``pages``
    the offset where each page starts (PDF), empty for formats without pages."""

    source: str
    path: Path
    text: str
    sha256: str
    pages: tuple[int, ...] = ()


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


def discover(paths: Iterable[Path], root: Path | None = None) -> Iterator[Found]:
    """Yield the supported files under each path (a directory, walked recursively, or a file).

    A file's source name is its path relative to ``root`` when given (every path must then
    lie under it), else relative to the directory it was found in, or its bare name when the
    file is named itself. Raises QAError for a path that does not exist, one outside ``root``,
    and an explicitly named file of an unsupported type; unsupported and hidden files inside a
    directory are skipped. Symbolic links to folders are not followed (so a link loop
    cannot recurse forever).
    """
    base = root.expanduser().resolve() if root is not None else None
    for given in paths:
        try:
            path = given.expanduser().resolve()
        except RuntimeError:  # a symlink loop: reading it names the file and the fix
            path = given.expanduser().absolute()
        if base is not None and base != path and base not in path.parents:
            raise QAError(
                f"{given}: not under the root {root}. Name a root that contains every path."
            )
        if path.is_dir():
            for file in sorted(path.rglob("*")):
                supported = file.suffix.lower() in SUPPORTED_SUFFIXES
                # A broken or looping link is yielded too: reading it says what is wrong.
                readable = file.is_file() or file.is_symlink()
                if supported and readable and not _hidden(file, path):
                    yield Found(file, base or path)
        elif path.is_file() or path.is_symlink():
            if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                kinds = ", ".join(sorted(SUPPORTED_SUFFIXES))
                raise UnsupportedFileError(
                    f"{given}: unsupported file type {path.suffix or '(none)'!r}; "
                    f"supported: {kinds}. Convert it to text first."
                )
            yield Found(path, base or path.parent)
        else:
            raise QAError(f"{given}: no such file or directory. Check the path and try again.")


def _unreadable(path: Path, exc: OSError) -> UnreadableFileError:
    if exc.errno == errno.ELOOP:
        return UnreadableFileError(
            f"{path}: symlink loop. Point the link at a real file or remove it."
        )
    if isinstance(exc, FileNotFoundError):
        if path.is_symlink():
            return UnreadableFileError(
                f"{path}: link to a missing file. Point it at a real file or remove it."
            )
        return UnreadableFileError(
            f"{path}: disappeared while it was being indexed. Run `qa index` again once it is back."
        )
    if isinstance(exc, PermissionError):
        return UnreadableFileError(
            f"{path}: permission denied. Make it readable (chmod u+r) or move it out of the folder."
        )
    return UnreadableFileError(
        f"{path}: cannot be read ({exc.strerror or exc}). "
        "Check the file and the disk, then index again."
    )


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """A file's bytes, refusing one over ``max_bytes`` before reading it."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise UnreadableFileError(
                f"{path}: {size / 2**20:.3g} MB, over the {max_bytes / 2**20:.3g} MB limit. "
                "Split it, or raise the limit (QA_INDEX__MAX_FILE_MB)."
            )
        return path.read_bytes()
    except OSError as exc:
        raise _unreadable(path, exc) from exc


def extract(path: Path, data: bytes) -> Extracted:
    """The text of ``data`` by the reader of ``path``'s type; an error names the file and says
    what to do (an empty file, only whitespace, and each reader's own refusals)."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        kinds = ", ".join(sorted(SUPPORTED_SUFFIXES))
        raise UnsupportedFileError(
            f"{path}: unsupported file type {path.suffix or '(none)'!r}; supported: {kinds}."
        )
    if not data:
        raise UnreadableFileError(f"{path}: empty file, nothing to index. Add text or remove it.")
    try:
        extracted = reader(data)
    except ReadError as exc:
        raise UnreadableFileError(f"{path}: {exc}") from exc
    if not extracted.text.strip():
        raise UnreadableFileError(
            f"{path}: no text, only whitespace or layout. Add text or remove it."
        )
    return extracted


@functools.lru_cache(maxsize=16)
def _extract_cached(path: Path, size: int, mtime_ns: int, max_bytes: int) -> Extracted:
    return extract(path, read_bytes(path, max_bytes))


def read_document(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Extracted:
    """The current text of the file at ``path``, as indexed. Kept for the last few files read
    (by size and modification time), so showing a long PDF's pages does not extract it each time.
    """
    try:
        stat = path.stat()
    except OSError as exc:
        raise _unreadable(path, exc) from exc
    return _extract_cached(path, stat.st_size, stat.st_mtime_ns, max_bytes)


def load(found: Found, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read a found file: its text by its format's reader and the SHA-256 of its bytes."""
    data = read_bytes(found.path, max_bytes)
    extracted = extract(found.path, data)
    digest = hashlib.sha256(data).hexdigest()
    return Document(found.source, found.path, extracted.text, digest, extracted.pages)
