"""Headings a crawler glued to the text after them.

Some crawlers join a heading and the paragraph below it into one line, with
nothing between them: ``一、2018年工作回顾2018年，面对严峻复杂的……``. The
heading is split off only where the split is certain:

* **the outline**: the report states the heading standing alone elsewhere: in
  its table of contents, or as a heading of the text (a report whose crawler
  glued only some headings), and the paragraph opens with exactly that text;
* **the heading's own pattern**: the paragraph after a part heading opens with
  one of the stock openings of a work report's parts (``2018年，``, ``今年是``,
  ``过去一年，``, ``一年来``, ``各位代表，``, ``“十五五”时期是``, ``主要预期目标是``,
  ``根据省委《……》`` …), at exactly one
  place after a numbered title that could stand alone as a heading.

Anything else stays as it is, and ``check`` warns (``audit``): a sub-part
heading glued to a run-in lead-in (（一）着力扩大有效需求扩大有效投资。……) has
no place where a split is certain, and a wrong split would be worse than none.
"""

from __future__ import annotations

import re

from ..inline import BOLD_CLOSE, BOLD_OPEN, MARKERS, plain
from ..model import Block, Heading, Paragraph, RepairLog
from ..repair import label_text
from .numbering import CHAPTER, PAREN, PART, SECTION, could_be_heading, heading_style, numbering_style

_NUMBERED = {"chapter": CHAPTER, "section": SECTION, "part": PART, "paren": PAREN}
# How a work report's part opens, after its heading: the year or the period it speaks of, or the salutation.
OPENING = re.compile(
    r"(?:\d{4}年(?:是|，|,|以来，|，我们|我们|，全[省市区县州旗盟])|今年是|今年，|今后五年(?:是|，)|过去(?:的)?一年(?:，|是|里，)"
    r"|过去五年(?:，|是|来，)|一年来，|五年来，|刚刚过去的(?:一年|\d{4}年)|各位代表[，,]"
    r"|“十[一二三四五六]五”时期(?:是|，)|本届政府(?:以来|任期内)?，|(?:今年|\d{4}年)?(?:的)?主要预期目标是"
    r"|根据(?:党中央|中央|省委|市委|区委|县委|州委|旗委|盟委)?《)"
)
_OPENS_SENTENCE = re.compile(r"[。！？；]")  # a heading that holds a sentence is no outline entry
_MIN_TITLE = 4  # characters of title after the number
_MAX_TITLE = 40
_MIN_PARAGRAPH = 4  # what is split off is a paragraph, not the end of a word
_SPACES = re.compile(r"\s+")


def _squash(text: str) -> str:
    return _SPACES.sub("", plain(text))


def _raw_end(text: str, squashed_length: int) -> int:
    """The index in ``text`` just after its ``squashed_length``-th non-space character."""
    seen = 0
    for index, char in enumerate(text):
        if not char.isspace() and not MARKERS.match(char) and char != "*":
            seen += 1
            if seen == squashed_length:
                return index + 1
    return len(text)


def _titled_length(title: str) -> int:
    """The characters of a numbered title after its number."""
    number = _NUMBERED[numbering_style(title) or "part"].match(title)
    return len(title) - number.end() if number else 0


def _outline_split(text: str, outline: list[str]) -> int:
    squashed = _squash(text)
    found = [title for title in outline if len(title) < len(squashed) and squashed.startswith(title)]
    return _raw_end(text, len(max(found, key=len))) if found else 0


def _titled(prefix: str, number_end: int) -> bool:
    title = plain(prefix[number_end:]).strip()
    return (_MIN_TITLE <= len(title) <= _MAX_TITLE and could_be_heading(prefix) and heading_style(prefix) is not None
            and title.count("“") == title.count("”") and title.count("（") == title.count("）")
            and title.count("《") == title.count("》"))


def _pattern_split(text: str, style: str) -> int:
    places = opening_places(text, style)
    return places[0] if len(places) == 1 else 0


def opening_places(text: str, style: str) -> list[int]:
    """Where a stock opening follows a numbered title that could stand alone (more than one: no certain split)."""
    if style not in ("part", "chapter"):
        return []  # a sub-part's paragraph opens with anything: no stock opening to go by
    lead = len(text) - len(text.lstrip(BOLD_OPEN + "*"))  # a bold heading's opening mark
    number = _NUMBERED[style].match(text[lead:])
    if number is None:
        return []
    start = lead + number.end()
    return [match.start() for match in OPENING.finditer(text, start)
            if match.start() - start <= _MAX_TITLE + 2 and _titled(text[: match.start()], start)]


def split_glued_headings(blocks: list[Block], outline: list[str], log: RepairLog | None = None) -> list[Block]:
    """Numbered headings glued to their paragraph split off where certain; the splits recorded as repairs."""
    titles = [_squash(label_text(title)) for title in outline] + [_squash(b.text) for b in blocks if isinstance(b, Heading)
                                                      and not _OPENS_SENTENCE.search(plain(b.text))]
    titles = [title for title in titles if numbering_style(title) in _NUMBERED and _titled_length(title) >= _MIN_TITLE]
    out: list[Block] = []
    for block in blocks:
        # A glued line that reads as one sentence was taken for a heading: it is split the same way.
        candidate = isinstance(block, Paragraph) or (isinstance(block, Heading) and not block.forced and not block.by_format)
        style = numbering_style(block.text) if candidate else None  # type: ignore[attr-defined]
        if style not in _NUMBERED:
            out.append(block)
            continue
        text = block.text  # type: ignore[attr-defined]
        end = _outline_split(text, titles) or _pattern_split(text, style)
        while 0 < end < len(text) and text[end] in (BOLD_CLOSE, "*"):
            end += 1  # a bold heading's closing mark stays with it
        heading, rest = text[:end].replace(BOLD_OPEN, "").replace(BOLD_CLOSE, "").strip(), text[end:].strip()
        if not end or len(plain(rest)) < _MIN_PARAGRAPH or heading_style(heading) is None:
            out.append(block)
            continue
        if log is not None:
            log.removed("glued-heading", block.lines, heading)
        out += [Heading(list(block.lines), heading, heading_style(heading) or style),
                Paragraph(list(block.lines), rest, join_previous=False)]
    return out
