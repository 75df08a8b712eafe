"""All settings in one place: defaults, one-line descriptions, ``QA_`` environment variables.

Nested sections read ``QA_<SECTION>__<FIELD>``, e.g. ``QA_RETRIEVAL__TOP_K=8``; the two most
used are top level: ``QA_INDEX_DIR`` and ``QA_MODEL``.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from index.config import IndexSettings


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RetrievalSettings(_Section):
    top_k: int = Field(8, ge=1, le=50, description="Passages handed to the reader.")
    candidates: int = Field(30, ge=1, description="Hits taken from each of dense and lexical.")
    rrf_k: int = Field(60, ge=1, description="Reciprocal-rank-fusion constant.")


class AnswerSettings(_Section):
    evidence_sentences: int = Field(2, ge=1, le=10, description="Sentences shown to the model.")
    min_relevance: float = Field(
        0.33, description="Best sentence relevance below which the answer abstains."
    )
    min_overlap: float = Field(
        0.25, description="Share of the question's distinctive words the best sentence needs…"
    )
    paraphrase_relevance: float = Field(
        0.55, description="…unless its similarity to the question is at least this."
    )
    generate: bool = Field(True, description="Let the model phrase the answer (else extractive).")
    max_question_chars: int = Field(
        1000, ge=10, description="Longest question, in characters; longer ones are refused."
    )


class LLMSettings(_Section):
    n_ctx: int = Field(2048, ge=256, description="Context window, in tokens.")
    n_threads: int | None = Field(None, description="CPU threads for llama.cpp (all when unset).")
    max_tokens: int = Field(80, ge=1, description="Longest answer, in tokens.")
    temperature: float = Field(0.0, ge=0.0, le=2.0, description="0 is deterministic.")
    server_url: str | None = Field(
        None, description="An OpenAI-compatible server (llama_cpp.server) instead of in-process."
    )


class UISettings(_Section):
    host: str = Field("127.0.0.1", description="Address the chat binds to.")
    port: int = Field(7860, description="Port the chat listens on.")
    username: str | None = Field(None, description="Login name; required off loopback.")
    password: str | None = Field(None, description="Login password; required off loopback.")
    api_key: str | None = Field(
        None,
        description="Bearer key the HTTP API requires (always when set); required off loopback.",
    )
    max_upload_mb: float = Field(
        50.0, gt=0, description="Largest upload (all files of one request)."
    )
    max_question_chars: int = Field(2000, ge=1, description="Longest question the API accepts.")


class Settings(BaseSettings):
    """Built once (CLI options over environment over defaults), passed down, never mutated."""

    model_config = SettingsConfigDict(
        env_prefix="QA_", env_nested_delimiter="__", extra="forbid", frozen=True
    )

    index_dir: Path = Field(Path(".qa-index"), description="Where the index lives.")
    model: str = Field(
        "smollm2", description="`smollm2`, `gemma3`, a GGUF file in models/, or a path to one."
    )
    models_dir: Path = Field(Path("models"), description="Folder of user GGUF models.")
    seeds_dir: Path = Field(Path("seeds"), description="Indexed when asking with no index yet.")
    index: IndexSettings = IndexSettings()
    retrieval: RetrievalSettings = RetrievalSettings()
    answer: AnswerSettings = AnswerSettings()
    llm: LLMSettings = LLMSettings()
    ui: UISettings = UISettings()
