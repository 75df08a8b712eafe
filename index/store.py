"""The index on disk: vectors in Chroma, chunk text in SQLite, BM25 in tantivy, one file table.

All three are keyed by the settings fingerprint, so vectors made with other settings are
never mixed in.

A crash at any point loses nothing and leaves no half-indexed file. SQLite is the record: a
file's chunks, sentence vectors and file entry change in one transaction. Chroma gains a file's
new vectors before that transaction and loses its old ones only after it, so every chunk SQLite
knows always has its vector; the lexical index (``index.lexical``) is brought to SQLite's
version of the file after it, in one tantivy commit. Before touching Chroma, the file's name is
written to a journal (the ``pending`` table) and it is cleared once Chroma and tantivy are done;
opening the store drops the vectors of journalled files that SQLite does not know and rewrites
their lexical documents from SQLite. Files embedded together are written together: one Chroma
write, one transaction and one tantivy commit for the group. A file cut short keeps its previous
version (or none), and the next run indexes it again (chunk ids are stable, so that is
idempotent).
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np
from breame.spelling import get_american_spelling, get_british_spelling

from index.chunk import Chunk
from index.config import IndexSettings
from index.crashpoint import crashpoint
from index.errors import QAError
from index.lexical import LexicalIndex
from index.load import Document, read_document
from index.readers import Extracted, page_at

_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    source TEXT PRIMARY KEY, path TEXT NOT NULL, sha256 TEXT NOT NULL,
    size INTEGER NOT NULL, chunks INTEGER NOT NULL, indexed_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS chunks (
    rowid INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, source TEXT NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, line INTEGER NOT NULL,
    hash TEXT NOT NULL, text TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS chunks_source ON chunks(source);
CREATE TABLE IF NOT EXISTS units (
    chunk_id TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    vector BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS units_chunk ON units(chunk_id);
CREATE TABLE IF NOT EXISTS pages (source TEXT PRIMARY KEY, starts TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS pending (source TEXT PRIMARY KEY);
DROP TRIGGER IF EXISTS chunks_ai;
DROP TRIGGER IF EXISTS chunks_ad;
DROP TABLE IF EXISTS chunks_fts;
"""

# Words too common to say anything in a lexical query.
STOPWORDS = frozenset(
    "a an and are as at be been being but by can could did do does doing for from had has "
    "have he her hers him his how i if in into is it its itself me my of on or our ours she "
    "so than that the their theirs them then there these they this those to too us was we "
    "were what when where which while who whom whose why will with would you your about "
    "according said say says tell".split()
)
_WORD = re.compile(r"\w+", re.UNICODE)
_CHROMA_BATCH = 2000


def stands_in(form: str, text: str, lowered: str) -> bool:
    """Whether ``form`` stands in ``text`` (``lowered`` is its lower case): a lower-case form
    anywhere in ``lowered``, one in capitals ("US", "U.S.") as a word of ``text``, since "us"
    is also a pronoun."""
    if form.islower() or not any(c.isalpha() for c in form):
        return form in lowered
    return re.search(rf"(?<![\w.]){re.escape(form)}(?!\w)", text) is not None


@dataclass(frozen=True)
class StoredChunk:
    """A chunk as indexed: ``id`` is stable across re-indexing of unchanged text."""

    id: str
    source: str
    start: int
    end: int
    line: int
    text: str


@dataclass(frozen=True)
class Unit:
    """A sentence of a chunk (offsets relative to the chunk) and its unit-length vector."""

    start: int
    end: int
    vector: np.ndarray


@dataclass(frozen=True)
class FileWrite:
    """A file's new chunks and their ids; ``new_vectors`` (chunk vectors) and ``unit_vectors``
    (one row per sentence unit) hold the ids that were not indexed before (kept ids only get
    their new positions)."""

    doc: Document
    chunks: Sequence[Chunk]
    ids: Sequence[str]
    new_vectors: Mapping[str, np.ndarray]
    unit_vectors: Mapping[str, np.ndarray]

    def metadatas(self) -> dict[str, dict[str, Any]]:
        """Each chunk's Chroma metadata, by id."""
        return {
            cid: {
                "source": self.doc.source,
                "start": c.start,
                "end": c.end,
                "line": c.line,
                "hash": c.content_hash,
            }
            for cid, c in zip(self.ids, self.chunks, strict=True)
        }


@dataclass(frozen=True)
class FileRecord:
    """An indexed file."""

    source: str
    path: Path
    sha256: str
    size: int
    chunks: int
    indexed_at: float


def chunk_ids(source: str, chunks: Sequence[Chunk]) -> list[str]:
    """Ids that depend on the file and the chunk text only, so moved text keeps its vector."""
    seen: Counter[str] = Counter()
    ids = []
    for chunk in chunks:
        seen[chunk.text] += 1
        key = f"{source}\0{chunk.text}\0{seen[chunk.text]}"
        ids.append(hashlib.sha1(key.encode()).hexdigest()[:24])
    return ids


def query_words(text: str) -> list[str]:
    """The content words of a lexical query, each once, with its British or American spelling
    beside it ("defence" finds "defense")."""
    words = (w for w in _WORD.findall(text.lower()) if w not in STOPWORDS)
    return list(
        dict.fromkeys(
            v for w in words for v in (w, get_american_spelling(w), get_british_spelling(w))
        )
    )


# Candidates the HNSW search keeps (Chroma's default is 100). Chroma rebuilds the newest part
# of the graph from its log each time it opens an index, on several threads, so the graph
# differs from one process to the next; at 100 a query could miss its nearest chunks in one
# process and find them in the next (a 14,000-chunk index, one question in four processes).
# At 200 it found them every time; a query costs 2.9 ms instead of 2.2-2.5 ms (p50, 200
# queries) at 104,654 chunks.
SEARCH_EF = 200


def _searching_widely(collection: Any) -> Any:
    """``collection`` searching with at least :data:`SEARCH_EF` candidates: an index made
    before this setting keeps Chroma's default until it is raised here (the setting may change
    after a collection is made)."""
    hnsw = (collection.configuration or {}).get("hnsw") or {}
    if hnsw.get("ef_search", 0) < SEARCH_EF:
        collection.modify(configuration={"hnsw": {"ef_search": SEARCH_EF}})
    return collection


def _chroma_client(index_dir: Path, url: str | None) -> Any:
    import chromadb

    settings = chromadb.Settings(anonymized_telemetry=False)
    if url:
        parts = urlparse(url)
        return chromadb.HttpClient(
            host=parts.hostname or "127.0.0.1",
            port=parts.port or 8000,
            ssl=parts.scheme == "https",
            settings=settings,
        )
    return chromadb.PersistentClient(path=str(index_dir / "chroma"), settings=settings)


class Store:
    """The on-disk index of one settings fingerprint. Safe to share between threads: reads may
    run while one writer, holding :attr:`writing`, changes it."""

    def __init__(self, index_dir: Path, settings: IndexSettings) -> None:
        self.index_dir = index_dir
        self._max_bytes = settings.max_file_bytes
        index_dir.mkdir(parents=True, exist_ok=True)
        fingerprint = settings.fingerprint()
        self._lock = threading.RLock()  # the SQLite connection, one statement at a time
        self.writing = threading.RLock()
        """Held by whoever changes the index (a whole indexing run), so writers take turns."""
        self._db = sqlite3.connect(
            index_dir / f"chunks-{fingerprint}.sqlite3", check_same_thread=False
        )
        self._db.executescript(_SCHEMA)
        self._collection = _searching_widely(
            _chroma_client(index_dir, settings.chroma_url).get_or_create_collection(
                name=f"chunks-{fingerprint}",
                configuration={"hnsw": {"space": "cosine", "ef_search": SEARCH_EF}},
                embedding_function=None,
            )
        )
        self._lexical = LexicalIndex(index_dir / f"lexical-{fingerprint}")
        self._recover()

    def _recover(self) -> None:
        """Finish what a crash interrupted: drop the vectors of journalled files that SQLite
        does not know (see the module docstring)."""
        with self.writing:
            with self._lock:
                pending = [r[0] for r in self._db.execute("SELECT source FROM pending")]
            for source in pending:
                stored = self._collection.get(where={"source": source}, include=[])["ids"]
                self._delete_vectors(sorted(set(stored) - self.ids_of(source)))
            if pending:
                self._lexical.replace(pending, self._rows(pending))
            if self._lexical.count() != self.count():
                self._lexical.rebuild(self._all_rows())
            self._settle(pending)

    def _all_rows(self, batch: int = 5000) -> Iterator[tuple[str, str, str]]:
        """(id, source, text) of every chunk, read a batch at a time (an index of millions of
        chunks is not held in memory at once)."""
        last = -1
        while True:
            with self._lock:
                rows = self._db.execute(
                    "SELECT rowid, id, source, text FROM chunks WHERE rowid > ? "
                    "ORDER BY rowid LIMIT ?",
                    (last, batch),
                ).fetchall()
            if not rows:
                return
            last = rows[-1][0]
            yield from ((cid, source, text) for _, cid, source, text in rows)

    def _rows(self, sources: Sequence[str]) -> list[tuple[str, str, str]]:
        """(id, source, text) of the chunks of ``sources``."""
        with self._lock:
            return [
                row
                for source in sources
                for row in self._db.execute(
                    "SELECT id, source, text FROM chunks WHERE source = ?", (source,)
                )
            ]

    def _journal(self, sources: Sequence[str]) -> None:
        with self._lock, self._db:
            rows = [(s,) for s in sources]
            self._db.executemany("INSERT OR IGNORE INTO pending VALUES (?)", rows)

    def _settle(self, sources: Sequence[str]) -> None:
        with self._lock, self._db:
            self._db.executemany("DELETE FROM pending WHERE source = ?", [(s,) for s in sources])

    def _delete_vectors(self, ids: Sequence[str]) -> None:
        for i in range(0, len(ids), _CHROMA_BATCH):
            self._collection.delete(ids=list(ids[i : i + _CHROMA_BATCH]))

    def files(self) -> dict[str, FileRecord]:
        """Every indexed file by source name."""
        with self._lock:
            rows = self._db.execute(
                "SELECT source, path, sha256, size, chunks, indexed_at FROM files ORDER BY source"
            ).fetchall()
        return {r[0]: FileRecord(r[0], Path(r[1]), r[2], r[3], r[4], r[5]) for r in rows}

    def ids_of(self, source: str) -> set[str]:
        with self._lock:
            rows = self._db.execute("SELECT id FROM chunks WHERE source = ?", (source,))
            return {r[0] for r in rows}

    def count(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT count(*) FROM chunks").fetchone()[0])

    def write_files(self, files: Sequence[FileWrite]) -> None:
        """Replace these files' chunks, all in one SQLite transaction (see the module docstring
        for the order of the writes)."""
        with self.writing:
            old = {f.doc.source: self.ids_of(f.doc.source) for f in files}
            gone = sorted(cid for f in files for cid in old[f.doc.source] - set(f.ids))
            self._journal([f.doc.source for f in files])
            self._upsert(
                {cid: v for f in files for cid, v in f.new_vectors.items()},
                {cid: m for f in files for cid, m in f.metadatas().items()},
            )
            kept = [(cid, f) for f in files for cid in f.ids if cid in old[f.doc.source]]
            for i in range(0, len(kept), _CHROMA_BATCH):
                batch = kept[i : i + _CHROMA_BATCH]
                self._collection.update(
                    ids=[cid for cid, _ in batch],
                    metadatas=[f.metadatas()[cid] for cid, f in batch],
                )
            crashpoint("write:chroma")
            with self._lock, self._db:
                for f in files:
                    self._replace_rows(f, old[f.doc.source])
            crashpoint("write:sqlite")
            self._lexical.replace(
                [f.doc.source for f in files],
                (
                    (cid, f.doc.source, c.text)
                    for f in files
                    for cid, c in zip(f.ids, f.chunks, strict=True)
                ),
            )
            crashpoint("write:lexical")
            self._delete_vectors(gone)
            self._settle([f.doc.source for f in files])

    def _replace_rows(self, f: FileWrite, old: set[str]) -> None:
        """A file's rows in SQLite (inside the caller's transaction)."""
        self._db.execute("DELETE FROM chunks WHERE source = ?", (f.doc.source,))
        self._db.executemany(
            "DELETE FROM units WHERE chunk_id = ?", [(cid,) for cid in old - set(f.ids)]
        )
        self._db.executemany(
            'INSERT INTO units(chunk_id, start, "end", vector) VALUES (?, ?, ?, ?)',
            [
                (cid, u.start, u.end, v.astype(np.float16).tobytes())
                for cid, c in zip(f.ids, f.chunks, strict=True)
                if cid in f.unit_vectors
                for u, v in zip(c.units, f.unit_vectors[cid], strict=True)
            ],
        )
        self._db.executemany(
            'INSERT INTO chunks(id, source, start, "end", line, hash, text) '
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (cid, f.doc.source, c.start, c.end, c.line, c.content_hash, c.text)
                for cid, c in zip(f.ids, f.chunks, strict=True)
            ],
        )
        self._db.execute("DELETE FROM pages WHERE source = ?", (f.doc.source,))
        if f.doc.pages:
            self._db.execute(
                "INSERT INTO pages VALUES (?, ?)", (f.doc.source, json.dumps(f.doc.pages))
            )
        self._db.execute(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?)",
            (
                f.doc.source,
                str(f.doc.path),
                f.doc.sha256,
                len(f.doc.text),
                len(f.chunks),
                time.time(),
            ),
        )

    def _upsert(self, vectors: Mapping[str, np.ndarray], metadatas: Mapping[str, Any]) -> None:
        items = list(vectors.items())
        for i in range(0, len(items), _CHROMA_BATCH):
            batch = items[i : i + _CHROMA_BATCH]
            self._collection.upsert(
                ids=[cid for cid, _ in batch],
                embeddings=np.stack([v for _, v in batch]),
                metadatas=[metadatas[cid] for cid, _ in batch],
            )

    def delete_file(self, source: str) -> int:
        """Remove a file and its vectors; returns the number of chunks removed."""
        with self.writing:
            ids = sorted(self.ids_of(source))
            self._journal([source])
            with self._lock, self._db:
                self._db.executemany("DELETE FROM units WHERE chunk_id = ?", [(i,) for i in ids])
                self._db.execute("DELETE FROM chunks WHERE source = ?", (source,))
                self._db.execute("DELETE FROM files WHERE source = ?", (source,))
                self._db.execute("DELETE FROM pages WHERE source = ?", (source,))
            crashpoint("delete:sqlite")
            self._lexical.replace([source], [])
            self._delete_vectors(ids)
            self._settle([source])
            return len(ids)

    def page(self, source: str, offset: int) -> int | None:
        """The 1-based page of ``source`` that holds ``offset`` (None for formats without pages)."""
        with self._lock:
            row = self._db.execute(
                "SELECT starts FROM pages WHERE source = ?", (source,)
            ).fetchone()
        return page_at(json.loads(row[0]), offset) if row else None

    def dense(self, vector: np.ndarray, n: int) -> list[tuple[str, float]]:
        """The ``n`` nearest chunks by cosine similarity, best first."""
        if n <= 0:
            return []
        result = self._collection.query(
            query_embeddings=[vector], n_results=n, include=["distances"]
        )
        distances = (result["distances"] or [[]])[0]
        return [(cid, 1.0 - float(d)) for cid, d in zip(result["ids"][0], distances, strict=True)]

    def lexical(self, text: str, n: int) -> list[tuple[str, float]]:
        """The ``n`` best chunks by BM25 for any of the content words of ``text``, best first;
        scores are positive."""
        return self._lexical.search(query_words(text), n)

    def chunks(self, ids: Sequence[str]) -> dict[str, StoredChunk]:
        """The stored chunks for these ids (unknown ids are left out)."""
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        with self._lock:
            rows = self._db.execute(
                f'SELECT id, source, start, "end", line, text FROM chunks WHERE id IN ({marks})',
                list(ids),
            ).fetchall()
        return {r[0]: StoredChunk(*r) for r in rows}

    def between(self, source: str, start: int, end: int) -> list[StoredChunk]:
        """The chunks of ``source`` that lie inside ``[start, end)``, in order."""
        with self._lock:
            rows = self._db.execute(
                'SELECT id, source, start, "end", line, text FROM chunks '
                'WHERE source = ? AND start >= ? AND "end" <= ? ORDER BY start',
                (source, start, end),
            ).fetchall()
        return [StoredChunk(*r) for r in rows]

    def units(self, ids: Sequence[str]) -> dict[str, list[Unit]]:
        """The sentence units of these chunks, in order, with their vectors."""
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        with self._lock:
            rows = self._db.execute(
                f'SELECT chunk_id, start, "end", vector FROM units WHERE chunk_id IN ({marks}) '
                "ORDER BY chunk_id, start",
                list(ids),
            ).fetchall()
        out: dict[str, list[Unit]] = {}
        for cid, start, end, blob in rows:
            vector = np.frombuffer(blob, dtype=np.float16).astype(np.float32)
            out.setdefault(cid, []).append(Unit(start, end, vector))
        return out

    def mentions(self, source: str, spelled: Iterable[Iterable[str]]) -> bool:
        """Whether the indexed text of ``source`` contains, for each word, one of its
        spellings (see :func:`stands_in`): ``[{"spain", "spanish"}, {"heatwave"}]``."""
        with self._lock:
            row = self._db.execute(
                "SELECT group_concat(text, ' ') FROM chunks WHERE source = ?", (source,)
            ).fetchone()
        text = row[0] or ""
        lowered = text.lower().replace("’", "'")
        return all(any(stands_in(word, text, lowered) for word in words) for words in spelled)

    def around(self, source: str, start: int, end: int, margin: int = 400) -> tuple[int, str]:
        """The indexed text of ``source`` from about ``margin`` characters before ``start`` to
        as many after ``end``, and the offset it begins at, pieced together from the stored
        chunks (which are exact, overlapping slices of the text), so no file is read."""
        with self._lock:
            rows = self._db.execute(
                'SELECT start, "end", text FROM chunks WHERE source = ? AND "end" > ? '
                "AND start < ? ORDER BY start",
                (source, start - margin, end + margin),
            ).fetchall()
        if not rows:
            return start, ""
        offset, reach, text = rows[0][0], rows[0][1], rows[0][2]
        for chunk_start, chunk_end, chunk_text in rows[1:]:
            if chunk_end <= reach:
                continue
            # whitespace between chunks that share nothing, whose kind is not stored: written
            # as line breaks, no sentence runs across it, so each stays an exact span
            gap = max(0, chunk_start - reach)
            text += "\n" * gap + chunk_text[max(0, reach - chunk_start) :]
            reach = chunk_end
        return offset, text

    def title(self, source: str) -> tuple[int, int, str] | None:
        """The first line of ``source``'s indexed text (a page's title, an article's headline)
        with its offsets and line number, or None for an unknown source."""
        with self._lock:
            row = self._db.execute(
                "SELECT start, line, text FROM chunks WHERE source = ? ORDER BY start LIMIT 1",
                (source,),
            ).fetchone()
        if row is None:
            return None
        start, line, text = row
        return start, line, text.split("\n", 1)[0].rstrip()

    def document(self, source: str) -> Extracted | None:
        """The current text (and pages) of an indexed file as indexed, read through the same
        reader as indexing; None when it is gone or unreadable."""
        record = self.files().get(source)
        if record is None or not record.path.is_file():
            return None
        try:
            return read_document(record.path, self._max_bytes)
        except QAError:
            return None

    def document_text(self, source: str) -> str | None:
        """The current text of an indexed file as indexed (see :meth:`document`)."""
        document = self.document(source)
        return document.text if document else None
