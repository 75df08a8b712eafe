"""A sentence-transformers model run by ONNX Runtime: the same vectors, encoded faster on CPU.

The model's transformer is exported to ONNX once per model folder, checked against
sentence-transformers on probe sentences, and kept in a cache folder. Later processes load only
the tokenizer and the ONNX session: torch is never imported to embed. Models whose pipeline is
not transformer, mean pooling and (optionally) normalisation are left to torch.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

_FORMAT = "onnx-2"  # part of the cache key: bump when the export changes
_TRANSFORMER = "sentence_transformers.models.Transformer"
_POOLING = "sentence_transformers.models.Pooling"
_NORMALIZE = "sentence_transformers.models.Normalize"
# Short, long (truncated), accented and mixed-case text: where tokenisation could diverge.
PROBES = (
    "  Hello.\n",
    "NATO's combined military expenditure was 55% of the global total in 2024.",
    "Ünïcode façade – naïve café, 北京 and ‘quotes’.",
    " ".join(["The harbour light was lit in 1871 and automated decades later."] * 40),
)
MIN_COSINE = 0.9999


class OnnxUnavailableError(Exception):
    """This model cannot run under ONNX Runtime here; the caller falls back to torch."""


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "qa-assistant"


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise OnnxUnavailableError(f"{path}: {exc}") from exc


def _max_length(folder: Path) -> int:
    """The model's max_seq_length, after checking its pipeline is one this module computes."""
    modules = _read_json(folder / "modules.json")
    kinds = [m.get("type") for m in modules]
    if kinds not in ([_TRANSFORMER, _POOLING], [_TRANSFORMER, _POOLING, _NORMALIZE]):
        raise OnnxUnavailableError(f"pipeline {kinds} is not transformer + mean pooling")
    pooling = _read_json(folder / modules[1]["path"] / "config.json")
    modes = {k for k, v in pooling.items() if k.startswith("pooling_mode") and v is True}
    if modes != {"pooling_mode_mean_tokens"}:
        raise OnnxUnavailableError(f"pooling {sorted(modes)} is not mean pooling")
    if not (folder / "tokenizer.json").is_file():
        raise OnnxUnavailableError("no tokenizer.json")
    config = _read_json(folder / "sentence_bert_config.json")
    return int(config.get("max_seq_length") or 512)


def _cache_name(folder: Path) -> tuple[str, str]:
    """(the prefix every export of this folder has, the file name of its current export): the
    name changes when any file of the folder does."""
    prefix = f"{folder.name}-{hashlib.sha1(str(folder.resolve()).encode()).hexdigest()[:8]}-"
    digest = hashlib.sha1(_FORMAT.encode())
    for file in sorted(p for p in folder.rglob("*") if p.is_file()):
        stat = file.stat()
        digest.update(f"\0{file.relative_to(folder)}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
    return prefix, f"{prefix}{digest.hexdigest()[:16]}.onnx"


class OnnxEmbedder:
    """Tokenise with the model's own tokenizer.json, run the exported transformer, mean-pool
    over real tokens and normalise: what sentence-transformers computes, without torch."""

    def __init__(
        self, folder: Path, onnx_file: Path, max_length: int, batch_size: int = 32
    ) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        self.batch_size = batch_size
        tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        pad = _read_json(folder / "tokenizer_config.json").get("pad_token") or "[PAD]"
        pad_id = tokenizer.token_to_id(pad if isinstance(pad, str) else pad.get("content"))
        tokenizer.enable_padding(pad_id=pad_id or 0, pad_token=str(pad))
        tokenizer.enable_truncation(max_length)
        self._tokenizer = tokenizer
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = os.cpu_count() or 1
        options.log_severity_level = 3
        self._session = onnxruntime.InferenceSession(
            str(onnx_file), options, providers=["CPUExecutionProvider"]
        )
        self._inputs = {i.name for i in self._session.get_inputs()}
        self.dimension = int(self._session.get_outputs()[0].shape[-1])

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        # Longest first, as sentence-transformers does: batches of alike length pad little.
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        for start in range(0, len(order), self.batch_size):
            rows = order[start : start + self.batch_size]
            # sentence-transformers strips the texts before tokenising them
            encodings = self._tokenizer.encode_batch([texts[i].strip() for i in rows])
            feed = {
                "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
                "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
            }
            hidden = self._session.run(None, {k: v for k, v in feed.items() if k in self._inputs})
            mask = feed["attention_mask"][..., None].astype(np.float32)
            pooled = (hidden[0] * mask).sum(axis=1) / np.clip(mask.sum(axis=1), 1e-9, None)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out[rows] = pooled / np.clip(norms, 1e-12, None)
        return out


def load_onnx_embedder(folder: Path, batch_size: int, cache_dir: Path) -> OnnxEmbedder:
    """The ONNX embedder of ``folder``, exporting and checking it first when not cached.

    Raises OnnxUnavailableError when the model is not of a supported shape, the export fails
    or its vectors differ from sentence-transformers'.
    """
    max_length = _max_length(folder)
    prefix, name = _cache_name(folder)
    target = cache_dir / name
    if not target.is_file():
        _export(folder, target, max_length)
        for stale in cache_dir.glob(f"{prefix}*.onnx"):  # exports of the folder's old files
            if stale != target:
                stale.unlink(missing_ok=True)
    return OnnxEmbedder(folder, target, max_length, batch_size)


def _export(folder: Path, target: Path, max_length: int) -> None:
    import inspect

    try:
        import onnx  # noqa: F401 - torch's exporter needs it
        import torch
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise OnnxUnavailableError(f"cannot export: {exc}") from exc

    log.info("exporting %s to ONNX (once)", folder)
    model = SentenceTransformer(str(folder), device="cpu", local_files_only=True)
    transformer: Any = model[0].auto_model
    transformer.eval()
    accepted = inspect.signature(transformer.forward).parameters
    names = [n for n in ("input_ids", "attention_mask", "token_type_ids") if n in accepted]

    class Hidden(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.transformer = transformer

        def forward(self, *inputs: torch.Tensor) -> torch.Tensor:
            return self.transformer(**dict(zip(names, inputs, strict=True))).last_hidden_state

    sample = model.tokenizer(
        ["a probe", "another probe sentence"], padding=True, return_tensors="pt"
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f"{target.name}.{os.getpid()}.part")
    axes = {name: {0: "batch", 1: "tokens"} for name in [*names, "hidden"]}
    try:
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # tracer notes about constants of this model
            torch.onnx.export(
                Hidden(),
                tuple(sample[n] for n in names),
                str(partial),
                input_names=names,
                output_names=["hidden"],
                dynamic_axes=axes,
                opset_version=17,
                dynamo=False,
            )
        expected = model.encode(list(PROBES), normalize_embeddings=True, show_progress_bar=False)
        got = OnnxEmbedder(folder, partial, max_length).embed_documents(PROBES)
        cosine = float((np.asarray(expected) * got).sum(axis=1).min())
        if cosine < MIN_COSINE:
            raise OnnxUnavailableError(f"exported vectors differ (cosine {cosine:.6f})")
        partial.replace(target)
    except OnnxUnavailableError:
        raise
    except Exception as exc:  # the exporter raises many kinds; any of them means "use torch"
        raise OnnxUnavailableError(f"export failed: {exc}") from exc
    finally:
        partial.unlink(missing_ok=True)
