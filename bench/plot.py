"""Plots of the recorded results: docs/retrieval-latency.png and docs/answer-latency.png.

.venv/bin/python -m bench.plot
"""

from __future__ import annotations

import json

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from bench.common import RESULTS, ROOT


def main() -> None:
    sizes = json.loads((RESULTS / "retrieval.json").read_text())["sizes"]
    chunks = [s["chunks"] for s in sizes]
    fig, ax = plt.subplots(figsize=(6, 3.6))
    for key, label in (
        ("retrieve", "whole retrieve()"),
        ("dense_only", "Chroma query"),
        ("lexical_only", "BM25 query"),
    ):
        ax.plot(chunks, [s[key]["p50_ms"] for s in sizes], marker="o", label=f"{label} p50")
    ax.plot(
        chunks,
        [s["retrieve"]["p95_ms"] for s in sizes],
        marker="x",
        linestyle="--",
        label="whole retrieve() p95",
    )
    ax.set_xscale("log")
    ax.set_xlabel("chunks in the index")
    ax.set_ylabel("milliseconds")
    ax.set_title("Retrieval latency, 2 CPU cores")
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(ROOT / "docs" / "retrieval-latency.png", dpi=120)


if __name__ == "__main__":
    main()
