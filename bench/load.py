"""Load: N concurrent HTTP clients, each asking M questions of one `qa serve`.

    .venv/bin/python -m bench.load                       # starts `qa serve` (model in-process)
    .venv/bin/python -m bench.load --llm-server          # ... answering from llama_cpp.server
    .venv/bin/python -m bench.load --url http://127.0.0.1:7860 [--key KEY]   # a running server
    options: --clients 8 --questions 25

First every distinct question is asked alone, one after another (the reference answers, and the
rate of one client asking back to back). Then the clients ask at once, over `POST /api/ask`,
while another client uploads a document, asks about it and deletes it. It records errors,
p50/p95/max latency, answers per minute, and every answer that differs from the one its question
got alone (cross-talk between requests sharing one model would show there).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from bench.common import ROOT, WORK, save
from bench.peer import DEFAULT_QUESTIONS
from qa.evaluate import load_questions, percentiles
from qa.models import resolve_model

UPLOAD = ROOT / "tests" / "data" / "lighthouse.md"
UPLOAD_NAME = "load-lighthouse.md"
UPLOAD_QUESTION = "How high above the sea does the Pellmouth lighthouse lantern stand?"


def _port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def _process(command: list[str], probe: str, log: Path, env: dict[str, str]) -> Iterator[None]:
    """Run ``command`` until ``probe`` answers 200; stop it after."""
    with log.open("wb") as out:
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        while True:
            if proc.poll() is not None:
                raise SystemExit(f"{command[:4]} exited: see {log}")
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
def _server(llm_server: bool) -> Iterator[str]:
    """`qa serve` on a fresh index of the seeds (and a `llama_cpp.server` behind it)."""
    work = WORK / "load"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    env = {**os.environ, "QA_INDEX_DIR": str(work / "index"), "QA_SEEDS_DIR": str(ROOT / "seeds")}
    port = _port()
    serve = [sys.executable, "-m", "ui.cli", "serve", "--port", str(port)]
    url = f"http://127.0.0.1:{port}"
    if not llm_server:
        with _process(serve, f"{url}/api/health", work / "serve.log", env):
            yield url
        return
    llm_port = _port()
    model = resolve_model("smollm2", ROOT / "models")
    llm = [
        sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--host", "127.0.0.1",
        "--port", str(llm_port), "--n_ctx", "2048", "--verbose", "False",
        "--interrupt_requests", "False",
    ]  # fmt: skip
    if threads := os.environ.get("QA_LLM__N_THREADS"):
        llm += ["--n_threads", threads, "--n_threads_batch", threads]
    llm_url = f"http://127.0.0.1:{llm_port}"
    with _process(llm, f"{llm_url}/v1/models", work / "llm.log", env):
        env["QA_LLM__SERVER_URL"] = llm_url
        with _process(serve, f"{url}/api/health", work / "serve.log", env):
            yield url


def _same(obj: dict[str, Any]) -> str:
    """What must not differ between two runs of one question (timings do)."""
    return json.dumps([obj["answer"], obj["citations"], obj["abstained"], obj["mode"]])


class Load:
    def __init__(self, url: str, key: str | None) -> None:
        self.url = url
        self.headers = {"Authorization": f"Bearer {key}"} if key else {}
        self.latencies: list[float] = []
        self.errors: list[str] = []
        self.mismatches: list[dict[str, str]] = []
        self.lock = threading.Lock()

    def ask(self, client: httpx.Client, question: str) -> tuple[float, dict[str, Any] | None]:
        start = time.perf_counter()
        try:
            response = client.post(f"{self.url}/api/ask", json={"question": question})
        except httpx.HTTPError as exc:
            return time.perf_counter() - start, {"error": f"{type(exc).__name__}: {exc}"}
        elapsed = time.perf_counter() - start
        if response.status_code != 200:
            return elapsed, {"error": f"{response.status_code}: {response.text[:200]}"}
        return elapsed, response.json()

    def client(self, questions: list[str], reference: dict[str, str]) -> None:
        with httpx.Client(headers=self.headers, timeout=600) as client:
            for question in questions:
                elapsed, obj = self.ask(client, question)
                with self.lock:
                    if obj is None or "error" in obj:
                        self.errors.append(f"{question}: {obj and obj['error']}")
                        continue
                    self.latencies.append(elapsed * 1000)
                    if _same(obj) != reference[question]:
                        self.mismatches.append(
                            {"question": question, "alone": reference[question], "got": _same(obj)}
                        )

    def documents(self, report: dict[str, Any]) -> None:
        """Upload a document, ask about it, delete it: while the load runs."""
        time.sleep(2)
        with httpx.Client(headers=self.headers, timeout=600) as client:
            start = time.perf_counter()
            files = {"files": (UPLOAD_NAME, UPLOAD.read_bytes(), "text/markdown")}
            up = client.post(f"{self.url}/api/documents", files=files)
            report["upload_status"] = up.status_code
            report["upload_s"] = round(time.perf_counter() - start, 2)
            _, obj = self.ask(client, UPLOAD_QUESTION)
            cited = [c["source"] for c in (obj or {}).get("citations", [])]
            report["answered_from_upload"] = UPLOAD_NAME in cited
            start = time.perf_counter()
            gone = client.delete(f"{self.url}/api/documents/{UPLOAD_NAME}")
            report["delete_status"] = gone.status_code
            report["delete_s"] = round(time.perf_counter() - start, 2)


def run(url: str, key: str | None, clients: int, per_client: int) -> dict[str, Any]:
    questions = [q["question"] for q in load_questions(DEFAULT_QUESTIONS)]
    load = Load(url, key)
    reference: dict[str, str] = {}
    alone_ms: list[float] = []
    with httpx.Client(headers=load.headers, timeout=600) as client:
        for question in questions:
            elapsed, obj = load.ask(client, question)
            if obj is None or "error" in obj:
                raise SystemExit(f"asked alone, {question!r} failed: {obj}")
            reference[question] = _same(obj)
            alone_ms.append(elapsed * 1000)
    back_to_back = len(alone_ms) / (sum(alone_ms) / 1000) * 60

    plans = [
        [questions[(c * per_client + i) % len(questions)] for i in range(per_client)]
        for c in range(clients)
    ]
    documents: dict[str, Any] = {}
    threads = [threading.Thread(target=load.client, args=(p, reference)) for p in plans]
    side = threading.Thread(target=load.documents, args=(documents,))
    began = time.perf_counter()
    for t in [*threads, side]:
        t.start()
    for t in [*threads, side]:
        t.join()
    wall = time.perf_counter() - began
    p50, p95 = percentiles(load.latencies) if load.latencies else (0.0, 0.0)
    per_minute = len(load.latencies) / wall * 60
    return {
        "clients": clients,
        "questions_per_client": per_client,
        "distinct_questions": len(questions),
        "answers": len(load.latencies),
        "errors": len(load.errors),
        "error_examples": load.errors[:5],
        "mismatches": len(load.mismatches),
        "mismatch_examples": load.mismatches[:5],
        "latency_p50_ms": p50,
        "latency_p95_ms": p95,
        "latency_max_ms": round(max(load.latencies, default=0.0), 1),
        "wall_s": round(wall, 1),
        "answers_per_minute": round(per_minute, 1),
        "alone_answers_per_minute": round(back_to_back, 1),
        "alone_p50_ms": percentiles(alone_ms)[0],
        "throughput_vs_alone": round(per_minute / back_to_back, 3),
        "documents_during_load": documents,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="A running `qa serve` (default: start one).")
    parser.add_argument("--key", default=os.environ.get("QA_UI__API_KEY"), help="Its API key.")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--questions", type=int, default=25, help="Questions per client.")
    parser.add_argument(
        "--llm-server", action="store_true", help="Answer from a llama_cpp.server it starts."
    )
    args = parser.parse_args()
    command = "python -m bench.load " + " ".join(sys.argv[1:])
    name = "load-llm-server" if args.llm_server else "load"
    if args.url:
        result = run(args.url, args.key, args.clients, args.questions)
        save(name, {"command": command, "llm": "given server", **result})
        return
    with _server(args.llm_server) as url:
        result = run(url, None, args.clients, args.questions)
    llm = "llama_cpp.server" if args.llm_server else "in-process"
    threads = os.environ.get("QA_LLM__N_THREADS", "all cores")
    save(name, {"command": command, "llm": llm, "llm_threads": threads, **result})


if __name__ == "__main__":
    main()
