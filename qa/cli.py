"""The ``qa`` command: ``index``, ``ask``, ``eval``, ``docs``, ``remove``.

``qa serve`` (the chat and the HTTP API) is added by :mod:`ui.cli`, the installed entry point,
so the read path never imports its faces."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from pydantic import ValidationError

from index.errors import IndexingError, QAError
from index.pipeline import IndexReport
from qa.answer import Answer
from qa.assistant import Assistant
from qa.report import answer_json, sources_text
from qa.settings import Settings

F = TypeVar("F", bound=Callable[..., Any])


def _settings(
    index_dir: Path | None = None,
    model: str | None = None,
    top_k: int | None = None,
    generate: bool | None = None,
    host: str | None = None,
    port: int | None = None,
) -> Settings:
    """Settings from the environment, with the options given on the command line on top."""
    given: dict[str, Any] = {"index_dir": index_dir, "model": model}
    sections: dict[str, dict[str, Any]] = {
        "retrieval": {"top_k": top_k},
        "answer": {"generate": generate},
        "ui": {"host": host, "port": port},
    }
    for name, fields in sections.items():
        given[name] = {k: v for k, v in fields.items() if v is not None}
    return Settings(**{k: v for k, v in given.items() if v})


def common_options(func: F) -> F:
    """``--index-dir`` for every subcommand."""
    return click.option(
        "--index-dir",
        type=click.Path(path_type=Path),
        envvar="QA_INDEX_DIR",
        help="Where the index lives (default .qa-index/).",
    )(func)


def model_options(func: F) -> F:
    func = click.option("--top-k", type=click.IntRange(1, 50), help="Passages to read.")(func)
    func = click.option(
        "--extractive", is_flag=True, help="Quote the best sentence; do not run the model."
    )(func)
    return click.option(
        "--model",
        envvar="QA_MODEL",
        help="smollm2 (default), gemma3, a .gguf in models/, or a path to one.",
    )(func)


SKIPPED_EXIT = 3  # `qa index`: some files were skipped (each named), the others indexed


def _report(report: IndexReport) -> None:
    for failure in report.failures:
        click.echo(f"skipped: {failure}", err=True)
    click.echo(report.summary(), err=True)
    if report.failures:
        raise click.exceptions.Exit(SKIPPED_EXIT)


def _watch_report(report: IndexReport) -> None:
    """What a watched folder's change did: the indexer's summary, naming the files, and the
    indexer's line for files that could not be indexed (the watch goes on)."""
    named = [
        f"{what} {', '.join(sources)}"
        for what, sources in (
            ("added", report.added),
            ("updated", report.updated),
            ("removed", report.removed),
        )
        if sources
    ]
    click.echo(report.summary() + (f" ({'; '.join(named)})" if named else ""), err=True)
    if report.failures:
        click.echo(str(IndexingError(report.failures)), err=True)


class _ProgressBar:
    """A tqdm bar for indexing with its rate and time left, opened on the first report (shown
    on a terminal only; ``file`` defaults to stderr)."""

    def __init__(self, file: Any = None) -> None:
        self._bar: Any = None
        self._file = file

    def __call__(self, done: int, total: int) -> None:
        from tqdm import tqdm

        if self._bar is None:
            self._bar = tqdm(
                total=total, unit="sentence", desc="embedding", disable=None, file=self._file
            )
        self._bar.n = done
        self._bar.refresh()
        if done >= total:
            self._bar.close()


class _Group(click.Group):
    """Turns user errors into one clean line and a non-zero exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except QAError as exc:
            raise click.ClickException(str(exc)) from exc
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise click.ClickException(f"invalid setting {where}: {first['msg']}") from exc


@click.group(cls=_Group)
def main() -> None:
    """Ask questions about your documents; every answer cites the passage it comes from."""


@main.command("index")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    help="Name documents by their path relative to this folder (default: the folder given).",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Any file that would be skipped is an error: nothing in the index changes.",
)
@click.option(
    "--watch",
    is_flag=True,
    help="Then keep watching PATHS: index files as they are added or changed, drop deleted "
    "ones (Ctrl-C stops).",
)
@common_options
def index_cmd(
    paths: tuple[Path, ...],
    root: Path | None,
    strict: bool,
    watch: bool,
    index_dir: Path | None,
) -> None:
    """Index PATHS (files or folders; default: seeds/). Re-running updates only what changed.

    A file that cannot be indexed is named on a line of its own with what to do; the others
    are indexed. Exit code 0: everything indexed; 3: some files skipped; 1: an error (with
    --strict, any skipped file). With --watch, keep following the folders afterwards.
    """
    settings = _settings(index_dir)
    assistant = Assistant(settings)
    paths = paths or (settings.seeds_dir,)
    if watch:
        watcher = assistant.watcher(paths, _watch_report, root)
        watcher.sync()
        click.echo(f"watching {', '.join(str(p) for p in paths)} (Ctrl-C stops)", err=True)
        watcher.watch()
        return
    try:
        report = assistant.index(paths, progress=_ProgressBar(), root=root, strict=strict)
    except IndexingError as exc:
        for failure in exc.failures:
            click.echo(f"error: {failure}", err=True)
        raise click.ClickException(
            f"{len(exc.failures)} file(s) cannot be indexed; nothing was changed (--strict)"
        ) from exc
    _report(report)


def _print_answer(answer: Answer) -> None:
    click.echo(answer.text)
    if sources := sources_text(answer):
        click.echo()
        click.echo(sources)


@main.command()
@click.argument("question", required=False)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per question.")
@click.option(
    "--file",
    "question_file",
    type=click.File("r", encoding="utf-8"),
    help="Ask every line of this file (models load once).",
)
@model_options
@common_options
def ask(
    question: str | None,
    as_json: bool,
    question_file: Any,
    model: str | None,
    extractive: bool,
    top_k: int | None,
    index_dir: Path | None,
) -> None:
    """Answer QUESTION from the indexed documents, with citations."""
    questions = [q.strip() for q in question_file if q.strip()] if question_file else []
    if question is not None:
        questions.insert(0, question)
    if not questions:
        raise QAError('no question: run `qa ask "your question"` or `qa ask --file FILE`')
    assistant = Assistant(_settings(index_dir, model, top_k, False if extractive else None))
    if len(questions) == 1:
        assistant.check_question(questions[0])  # before loading anything
    if report := assistant.ensure_index():
        click.echo(f"indexed {assistant.settings.seeds_dir}/: {report.summary()}", err=True)
    assistant.warm_up()
    refused = 0
    for q in questions:
        try:
            answer = assistant.ask_final(q)
        except QAError as exc:
            if len(questions) == 1:
                raise
            refused += 1
            click.echo(f"error: {exc}", err=True)
            if as_json:
                click.echo(json.dumps({"question": q, "error": str(exc)}, ensure_ascii=False))
            continue
        if as_json:
            click.echo(json.dumps(answer_json(answer), ensure_ascii=False))
        else:
            _print_answer(answer)
            if len(questions) > 1:
                click.echo()
    if refused:
        raise click.ClickException(f"{refused} of {len(questions)} questions were not asked")


@main.command("eval")
@click.argument("questions", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Per-question lines, then the summary.")
@model_options
@common_options
def eval_cmd(
    questions: Path,
    as_json: bool,
    model: str | None,
    extractive: bool,
    top_k: int | None,
    index_dir: Path | None,
) -> None:
    """Score answers to QUESTIONS (JSONL): correct, grounded, abstained, citations, latency."""
    from qa.evaluate import evaluate, score_dict

    assistant = Assistant(_settings(index_dir, model, top_k, False if extractive else None))
    scores, summary = evaluate(questions, assistant)
    if as_json:
        for s in scores:
            click.echo(json.dumps(score_dict(s), ensure_ascii=False))
        click.echo(json.dumps({"summary": summary}))
        return
    flag = {True: "yes", False: "no", None: "-"}
    click.echo(f"{'id':<6}{'correct':<9}{'grounded':<10}{'abstained':<11}{'total_ms':>9}  answer")
    for s in scores:
        click.echo(
            f"{s.id:<6}{flag[s.correct]:<9}{flag[s.grounded]:<10}{flag[s.abstained]:<11}"
            f"{s.total_ms:>9.0f}  {s.answer[:90]}"
        )
    click.echo()
    for key, value in summary.items():
        if key == "by_kind":
            click.echo(f"{'by kind':<24}{'n':>4}{'correct':>9}{'abstained':>11}")
            for kind, row in value.items():
                correct = "-" if row["correct"] is None else row["correct"]
                click.echo(f"  {kind:<22}{row['n']:>4}{correct:>9}{row['abstained']:>11}")
        else:
            click.echo(f"{key:<24}{value}")


@main.command()
@common_options
def docs(index_dir: Path | None) -> None:
    """List the indexed documents."""
    for record in Assistant(_settings(index_dir)).documents():
        click.echo(f"{record.source}\t{record.chunks} chunks\t{record.size} chars\t{record.path}")


@main.command()
@click.argument("source")
@common_options
def remove(source: str, index_dir: Path | None) -> None:
    """Remove the document SOURCE (as listed by `qa docs`) and its vectors from the index."""
    removed = Assistant(_settings(index_dir)).delete(source)
    click.echo(f"removed {source} ({removed} chunks)", err=True)


if __name__ == "__main__":
    sys.exit(main())
