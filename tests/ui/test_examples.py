"""Example questions: the seeds' for the seeds, made from titles for any other corpus."""

from __future__ import annotations

import shutil
from pathlib import Path

from qa.assistant import Assistant
from qa.settings import Settings
from tests.conftest import DATA, ROOT
from ui.examples import SEED_QUESTIONS, examples, title


def test_titles_are_headlines_not_sentences() -> None:
    assert title("# The Harbour Lighthouse\n\nIt was lit in 1871.\n") == "The Harbour Lighthouse"
    assert title("\nLate frost cuts apple harvest\nA late frost...") == (
        "Late frost cuts apple harvest"
    )
    assert title("China on Thursday urged NATO to stop stoking confrontation.\n") is None
    assert title(" date 2025-06-26 26 June 2025 20:21 (UTC+04:00)\n\nText.") is None
    assert title("") is None


def test_the_seeds_get_their_own_questions(assistant: Assistant) -> None:
    assert examples(assistant) == list(SEED_QUESTIONS)


def test_another_corpus_gets_questions_from_its_own_titles(tmp_path: Path) -> None:
    corpus = tmp_path / "news"
    shutil.copytree(DATA / "news", corpus)
    settings = Settings(index_dir=tmp_path / "index", models_dir=ROOT / "models")
    news = Assistant(settings)
    news.index([corpus])
    assert not news.seeds_indexed()
    overview = news.overview()
    assert (overview.documents, overview.model) == (6, settings.model)
    assert overview.chunks == news.store.count() > 6
    assert overview.llm_server is None and overview.chroma_server is None
    state = news.index_state()
    found = examples(news)
    assert 1 <= len(found) <= 3
    assert not set(found) & set(SEED_QUESTIONS)
    titles = [title(news.document_text(r.source) or "") for r in news.documents()]
    assert all(any(t and t in q for t in titles) for q in found)
    (corpus / "ferry-terminal.txt").unlink()
    news.reindex()
    assert news.index_state() != state
    assert all("ferry terminal" not in q for q in examples(news))
