"""``index_paths``: bring the index up to date with files on disk, incrementally."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from index.chunk import Chunk, chunk
from index.config import IndexSettings
from index.crashpoint import crashpoint
from index.embed import Embedder
from index.errors import DuplicateContentError, DuplicateNameError, IndexingError, QAError
from index.load import Document, Found, discover, load
from index.store import FileRecord, FileWrite, Store, chunk_ids

Progress = Callable[[int, int], None]
"""Called with (sentences embedded so far, sentences to embed)."""


@dataclass
class IndexReport:
    """What an indexing run changed."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    embedded: int = 0
    failures: list[QAError] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{len(self.added)} added, {len(self.updated)} updated, {len(self.removed)} removed, "
            f"{self.unchanged} unchanged"
            + (f", {len(self.failures)} skipped" if self.failures else "")
            + f"; {self.embedded} sentences embedded"
        )


@dataclass(frozen=True)
class _Pending:
    doc: Document
    chunks: list[Chunk]
    ids: list[str]
    missing: list[int]  # positions of chunks that need a vector
    sentences: dict[tuple[int, int], str]  # their distinct sentence units, by absolute span


def _under(path: Path, roots: list[Path]) -> bool:
    return any(path == root or root in path.parents for root in roots)


def index_paths(
    paths: Iterable[Path],
    store: Store,
    embedder: Embedder,
    settings: IndexSettings,
    progress: Progress | None = None,
    root: Path | None = None,
    strict: bool = False,
) -> IndexReport:
    """Index the supported files under ``paths``; drop indexed files that are gone from them.

    Sources are named relative to ``root`` when given (see :func:`index.load.discover`).

    Unchanged files (same SHA-256) cost a hash; changed files keep the vectors of chunks whose
    text did not change. A file that cannot be read is reported in ``failures`` (one line each,
    naming the file and the fix), whatever it had in the index stays there, and the other files
    are indexed. With ``strict``, any such file raises :class:`IndexingError` before anything
    in the index changes. Runs in one process take turns (``store.writing``).
    """
    paths = [Path(p) for p in paths]
    roots = [p.expanduser().resolve() for p in paths if p.is_dir()]
    found: list[Found] = list(discover(paths, root))
    seen = {f.path for f in found}
    with store.writing:
        gone = [
            record.source
            for record in store.files().values()
            if _under(record.path, roots) and record.path not in seen
        ]
        return _update(found, gone, store, embedder, settings, progress, strict)


def reindex(
    store: Store,
    embedder: Embedder,
    settings: IndexSettings,
    progress: Progress | None = None,
    strict: bool = False,
) -> IndexReport:
    """Bring every indexed file up to date with its file on disk; drop those that are gone."""
    found, gone = [], []
    with store.writing:
        for record in store.files().values():
            if record.path.is_file():
                root = Path(str(record.path)[: -len(record.source)])
                found.append(Found(record.path, root))
            else:
                gone.append(record.source)
        return _update(found, gone, store, embedder, settings, progress, strict)


def _update(
    found: list[Found],
    gone: list[str],
    store: Store,
    embedder: Embedder,
    settings: IndexSettings,
    progress: Progress | None,
    strict: bool,
) -> IndexReport:
    """Read every found file first, then (unless ``strict`` refuses) change the index."""
    report = IndexReport()
    dropped = set(gone)
    indexed = {s: r for s, r in store.files().items() if s not in dropped}
    names_of: dict[Path, list[str]] = {}
    for record in indexed.values():
        names_of.setdefault(record.path, []).append(record.source)
    by_content = {r.sha256: r for r in indexed.values()}
    pending: list[_Pending] = []
    renamed: list[str] = []  # former names of files now indexed under another name
    claimed: dict[str, Path] = {}
    accepted: dict[str, str] = {}  # SHA-256 -> source of the files read in this run
    for item in found:
        try:
            _check_name(item, indexed.get(item.source), claimed)
            doc = load(item, settings.max_file_bytes)
            previous = indexed.get(doc.source)
            unchanged = (
                previous is not None and previous.sha256 == doc.sha256 and previous.path == doc.path
            )
            if not unchanged:
                _check_copy(doc, accepted.get(doc.sha256), by_content.get(doc.sha256))
        except QAError as exc:
            report.failures.append(exc)
            continue
        claimed[doc.source] = doc.path
        accepted.setdefault(doc.sha256, doc.source)
        renamed += [name for name in names_of.get(doc.path, []) if name != doc.source]
        if unchanged:
            report.unchanged += 1
            continue
        (report.updated if previous else report.added).append(doc.source)
        chunks = chunk(doc.text, settings.chunk_chars, settings.overlap_sentences)
        ids = chunk_ids(doc.source, chunks)
        known = store.ids_of(doc.source)
        missing = [i for i, cid in enumerate(ids) if cid not in known]
        pending.append(_Pending(doc, chunks, ids, missing, _sentences(doc.text, chunks, missing)))
        crashpoint("chunk")

    if strict and report.failures:
        raise IndexingError(report.failures, strict=True)
    for source in gone:
        store.delete_file(source)
        report.removed.append(source)
    _embed_and_write(pending, store, embedder, settings, report, progress)
    for name in renamed:
        store.delete_file(name)
        report.removed.append(name)
    return report


def name_holder(record: FileRecord | None, path: Path) -> Path | None:
    """The other file, still on disk, whose indexed document has the name ``path`` would take
    (None when the name is free for it: unused, already ``path``'s, or its file is gone)."""
    if record is None or record.path == path or not record.path.is_file():
        return None
    return record.path


def _check_name(item: Found, previous: FileRecord | None, claimed: dict[str, Path]) -> None:
    """Refuse a file whose source name already belongs to another file that still exists:
    indexing it would silently replace that document."""
    other = claimed.get(item.source) or name_holder(previous, item.path)
    if other is not None and other != item.path:
        common = Path(os.path.commonpath([other, item.path]))
        raise DuplicateNameError(
            f"{item.path}: a document named {item.source!r} is already indexed from {other}. "
            f"Index from a common folder to keep both (qa index --root {common} ...), "
            f"rename one, or remove the indexed one first (qa remove {item.source})."
        )


def _check_copy(doc: Document, in_run: str | None, indexed: FileRecord | None) -> None:
    """Refuse a file whose bytes are those of another document (a copy, a link, a hard link):
    indexing both would cite the same passage twice under two names."""
    other = in_run
    if (
        other is None
        and indexed is not None
        and indexed.path != doc.path
        and indexed.path.is_file()
    ):
        other = indexed.source
    if other is not None and other != doc.source:
        raise DuplicateContentError(
            f"{doc.path}: the same file as {other!r}, which is indexed; skipped. "
            "Remove the copy or link to stop this message."
        )


def _groups(pending: list[_Pending], sentences: int) -> Iterator[list[_Pending]]:
    """Files in runs of about ``sentences`` sentences (small files alone would make tiny
    batches and tiny transactions)."""
    group: list[_Pending] = []
    size = 0
    for item in pending:
        group.append(item)
        size += len(item.sentences)
        if size >= sentences:
            yield group
            group, size = [], 0
    if group:
        yield group


def _embed_and_write(
    pending: list[_Pending],
    store: Store,
    embedder: Embedder,
    settings: IndexSettings,
    report: IndexReport,
    progress: Progress | None,
) -> None:
    """Encode the next group in a thread while this one is written: the encoder and the
    writes (SQLite, Chroma) release the interpreter's lock."""
    total = sum(len(p.sentences) for p in pending)
    if progress and total:
        progress(0, total)

    def encode(group: list[_Pending]) -> np.ndarray:
        return embedder.embed_documents([t for item in group for t in item.sentences.values()])

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="encode") as pool:
        groups = _groups(pending, settings.write_group_sentences)
        group = next(groups, None)
        encoding = pool.submit(encode, group) if group else None
        while group and encoding:
            vectors = encoding.result()
            crashpoint("embed")
            after = next(groups, None)
            encoding = pool.submit(encode, after) if after else None
            _write_group(group, vectors, store, report)
            if progress:
                progress(report.embedded, total)
            group = after


def _sentences(text: str, chunks: list[Chunk], missing: list[int]) -> dict[tuple[int, int], str]:
    """The distinct sentence units (absolute spans) of the chunks that need vectors: chunks
    overlap, and each sentence is encoded once."""
    spans = {}
    for i in missing:
        c = chunks[i]
        for u in c.units:
            spans[(c.start + u.start, c.start + u.end)] = text[c.start + u.start : c.start + u.end]
    return spans


def _write_group(
    group: list[_Pending], vectors: np.ndarray, store: Store, report: IndexReport
) -> None:
    """Write a group's chunks: ``vectors`` are its sentences', in order; a chunk's vector is the
    normalised mean of its sentences'.

    Sentences cost no more to encode than the chunks that hold them (overlap is not encoded
    twice) and the reader then scores sentences without encoding anything at question time.
    """
    row = 0
    writes = []
    for item in group:
        by_span = {span: vectors[row + k] for k, span in enumerate(item.sentences)}
        row += len(item.sentences)
        chunk_vectors, unit_vectors = {}, {}
        for i in item.missing:
            c = item.chunks[i]
            units = np.stack([by_span[(c.start + u.start, c.start + u.end)] for u in c.units])
            mean = units.mean(axis=0)
            chunk_vectors[item.ids[i]] = mean / (np.linalg.norm(mean) or 1.0)
            unit_vectors[item.ids[i]] = units
        writes.append(FileWrite(item.doc, item.chunks, item.ids, chunk_vectors, unit_vectors))
    store.write_files(writes)
    report.embedded += row
