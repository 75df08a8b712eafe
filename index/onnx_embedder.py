"""A sentence-transformers model run by ONNX Runtime: the same vectors, encoded faster on CPU.

The model's transformer is exported to ONNX once per model folder, checked against
sentence-transformers on probe sentences, and kept in a cache folder. Later processes load only
the tokenizer and the ONNX session: torch is never imported to embed. Models whose pipeline is
not transformer, mean pooling and (optionally) normalisation are left to torch.

Precision "int8" quantizes the export's matrix products to 8-bit integers (ONNX Runtime's
dynamic quantization, one scale per output channel): about twice as fast on CPU, vectors at
cosine ~0.99 to fp32. It is checked on the probes like the fp32 export and, should it drift
further, the fp32 export is used instead.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

import numpy as np

log = logging.getLogger(__name__)

_FORMAT = "onnx-3"  # part of the cache key: bump when the export changes
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
# int8 vectors of corpus sentences are at cosine 0.98 to 0.999 of fp32's; far below is a broken
# quantization, not rounding.
MIN_COSINE_INT8 = 0.97

Precision = Literal["int8", "fp32"]


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
    return prefix, f"{prefix}{digest.hexdigest()[:16]}"


def _threads() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class OnnxEmbedder:
    """Tokenise with the model's own tokenizer.json, run the exported transformer, mean-pool
    over real tokens and normalise: what sentence-transformers computes, without torch."""

    def __init__(
        self, folder: Path, onnx_file: Path, max_length: int, batch_size: int = 32
    ) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        self.batch_size = batch_size
        self.onnx_file = onnx_file
        tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        pad = _read_json(folder / "tokenizer_config.json").get("pad_token") or "[PAD]"
        pad_id = tokenizer.token_to_id(pad if isinstance(pad, str) else pad.get("content"))
        self._pad_id = pad_id or 0
        tokenizer.no_padding()  # each batch is padded to its own longest text, below
        tokenizer.enable_truncation(max_length)
        self._tokenizer = tokenizer
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = _threads()
        # Threads that spin while waiting for work slow encoding down by a third as soon as
        # another process wants the same cores; sleeping costs nothing measurable when idle.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.log_severity_level = 3
        self._session = onnxruntime.InferenceSession(
            str(onnx_file), options, providers=["CPUExecutionProvider"]
        )
        self._inputs = {i.name for i in self._session.get_inputs()}
        self.dimension = int(self._session.get_outputs()[0].shape[-1])

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        # sentence-transformers strips the texts before tokenising them; equal texts (repeated
        # headers, navigation lines) are encoded once.
        distinct: dict[str, int] = {}
        rows_of = [distinct.setdefault(t.strip(), len(distinct)) for t in texts]
        encodings = self._tokenizer.encode_batch(list(distinct))
        vectors = np.zeros((len(distinct), self.dimension), dtype=np.float32)
        # Longest first, by tokens: a batch of alike lengths pads little.
        order = sorted(range(len(encodings)), key=lambda i: -len(encodings[i].ids))
        for start in range(0, len(order), self.batch_size):
            rows = order[start : start + self.batch_size]
            vectors[rows] = self._encode([encodings[i] for i in rows])
        return vectors[rows_of]

    def _encode(self, encodings: list[Any]) -> np.ndarray:
        """Unit-length mean-pooled vectors of one batch of tokenised texts."""
        width = max(len(e.ids) for e in encodings)
        ids = np.full((len(encodings), width), self._pad_id, dtype=np.int64)
        mask = np.zeros((len(encodings), width), dtype=np.int64)
        types = np.zeros((len(encodings), width), dtype=np.int64)
        for row, e in enumerate(encodings):
            ids[row, : len(e.ids)] = e.ids
            mask[row, : len(e.ids)] = 1
            types[row, : len(e.ids)] = e.type_ids
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
        hidden = self._session.run(None, {k: v for k, v in feed.items() if k in self._inputs})
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden[0] * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return pooled / np.clip(norms, 1e-12, None)


def load_onnx_embedder(
    folder: Path, batch_size: int, cache_dir: Path, precision: Precision = "fp32"
) -> OnnxEmbedder:
    """The ONNX embedder of ``folder``, exporting and checking it first when not cached.

    With ``precision`` "int8", the quantized export when it passes its check (the fp32 one,
    with a warning, when it does not).

    Raises OnnxUnavailableError when the model is not of a supported shape, the export fails
    or its vectors differ from sentence-transformers'.
    """
    max_length = _max_length(folder)
    prefix, name = _cache_name(folder)
    target = cache_dir / f"{name}.onnx"
    if not target.is_file():
        _export(folder, target, max_length)
    for stale in cache_dir.glob(f"{prefix}*.onnx"):  # exports of the folder's old files
        if not stale.name.startswith(name):
            stale.unlink(missing_ok=True)
    if precision == "int8":
        quantized = cache_dir / f"{name}-int8.onnx"
        try:
            if not quantized.is_file():
                _quantize(folder, target, quantized, max_length)
            return OnnxEmbedder(folder, quantized, max_length, batch_size)
        except OnnxUnavailableError as exc:
            log.warning("%s: encoding in fp32, not int8 (%s)", folder, exc)
    return OnnxEmbedder(folder, target, max_length, batch_size)


@contextmanager
def _kept_when_done(target: Path, failure: str) -> Iterator[Path]:
    """A temporary path beside ``target`` to write and check a model file in: it becomes
    ``target`` when the block ends without error and is removed otherwise. Any error but
    :class:`OnnxUnavailableError` is raised as one, saying ``failure``: the converters raise
    many kinds, and any of them means "fall back"."""
    partial = target.with_name(f"{target.name}.{os.getpid()}.part")
    try:
        yield partial
        partial.replace(target)
    except OnnxUnavailableError:
        raise
    except Exception as exc:
        raise OnnxUnavailableError(f"{failure}: {exc}") from exc
    finally:
        partial.unlink(missing_ok=True)


def _probe_cosine(folder: Path, onnx_file: Path, max_length: int, expected: np.ndarray) -> float:
    """The lowest cosine between ``expected`` and the probes' vectors under ``onnx_file``."""
    got = OnnxEmbedder(folder, onnx_file, max_length).embed_documents(PROBES)
    return float((expected * got).sum(axis=1).min())


def _quantize(folder: Path, source: Path, target: Path, max_length: int) -> None:
    """Quantize the matrix products of the fp32 export ``source`` to int8 into ``target``,
    kept only when its probe vectors stay near the fp32 ones."""
    try:
        from onnxruntime.quantization import QuantType, quantize_dynamic
    except ImportError as exc:
        raise OnnxUnavailableError(f"cannot quantize: {exc}") from exc

    log.info("quantizing %s to int8 (once)", source)
    with _kept_when_done(target, "quantization failed") as partial:
        quiet = logging.getLogger()  # the quantizer advises pre-processing through the root
        level = quiet.level
        quiet.setLevel(logging.ERROR)
        try:
            quantize_dynamic(source, partial, per_channel=True, weight_type=QuantType.QInt8)
        finally:
            quiet.setLevel(level)
        expected = OnnxEmbedder(folder, source, max_length).embed_documents(PROBES)
        cosine = _probe_cosine(folder, partial, max_length, expected)
        if cosine < MIN_COSINE_INT8:
            raise OnnxUnavailableError(f"int8 vectors drift (cosine {cosine:.4f})")


def _export(folder: Path, target: Path, max_length: int) -> None:
    import inspect

    try:
        import onnx  # noqa: F401 - torch's exporter needs it
        import torch
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise OnnxUnavailableError(f"cannot export: {exc}") from exc

    log.info("exporting %s to ONNX (once)", folder)
    # Eager attention exports as plain matrix products that ONNX Runtime fuses into its own
    # attention kernel (the default SDPA exports masking ops that cost a tenth of the time).
    try:
        model = SentenceTransformer(
            str(folder),
            device="cpu",
            local_files_only=True,
            model_kwargs={"attn_implementation": "eager"},
        )
    except Exception as exc:  # e.g. an architecture without eager attention: use torch
        raise OnnxUnavailableError(f"cannot load for export: {exc}") from exc
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
    axes = {name: {0: "batch", 1: "tokens"} for name in [*names, "hidden"]}
    with _kept_when_done(target, "export failed") as partial:
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
        cosine = _probe_cosine(folder, partial, max_length, np.asarray(expected))
        if cosine < MIN_COSINE:
            raise OnnxUnavailableError(f"exported vectors differ (cosine {cosine:.6f})")
