"""The installed ``qa`` command: the subcommands of :mod:`qa.cli` plus ``qa serve``, which
starts the faces (chat and HTTP API) and so lives here, above the read path it serves.

    python -m ui.cli serve [--host H] [--port P] [--watch PATH...]
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from qa.assistant import Assistant
from qa.cli import _settings, _watch_report, common_options, main


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--host", help="Address to bind (default 127.0.0.1).")
@click.option("--port", type=int, help="Port (default 7860).")
@click.option("--model", envvar="QA_MODEL", help="Default model for new chats and API requests.")
@click.option(
    "--watch",
    is_flag=True,
    help="Keep PATHS indexed while serving: added, changed and deleted files follow.",
)
@common_options
def serve(
    paths: tuple[Path, ...],
    host: str | None,
    port: int | None,
    model: str | None,
    watch: bool,
    index_dir: Path | None,
) -> None:
    """Serve the browser chat, the HTTP API (/api) and the OpenAI-compatible endpoint (/v1)
    on one port (indexes seeds/ first when the index is empty); with --watch, keep the folders
    PATHS indexed instead."""
    from ui.server import serve as run

    if watch and not paths:
        raise click.UsageError("name the folders to watch: qa serve --watch PATH...")
    if paths and not watch:
        raise click.UsageError(f"to keep {paths[0]} indexed while serving, add --watch")
    assistant = Assistant(_settings(index_dir, model, host=host, port=port))
    if not watch:
        run(assistant)
        return
    with assistant.watcher(paths, _watch_report):
        click.echo(f"watching {', '.join(str(p) for p in paths)}", err=True)
        run(assistant, index_seeds=False)


__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())
