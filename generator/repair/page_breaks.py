"""Sentences cut in two by a page break.

Artefact class: a paragraph that stops without sentence-final punctuation,
followed by a blank line and the rest of the sentence. The halves are joined
with no space (Chinese has none). Sub-cases handled at the seam:

* a footnote body printed between the halves stays out of the paragraph;
* a bold span closed at the page end (``**高质量发**`` ⏎ ``展``) is extended to
  the end of the word;
* the character at the seam printed twice (``环境基`` ⏎ ``基础设施``) is printed
  once, unless the doubled character is a real word (``层层``, ``常常``);
* a stray opening quote at the seam (``“一约`` ⏎ ``“四会”``) is dropped when it
  leaves the quotation marks unbalanced;
* a continuation that starts with a number (``1.85 亿元``) is text, never a
  list item (rendering escapes it).
"""

from __future__ import annotations

import re

from ..inline import CLOSING, SEAM, SENTENCE_END, is_han, plain
from ..model import Block, FootnoteBody, Paragraph, RepairLog
from ..segmentation import shared_tokenizer, word_end
from ..structure.numbering import heading_style

_TRAILING_CLOSERS = CLOSING + "*)]"
_FINISHED = SENTENCE_END + "：:"


def is_unfinished(text: str) -> bool:
    """True when a paragraph stops mid-sentence."""
    visible = plain(text).rstrip()
    stripped = visible.rstrip(_TRAILING_CLOSERS + " ")
    if not stripped:
        return False
    return stripped[-1] not in _FINISHED


def _is_word(pair: str) -> bool:
    return bool(shared_tokenizer().FREQ.get(pair))


def join_halves(first: str, second: str, log: RepairLog, line: int) -> str:
    """Join the text before a page break to the text after it."""
    if first.endswith("**") and first.count("**") % 2 == 0 and second[:1] and is_han(second[0]):
        extra = word_end(first[:-2], second)
        if extra:
            first = first[:-2] + second[:extra] + "**"
            second = second[extra:]
            log.notice(line, f"bold span cut at the page break extended to the whole word: {plain(first)[-6:]}")
    tail = plain(first).rstrip()[-1:]
    if tail and tail == second[:1] and is_han(tail) and not _is_word(tail * 2):
        log.notice(line, f"character printed twice at the page break, kept once: {tail}")
        log.removed("duplicate-character", [line], tail)
        second = second[1:]
    if second.startswith("“") and first.count("“") > first.count("”"):
        joined_open = (first + second).count("“") - (first + second).count("”")
        if joined_open > 0:
            log.notice(line, "stray opening quote at the page break dropped")
            second = second[1:]
    elif second.startswith('"') and first.count('"') % 2 and (first + second).count('"') % 2:
        # The same with straight quotes ("一约 ⏎ "四会"): an open quote before the seam, one too many after.
        log.notice(line, "stray opening quote at the page break dropped")
        second = second[1:]
    if re.search(r"[A-Za-z]$", first) and re.match(r"[A-Za-z]", second):
        return first + " " + SEAM + second
    return first + SEAM + second


def join_page_breaks(blocks: list[Block], log: RepairLog) -> list[Block]:
    """Join each unfinished paragraph with the paragraph that continues it.

    A paragraph's ``join_previous`` (set by an editor) forces or forbids the join.
    """
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph) and block.join_previous is not False:
            previous = _open_paragraph(out, forced=bool(block.join_previous))
            if previous is not None:
                previous.text = join_halves(previous.text, block.text, log, block.lines[0])
                previous.lines.extend(block.lines)
                continue
        out.append(block)
    return out


def _whole_heading(paragraph: Paragraph) -> bool:
    """Pieces joined into a whole numbered heading (（三）……发展， ⏎ 构建……格局): nothing more runs on."""
    return SEAM in paragraph.text and heading_style(paragraph.text.replace(SEAM, "")) in _NUMBERED_STYLES


_NUMBERED_STYLES = {"chapter", "section", "part", "paren", "box"}


def _open_paragraph(out: list[Block], forced: bool = False) -> Paragraph | None:
    """The paragraph a continuation would join: the last block, skipping footnote bodies."""
    for block in reversed(out):
        if isinstance(block, FootnoteBody):
            continue
        if isinstance(block, Paragraph) and (forced or (is_unfinished(block.text) and not _whole_heading(block))):
            return block
        return None
    return None
