"""Spaces that PDF extraction put where Chinese has none.

Artefact classes, one rule each:

* letter-spacing: ``文 件 之 十 八``, ``目 录``, ``南 男`` (single Han
  characters separated by spaces) -> ``文件之十八``;
* wrap spaces inside Chinese running text (``达到自治 区、市要求``), except
  inside quotation marks, where a space separates the halves of a slogan
  (``“福地玉泉 田园优品”``);
* spaces at a Han/ASCII boundary (``实现 358 亿元``, ``联东 U 谷``) and next to
  full-width punctuation: one consistent rule, no space;

Spaces between two Latin or number tokens are kept (``Hello World``).
"""

from __future__ import annotations

import re

from ..inline import CJK_PUNCT, HAN_CLASS, MARKER_CLASS

_H = f"[{HAN_CLASS}]"
_M = f"[{MARKER_CLASS}]*"
_LETTER_SPACED = re.compile(f"(?<![{HAN_CLASS}])(?:{_H} ){{1,}}{_H}(?![{HAN_CLASS}])")
_HAN_SPACE_HAN = re.compile(f"({_H}{_M}) +({_M}{_H})")
_HAN_THEN_ASCII = re.compile(f"({_H}{_M}) +({_M}[A-Za-z0-9])")
_ASCII_THEN_HAN = re.compile(f"([A-Za-z0-9%‰]{_M}) +({_M}{_H})")
_SPACE_BEFORE_PUNCT = re.compile(f" +({_M}[{re.escape(CJK_PUNCT)}])")
_SPACE_AFTER_PUNCT = re.compile(f"([{re.escape(CJK_PUNCT)}]{_M}) +")
# A label that keeps its space: 第一章 “十四五”……, 专栏1 “十五五”……
_HEADING_LABEL = re.compile(r"^(?:第[一二三四五六七八九十百零〇两\d]+[章节篇]|专栏\d+) ")


def collapse_letter_spacing(text: str) -> str:
    return _LETTER_SPACED.sub(lambda m: m.group().replace(" ", ""), text)


def remove_wrap_spaces(text: str) -> str:
    """Drop spaces between Han characters outside quotation marks."""
    out: list[str] = []
    depth = 0
    last = 0
    for match in _HAN_SPACE_HAN.finditer(text):
        segment = text[last:match.start()]
        depth += segment.count("“") + segment.count("‘") - segment.count("”") - segment.count("’")
        out.append(segment)
        if depth > 0:
            out.append(match.group())
        else:
            out.append(match.group(1) + match.group(2))
        depth += match.group().count("“") - match.group().count("”")
        last = match.end()
    out.append(text[last:])
    result = "".join(out)
    return result if result == text else remove_wrap_spaces(result)


def tighten_boundaries(text: str) -> str:
    """No space at a Han/ASCII boundary or beside full-width punctuation."""
    label = _HEADING_LABEL.match(text)
    head, body = (text[: label.end()], text[label.end():]) if label else ("", text)
    for pattern in (_HAN_THEN_ASCII, _ASCII_THEN_HAN):
        body = pattern.sub(r"\1\2", body)
    body = _SPACE_BEFORE_PUNCT.sub(r"\1", body)
    body = _SPACE_AFTER_PUNCT.sub(r"\1", body)
    return head + body


def normalise_spacing(text: str, keep_han_spaces: bool = False) -> str:
    if " " not in text and "\t" not in text:
        return text  # every rule here is about a space
    text = re.sub(r"[ \t]+", " ", text).strip()
    text = collapse_letter_spacing(text)
    if not keep_han_spaces:
        text = remove_wrap_spaces(text)
    return tighten_boundaries(text)
