"""Markup left in the dump: HTML fragments, Markdown heading marks, entities.

Artefact classes: ``<b>``/``<strong>`` bold, ``<sup>n</sup>`` footnote marks,
stray tags from web pages, HTML entities, and ``#`` heading marks whose level
is random. Bold becomes Markdown ``**`` (paired later, after page-break joins),
footnote marks become footnote markers, other tags are dropped keeping their
text, and ``#`` marks are remembered as a hint only.
"""

from __future__ import annotations

import html
import re

from ..inline import footnote_ref
from ..model import Chunk, RepairLog

_BOLD_TAG = re.compile(r"</?(?:b|strong)\s*>", re.IGNORECASE)
_SUP_NUMBER = re.compile(r"<sup>\s*\[?(\d{1,3})\]?\s*</sup>", re.IGNORECASE)
_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
_ANY_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?/?>")
_COMMENT = re.compile(r"<!--.*?-->")
_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{1,6}|#x[0-9a-fA-F]{1,6});")
_HEADING_MARK = re.compile(r"^(#{1,6})\s+")


def convert_line(text: str) -> tuple[str, list[str]]:
    """Convert one line's HTML; return the text and the unknown tags dropped."""
    text = _COMMENT.sub("", text)
    text = _SUP_NUMBER.sub(lambda m: footnote_ref(int(m.group(1))), text)
    text = _BOLD_TAG.sub("**", text)
    text = _BREAK_TAG.sub(" ", text)
    dropped = _ANY_TAG.findall(text)
    text = _ANY_TAG.sub("", text)
    text = _ENTITY.sub(lambda m: html.unescape(m.group()).replace("\xa0", " "), text)
    return text.strip(" "), dropped


def convert_markup(chunks: list[Chunk], log: RepairLog) -> list[Chunk]:
    for chunk in chunks:
        first = chunk.lines[0]
        mark = _HEADING_MARK.match(first.text)
        if mark:
            chunk.marked_level = len(mark.group(1))
            first.text = first.text[mark.end():]
        for line in chunk.lines:
            line.text, dropped = convert_line(line.text)
            if dropped:
                log.removed("html-tag", [line.no], " ".join(dropped))
    return [chunk for chunk in chunks if any(line.text for line in chunk.lines)]
