"""Finding and reading the files to index."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from index.errors import QAError, UnreadableFileError, UnsupportedFileError

SUPPORTED_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm"})
_HTML_SUFFIXES = frozenset({".html", ".htm"})
_BLOCK_END = "\x1e"  # marks the end of a block element while the text is extracted
_BLOCKS = [
    "p",
    "div",
    "li",
    "dt",
    "dd",
    "pre",
    "tr",
    "br",
    "table",
    "section",
    "article",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "title",
]


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


def discover(paths: Iterable[Path], root: Path | None = None) -> Iterator[Found]:
    """Yield the supported files under each path (a directory, walked recursively, or a file).

    A file's source name is its path relative to ``root`` when given (every path must then
    lie under it), else relative to the directory it was found in, or its bare name when the
    file is named itself. Raises QAError for a path that does not exist, one outside ``root``,
    and an explicitly named file of an unsupported type; unsupported and hidden files inside a
    directory are skipped.
    """
    base = root.expanduser().resolve() if root is not None else None
    for given in paths:
        path = given.expanduser().resolve()
        if base is not None and base != path and base not in path.parents:
            raise QAError(
                f"{given}: not under the root {root}. Name a root that contains every path."
            )
        if path.is_dir():
            for file in sorted(path.rglob("*")):
                supported = file.suffix.lower() in SUPPORTED_SUFFIXES
                if supported and file.is_file() and not _hidden(file, path):
                    yield Found(file, base or path)
        elif path.is_file():
            if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                kinds = ", ".join(sorted(SUPPORTED_SUFFIXES))
                raise UnsupportedFileError(
                    f"{given}: unsupported file type {path.suffix or '(none)'!r}; "
                    f"supported: {kinds}. Convert it to text first."
                )
            yield Found(path, base or path.parent)
        else:
            raise QAError(f"{given}: no such file or directory. Check the path and try again.")


def html_text(data: bytes) -> str:
    """The readable text of an HTML page: one line per block, no scripts or navigation.

    BeautifulSoup decodes the bytes (using the page's declared or detected encoding).
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(data, "html.parser")
    for tag in soup(["script", "style", "noscript", "nav", "header", "footer", "head"]):
        tag.decompose()
    for tag in soup.find_all(_BLOCKS):
        tag.insert_after(_BLOCK_END)
    # Line breaks inside a paragraph are layout, not structure: only blocks end lines.
    blocks = (" ".join(block.split()) for block in soup.get_text().split(_BLOCK_END))
    return "\n".join(block for block in blocks if block) + "\n"


def read_text(path: Path) -> tuple[str, str]:
    """A file's text as indexed and the SHA-256 of its bytes.

    Text files are read exactly as stored (no newline translation), so offsets are exact;
    HTML is reduced to its readable text, and offsets refer to that text.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFileError(
            f"{path}: cannot be read ({exc.strerror}). Fix its permissions or remove it."
        ) from exc
    digest = hashlib.sha256(data).hexdigest()
    if path.suffix.lower() in _HTML_SUFFIXES:
        return html_text(data), digest
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UnreadableFileError(
            f"{path}: not UTF-8 text (byte {exc.start}). "
            "Convert it to UTF-8 (e.g. `iconv -t utf-8`) or remove it."
        ) from exc
    if "\x00" in text:
        raise UnreadableFileError(
            f"{path}: looks binary (contains NUL bytes). Remove it or convert it to text."
        )
    return text, digest


def load(found: Found) -> Document:
    """Read a found file (see :func:`read_text`)."""
    text, digest = read_text(found.path)
    return Document(found.source, found.path, text, digest)
