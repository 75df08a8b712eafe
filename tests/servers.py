"""Servers that tests start themselves: on a free loopback port, and always stopped."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running(
    command: list[str], probe: str, log: Path, env: Mapping[str, str] | None = None
) -> Iterator[None]:
    """Run ``command`` until ``probe`` answers (its output goes to ``log``); stop it after."""
    with log.open("wb") as out:
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 240
        while True:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    f"{command[:3]} did not start: {log.read_text(errors='replace')}"
                )
            try:
                with urllib.request.urlopen(probe, timeout=2):
                    break
            except OSError:
                time.sleep(0.3)
        yield
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


@contextmanager
def chroma_server(folder: Path) -> Iterator[str]:
    """A `chroma run` server keeping its data in ``folder``, on a free loopback port; its URL."""
    port = free_port()
    chroma = shutil.which("chroma", path=str(Path(sys.executable).parent))
    assert chroma, "the chroma command comes with the chromadb package"
    command = [chroma, "run", "--path", str(folder / "db"), "--host", "127.0.0.1"]
    probe = f"http://127.0.0.1:{port}/api/v2/heartbeat"
    with running([*command, "--port", str(port)], probe, folder / "chroma.log"):
        yield f"http://127.0.0.1:{port}"
