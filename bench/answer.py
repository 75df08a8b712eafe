"""Answer latency on the seeds, and our overhead over calling llama.cpp directly.

    .venv/bin/python -m bench.answer [QUESTIONS.jsonl]

For every question that reaches the model, the same prompt is then sent straight to the same
loaded llama.cpp model with ``max_tokens`` set to the number of tokens our run generated, so
both sides produce the same output length; both start from an empty KV cache (in use, the
fixed system prompt stays cached between questions). Overhead = our total time / the direct
call's.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from bench.common import ROOT, WORK, save, summary_ms
from bench.peer import DEFAULT_QUESTIONS
from qa.answer import STOP, Answer, Token, build_messages
from qa.assistant import Assistant
from qa.evaluate import load_questions
from qa.generate import LlamaCppGenerator
from qa.settings import Settings


def main() -> None:
    questions = load_questions(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_QUESTIONS)
    assistant = Assistant(Settings(index_dir=WORK / "answer-index", seeds_dir=ROOT / "seeds"))
    assistant.ensure_index()
    assistant.warm_up()
    generator = assistant.generator()
    assert isinstance(generator, LlamaCppGenerator)
    llama = generator._llama
    settings = assistant.settings

    first, total, ours, direct = [], [], [], []
    for item in questions:
        # Both sides start from an empty KV cache, so neither reuses the other's prompt.
        llama.reset()
        draft, answer = "", None
        for event in assistant.ask(item["question"]):
            if isinstance(event, Token):
                draft += event.text
            elif isinstance(event, Answer):
                answer = event
        assert answer is not None
        first.append(answer.timings["first_token_ms"])
        total.append(answer.timings["total_ms"])
        if not draft:
            continue
        shown = answer.evidence[: settings.answer.evidence_sentences]
        n_tokens = len(llama.tokenize(draft.encode(), add_bos=False))
        llama.reset()
        start = time.perf_counter()
        for _ in llama.create_chat_completion(
            messages=build_messages(item["question"], shown),  # type: ignore[arg-type]
            max_tokens=n_tokens,
            temperature=0.0,
            top_k=1,
            stop=list(STOP),
            stream=True,
        ):
            pass
        direct.append((time.perf_counter() - start) * 1000)
        ours.append(answer.timings["total_ms"])

    save(
        "answer",
        {
            "command": "python -m bench.answer",
            "model": generator.name,
            "questions": len(questions),
            "first_token": summary_ms(first),
            "total": summary_ms(total),
            "reached_the_model": len(ours),
            "ours_over_direct_llama": round(sum(ours) / sum(direct), 3),
            "ours_total_ms": round(sum(ours), 1),
            "direct_total_ms": round(sum(direct), 1),
        },
    )


if __name__ == "__main__":
    main()
