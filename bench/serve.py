"""`qa serve`: cold start (launch to first answer) and peak memory after 20 answers.

    .venv/bin/python -m bench.serve

Starts `qa serve` on a free loopback port with an empty index (so the cold start includes
indexing the seeds and loading both models), asks 20 questions through the chat's own API
with gradio_client, and reads the server's peak resident memory (VmHWM) from /proc.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench.common import ROOT, WORK, save, summary_ms
from bench.peer import DEFAULT_QUESTIONS
from qa.evaluate import load_questions


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM")


def main() -> None:
    from gradio_client import Client

    questions = [q["question"] for q in load_questions(DEFAULT_QUESTIONS)]
    questions = (questions * 2)[:20]
    index_dir = WORK / "serve-index"
    shutil.rmtree(index_dir, ignore_errors=True)
    port = _port()
    env = {**os.environ, "QA_INDEX_DIR": str(index_dir), "QA_SEEDS_DIR": str(ROOT / "seeds")}
    launched = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "ui.cli", "serve", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/"
        while True:
            try:
                urllib.request.urlopen(url, timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        page_s = time.perf_counter() - launched
        client = Client(url, verbose=False)
        timings = []
        first_answer_s = 0.0
        for question in questions:
            start = time.perf_counter()
            client.predict(
                [{"role": "user", "content": [{"type": "text", "text": question}]}],
                api_name="/answer_last",
            )
            timings.append((time.perf_counter() - start) * 1000)
            first_answer_s = first_answer_s or time.perf_counter() - launched
        save(
            "serve",
            {
                "command": "python -m bench.serve",
                "cold_start_to_page_s": round(page_s, 2),
                "cold_start_to_first_answer_s": round(first_answer_s, 2),
                "answers": len(timings),
                "answer_via_api": summary_ms(timings),
                "peak_rss_mb_after_20_answers": round(_peak_rss_mb(proc.pid), 1),
            },
        )
    finally:
        proc.terminate()
        proc.wait(timeout=20)


if __name__ == "__main__":
    main()
