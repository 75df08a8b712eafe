"""The chat's HTML, without a browser: escaping, chips, the highlighted span."""

from __future__ import annotations

from dataclasses import replace

from index.readers import Extracted
from qa.answer import Answer, Citation
from ui.render import answer_html, source_html

CITE = Citation(1, "a b.txt", 4, 9, 1, "<b>55%</b>", 0.5)


def test_answers_are_escaped_and_markers_become_chips() -> None:
    answer = Answer("q", "It was <script>55%</script> [1] and [7].", (CITE,), False, "generated")
    html = answer_html(answer)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'class="qa-chip" href="#cite/a%20b.txt/4/9"' in html
    assert "[7]" in html  # a marker without a citation stays plain text
    assert "&lt;b&gt;55%&lt;/b&gt;" in html


def test_abstentions_list_related_passages_without_chips() -> None:
    answer = Answer("q", "The documents do not say.", (), True, "abstained", related=(CITE,))
    html = answer_html(answer)
    assert "qa-related-list" in html and "qa-chip" not in html


def test_the_source_panel_marks_the_exact_span() -> None:
    text = "one\ntwo <three>\nfour"
    html = source_html("x.txt", Extracted(text), 4, 15)
    assert '<mark id="qa-mark">two &lt;three&gt;</mark>' in html
    assert "line 2" in html
    assert "no longer on disk" in source_html("gone.txt", None, 0, 1)


def test_a_pdf_citation_shows_its_page_and_only_that_page() -> None:
    text = "First page text.\n\nSecond page: the <cited> span.\n\nThird page."
    pages = (0, 18, 50)
    start = text.index("the <cited>")
    html = source_html("report.pdf", Extracted(text, pages), start, start + 16)
    assert "report.pdf</b> · p. 2 ·" in html
    assert '<mark id="qa-mark">the &lt;cited&gt; span</mark>' in html
    assert "First page" not in html and "Third page" not in html
    answer = Answer("q", "It is [1].", (replace(CITE, source="report.pdf", page=2),), False, "x")
    listed = answer_html(answer)
    assert "report.pdf p. 2" in listed and 'title="report.pdf, page 2"' in listed
