"""The search index: terms found whole and by parts, and result text exactly the page's text."""

from __future__ import annotations

import re

from generator.search import SearchSegmenter

SEGMENTER = SearchSegmenter(["六个百分百", "两闲一空", "两闲一空盘活起效专项行动", "双随机、一公开"])


def _visible(segmented: str) -> str:
    return re.sub(r"<span hidden>.*?</span>", "", segmented).replace("\u200b", "")


def _words(segmented: str) -> tuple[list[str], list[str]]:
    hidden = "".join(re.findall(r"<span hidden>(.*?)</span>", segmented))
    shown = re.sub(r"<span hidden>.*?</span>", "", segmented)
    split = lambda text: [w for w in re.split(r"[\s\u200b，。、]+", text) if w]  # noqa: E731
    return split(shown), split(hidden)


def test_terms_are_whole_words_and_their_parts_are_hidden_words():
    text = "<p>全面落实工地管理六个百分百监管，实施两闲一空盘活起效专项行动。</p>"
    segmented = SEGMENTER.segment(text)
    assert _visible(segmented) == text
    shown, hidden = _words(segmented)
    assert "六个百分百" in shown and "两闲一空盘活起效专项行动" in shown
    assert {"六个", "百分百", "两闲一空", "盘活"} <= set(hidden)


def test_no_single_character_words():
    segmented = SEGMENTER.segment("我们和企业一起在5个区推进。")
    shown, hidden = _words(segmented)
    assert all(len(word) > 1 for word in shown + hidden if re.search("[\u4e00-\u9fff]", word)), (shown, hidden)
    assert _visible(segmented) == "我们和企业一起在5个区推进。"
    assert "企业" in hidden or "企业" in shown


def test_a_form_with_punctuation_adds_its_runs():
    shown, hidden = _words(SEGMENTER.segment("推行双随机、一公开监管"))
    assert "一公开" in shown + hidden and "双随机" in shown + hidden
