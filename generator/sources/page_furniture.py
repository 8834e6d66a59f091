"""Page furniture: what a printed page adds around the report's text.

Artefact classes, found by position rather than by wording:

* page-number lines in every common style: ``— 3 —``, ``- 3 -``, ``·3·``,
  ``第3页``, ``第 3 页 共 25 页``, ``3/25``, ``Page 3``, and a bare ``3`` (only
  as part of an increasing sequence, so a number in the text is never taken);
* a running header or footer: the same short line at the edge of many pages
  (next to a page-number line or a form feed), or, where a text has no page
  marks, a short line repeated at least three times, a page apart, that
  interrupts sentences.

Each is a line of its own; the layout stage removes it and records it. A
reader that knows the page (PDF) marks the lines in its margins itself.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from ..inline import SENTENCE_END, plain
from ..model import FOOTER, HEADER, Line

_DASH = "-－—–―~～·•"
_PAGE_NUMBER = re.compile(
    rf"^(?:[{_DASH}]{{1,2}}\s*(?P<dashed>\d{{1,4}})\s*[{_DASH}]{{1,2}}"
    r"|第\s*(?P<nth>\d{1,4})\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?"
    r"|(?P<of>\d{1,4})\s*[/／]\s*(?P<total>\d{1,4})"
    r"|(?:page|p\.)\s*(?P<page>\d{1,4})"
    r"|(?P<bare>\d{1,4}))$",
    re.IGNORECASE,
)
# A bare number is a page number only in a sequence: the next one a page or more later.
_MIN_PAGE_LINES = 5
_PAGE_LINES = 10  # fewer content lines than a printed page ever holds
_MAX_HEADER = 40
_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")


def page_number(text: str) -> tuple[str, int] | None:
    """(style, number) when the line is shaped like a page number."""
    if len(text) > 20:
        return None
    match = _PAGE_NUMBER.match(text.strip())
    if not match:
        return None
    for style in ("dashed", "nth", "of", "page", "bare"):
        value = match.group(style)
        if value is not None:
            if style == "of" and int(value) > int(match.group("total")):
                return None
            return style, int(value)
    return None


def find_page_furniture(lines: list[Line]) -> dict[int, str]:
    """Line number -> rule (``page-number`` or ``running-header``) for every furniture line."""
    content = [line for line in lines if line.text]
    found: dict[int, str] = {}
    bare: list[tuple[int, int]] = []  # (position in content, number)
    for position, line in enumerate(content):
        if line.role in (HEADER, FOOTER):  # a reader that knows the page placed it in the margin
            found[line.no] = "page-number" if page_number(line.text) else "running-header"
            continue
        shape = page_number(line.text)
        if shape is None:
            continue
        style, number = shape
        if style == "bare":
            bare.append((position, number))
        else:
            found[line.no] = "page-number"
    # Bare numbers that count up page by page (the last page may be short).
    chain: list[int] = []
    for index, (position, number) in enumerate(bare):
        if chain and 1 <= number - bare[chain[-1]][1] <= 3 and position - bare[chain[-1]][0] >= 2:
            chain.append(index)
        else:
            _accept_chain(chain, bare, content, found)
            chain = [index]
    _accept_chain(chain, bare, content, found)
    _find_running_lines(content, found)
    return found


def _accept_chain(chain: list[int], bare: list[tuple[int, int]], content: list[Line], found: dict[int, str]) -> None:
    positions = [bare[index][0] for index in chain]
    long_pages = sum(b - a >= _MIN_PAGE_LINES for a, b in zip(positions, positions[1:]))
    if len(chain) >= 3 or long_pages >= 1:
        for position in positions:
            found[content[position].no] = "page-number"


@lru_cache(maxsize=8192)
def _key(text: str) -> str:
    """What repeats from page to page: the text without spaces, any number as #."""
    return _DIGITS.sub("#", _SPACES.sub("", plain(text)))


def _find_running_lines(content: list[Line], found: dict[int, str]) -> None:
    # Page edges: the lines on either side of a page-number line or a form feed.
    edges: dict[str, set[int]] = defaultdict(set)  # key -> boundaries it stands at
    where: dict[str, list[int]] = defaultdict(list)  # key -> positions at an edge
    boundary = 0
    for position, line in enumerate(content):
        is_number = found.get(line.no) == "page-number"
        if not (is_number or line.page_start):
            continue
        boundary += 1
        neighbours = [position - 1, position + 1] if is_number else [position - 1, position]
        for index in neighbours:
            if 0 <= index < len(content) and content[index].no not in found:
                text = content[index].text
                if len(plain(text)) <= _MAX_HEADER and not _is_sentence(text):  # a header is no sentence
                    key = _key(text)
                    edges[key].add(boundary)
                    where[key].append(index)
    pages = sum(line.page_start for line in content) + sum(rule == "page-number" for rule in found.values())
    for key, boundaries in edges.items():
        occurrences = set(where[key])  # distinct lines: one line can stand at both edges of a short page
        if len(key) >= 2 and len(boundaries) >= 2 and (len(occurrences) >= 3 or len(occurrences) * 2 >= pages >= 2):
            for index in occurrences:
                found[content[index].no] = "running-header"
    # No page marks at all: a short line that recurs and cuts sentences in two.
    repeats: dict[str, list[int]] = defaultdict(list)
    for position, line in enumerate(content):
        if len(line.text) <= 2 * _MAX_HEADER and line.no not in found and "\t" not in line.text \
                and len(plain(line.text)) <= _MAX_HEADER:
            repeats[_key(line.text)].append(position)
    for key, positions in repeats.items():
        # A header recurs once a page; repeats a few lines apart are the text's own (link text).
        if len(key) < 2 or len(positions) < 3 or min(b - a for a, b in zip(positions, positions[1:])) < _PAGE_LINES:
            continue
        cutting = [p for p in positions if _cuts_a_sentence(content, p, found)]
        if len(cutting) >= 2:
            for position in positions:
                if not _ends_sentence(content[position].text):
                    found[content[position].no] = "running-header"


def _is_sentence(text: str) -> bool:
    return plain(text).rstrip("”’）)」』 ")[-1:] in "。！？!?"


def _ends_sentence(text: str) -> bool:
    return plain(text).rstrip("”’）)」』 ")[-1:] in SENTENCE_END + "：:"


def _cuts_a_sentence(content: list[Line], position: int, found: dict[int, str]) -> bool:
    before = position - 1
    while before >= 0 and content[before].no in found:
        before -= 1
    return before >= 0 and position + 1 < len(content) and not _ends_sentence(content[before].text)
