"""Settings of the write path: what shapes the chunks and the vectors."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

BUNDLED_EMBEDDER = "all-MiniLM-L6-v2"
MAX_FILE_MB = 50.0


class IndexSettings(BaseModel):
    """How documents become chunks and vectors."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    embed_model: str = Field(
        BUNDLED_EMBEDDER,
        description="Sentence-transformers model: the bundled name or a path to a model folder.",
    )
    chunk_chars: int = Field(600, ge=100, description="Largest chunk, in characters.")
    overlap_sentences: int = Field(1, ge=0, description="Sentences repeated between chunks.")
    embed_batch_size: int = Field(32, ge=1, description="Sentences encoded per batch.")
    embed_backend: Literal["onnx", "torch"] = Field(
        "onnx",
        description="onnx: the model exported once to ONNX Runtime (same vectors, faster on "
        "CPU; models it cannot export use torch); torch: sentence-transformers as is.",
    )
    embed_precision: Literal["int8", "fp32"] = Field(
        "int8",
        description="int8: the ONNX export's matrix products quantized (about twice as fast, "
        "vectors at cosine ~0.99 of fp32's); fp32: full precision. Only for the onnx backend.",
    )
    write_group_sentences: int = Field(
        1024,
        ge=1,
        description="Sentences encoded and then written together: one journal entry, one "
        "Chroma write and one SQLite transaction per group of files.",
    )
    cache_dir: Path | None = Field(
        None, description="Where exported models are kept (default ~/.cache/qa-assistant)."
    )
    max_file_mb: float = Field(
        MAX_FILE_MB,
        gt=0,
        description="Largest file indexed, in MB; larger ones are skipped and named.",
    )
    chroma_url: str | None = Field(
        None, description="A Chroma server (http://host:port); local files when unset."
    )

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 2**20)

    def fingerprint(self) -> str:
        """A short hash of everything that changes the stored vectors.

        It names the collection, so changing the embedder or the chunking can never mix old
        and new vectors in one index.
        """
        key = f"{self.embed_model}|{self.chunk_chars}|{self.overlap_sentences}|chunker-2"
        if self.embed_backend == "onnx" and self.embed_precision == "int8":
            key += "|int8"  # fp32 under ONNX Runtime and torch give the same vectors
        return hashlib.sha1(key.encode()).hexdigest()[:10]
