"""Headings: their text, and their levels in the document's own nesting.

* Levels: the first numbering style met is ``##``, a new style met inside it
  is one level deeper, and a style met again returns to its level (so 一、 is
  ``##`` under the title but ``###`` under unnumbered parts). 名词解释 and 附件
  sections are always ``##``; a 专栏 box sits one level below the heading it
  follows (at most ``####``).
* Text: bold is gone (repair), half-width numbering is made full-width, and a
  heading the table of contents also lists takes the TOC's spacing (the PDF
  wrapped long body headings, the TOC did not).
* A numbered heading whose line broke at a comma was joined as a paragraph
  cut short; joined, it is a heading again.
"""

from __future__ import annotations

import re

from ..inline import SEAM, plain
from ..model import Block, Heading, Paragraph
from ..repair import label_text
from .numbering import BOX, PAREN, heading_style

_MAX_LEVEL = 6
_SECTION_STYLES = {"glossary", "appendix"}  # sections of their own, always ##
_NUMBERED = {"chapter", "section", "part", "paren", "box"}
_SPACES = re.compile(r"\s+")


def squash(text: str) -> str:
    return _SPACES.sub("", plain(text))


def box_title(text: str) -> str:
    """专栏 1“……” / 专栏3…… -> 专栏1 ……: one label style for every box."""
    box = BOX.match(text)
    return f"专栏{box.group(1)} {text[box.end():].strip()}".strip() if box else text


def full_width_numbering(text: str) -> str:
    """(二) -> （二）: half-width numbering inside Chinese text."""
    paren = PAREN.match(text)
    if paren:
        return paren.group().strip().replace("(", "（").replace(")", "）").replace(" ", "") + text[paren.end():]
    return text


def clean_heading_text(heading: Heading, toc_titles: dict[str, str]) -> None:
    text = full_width_numbering(box_title(heading.text))
    heading.text = toc_titles.get(squash(text), text)


def assign_levels(headings: list[Heading]) -> None:
    styles: list[str] = []
    current = 1
    for heading in headings:
        if heading.forced and heading.level:
            current = heading.level
            continue
        if heading.style in _SECTION_STYLES:
            heading.level, styles, current = 2, [], 2
            continue
        if heading.style == "box":
            heading.level = min(4, current + 1)
            continue
        if heading.style in styles:
            del styles[styles.index(heading.style) + 1:]
        else:
            styles.append(heading.style)
        heading.level = current = min(_MAX_LEVEL, len(styles) + 1)


def promote_wrapped_headings(blocks: list[Block]) -> list[Block]:
    """（三）……发展， ⏎ 构建…… joined by the page-break rule is the heading （三）……发展，构建……."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph) and SEAM in block.text:
            text = block.text.replace(SEAM, "")
            style = heading_style(text)
            if style in _NUMBERED:
                out.append(Heading(block.lines, label_text(text), style))
                continue
        out.append(block)
    return out
