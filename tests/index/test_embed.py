"""The embedder under ONNX Runtime gives sentence-transformers' vectors (real model)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

import index.onnx_embedder as onnx_embedder
from index.chunk import sentence_spans
from index.config import IndexSettings
from index.embed import SentenceTransformerEmbedder, bundled_model_path, load_embedder
from index.onnx_embedder import OnnxEmbedder, OnnxUnavailableError, load_onnx_embedder
from qa.settings import Settings
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def torch_embedder() -> SentenceTransformerEmbedder:
    return SentenceTransformerEmbedder(bundled_model_path())


def _seed_sentences() -> list[str]:
    sentences = []
    for file in sorted((ROOT / "seeds").glob("*.txt")):
        text = file.read_text(encoding="utf-8")
        sentences += [text[s.start : s.end] for s in sentence_spans(text)]
    return sentences


def test_onnx_vectors_are_the_torch_vectors(torch_embedder: SentenceTransformerEmbedder) -> None:
    cache = Settings().index.cache_dir
    assert cache is not None  # the session's own, never the user's
    embedder = load_embedder(backend="onnx", cache_dir=cache, precision="fp32")
    assert isinstance(embedder.encoder, OnnxEmbedder)  # type: ignore[attr-defined]
    texts = [*_seed_sentences(), "", "x" * 5000]
    onnx = embedder.embed_documents(texts)
    torch = torch_embedder.embed_documents(texts)
    assert onnx.shape == torch.shape == (len(texts), 384)
    assert float((onnx * torch).sum(axis=1).min()) > 0.9999
    assert np.allclose(np.linalg.norm(onnx, axis=1), 1.0, atol=1e-5)
    assert embedder.embed_documents([]).shape == (0, 384)
    assert len([f for f in cache.glob("*.onnx") if not f.stem.endswith("-int8")]) == 1


def test_int8_vectors_stay_near_the_torch_vectors(
    torch_embedder: SentenceTransformerEmbedder,
) -> None:
    embedder = load_embedder(cache_dir=Settings().index.cache_dir, precision="int8")
    assert isinstance(embedder.encoder, OnnxEmbedder)  # type: ignore[attr-defined]
    assert embedder.encoder.onnx_file.name.endswith("-int8.onnx")  # type: ignore[attr-defined]
    texts = _seed_sentences()
    cosines = (embedder.embed_documents(texts) * torch_embedder.embed_documents(texts)).sum(axis=1)
    assert float(cosines.mean()) > 0.99
    assert float(cosines.min()) > onnx_embedder.MIN_COSINE_INT8


def test_equal_texts_are_encoded_once_and_given_the_same_vector(tmp_path: Path) -> None:
    embedder = load_onnx_embedder(bundled_model_path(), 32, tmp_path)
    seen: list[int] = []
    encode = embedder._encode

    def counted(encodings: list[object]) -> object:
        seen.append(len(encodings))
        return encode(encodings)  # type: ignore[arg-type]

    embedder._encode = counted  # type: ignore[method-assign]
    texts = ["Home | Index", "The harbour light.", " Home | Index\n", "Home | Index"]
    vectors = embedder.embed_documents(texts)
    assert sum(seen) == 2
    assert vectors.shape == (4, 384)
    assert np.array_equal(vectors[0], vectors[2]) and np.array_equal(vectors[0], vectors[3])
    alone = embedder.embed_documents(["The harbour light."])[0]
    assert float(vectors[1] @ alone) > 0.99999


def test_an_int8_model_that_drifts_is_not_kept(tmp_path: Path, monkeypatch, caplog) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(onnx_embedder, "MIN_COSINE_INT8", 1.01)  # nothing quantized passes
    embedder = load_onnx_embedder(bundled_model_path(), 32, tmp_path, "int8")
    assert not embedder.onnx_file.name.endswith("-int8.onnx")  # the fp32 export
    assert "encoding in fp32, not int8 (int8 vectors drift" in caplog.text
    assert [f.name for f in tmp_path.iterdir() if "int8" in f.name] == []


def test_a_failed_quantization_falls_back_to_fp32(tmp_path: Path, monkeypatch, caplog) -> None:  # type: ignore[no-untyped-def]
    import onnxruntime.quantization

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("unsupported operator")

    monkeypatch.setattr(onnxruntime.quantization, "quantize_dynamic", broken)
    embedder = load_onnx_embedder(bundled_model_path(), 32, tmp_path, "int8")
    assert not embedder.onnx_file.name.endswith("-int8.onnx")
    assert "quantization failed: unsupported operator" in caplog.text
    assert embedder.embed_documents(["still encodes"]).shape == (1, 384)


def test_the_fingerprint_separates_int8_from_fp32_vectors() -> None:
    int8 = IndexSettings()
    fp32 = IndexSettings(embed_precision="fp32")
    torch = IndexSettings(embed_backend="torch")
    assert int8.fingerprint() != fp32.fingerprint()
    # fp32 under ONNX Runtime and torch give one set of vectors: indexes made before int8
    # existed keep their name and stay valid with fp32.
    assert fp32.fingerprint() == torch.fingerprint() == "af2dfca548"


def test_the_export_is_made_once_and_reused(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    folder = bundled_model_path()
    load_onnx_embedder(folder, 32, tmp_path)
    (exported,) = tmp_path.glob("*.onnx")
    assert not list(tmp_path.glob("*.part"))

    def no_export(*args: object) -> None:
        raise AssertionError("exported again")

    monkeypatch.setattr(onnx_embedder, "_export", no_export)
    again = load_onnx_embedder(folder, 32, tmp_path)
    assert again.embed_documents(["still here"]).shape == (1, 384)
    assert list(tmp_path.glob("*.onnx")) == [exported]


def test_a_changed_model_folder_replaces_its_old_export(tmp_path: Path) -> None:
    folder = _copy_of_the_model(tmp_path / "model")
    cache = tmp_path / "cache"
    load_onnx_embedder(folder, 32, cache)
    (old,) = cache.glob("*.onnx")
    (folder / "README.md").write_text("A retrained model.", encoding="utf-8")
    load_onnx_embedder(folder, 32, cache)
    (new,) = cache.glob("*.onnx")
    assert new != old


def _copy_of_the_model(target: Path) -> Path:
    """The bundled model folder, its large files linked rather than copied."""
    source = bundled_model_path()
    for file in source.rglob("*"):
        if file.is_file():
            out = target / file.relative_to(source)
            out.parent.mkdir(parents=True, exist_ok=True)
            if file.stat().st_size > 1_000_000:
                out.symlink_to(file)
            else:
                shutil.copy(file, out)
    return target


def test_a_model_it_cannot_compute_falls_back_to_torch(tmp_path: Path) -> None:
    folder = _copy_of_the_model(tmp_path / "cls-model")
    pooling = folder / "1_Pooling" / "config.json"
    config = json.loads(pooling.read_text())
    config.update(pooling_mode_mean_tokens=False, pooling_mode_cls_token=True)
    pooling.write_text(json.dumps(config))
    with pytest.raises(OnnxUnavailableError, match="not mean pooling"):
        load_onnx_embedder(folder, 32, tmp_path / "cache")
    embedder = load_embedder(str(folder), backend="onnx", cache_dir=tmp_path / "cache")
    assert isinstance(embedder.encoder, SentenceTransformerEmbedder)  # type: ignore[attr-defined]
    assert embedder.embed_query("The harbour light.").shape == (384,)
    assert not (tmp_path / "cache").exists()
