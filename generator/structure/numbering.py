"""How Chinese government documents number and mark their parts.

One place for the numbering vocabulary shared by classification and structure.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..inline import plain, strip_markers
from ..segmentation import shared_tokenizer

CN_DIGITS = "一二三四五六七八九十百零〇两"

CHAPTER = re.compile(rf"^第[{CN_DIGITS}\d]+[章篇](?=\s|$|[^{CN_DIGITS}])")
SECTION = re.compile(rf"^第[{CN_DIGITS}\d]+节(?=\s|$|[^{CN_DIGITS}])")
PART = re.compile(rf"^[{CN_DIGITS}]{{1,3}}、")
PAREN = re.compile(rf"^[（(]\s*[{CN_DIGITS}]{{1,3}}\s*[）)]\s*")
BOX = re.compile(r"^专栏\s*(\d{1,3})\s*")
# 附件1, 附件 2：, 附件一, 附件： and the title that may follow on the same line.
APPENDIX = re.compile(rf"^附\s*件\s*(?P<number>\d{{1,2}}|[{CN_DIGITS}]{{1,3}})?\s*[:：]?\s*(?P<title>.*)$")
# 名词解释, 【名词解释】, 附件2 名词解释, 名词注释, 《政府工作报告》有关内容名词注释, 注释.
GLOSSARY_TITLE = re.compile(
    rf"^(?:附\s*件?\s*(?:\d{{1,2}}|[{CN_DIGITS}]{{1,3}})?\s*[:：]?\s*)?[【\[〔（(]?\s*"
    r"(?:《[^》]{1,30}》\s*(?:有关内容|有关|相关|中的?|部分)?\s*)?"
    r"(?:名\s*词\s*(?:解\s*释|注\s*释|说\s*明)|注\s*释)\s*[】\]〕）)]?\s*[:：]?$"
)
# 1. 1、 ① ［1］ [1] 【1】 （1）: how list items and 名词解释 entries are numbered.
ITEM_NUMBER = re.compile(
    r"^(?:(\d{1,3})\s*[.、．](?!\d*%)|([①-⑳])|[（(](\d{1,3})[）)]|[［\[【](\d{1,3})[］\]】])\s*"
)
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def item_number(match: re.Match[str]) -> int:
    """The number of an ITEM_NUMBER match: 12. -> 12, ⑤ -> 5, ［3］ -> 3."""
    digits = next(group for group in match.groups() if group)
    return CIRCLED.index(digits) + 1 if digits in CIRCLED else int(digits)  # '⑤'.isdigit() is True
SALUTATION = re.compile(r"^各位(?:代表|委员)[，,：:！!]?$")

# Punctuation that cannot occur inside a heading.
_NOT_IN_HEADING = re.compile(r"[。！？；!?;]")
_NOT_AT_HEADING_END = "：:，,、"
_ANY_PUNCT = re.compile(r"[，。、；：？！,.;:?!“”‘’\"'（）()《》—…·]")

MAX_NUMBERED_HEADING = 80
MAX_PLAIN_HEADING = 20
MAX_TOPIC_HEADING = 40


_SPACE_RUN = re.compile(r"\s+")


@lru_cache(maxsize=16384)
def heading_text(text: str) -> str:
    """Plain text of a heading candidate: no markup, single spaces (every rule asks: computed once)."""
    return _SPACE_RUN.sub(" ", plain(text)).strip()


# Function words that cannot end a title: what followed them was cut off (发展的 ⏎ 主要目标).
_DANGLING = set("的和与及或并对在把被从向将之且而以于为使让给跟同比")


def dangles(text: str) -> bool:
    """The text ends in a function word standing alone (发展的), not in a word (目的, 供给)."""
    if len(text) < 3 or text[-1] not in _DANGLING:
        return False
    tokens = list(shared_tokenizer().cut(text[-8:], HMM=False))
    return tokens[-1] in _DANGLING


def could_be_heading(text: str) -> bool:
    """A line that has no sentence inside it and does not lead into one."""
    text = heading_text(text)
    return (bool(text) and not _NOT_IN_HEADING.search(text) and text[-1] not in _NOT_AT_HEADING_END
            and not dangles(text))


def numbering_style(text: str) -> str | None:
    """The numbering style a line starts with, whether or not it is a heading."""
    text = heading_text(text)
    if GLOSSARY_TITLE.match(text):
        return "glossary"
    if len(text) <= MAX_NUMBERED_HEADING and APPENDIX.match(text) and _appendix_label(text):
        return "appendix"
    for style, pattern in (("chapter", CHAPTER), ("section", SECTION), ("box", BOX), ("part", PART), ("paren", PAREN)):
        if pattern.match(text):
            return style
    return None


_DIGIT_VALUES = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
                 "七": 7, "八": 8, "九": 9}


def chinese_number(text: str) -> int | None:
    """27 -> 27, 二十三 -> 23, 十 -> 10, 二〇二六 -> 2026 (read digit by digit); None if it is no number."""
    if text.isascii() and text.isdigit():
        return int(text)
    if not text or any(char not in _DIGIT_VALUES and char != "十" for char in text):
        return None
    if "十" not in text:
        return _DIGIT_VALUES[text] if len(text) == 1 else int("".join(str(_DIGIT_VALUES[char]) for char in text))
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return None
    return (_DIGIT_VALUES[tens] if tens else 1) * 10 + (_DIGIT_VALUES[ones] if ones else 0)


def is_item(text: str) -> bool:
    """The text opens with an item number (1. ① ［1］ （1）)."""
    return ITEM_NUMBER.match(strip_markers(text).replace("**", "").strip()) is not None


_NUMBER_OPENINGS = set(CN_DIGITS + "（(")


def number_of(text: str) -> tuple[str, int] | None:
    """(style, number) of a line opening with 一、 or （一）, whether heading or run-in."""
    if not _NUMBER_OPENINGS & set(strip_markers(text[:4]).lstrip("* ")[:1]):
        return None
    text = heading_text(text)
    part = re.match(rf"^([{CN_DIGITS}]{{1,3}})、", text)
    if part:
        value = chinese_number(part.group(1))
        return ("part", value) if value else None
    paren = re.match(rf"^[（(]\s*([{CN_DIGITS}]{{1,3}})\s*[）)]", text)
    if paren:
        value = chinese_number(paren.group(1))
        return ("paren", value) if value else None
    return None


# 一是…… opens an enumeration in running text, never a title.
_ENUMERATION = re.compile(rf"^[{CN_DIGITS}]{{1,3}}是")


def _appendix_label(text: str) -> bool:
    """附件 followed by a number, a colon, or nothing: a label, not a sentence about attachments."""
    match = APPENDIX.match(text)
    return bool(match) and (bool(match.group("number")) or not match.group("title") or text.lstrip("附件 ")[:1] in ":：")


# A numbered part may stand alone as one sentence ending in 。 (（二）坚持实体经济为本……体系。).
_ONE_SENTENCE = re.compile(r"^[^。！？；!?;]+。$")


def heading_style(text: str, marked: bool = False) -> str | None:
    """The style of a stand-alone heading line, or None for a paragraph."""
    text = heading_text(text)
    style = numbering_style(text)
    if style in ("glossary", "appendix"):
        return style
    if style and _ONE_SENTENCE.match(text) and len(text) <= MAX_NUMBERED_HEADING:
        return style
    if not could_be_heading(text):
        return None
    if style:
        return style if len(text) <= MAX_NUMBERED_HEADING else None
    if ITEM_NUMBER.match(text):
        return None
    if text[-1].isdigit() or _ENUMERATION.match(text):
        return None  # a number in Chinese text is followed by its unit: 农村公路2500 ⏎ 公里……
    if marked and len(text) <= MAX_NUMBERED_HEADING:
        return "marked"
    if len(text) <= MAX_PLAIN_HEADING and not _ANY_PUNCT.search(text):
        return "plain"
    return None


def topic_key(text: str) -> str:
    """Opening words shared by parallel stand-alone topic lines (一年来，我们……)."""
    text = heading_text(text)
    return re.sub(r"[，,]", "，", text[:5])


def could_be_topic(text: str) -> bool:
    """A parallel topic line: a title, so no colon inside it (……目标：一是…… is a sentence)."""
    text = heading_text(text)
    return could_be_heading(text) and 6 <= len(text) <= MAX_TOPIC_HEADING and "：" not in text and ":" not in text
