"""Attaching annotations: matching on repaired text, barriers, bold, longest match."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.glossary.annotate import annotate_report
from generator.inline import BOLD_CLOSE, BOLD_OPEN, TERM_CLOSE, strip_markers, term_index
from generator.glossary.matching import TermMatcher
from generator.model import Paragraph
from generator.repair.errata import apply_errata  # noqa: F401 (errata are tested through convert)

from .helpers import convert

MATCHER = TermMatcher({
    "两闲一空": "liang-xian-yi-kong", "两闲一空盘活起效专项行动": "liang-xian-yi-kong",
    "清五乱": "qing-wu-luan", "六个百分百": "liu-ge-bai-fen-bai", "两个基地": "liang-ge-ji-di",
})


def _annotated(text: str):
    report = convert(text)
    occurrences = annotate_report(report, MATCHER)
    paragraphs = [b.text for b in report.blocks if isinstance(b, Paragraph)]
    return report, occurrences, paragraphs


def _spans(text: str) -> list[str]:
    spans, current = [], None
    for char in text:
        if term_index(char) is not None:
            current = []
        elif char == TERM_CLOSE:
            spans.append("".join(current))
            current = None
        elif current is not None:
            current.append(char)
    return spans


def test_a_term_cut_by_a_page_break_is_found():
    _, occurrences, paragraphs = _annotated("各位代表：\n\n全面落实工地管理六个百\n\n分百监管要求。")
    assert [o.surface for o in occurrences] == ["六个百分百"]
    assert _spans(paragraphs[1]) == ["六个百分百"]


def test_longest_form_first_and_numbering_per_term():
    _, occurrences, paragraphs = _annotated("各位代表：\n\n实施两闲一空盘活起效专项行动，两闲一空成效明显，持续开展清五乱。")
    assert [(o.surface, o.anchor) for o in occurrences] == [
        ("两闲一空盘活起效专项行动", "t-liang-xian-yi-kong-1"), ("两闲一空", "t-liang-xian-yi-kong-2"),
        ("清五乱", "t-qing-wu-luan-1"),
    ]
    assert strip_markers(paragraphs[1]) == "实施两闲一空盘活起效专项行动，两闲一空成效明显，持续开展清五乱。"


def test_look_alikes_and_partial_words_are_not_terms():
    _, occurrences, _ = _annotated("各位代表：\n\n持续开展清四乱，落实四个百分百，推进多心合一。")
    assert occurrences == []


def test_a_footnote_mark_is_a_barrier():
    _, occurrences, _ = _annotated("各位代表：\n\n推进两闲<sup>1</sup>一空。\n\n<sup>1</sup> 注：说明。")
    assert occurrences == []


def test_bold_inside_a_term_moves_outside_it():
    _, occurrences, paragraphs = _annotated("各位代表：\n\n围绕**全市打造两个**基地建设。")
    assert [o.surface for o in occurrences] == ["两个基地"]
    text = paragraphs[1]
    assert _spans(text) == ["两个基地"]
    assert text.index(BOLD_CLOSE) < text.index(chr(0xF0000))  # the bold now closes before the term
    assert BOLD_OPEN in text and strip_markers(text) == "围绕全市打造两个基地建设。"


def test_snippets_give_about_twenty_characters_each_side():
    _, occurrences, _ = _annotated("各位代表：\n\n" + "甲" * 30 + "清五乱" + "乙" * 30 + "。")
    assert (occurrences[0].before, occurrences[0].after) == ("甲" * 20, "乙" * 20)


def test_annotating_twice_does_not_nest_terms():
    report = convert("各位代表：\n\n持续开展清五乱。")
    first = annotate_report(report, MATCHER)
    second = annotate_report(report, MATCHER)
    assert first is second and len(first) == 1


def _matching_text_by_character(text: str) -> tuple[str, list[int]]:
    """The definition, one character at a time: bold marks vanish, other marks become barriers."""
    chars, positions = [], []
    for index, char in enumerate(text):
        if char in (BOLD_OPEN, BOLD_CLOSE):
            continue
        code = ord(char)
        chars.append("\x00" if 0xE000 <= code <= 0xE7FF or 0xF0000 <= code <= 0xFFFFD else char)
        positions.append(index)
    return "".join(chars), positions


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from(["六", "个", "百", "分", "。", "a", BOLD_OPEN, BOLD_CLOSE, "\ue100", "\ue400",
                                           TERM_CLOSE, "\U000f0003"]), max_size=40))
def test_matching_positions_agree_with_the_character_by_character_definition(text):
    from generator.glossary.annotate import _matching_text

    visible, positions = _matching_text(text)
    expected_visible, expected_positions = _matching_text_by_character(text)
    assert visible == expected_visible
    assert [positions[i] for i in range(len(visible))] == expected_positions
