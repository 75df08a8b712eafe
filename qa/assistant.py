"""``Assistant``: the loaded index, embedder and models behind one object (the UI's only door)."""

from __future__ import annotations

import collections.abc
import hashlib
import re
import shutil
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from index.embed import Embedder, settings_embedder
from index.errors import DuplicateNameError, NoIndexError, QAError, UnsupportedFileError
from index.load import SUPPORTED_SUFFIXES
from index.pipeline import IndexReport, Progress, index_paths, name_holder, reindex
from index.readers import Extracted
from index.store import FileRecord, Store
from index.watch import FolderWatcher, OnReport
from qa.answer import Answer, Citation, Event, answer
from qa.generate import Generator, OpenAIServerGenerator, load_generator
from qa.models import available_models, resolve_model
from qa.settings import Settings

FILE_TYPES = sorted(SUPPORTED_SUFFIXES)
"""The file types that can be indexed (and uploaded), by suffix."""

# Control characters (C0 and C1, line breaks included) become spaces in a question.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def clean_question(question: str, max_chars: int) -> str:
    """The question with control characters and runs of whitespace made single spaces.

    Raises QAError, saying what to do, for an empty question, one longer than ``max_chars``
    and one without a single letter or digit (only punctuation or symbols).
    """
    text = " ".join(_CONTROL.sub(" ", question).split())
    if not text:
        raise QAError("the question is empty: type a question about your documents")
    if len(text) > max_chars:
        raise QAError(
            f"the question is {len(text):,} characters long; the limit is {max_chars:,}. "
            "Ask a shorter question (or raise QA_ANSWER__MAX_QUESTION_CHARS)."
        )
    if not any(ch.isalnum() for ch in text):
        raise QAError("the question has no words, only punctuation: ask it in words")
    return text


@dataclass(frozen=True)
class Overview:
    """What is indexed and what answers, for a one-line summary."""

    documents: int
    chunks: int
    model: str  # the model's name, or the server's URL when answering goes to a server
    llm_server: str | None  # None: the model runs in-process
    chroma_server: str | None  # None: the vectors are local files


class Assistant:
    """Question answering over one index. Heavy parts load on first use and are shared."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        # Two first requests (say the chat's and the API's) must not load one model twice;
        # a model that is loading holds up only the requests for it.
        self._locks: dict[str, threading.Lock] = {}
        self._locks_lock = threading.Lock()
        self._loaded: set[str] = set()

    @cached_property
    def store(self) -> Store:
        return Store(self.settings.index_dir, self.settings.index)

    @cached_property
    def embedder(self) -> Embedder:
        return settings_embedder(self.settings.index)

    def generator(self, model: str | None = None) -> Generator:
        """The generator for ``model`` (default: the configured one), loaded once."""
        llm = self.settings.llm
        if llm.server_url:
            return OpenAIServerGenerator(llm.server_url)
        name = model or self.settings.model
        with self._locks_lock:
            lock = self._locks.setdefault(name, threading.Lock())
        with lock:
            path = resolve_model(name, self.settings.models_dir)
            generator = load_generator(path.resolve(), llm.n_ctx, llm.n_threads)
            self._loaded.add(name)
            return generator

    def model_ready(self, model: str | None = None) -> bool:
        """Whether answering with ``model`` (default: the configured one) needs no loading."""
        settings = self.settings
        return bool(
            settings.llm.server_url
            or not settings.answer.generate
            or (model or settings.model) in self._loaded
        )

    def warm_up(self) -> None:
        """Load the embedder and the default model now, so the first answer is not the slow one."""
        self.embedder.embed_query("warm up")
        if self.settings.answer.generate:
            self.generator()

    def models(self) -> list[str]:
        return available_models(self.settings.models_dir)

    def index(
        self,
        paths: Iterable[Path],
        progress: Progress | None = None,
        root: Path | None = None,
        strict: bool = False,
    ) -> IndexReport:
        """Index ``paths`` (see :func:`index.pipeline.index_paths`)."""
        return index_paths(
            paths, self.store, self.embedder, self.settings.index, progress, root, strict
        )

    def watcher(
        self, paths: Iterable[Path], on_report: OnReport, root: Path | None = None
    ) -> FolderWatcher:
        """A watcher that keeps ``paths`` indexed (see :class:`index.watch.FolderWatcher`)."""
        return FolderWatcher(paths, self.store, self.embedder, self.settings.index, on_report, root)

    def reindex(self, progress: Progress | None = None) -> IndexReport:
        """Re-read every indexed file: changed ones are updated, deleted ones removed."""
        return reindex(self.store, self.embedder, self.settings.index, progress)

    def add_files(self, files: Iterable[Path], progress: Progress | None = None) -> IndexReport:
        """Copy files (e.g. uploads) into the index's document folder and index them there.

        A file that cannot be added (an unsupported type, a name another document has, or
        any reason indexing gives) is named in the report's ``failures``; the others are added,
        and a copy that was not indexed is not kept.
        """
        folder = self.settings.index_dir / "documents"
        folder.mkdir(parents=True, exist_ok=True)
        indexed = self.store.files()
        refused: list[QAError] = []
        copies = []
        for file in files:
            if file.suffix.lower() not in SUPPORTED_SUFFIXES:
                kinds = ", ".join(sorted(SUPPORTED_SUFFIXES))
                refused.append(
                    UnsupportedFileError(
                        f"{file.name}: unsupported file type; supported: {kinds}. "
                        "Convert it to one of them first."
                    )
                )
            elif held := name_holder(indexed.get(file.name), (folder / file.name).resolve()):
                refused.append(
                    DuplicateNameError(
                        f"{file.name}: a document of that name is already indexed from {held}. "
                        "Rename the file and add it again."
                    )
                )
            else:
                target = folder / file.name
                shutil.copyfile(file, target)
                copies.append(target)
        report = self.index(copies, progress) if copies else IndexReport()
        kept = {record.path for record in self.store.files().values()}
        for copy in copies:
            if copy.resolve() not in kept:
                copy.unlink(missing_ok=True)
        report.failures[:0] = refused
        return report

    def document(self, source: str) -> Extracted | None:
        """The current text and pages of an indexed document (None when its file is gone)."""
        return self.store.document(source)

    def document_text(self, source: str) -> str | None:
        """The current text of an indexed document (None when its file is gone)."""
        return self.store.document_text(source)

    def check_question(self, question: str) -> str:
        """The question as it will be asked, or a QAError saying what to change (see
        :func:`clean_question`)."""
        return clean_question(question, self.settings.answer.max_question_chars)

    def ensure_index(self) -> IndexReport | None:
        """Build the index from the seeds folder when it is empty; say what to run otherwise."""
        if self.store.count():
            return None
        seeds = self.settings.seeds_dir
        if not seeds.is_dir():
            raise NoIndexError(
                f"no index at {self.settings.index_dir}: run `qa index PATH` on your documents"
            )
        return self.index([seeds])

    def documents(self) -> list[FileRecord]:
        return list(self.store.files().values())

    def overview(self, model: str | None = None) -> Overview:
        """Counts of documents and chunks, the model (default: the configured one), backends."""
        return Overview(
            documents=len(self.store.files()),
            chunks=self.store.count(),
            model=model or self.settings.model,
            llm_server=self.settings.llm.server_url,
            chroma_server=self.settings.index.chroma_url,
        )

    def index_state(self) -> str:
        """A short hash of the indexed files and their contents: it changes with the index."""
        files = sorted((r.source, r.sha256) for r in self.store.files().values())
        return hashlib.sha1(repr(files).encode()).hexdigest()[:16]

    def seeds_indexed(self) -> bool:
        """Whether the indexed documents are exactly the files of the seeds folder."""
        seeds = self.settings.seeds_dir
        if not seeds.is_dir():
            return False
        indexed = {r.sha256 for r in self.store.files().values()}
        found = {
            hashlib.sha256(p.read_bytes()).hexdigest()
            for p in seeds.iterdir()
            if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
        }
        return bool(found) and indexed == found

    def delete(self, source: str) -> int:
        """Remove a document and its vectors; an uploaded copy is deleted too."""
        record = self.store.files().get(source)
        if record is None:
            raise QAError(f"{source} is not in the index; nothing was deleted")
        removed = self.store.delete_file(source)
        if record.path.parent == (self.settings.index_dir / "documents").resolve():
            record.path.unlink(missing_ok=True)
        return removed

    def ask(
        self,
        question: str,
        history: Sequence[tuple[str, str]] = (),
        settings: Settings | None = None,
    ) -> collections.abc.Generator[Event, None, None]:
        """Stream the events of answering ``question`` (see :func:`qa.answer.answer`)."""
        settings = settings or self.settings
        question = clean_question(question, settings.answer.max_question_chars)
        generator = self.generator(settings.model) if settings.answer.generate else None
        for event in answer(question, self.store, self.embedder, generator, settings, history):
            yield self._paged(event) if isinstance(event, Answer) else event

    def _paged(self, final: Answer) -> Answer:
        """The answer with the page of each citation in a paged document (PDF)."""

        def paged(citations: tuple[Citation, ...]) -> tuple[Citation, ...]:
            return tuple(replace(c, page=self.store.page(c.source, c.start)) for c in citations)

        return replace(final, citations=paged(final.citations), related=paged(final.related))

    def ask_final(self, question: str, history: Sequence[tuple[str, str]] = ()) -> Answer:
        """The final answer only."""
        for event in self.ask(question, history):
            if isinstance(event, Answer):
                return event
        raise AssertionError("answer() always ends with an Answer")
