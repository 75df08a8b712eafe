"""The installed ``qa`` command: the subcommands of :mod:`qa.cli` plus ``qa serve``, which
starts the faces (chat and HTTP API) and so lives here, above the read path it serves.

    python -m ui.cli serve [--host H] [--port P]
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from qa.assistant import Assistant
from qa.cli import _settings, common_options, main


@main.command()
@click.option("--host", help="Address to bind (default 127.0.0.1).")
@click.option("--port", type=int, help="Port (default 7860).")
@click.option("--model", envvar="QA_MODEL", help="Default model for new chats and API requests.")
@common_options
def serve(host: str | None, port: int | None, model: str | None, index_dir: Path | None) -> None:
    """Serve the browser chat, the HTTP API (/api) and the OpenAI-compatible endpoint (/v1)
    on one port (indexes seeds/ first when the index is empty)."""
    from ui.server import serve as run

    run(Assistant(_settings(index_dir, model, host=host, port=port)))


__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())
