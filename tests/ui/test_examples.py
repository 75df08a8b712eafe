"""Example questions: the seeds' for the seeds, made from the documents for any other corpus."""

from __future__ import annotations

import shutil
from pathlib import Path

from qa.assistant import Assistant
from qa.settings import Settings
from tests.conftest import DATA, ROOT
from ui.examples import SEED_QUESTIONS, count_questions, examples, title


def test_titles_are_headlines_not_sentences() -> None:
    assert title("# The Harbour Lighthouse\n\nIt was lit in 1871.\n") == "The Harbour Lighthouse"
    assert title("\nLate frost cuts apple harvest\nA late frost...") == (
        "Late frost cuts apple harvest"
    )
    assert title("China on Thursday urged NATO to stop stoking confrontation.\n") is None
    assert title(" date 2025-06-26 26 June 2025 20:21 (UTC+04:00)\n\nText.") is None
    assert title("") is None
    assert title("Chapter 1. Definitions and overview\n") == "Definitions and overview"
    assert title("2.4. Populating a Table With Rows\n") == "Populating a Table With Rows"


def test_counts_become_how_many_questions() -> None:
    text = (
        "Residents of Quay Street, who had collected 2,300 signatures against the first design, "
        "said so. It cost 14.2 million pounds in 1968; 78 percent agreed. The 3 votes."
    )
    assert count_questions(text) == [("How many signatures against the first design?", "2,300")]
    assert count_questions("It gave 9,100 tonnes last year.") == []  # no phrase to keep


def test_the_seeds_get_their_own_questions(assistant: Assistant) -> None:
    assert examples(assistant) == list(SEED_QUESTIONS)


def test_another_corpus_gets_questions_from_its_own_documents(tmp_path: Path) -> None:
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
    made = {q for r in news.documents() for q, _ in count_questions(news.document_text(r.source))}
    assert set(found) <= made
    assert "How many signatures against the first design?" in found
    (corpus / "ferry-terminal.txt").unlink()
    news.reindex()
    assert news.index_state() != state
    assert "How many signatures against the first design?" not in examples(news)


def test_documents_without_counts_get_questions_about_their_titles(tmp_path: Path) -> None:
    corpus = tmp_path / "notes"
    corpus.mkdir()
    (corpus / "keeper.md").write_text(
        "# The keeper of the Pellmouth light\n\nAda Morrow kept the Pellmouth light burning "
        "through the great storm. She wrote that the waves reached the gallery rail.\n",
        encoding="utf-8",
    )
    notes = Assistant(Settings(index_dir=tmp_path / "index", models_dir=ROOT / "models"))
    notes.index([corpus])
    assert examples(notes) == [
        "What do the documents say about “The keeper of the Pellmouth light”?"
    ]
