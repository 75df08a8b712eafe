"""Shared fixtures: every test gets its own index directory; real models load once."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from qa.assistant import Assistant
from qa.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"
NATO_QUESTION = "What share of global spending did China attribute to NATO?"


@pytest.fixture(scope="session", autouse=True)
def _own_model_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Every test session exports the ONNX embedder afresh (so the export is always tested),
    outside the user's cache; `qa` processes the tests start inherit it."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("QA_INDEX__CACHE_DIR", str(tmp_path_factory.mktemp("model-cache")))
        yield


@pytest.fixture(autouse=True)
def _own_index_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test touches the working directory's index."""
    monkeypatch.setenv("QA_INDEX_DIR", str(tmp_path / "index"))
    monkeypatch.setenv("QA_SEEDS_DIR", str(SEEDS))
    monkeypatch.setenv("QA_MODELS_DIR", str(ROOT / "models"))


@pytest.fixture(scope="session")
def seeded_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings of an index of the seeds built once for the session with the real embedder."""
    root = tmp_path_factory.mktemp("seeded")
    corpus = root / "corpus"
    shutil.copytree(SEEDS, corpus)
    settings = Settings(index_dir=root / "index", seeds_dir=corpus, models_dir=ROOT / "models")
    Assistant(settings).index([corpus])
    return settings


@pytest.fixture(scope="session")
def assistant(seeded_settings: Settings) -> Iterator[Assistant]:
    """The real pipeline over the seeds: MiniLM, Chroma, tantivy, SmolLM2."""
    yield Assistant(seeded_settings)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A writable copy of the seeds and the test data."""
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    shutil.copy(DATA / "lighthouse.md", folder / "lighthouse.md")
    return folder
