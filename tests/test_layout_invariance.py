"""The same report converts the same way however its lines are laid out.

For each of the five provincial reports (web scrapes: one paragraph per
line), hypothesis draws the other layouts reports arrive in (see
``tests/layouts.py``):

* (a) one line per paragraph, the scrape as it is;
* (b) blank-line-separated blocks, with page breaks cutting paragraphs at
  drawn positions inside sentences;
* (c) a PDF text layer hard-wrapped at 24–40 characters a line, paragraphs
  indented (U+3000 or spaces), headings flush left, the cover centred, a
  page number in a drawn style on every page, form feeds or not, a running
  header or not;
* (d) CRLF line ends in GB18030, of (a) or (c);
* (e) the whole text on one line, each paragraph after an indent, as a
  dataset's text field holds it.

All of them must give the Markdown that (a) gives: the same cover, headings,
paragraphs and glossary, and no page number left.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.convert import convert_lines
from generator.model import ReportMeta
from generator.render.report import render_report
from generator.sources.read import decode, split_lines

from .conftest import DEV_SLUGS, SEEDS
from .layouts import (SEPARATORS, PageStyle, as_blocks, as_legacy_bytes, as_lines, as_run_together, as_wrapped, cut_points,
                      cuttable, paragraphs_of)

EXAMPLES = 20  # per report; each example converts three layouts of a whole report


def markdown(text: str) -> str:
    lines, indents, page_starts = split_lines(text)
    meta = ReportMeta(slug="report", source_file="report.txt")
    return render_report(convert_lines(lines, meta, file="report.txt", indents=indents, page_starts=page_starts))


@lru_cache(maxsize=None)
def paragraphs(slug: str) -> tuple[str, ...]:
    return tuple(paragraphs_of((SEEDS / f"{slug}.txt").read_text(encoding="utf-8")))


@lru_cache(maxsize=None)
def reference(slug: str) -> str:
    return markdown(as_lines(list(paragraphs(slug))))


def page_styles(title: str) -> st.SearchStrategy[PageStyle]:
    return st.builds(
        PageStyle,
        columns=st.integers(24, 40).map(lambda characters: 2 * characters),
        lines_per_page=st.integers(16, 42),
        numbers=st.sampled_from(["dash", "hyphen", "nth", "of", "bare"]),
        form_feeds=st.booleans(),
        header=st.sampled_from(["", "政府工作报告", title, "2026年政府工作报告（提请审议稿）"]),
        indent=st.sampled_from(["\u3000\u3000", "    ", "  "]),
        indent_headings=st.booleans(),
        blank_around_numbers=st.booleans(),
    )


def _printed_numbers(style: PageStyle, pages: int) -> list[str]:
    """The page numbers as the layout printed them (bare numbers are left to the equality)."""
    shape = {"dash": "— {} —", "hyphen": "- {} -", "nth": "第{}页", "of": "{}/" + str(pages)}.get(style.numbers)
    return [shape.format(number) for number in range(1, pages + 1)] if shape else []


@pytest.mark.parametrize("slug", DEV_SLUGS)
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True)
@given(data=st.data())
def test_every_layout_gives_the_same_markdown(slug, data):
    texts = list(paragraphs(slug))
    expected = reference(slug)
    chosen = data.draw(st.sets(st.sampled_from(cuttable(texts)), max_size=25), label="paragraphs cut")
    cuts = {index: data.draw(st.sampled_from(cut_points(texts[index])), label=f"cut {index}") for index in sorted(chosen)}
    title = texts[0] if len(texts[0]) <= 20 else "政府工作报告"
    style = data.draw(page_styles(title), label="page style")

    assert markdown(as_blocks(texts, cuts)) == expected, "(b) blocks with page breaks"
    wrapped = as_wrapped(texts, style)
    converted = markdown(wrapped)
    assert converted == expected, "(c) hard-wrapped PDF text"
    pages = wrapped.count("\n") // style.lines_per_page + 2
    left = [number for number in _printed_numbers(style, pages) if re.search(rf"(?<!\d){re.escape(number)}(?!\d)", converted)]
    assert not left, f"page numbers left in the text: {left[:3]}"
    legacy = data.draw(st.sampled_from(["lines", "wrapped"]), label="(d) of")
    source = as_lines(texts) if legacy == "lines" else wrapped
    assert markdown(decode(as_legacy_bytes(source))) == expected, "(d) CRLF and GB18030"
    separator = data.draw(st.sampled_from(SEPARATORS), label="(e) separator")
    assert markdown(as_run_together(texts, separator, data.draw(st.booleans(), label="(e) indented"))) == expected, \
        "(e) run together on one line"


def test_the_layouts_really_differ():
    """The layouts are what they claim to be: blank lines, hard wraps, furniture, another encoding."""
    texts = list(paragraphs("guangdong-2026-work-report"))
    cuts = {index: cut_points(texts[index])[0] for index in cuttable(texts)[:5]}
    blocks = as_blocks(texts, cuts)
    assert blocks.count("\n\n") == len(texts) + 5 - 1
    style = PageStyle(columns=56, numbers="dash", header="政府工作报告")
    wrapped = as_wrapped(texts, style)
    lines = wrapped.split("\n")
    assert max(len(line) for line in lines if "\f" not in line) <= 40  # 28 characters a line, indents and numbers
    assert "— 3 —" in wrapped and wrapped.count("\f") >= 10 and wrapped.count("政府工作报告") >= 10
    together = as_run_together(texts, "\u3000\u3000", indented=True)
    assert together.count("\n") == 1 and together.count("\u3000\u3000") == len(texts)
    legacy = as_legacy_bytes(as_lines(texts))
    assert b"\r\n" in legacy and legacy.decode("gb18030") == as_lines(texts).replace("\n", "\r\n")
    with pytest.raises(UnicodeDecodeError):
        legacy.decode("utf-8")
