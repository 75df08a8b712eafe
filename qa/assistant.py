"""``Assistant``: the loaded index, embedder and models behind one object (the UI's only door)."""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property
from pathlib import Path

from index.embed import Embedder, load_embedder
from index.errors import DuplicateNameError, NoIndexError, QAError, UnsupportedFileError
from index.load import SUPPORTED_SUFFIXES
from index.pipeline import IndexReport, Progress, index_paths, name_holder, reindex
from index.store import FileRecord, Store
from index.watch import FolderWatcher, OnReport
from qa.answer import Answer, Event, answer
from qa.generate import Generator, OpenAIServerGenerator, load_generator
from qa.models import available_models, resolve_model
from qa.settings import Settings


class Assistant:
    """Question answering over one index. Heavy parts load on first use and are shared."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @cached_property
    def store(self) -> Store:
        return Store(self.settings.index_dir, self.settings.index)

    @cached_property
    def embedder(self) -> Embedder:
        index = self.settings.index
        return load_embedder(
            index.embed_model, index.embed_batch_size, index.embed_backend, index.cache_dir
        )

    def generator(self, model: str | None = None) -> Generator:
        """The generator for ``model`` (default: the configured one), loaded once."""
        llm = self.settings.llm
        if llm.server_url:
            return OpenAIServerGenerator(llm.server_url)
        path = resolve_model(model or self.settings.model, self.settings.models_dir)
        return load_generator(path.resolve(), llm.n_ctx, llm.n_threads)

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
    ) -> IndexReport:
        """Index ``paths`` (see :func:`index.pipeline.index_paths`)."""
        return index_paths(paths, self.store, self.embedder, self.settings.index, progress, root)

    def watcher(
        self, paths: Iterable[Path], on_report: OnReport, root: Path | None = None
    ) -> FolderWatcher:
        """A watcher that keeps ``paths`` indexed (see :class:`index.watch.FolderWatcher`)."""
        return FolderWatcher(paths, self.store, self.embedder, self.settings.index, on_report, root)

    def reindex(self, progress: Progress | None = None) -> IndexReport:
        """Re-read every indexed file: changed ones are updated, deleted ones removed."""
        return reindex(self.store, self.embedder, self.settings.index, progress)

    def add_files(self, files: Iterable[Path], progress: Progress | None = None) -> IndexReport:
        """Copy files (e.g. uploads) into the index's document folder and index them there."""
        folder = self.settings.index_dir / "documents"
        folder.mkdir(parents=True, exist_ok=True)
        files = list(files)
        for file in files:
            if file.suffix.lower() not in SUPPORTED_SUFFIXES:
                kinds = ", ".join(sorted(SUPPORTED_SUFFIXES))
                raise UnsupportedFileError(
                    f"{file.name}: unsupported file type; supported: {kinds}"
                )
        indexed = self.store.files()
        for file in files:
            if held := name_holder(indexed.get(file.name), (folder / file.name).resolve()):
                raise DuplicateNameError(
                    f"{file.name}: a document of that name is already indexed from {held}. "
                    "Rename the file and add it again."
                )
        copies = []
        for file in files:
            target = folder / file.name
            shutil.copyfile(file, target)
            copies.append(target)
        return self.index(copies, progress)

    def document_text(self, source: str) -> str | None:
        """The current text of an indexed document (None when its file is gone)."""
        return self.store.document_text(source)

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
    ) -> Iterator[Event]:
        """Stream the events of answering ``question`` (see :func:`qa.answer.answer`)."""
        settings = settings or self.settings
        if not question.strip():
            raise QAError("the question is empty: type a question about your documents")
        generator = self.generator(settings.model) if settings.answer.generate else None
        yield from answer(question, self.store, self.embedder, generator, settings, history)

    def ask_final(self, question: str, history: Sequence[tuple[str, str]] = ()) -> Answer:
        """The final answer only."""
        for event in self.ask(question, history):
            if isinstance(event, Answer):
                return event
        raise AssertionError("answer() always ends with an Answer")
