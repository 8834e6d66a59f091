"""Property: repair never drops, duplicates or reorders Han characters.

For arbitrary input, the Han characters of the converted report plus those of
the text that rules removed (and recorded) are exactly the Han characters of
the input; and inside every block they keep their order.
"""

from __future__ import annotations

from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.inline import han_only, plain
from generator.model import Box, GlossarySection, Heading, Paragraph, Report, Table

from .helpers import convert

HAN = "两闲一空六个百分百政府工作报告各位代表名词解释第一二三章节专栏年月日区长南男注释目录字体打印基层"
LINE_PIECES = st.one_of(
    st.text(alphabet=HAN, min_size=1, max_size=12),
    st.sampled_from([
        "，", "。", "、", "；", "：", "“", "”", "（", "）", ",", ";", ":", "!", "(", ")", " ", "  ", "\t", "**",
        "1.", "12", "3.5", "GDP", "——", "—", "#", "## ", "<b>", "</b>", "<sup>1</sup>", "<i>", "一、", "（一）",
        "(二) ", "第一章 ", "第二节 ", "专栏 1 ", ".....\t3", "各位代表：", "名词解释", "1.“两闲一空”：", "字体(  ) 打印",
    ]),
)
LINE = st.lists(LINE_PIECES, min_size=0, max_size=8).map("".join)
DOCUMENT = st.lists(LINE, min_size=1, max_size=30).map("\n".join)


def _is_subsequence(needle: str, haystack: str) -> bool:
    characters = iter(haystack)
    return all(char in characters for char in needle)


def output_pieces(report: Report) -> list[str]:
    """Han text of every piece the report shows, each piece in its own order."""
    meta = report.meta
    pieces = [meta.doc_title, meta.subtitle, meta.speaker, meta.date_line, *meta.cover_lines]
    for block in report.blocks:
        if isinstance(block, (Heading, Paragraph)):
            if block.lines:  # a heading the converter added (名词解释) has no source line
                pieces.append(block.text)
        elif isinstance(block, Table):
            pieces += [block.caption or "", *block.header, *(c for r in block.rows for c in r.cells), block.note or ""]
        elif isinstance(block, Box):
            pieces.append(block.title.text)
            if block.table:
                t = block.table
                pieces += [*t.header, *(c for r in t.rows for c in r.cells), t.note or ""]
            pieces += [p.text for p in block.items + block.paragraphs]
        elif isinstance(block, GlossarySection):
            if block.heading.lines:
                pieces.append(block.heading.text)
            pieces += [e.label + plain(e.definition) for e in block.entries]
    pieces += list(report.footnotes.values())
    return [han_only(plain(piece)) for piece in pieces]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCUMENT)
def test_repair_keeps_every_han_character(document):
    report = convert(document)
    source = han_only(document)
    shown = output_pieces(report)
    removed = "".join(han_only(removal.text) for removal in report.removals)
    assert Counter("".join(shown) + removed) == Counter(source)
    for piece in shown:
        assert _is_subsequence(piece, source), piece
