"""BM25 over the chunk text: a tantivy index beside the SQLite record.

tantivy answers a top-k query with block-max WAND, so an ``OR`` of common words does not walk
whole posting lists: at 100k chunks a query takes about half a millisecond where SQLite FTS5
took 40 (docs/benchmarks.md).

The index is derived data. SQLite holds the chunks; this index holds each chunk's id, its
file's name and its analysed text, and is replaced file by file: ``replace`` deletes every
document of the named files and adds their current chunks in one tantivy commit, which is
atomic. The store calls it after its SQLite transaction, for the files it has journalled, so a
crash in between is finished by the store's recovery; when the number of documents differs
from SQLite's number of chunks (a new or damaged index, an older index built with FTS5),
the whole index is rebuilt from SQLite (about 4 s per 100,000 chunks).
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import tantivy

from index.errors import QAError

# Tokens as SQLite's ``porter unicode61`` made them: split on anything not a letter or digit,
# lower case, accents folded, English stems; tokens over 40 bytes (hashes, base64) dropped.
_ANALYZER = "qa_english"
_HEAP_BYTES = 64_000_000
WRITER_WAIT_S = 60.0  # another process's commit takes well under a second


def _analyzer() -> Any:
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(40))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .filter(tantivy.Filter.stemmer("english"))
        .build()
    )


def _schema() -> Any:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_text_field("source", stored=False, tokenizer_name="raw", index_option="basic")
    # Term frequencies for BM25; no positions, since queries are single terms.
    builder.add_text_field("text", stored=False, tokenizer_name=_ANALYZER, index_option="freq")
    return builder.build()


class LexicalIndex:
    """The tantivy index in ``folder``. Searches may run in any thread while one writer (the
    store's, under its write lock) replaces files."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._schema = _schema()
        self._analyze = _analyzer()
        self._lock = threading.Lock()  # the Index object: searchers, writers, reloads
        try:
            self._index = self._open()
        except (OSError, ValueError):  # damaged, or written by an incompatible tantivy
            shutil.rmtree(folder, ignore_errors=True)
            self._index = self._open()

    def _open(self) -> Any:
        self.folder.mkdir(parents=True, exist_ok=True)
        index = tantivy.Index(self._schema, path=str(self.folder), reuse=True)
        index.register_tokenizer(_ANALYZER, self._analyze)
        return index

    def count(self) -> int:
        """The number of (live) documents."""
        with self._lock:
            return int(self._index.searcher().num_docs)

    def replace(self, sources: Sequence[str], rows: Iterable[tuple[str, str, str]]) -> None:
        """Make the documents of ``sources`` exactly ``rows`` (chunk id, source, text): one
        commit, so a reader sees the files before or after, never half."""
        self._write(rows, sources=sources)

    def rebuild(self, rows: Iterable[tuple[str, str, str]]) -> None:
        """Make the whole index exactly ``rows``."""
        self._write(rows, sources=None)

    def _writer(self) -> Any:
        """The index's writer, waiting up to ``WRITER_WAIT_S`` for another process's (a `qa
        index` beside `qa serve`) to finish its commit."""
        deadline = time.monotonic() + WRITER_WAIT_S
        while True:
            try:
                with self._lock:
                    return self._index.writer(_HEAP_BYTES, 1)
            except ValueError as error:
                if "LockBusy" not in str(error):
                    raise
                if time.monotonic() > deadline:
                    raise QAError(
                        f"another process is writing the index in {self.folder.parent}; "
                        "run one indexer at a time, or wait for it to finish and try again"
                    ) from error
                time.sleep(0.1)

    def _write(self, rows: Iterable[tuple[str, str, str]], sources: Sequence[str] | None) -> None:
        writer = self._writer()
        try:
            if sources is None:
                writer.delete_all_documents()
            else:
                for source in sources:
                    writer.delete_documents_by_term("source", source)
            for cid, source, text in rows:
                writer.add_document(tantivy.Document(id=cid, source=source, text=text))
            writer.commit()
        except BaseException:
            writer.rollback()
            raise
        finally:
            writer.wait_merging_threads()  # merges done and the writer's lock released
        with self._lock:
            self._index.reload()

    def search(self, words: Sequence[str], n: int) -> list[tuple[str, float]]:
        """The ``n`` best chunk ids for any of ``words`` by BM25, best first."""
        terms = list(dict.fromkeys(t for w in words for t in self._analyze.analyze(w)))
        if not terms or n <= 0:
            return []
        query = tantivy.Query.boolean_query(
            [
                (tantivy.Occur.Should, tantivy.Query.term_query(self._schema, "text", t, "freq"))
                for t in terms
            ]
        )
        with self._lock:
            searcher = self._index.searcher()
        hits = searcher.search(query, n, count=False).hits
        return [(searcher.doc(address)["id"][0], float(score)) for score, address in hits]

    def ids(self) -> list[str]:
        """Every document's chunk id (for checks; reads the whole index)."""
        with self._lock:
            searcher = self._index.searcher()
        hits = searcher.search(tantivy.Query.all_query(), max(1, searcher.num_docs)).hits
        return [searcher.doc(address)["id"][0] for _, address in hits]
