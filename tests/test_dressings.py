"""The same report converts the same way however a crawler or an older portal dressed it.

For each of the ten reports in ``seeds/``, hypothesis draws dressings from
``tests/dressings.py``, each alone and combined: a crawler's metadata block in
one of several shapes, a letter-spaced title, U+2015 dashes, the meeting line
and the speaker on one line, ASCII quotes, numbered headings glued to the
line after them, and (for the scrapes) the whole text run together on one
line. The dressed report must give the clean version's Markdown,
title, date, speaker and region.

Glued headings are split only where the split is certain (the outline, or a
part's stock opening: ``glued_headings``). Where it is not, the heading and
its paragraph stay one block with not a character lost, and nothing else of
the report changes; how many are split in each report is measured below.

The reports convert without their overrides files here: an overrides file
quotes the lines of the file it was written for.
"""

from __future__ import annotations

from functools import lru_cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.audit import glued_heading
from generator.convert import convert_lines
from generator.inline import plain
from generator.model import Block, Box, GlossarySection, Heading, NumberedList, Paragraph, Report, ReportMeta, Table
from generator.render.report import render_report
from generator.sources.read import split_lines

from . import dressings
from .conftest import ALL_SLUGS, DEV_SLUGS, SEEDS

EXAMPLES = 30  # per report


def convert(text: str, slug: str) -> Report:
    lines, indents, page_starts = split_lines(text)
    meta = ReportMeta(slug=slug, source_file=f"{slug}.txt")
    return convert_lines(lines, meta, file=f"seeds/{slug}.txt", indents=indents, page_starts=page_starts)


@lru_cache(maxsize=None)
def original(slug: str) -> str:
    return (SEEDS / f"{slug}.txt").read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def clean(slug: str) -> Report:
    return convert(original(slug), slug)


@lru_cache(maxsize=None)
def clean_markdown(slug: str) -> str:
    return render_report(convert(original(slug), slug))


def dress(slug: str, chosen: set[str], shape: str) -> str:
    """The dressings applied bottom-up, so that each finds its lines where the clean conversion says they are."""
    report, lines = clean(slug), dressings.lines_of(original(slug))
    if "quotes" in chosen:
        lines = dressings.ascii_quotes(lines, report)
    if "glued" in chosen:
        lines = dressings.glued_headings(lines, report)
    if "dashes" in chosen:
        lines = dressings.bar_dashes(lines, report)
    if "one-line" in chosen:
        lines = dressings.meeting_and_speaker(lines, report)
    if "spaced" in chosen:
        lines = dressings.letter_spaced_title(lines, report)
    if "together" in chosen:
        lines = dressings.run_together(lines)
    if "block" in chosen:
        lines = dressings.metadata_block(lines, report, shape)
    return "\n".join(lines)


def content(block: Block) -> str:
    """A block's text, whatever its kind (line numbers aside: dressings move lines)."""
    if isinstance(block, (Heading, Paragraph)) or hasattr(block, "text"):
        return plain(block.text)  # type: ignore[attr-defined]
    if isinstance(block, Table):
        return "|".join(block.header + [cell for row in block.rows for cell in row.cells] + [block.caption or ""])
    if isinstance(block, Box):
        return content(block.title) + "".join(content(p) for p in block.items + block.paragraphs) + \
            (content(block.table) if block.table else "")
    if isinstance(block, GlossarySection):
        return content(block.heading) + "".join(f"{e.label}{e.definition}" for e in block.entries)
    if isinstance(block, NumberedList):
        return "".join(i.text + "".join(content(p) for p in i.paragraphs) for i in block.items)
    return type(block).__name__


def signature(blocks: list[Block]) -> list[tuple[str, str]]:
    return [(type(block).__name__, content(block)) for block in blocks]


def _kept_whole(dressed: Report, slug: str) -> list[str]:
    """Glued headings the conversion left in their paragraph, checked block by block against the clean version."""
    expected = signature(clean(slug).blocks)
    # A heading whose glued siblings stayed paragraphs is read as one of them (a lead-in cut by a page
    # break, blocks._align_numbered_siblings) and joins its paragraph: as in a report glued throughout.
    blocks = clean(slug).blocks
    pairs = {plain(heading.text): plain(paragraph.text) for heading, paragraph in zip(blocks, blocks[1:])
             if isinstance(heading, Heading) and heading.style in dressings.NUMBERED and isinstance(paragraph, Paragraph)}
    merged: list[tuple[str, str]] = []
    got = [text for _, text in signature(dressed.blocks)]
    kept = []
    index = 0
    while index < len(expected):
        kind, text = expected[index]
        if kind == "Heading" and text in pairs and text + pairs[text] in got and text not in got:
            merged.append(("kept", text + pairs[text]))
            kept.append(text)
            index += 2
            continue
        merged.append((kind, text))
        index += 1
    assert [text for _, text in merged] == got, "nothing but the glued blocks may change"
    return kept


@pytest.mark.parametrize("slug", ALL_SLUGS)
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True)
@given(data=st.data())
def test_every_dressing_gives_the_clean_report(slug, data):
    kinds = ["block", "spaced", "dashes", "one-line", "quotes", "glued"] + (["together"] if slug in DEV_SLUGS else [])
    chosen = data.draw(st.sets(st.sampled_from(kinds), min_size=1), label="dressings")
    shape = data.draw(st.sampled_from(dressings.SHAPES), label="block shape")
    dressed = convert(dress(slug, chosen, shape), slug)
    want = clean(slug).meta
    for name in ("title", "date", "speaker", "region", "doc_title", "subtitle", "meeting"):
        assert getattr(dressed.meta, name) == getattr(want, name), name
    if "block" in chosen and shape not in ("crawler-unknown", "portal", "disclosure"):
        assert dressed.meta.source_url == f"http://www.example.gov.cn/zwgk/{slug}.html"
    # What the block adds is the page's address, publication date and publisher, where the report
    # states none; the rest is the report.
    for name in ("source_url", "published", "source"):
        if getattr(want, name):
            assert getattr(dressed.meta, name) == getattr(want, name), name
        setattr(dressed.meta, name, getattr(want, name))
    if "glued" in chosen and _kept_whole(dressed, slug):
        return  # checked block by block
    assert render_report(dressed) == clean_markdown(slug)


# What the glued dressing leaves to the split rule, per report: (glued, split). The plan's table of
# contents states every chapter and section; the work reports' parts open with a stock opening; a
# sub-part's paragraph opens with anything, so no sub-part heading is split without an outline.
SPLIT = {
    "yuquan-2023-work-report": (4, 1),
    "yuquan-15th-five-year-plan": (72, 72),
    "hohhot-2022-work-report": (12, 3),
    "huimin-2022-work-report": (10, 0),
    "shiguai-2024-work-report": (4, 0),
    "beijing-2026-work-report": (13, 3),
    "guangdong-2026-work-report": (2, 2),
    "sichuan-2026-work-report": (3, 3),
    "shaanxi-2026-work-report": (12, 3),
    "qinghai-2026-work-report": (3, 3),
}


@pytest.mark.parametrize("slug", ALL_SLUGS)
def test_glued_headings_split_where_certain_and_kept_whole_elsewhere(slug):
    dressed = convert(dress(slug, {"glued"}, ""), slug)
    pairs = dressings.glued(clean(slug))
    _kept_whole(dressed, slug)
    found = list(zip(signature(dressed.blocks), signature(dressed.blocks[1:])))
    split = [h for h, p in pairs if (("Heading", plain(h.text)), ("Paragraph", plain(p.text))) in found]
    assert (len(pairs), len(split)) == SPLIT[slug]
    # Every part heading split is the clean heading, and every part heading kept is warned about.
    headings = {plain(block.text) for block in dressed.blocks if isinstance(block, Heading)}
    for heading, _ in pairs:
        text = plain(heading.text)
        if heading.style == "part" and text not in headings:
            assert any(glued_heading(block) and plain(block.text).startswith(text) for block in dressed.blocks), text


def test_the_dressings_really_dress():
    slug = "yuquan-2023-work-report"
    text = dress(slug, {"block", "spaced", "dashes", "one-line", "quotes", "glued"}, "crawler")
    assert text.startswith("标题：玉泉区2023年政府工作报告\n发文单位：玉泉区人民政府\n发文时间：未知\n年份：2023\n")
    assert "政 府 工 作 报 告" in text and "――2023年1月7日在玉泉区第十八届" in text
    assert "人民代表大会第二次会议上 玉泉区人民政府区长 南 男" in text
    assert '"' in text and "“" not in text
    assert "二、2023 年工作安排2023 年是党的二十大开局之年" in text
    paragraph = next(block for block in clean(slug).blocks if isinstance(block, Paragraph))
    assert paragraph.text in clean_markdown(slug)
