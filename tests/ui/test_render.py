"""The chat's HTML, without a browser: escaping, chips, the highlighted span."""

from __future__ import annotations

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
    html = source_html("x.txt", text, 4, 15)
    assert '<mark id="qa-mark">two &lt;three&gt;</mark>' in html
    assert "line 2" in html
    assert "no longer on disk" in source_html("gone.txt", None, 0, 1)
