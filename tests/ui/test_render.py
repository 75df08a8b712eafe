"""The chat's HTML and Markdown, without a browser: escaping, chips, quotes, the header."""

from __future__ import annotations

import html
import re
from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from index.readers import Extracted
from qa.answer import Answer, Citation
from qa.assistant import Overview
from ui.render import (
    QUOTE_CHARS,
    answer_html,
    answer_markdown,
    cite_href,
    clip,
    header_html,
    source_html,
    value_of,
)

CITE = Citation(1, "a b.txt", 4, 9, 1, "<b>55%</b>", 0.5)
LONG = (
    "The Harbour City Gulls, a club founded by dock workers in 1952 that had never before "
    "reached a final, won the Marlow Cup on Saturday evening in front of 18,400 spectators at "
    "Riverside Park, beating the Kestrel Hill Rovers by three goals to one after extra time in "
    "a match that was delayed by forty minutes because of a waterlogged pitch, said “the "
    "coach” on Monday."
)


def test_answers_are_escaped_and_markers_become_chips() -> None:
    answer = Answer("q", "It was <script>55%</script> [1] and [7].", (CITE,), False, "generated")
    page = answer_html(answer)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert 'class="qa-chip" href="#cite/a%20b.txt/4/9"' in page
    assert "[7]" in page  # a marker without a citation stays plain text
    assert "&lt;b&gt;55%&lt;/b&gt;" in page


def test_abstentions_list_related_passages_without_chips() -> None:
    answer = Answer("q", "The documents do not say.", (), True, "abstained", related=(CITE,))
    page = answer_html(answer)
    assert "qa-related-list" in page and "qa-chip" not in page


def test_the_source_panel_marks_the_exact_span() -> None:
    text = "one\ntwo <three>\nfour"
    page = source_html("x.txt", Extracted(text), 4, 15)
    assert '<mark id="qa-mark">two &lt;three&gt;</mark>' in page
    assert "line 2" in page
    assert "no longer on disk" in source_html("gone.txt", None, 0, 1)


def test_long_quotes_end_at_a_word_with_one_ellipsis() -> None:
    quoted = clip(LONG)
    assert len(quoted) <= QUOTE_CHARS + 1 and quoted.endswith("…")
    assert LONG.startswith(quoted[:-1])
    assert LONG[len(quoted) - 1] in " ,"  # the cut falls between words
    assert clip("“Short and quoted.”") == "Short and quoted."
    assert clip("One\n\n  two") == "One two"


def test_a_cut_that_leaves_a_quotation_open_drops_its_marks() -> None:
    text = "He said “" + "word " * 80 + "end”."
    quoted = clip(text)
    assert "“" not in quoted and "”" not in quoted and quoted.endswith("word…")


@given(st.text(alphabet=st.sampled_from("ab “”\"'. \n"), max_size=400))
def test_clipped_quotes_are_short_single_lines(text: str) -> None:
    quoted = clip(text)
    assert "\n" not in quoted and len(quoted) <= QUOTE_CHARS + 1


def test_the_source_list_keeps_the_last_word_with_its_closing_mark() -> None:
    cite = Citation(1, "gulls-cup.md", 2, 400, 3, LONG, 0.8)
    page = answer_html(Answer("q", "They won [1].", (cite,), False, "generated"))
    end = re.search(r'<span class="qa-quote-end">([^<]*)</span>', page)
    assert end is not None and end.group(1).endswith("…”")
    assert "<q" not in page


def test_markdown_has_the_answer_then_numbered_sources() -> None:
    cite = Citation(1, "gulls-cup.md", 2, 400, 3, LONG, 0.8)
    answer = Answer("Who won?", "The Gulls won the Marlow Cup [1].", (cite,), False, "generated")
    markdown = answer_markdown(answer)
    assert markdown.startswith("The Gulls won the Marlow Cup [1].\n\nSources:\n\n- [1] ")
    assert "- [1] gulls-cup.md, line 3: “The Harbour City Gulls" in markdown
    assert "said “the coach” on Monday.”" in markdown  # the whole quote, on one line
    page = answer_html(answer)
    attribute = re.search(r'data-md="([^"]*)"', page)
    assert attribute is not None and html.unescape(attribute.group(1)) == markdown
    assert "\n" not in page.split("qa-copy")[1].split(">")[0]  # one line: no Markdown break


def test_the_header_names_counts_model_and_backends() -> None:
    local = header_html(Overview(1, 12_400, "smollm2", None, None))
    assert "1 document<" in local and "12,400 chunks" in local
    assert "smollm2 in-process" in local and "Chroma local" in local
    remote = header_html(Overview(3, 9, "smollm2", "http://127.0.0.1:8080", "http://h:8000"))
    assert "model served by http://127.0.0.1:8080" in remote
    assert "Chroma server http://h:8000" in remote


def test_a_stopped_draft_says_so() -> None:
    from ui.render import draft_html, is_draft, stopped_html

    draft = draft_html("answering", "The Gulls <won>")
    assert is_draft(draft) and not is_draft(answer_html(Answer("q", "x", (), True, "abstained")))
    stopped = stopped_html(draft)
    assert "Stopped" in stopped and "Answering" not in stopped and "&lt;won&gt;" in stopped


def test_a_pdf_citation_shows_its_page_and_only_that_page() -> None:
    text = "First page text.\n\nSecond page: the <cited> span.\n\nThird page."
    pages = (0, 18, 50)
    start = text.index("the <cited>")
    panel = source_html("report.pdf", Extracted(text, pages), start, start + 16)
    assert "report.pdf</b> · p. 2 ·" in panel
    assert '<mark id="qa-mark">the &lt;cited&gt; span</mark>' in panel
    assert "First page" not in panel and "Third page" not in panel
    answer = Answer("q", "It is [1].", (replace(CITE, source="report.pdf", page=2),), False, "x")
    listed = answer_html(answer)
    assert "report.pdf" in listed and "page 2" in listed and 'title="report.pdf, page 2"' in listed


def test_the_answers_value_is_emphasised_in_its_quote_and_in_the_panel() -> None:
    text = "NATO Secretary General Mark Rutte spoke on Tuesday."
    cite = Citation(1, "a.txt", 100, 100 + len(text), 3, text, 0.9, highlight=(123, 133))
    assert value_of(cite) == "Mark Rutte"
    listed = answer_html(Answer("Who?", "Mark Rutte [1].", (cite,), False, "value"))
    assert '<strong class="qa-value">Mark Rutte</strong>' in listed
    assert cite_href(cite).endswith("/100/151/123/133")
    document = "x" * 100 + text
    panel = source_html("a.txt", Extracted(document), 100, 151, (123, 133))
    assert '<mark id="qa-mark">NATO Secretary General <strong class="qa-value">Mark Rutte' in panel
