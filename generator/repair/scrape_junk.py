"""Web-page furniture captured with the text of a scraped report.

Artefact classes: font-size widgets (``字体(大 中 小)``), print / close /
share links, breadcrumbs (``首页 > 政务公开 > ...``), page metadata lines
(``发布时间：… 来源：…``), and the page ``<title>`` repeated above the
document's own title. None of it is report text, so it is dropped (and
recorded as a removal).
"""

from __future__ import annotations

import re

from ..inline import plain
from ..model import Chunk, RepairLog

_WIDGET = re.compile(
    r"(?<![^\s|【\[])(?:字[体号]\s*[:：]?\s*[(（【\[]?\s*(?:[大中小]\s*)*[)）】\]]?"
    r"|[【\[]?\s*(?:打印(?:本页|此页)?|关闭(?:窗口|本页)?|收藏(?:本页)?|分享到?|返回顶部|返回首页)\s*[】\]]?"
    r"|[【\[]\s*[大中小]\s*[】\]])(?![^\s|】\]])"
)
_BREADCRUMB = re.compile(r"(?:当前位置|您的位置|首页)\s*[:：>»›]|\S\s*[>»›]\s*\S.*[>»›]")
_PAGE_META = re.compile(r"(?:发布时间|发布日期|来源|浏览次数|点击数|阅读次数|责任编辑)\s*[:：]")
_SENTENCE_PUNCT = re.compile(r"[。，；！？,;!?]")


def is_scrape_junk(text: str) -> bool:
    """A short line made of page furniture rather than report text."""
    text = plain(text).strip()
    if not text or len(text) > 60 or _SENTENCE_PUNCT.search(text):
        return False
    if _WIDGET.search(text):
        rest = _WIDGET.sub("", text).strip(" |/·")
        return len(rest) <= 12
    if _BREADCRUMB.search(text):
        return True
    return len(_PAGE_META.findall(text)) >= 2


def drop_scrape_junk(chunks: list[Chunk], log: RepairLog) -> list[Chunk]:
    kept: list[Chunk] = []
    for chunk in chunks:
        lines = []
        for line in chunk.lines:
            if is_scrape_junk(line.text):
                log.removed("scrape-junk", [line.no], line.text)
            else:
                lines.append(line)
        if lines:
            chunk.lines = lines
            kept.append(chunk)
    return _drop_repeated_page_title(kept, log)


def _drop_repeated_page_title(chunks: list[Chunk], log: RepairLog) -> list[Chunk]:
    """A page <title> above the document repeats the title a few lines further down."""
    if not chunks:
        return chunks
    first = chunks[0].lines[0]
    head = plain(first.text).strip()
    if not head or len(head) > 60:
        return chunks
    following = [line for chunk in chunks[:6] for line in chunk.lines][1:6]
    if any(plain(line.text).strip() == head for line in following):
        log.removed("duplicate-page-title", [first.no], first.text)
        chunks[0].lines = chunks[0].lines[1:]
        if not chunks[0].lines:
            chunks = chunks[1:]
    return chunks
