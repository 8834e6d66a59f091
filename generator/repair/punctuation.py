"""Half-width punctuation in Chinese sentences.

Artefact classes: whole pages or files typed with ASCII ``, : ; ! ? ( )``;
half-width numbering ``(二) ``; ASCII hyphens used as Chinese dashes
(``实验室-生产线-市场``, ``2026 - 2030``); the dash —— as a GB2312 decoder
or an old word processor gives it (``――``, ``──``); spaced ratios (``1.0: 31.6 : 67.4``);
full-width letters and digits. ASCII stays where it belongs to a number or a
Latin token (``1.85``, ``PM2.5``, ``5G+``, ``S43``, ``1,000``).
"""

from __future__ import annotations

import re

from ..inline import CJK_PUNCT, HAN_CLASS, MARKER_CLASS, is_han

_FULL_WIDTH = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}
_CJK_CONTEXT = set(CJK_PUNCT)
_MARK = re.compile(f"[{MARKER_CLASS}]")
_FULLWIDTH_ALNUM = str.maketrans(
    {chr(code): chr(code - 0xFEE0) for code in range(0xFF10, 0xFF5B) if chr(code - 0xFEE0).isalnum()}
)
_HAN = re.compile(f"[{HAN_CLASS}]")
_FULLWIDTH_CHAR = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_ASCII_MARK = re.compile("[,;:!?]")
_PARENTHESIS = re.compile("[()（）]")
_H = f"[{HAN_CLASS}]"
_RATIO = re.compile(r"(?<=\d) *: *(?=\d)")
_NUMBER_RANGE = re.compile(r"(?<=\d) +- +(?=\d)")
_HAN_HYPHEN = re.compile(f"(?<={_H})-(?={_H})")
_HAN_PERIOD = re.compile(f"(?<={_H})\\.(?=$|[{HAN_CLASS}“”])")
_ASCII_QUOTES = re.compile(r'"([^"\n]*)"')
# The dash ——, as a GB2312 decoder gives it (U+2015 twice) or an old word processor set it (box-drawing lines).
# A longer run of box-drawing lines is a text table's rule, and stays.
_DASH_PAIR = re.compile("(?<![\u2015\u2500\u2501])[\u2015\u2500\u2501]{2}(?![\u2015\u2500\u2501])")


def _curly_quotes(match: re.Match[str]) -> str:
    """"三农" -> “三农”; "1+20" too where Chinese text stands around it (扎实推进"1+20"深化……)."""
    text, start, end = match.string, match.start(), match.end()
    around = _neighbour(text, start, -1) + _neighbour(text, end - 1, 1)
    if _has_han(match.group(1)) or any(_is_cjk(char) for char in around):
        return f"“{match.group(1)}”"
    return match.group()


def _is_cjk(char: str) -> bool:
    return is_han(char) or char in _CJK_CONTEXT


def _neighbour(text: str, index: int, step: int) -> str:
    index += step
    while 0 <= index < len(text) and (text[index] == " " or _MARK.match(text[index])):
        index += step
    return text[index] if 0 <= index < len(text) else ""


def _convert_marks(text: str) -> str:
    chars = list(text)
    for match in _ASCII_MARK.finditer(text):  # only the marks themselves are looked at
        index, char = match.start(), match.group()
        left, right = _neighbour(text, index, -1), _neighbour(text, index, 1)
        if left.isdigit() and right.isdigit():
            continue  # 1,000 and 3:4 belong to numbers
        if _is_cjk(left) or _is_cjk(right) or (left and not right and _has_han(text)):
            chars[index] = _FULL_WIDTH[char]
    return "".join(chars)


def _has_han(text: str) -> bool:
    return _HAN.search(text) is not None


def _convert_parentheses(text: str) -> str:
    """Convert ( ) pairs whose content or surroundings are Chinese."""
    if "(" not in text and ")" not in text:  # all full-width already
        return text
    chars = list(text)
    stack: list[int] = []
    for match in _PARENTHESIS.finditer(text):
        index, char = match.start(), match.group()
        if char in "(（":
            stack.append(index)
        elif char in ")）" and stack:
            start = stack.pop()
            inside = text[start + 1:index]
            outside = _neighbour(text, start, -1) + _neighbour(text, index, 1)
            if text[start] == "（" or char == "）" or _has_han(inside) or any(_is_cjk(c) for c in outside):
                chars[start], chars[index] = "（", "）"
    return "".join(chars)


def normalise_punctuation(text: str) -> str:
    if not _has_han(text):
        return text
    if _FULLWIDTH_CHAR.search(text):  # rare: translating every text costs more than looking
        text = text.translate(_FULLWIDTH_ALNUM)
    text = _convert_parentheses(text)
    if _ASCII_MARK.search(text):
        text = _convert_marks(text)
    if '"' in text:
        text = _ASCII_QUOTES.sub(_curly_quotes, text)
    text = _RATIO.sub(":", text)
    text = _DASH_PAIR.sub("——", text)
    text = _NUMBER_RANGE.sub("—", text)
    text = _HAN_HYPHEN.sub("—", text)
    text = _HAN_PERIOD.sub("。", text)
    return text
