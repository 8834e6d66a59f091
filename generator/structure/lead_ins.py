"""Lead-ins: the bold opening words of a paragraph.

* A run-in lead-in (``（一）经济实力稳步推进。……``, ``——建设……新玉泉。……``) is
  made bold with its punctuation inside the bold.
* A topic line that stands alone, one short sentence ending in 。 with no
  figure in it, before the paragraph it introduces (``生态底色更加亮丽。`` ⏎
  ``始终坚持……``), becomes that paragraph's bold lead-in: web scrapes and some
  PDFs put the bold opening of a paragraph on a line of its own. Topic lines
  come in sets, so a section needs two of them; a lone short sentence is a
  paragraph, and so is a line that announces a list (重点做好十方面工作。 before
  一是……).
"""

from __future__ import annotations

import re
from collections import Counter

from ..inline import BOLD_CLOSE, BOLD_OPEN, SENTENCE_END, strip_markers
from ..model import Block, Heading, Paragraph
from .headings import full_width_numbering
from .numbering import ITEM_NUMBER, PAREN, number_of

_LEAD_IN_MAX = 30  # a —— lead-in; a numbered item's first sentence is its title at any length up to:
_NUMBERED_LEAD_IN_MAX = 60
_TOPIC_MAX = 30
# One sentence, no clause inside it (a comma makes it an introduction, not a title).
_TOPIC = re.compile(r"^[^。！？；：，,;:!?0-9]{4,}。$")
_OPENS_ITS_OWN = re.compile(r"^(?:——)?[一二三四五六七八九十]{1,3}是|^——")


def bold_lead_in(text: str) -> str:
    """``（一）经济实力稳步推进。……`` -> ``**（一）经济实力稳步推进。**……``; punctuation into the bold."""
    # Punctuation right after a leading bold span moves inside it.
    text = re.sub(f"^(——)?{BOLD_OPEN}([^{BOLD_CLOSE}]+){BOLD_CLOSE}([，。：；！？、])", rf"\1{BOLD_OPEN}\2\3{BOLD_CLOSE}", text)
    if text.startswith(BOLD_OPEN) or text.startswith("——" + BOLD_OPEN):
        return text
    visible = strip_markers(text)
    prefix = "——" if visible.startswith("——") else ""
    if not prefix and not PAREN.match(visible):
        return text
    if visible != text:  # markers inside: leave as printed
        return text
    end = next((i for i, char in enumerate(visible) if char in SENTENCE_END), None)
    limit = _LEAD_IN_MAX if prefix else _NUMBERED_LEAD_IN_MAX
    if end is None or end + 1 > limit or end + 1 >= len(visible):
        return text
    lead = full_width_numbering(visible[len(prefix): end + 1])  # （二）, not (二)
    return f"{prefix}{BOLD_OPEN}{lead}{BOLD_CLOSE}{visible[end + 1:]}"


def is_topic_line(text: str) -> bool:
    if len(text) > 2 * _TOPIC_MAX:
        return False
    visible = strip_markers(text).strip()
    return (len(visible) <= _TOPIC_MAX and _TOPIC.match(visible) is not None and number_of(visible) is None
            and not ITEM_NUMBER.match(visible))


def _introduces(topic: Paragraph, paragraph: Block) -> bool:
    """The topic line is the title of the paragraph after it (not of a list, not a paragraph of its own)."""
    if not isinstance(paragraph, Paragraph):
        return False
    text = strip_markers(paragraph.text)
    if len(text) <= 2 * len(strip_markers(topic.text)) or is_topic_line(paragraph.text):
        return False
    return not (text.startswith(BOLD_OPEN) or ITEM_NUMBER.match(text) or number_of(text) or _OPENS_ITS_OWN.match(text)
                or paragraph.text.startswith(BOLD_OPEN))


def _is_topic_before(blocks: list[Block], index: int) -> bool:
    block = blocks[index]
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    return (isinstance(block, Paragraph) and BOLD_OPEN not in block.text and is_topic_line(block.text)
            and following is not None and _introduces(block, following))


def join_topic_lines(blocks: list[Block]) -> list[Block]:
    """Each stand-alone topic line of a set becomes the bold lead-in of the paragraph it introduces."""
    topics = {index for index in range(len(blocks)) if _is_topic_before(blocks, index)}
    section = 0
    sections: dict[int, int] = {}  # block index -> number of the heading section it is in
    for index, block in enumerate(blocks):
        if isinstance(block, Heading):
            section += 1
        sections[index] = section
    per_section = Counter(sections[index] for index in topics)
    topics = {index for index in topics if per_section[sections[index]] >= 2}
    out: list[Block] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if index in topics:
            assert isinstance(following, Paragraph)
            text = f"{BOLD_OPEN}{block.text.strip()}{BOLD_CLOSE}{following.text}"
            out.append(Paragraph(block.lines + following.lines, text))
            index += 2
            continue
        out.append(block)
        index += 1
    return out
