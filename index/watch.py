"""``FolderWatcher``: keep the index in step with folders as files are added, changed or deleted.

`watchfiles` (the watcher uvicorn uses) reports changes on disk; a burst of changes (an editor
saving, a folder copied in) is gathered until the folder has been quiet for a moment, then only
the files concerned are indexed or dropped, exactly as ``qa index`` would.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

# Imported here, not in the watching thread: an import there would change sys.modules while
# other threads may be iterating over it.
import watchfiles

from index.config import IndexSettings
from index.embed import Embedder
from index.errors import QAError
from index.load import SUPPORTED_SUFFIXES
from index.pipeline import IndexReport, index_paths
from index.store import Store

OnReport = Callable[[IndexReport], None]
QUIET_MS = 300  # a burst of changes ends after this long without another
MAX_WAIT_MS = 3000  # a steady stream of changes is still indexed this often


def changed(report: IndexReport) -> bool:
    """Whether a run added, updated, removed or failed anything."""
    return bool(report.added or report.updated or report.removed or report.failures)


def merge(into: IndexReport, other: IndexReport) -> None:
    """Add ``other``'s changes to ``into``."""
    into.added += other.added
    into.updated += other.updated
    into.removed += other.removed
    into.unchanged += other.unchanged
    into.embedded += other.embedded
    into.failures += other.failures


class FolderWatcher:
    """Watches ``paths`` (folders or files) and indexes what changes under them.

    Sources are named as ``qa index`` names them: relative to ``root`` when given, else to the
    watched folder (a watched file, to its folder). Every run that changed something is passed
    to ``on_report``. :meth:`start` runs the watch in a background thread, sharing ``store``
    with the rest of the process (writers take turns on ``store.writing``).
    """

    def __init__(
        self,
        paths: Iterable[Path],
        store: Store,
        embedder: Embedder,
        settings: IndexSettings,
        on_report: OnReport,
        root: Path | None = None,
    ) -> None:
        self.paths = [Path(p).expanduser().resolve() for p in paths]
        self.store = store
        self.embedder = embedder
        self.settings = settings
        self.on_report = on_report
        self.root = root.expanduser().resolve() if root is not None else None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def sync(self) -> IndexReport:
        """Index everything under the watched paths now (what changed while nobody watched)."""
        report = index_paths(self.paths, self.store, self.embedder, self.settings, root=self.root)
        self.on_report(report)
        return report

    def watch(self) -> None:
        """Index changes as they happen, until :meth:`stop` (or Ctrl-C in the main thread)."""
        for changes in watchfiles.watch(
            *self.paths,
            debounce=MAX_WAIT_MS,
            step=QUIET_MS,
            stop_event=self._stop,
            raise_interrupt=False,
        ):
            try:
                report = self.apply(path for _, path in changes)
            except Exception as exc:  # the watch outlives one failed batch (a server away)
                report = IndexReport(failures=[QAError(f"watch: {exc}")])
            if changed(report):
                self.on_report(report)

    def apply(self, changed_paths: Iterable[str | Path]) -> IndexReport:
        """Bring these paths' documents up to date: index files that exist, drop the documents
        of files and folders that are gone, index folders that appeared."""
        report = IndexReport()
        gone: set[Path] = set()
        present: dict[Path, set[Path]] = {}
        for raw in changed_paths:
            path = Path(raw)
            root = self._root_of(path)
            if root is None or _hidden(path, root):
                continue
            if path.is_dir() or (path.is_file() and path.suffix.lower() in SUPPORTED_SUFFIXES):
                present.setdefault(root, set()).add(path)
            elif not path.exists():
                gone.add(path)
        with self.store.writing:
            for record in self.store.files().values():
                if any(record.path == p or p in record.path.parents for p in gone):
                    self.store.delete_file(record.source)
                    report.removed.append(record.source)
            for root, paths in present.items():
                try:
                    merge(report, self._index(sorted(paths), root))
                except QAError as exc:  # a path that vanished again before it was read
                    report.failures.append(exc)
        return report

    def _index(self, paths: Sequence[Path], root: Path) -> IndexReport:
        return index_paths(paths, self.store, self.embedder, self.settings, root=root)

    def _root_of(self, path: Path) -> Path | None:
        """The folder ``path``'s source name is relative to (None: not under a watched path)."""
        for watched in sorted(self.paths, key=lambda p: len(p.parts), reverse=True):
            if path == watched and not path.is_dir():
                return self.root or path.parent
            if watched in path.parents:
                return self.root or watched
        return None

    def start(self) -> FolderWatcher:
        """Index the watched paths now, then watch them in a background thread."""
        self.sync()
        self._thread = threading.Thread(target=self.watch, name="qa-watch", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop watching (waits for the batch being indexed, if any)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def __enter__(self) -> FolderWatcher:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()


def _hidden(path: Path, root: Path) -> bool:
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        return False
    return any(part.startswith(".") for part in parts)
