"""Paragraphs a dataset or crawler ran together on one line, split apart (before the layout stage).

Research datasets store a report's full text in one field, and some crawlers
write a whole page as one line. Such a text keeps where its paragraphs were
only in the indents it carried: ``……请予审议。　　一、2021年工作回顾　　2021年，……``.
The reader turns U+3000 into spaces, so the mark left is a gap of two or more
spaces between two printed characters.

A gap surely ends a paragraph when it follows the end of a sentence (or a
salutation's colon), when a numbered heading follows it, or when the stretch
before it is a numbered heading (一、2021年工作回顾 ends with no mark). A line
is run together only when it is long and holds at least ``MIN_BOUNDARIES``
such gaps: one double space inside a sentence, or a table row laid out with
spaces, is no run of paragraphs, and its gaps are left to the spacing repair.
In a line that is, every gap ends a paragraph (the cover's lines end with no
mark), except the gaps of a letter-spaced title (政  府  工  作  报  告), which
stay as one line.

A text field that kept its HTML (``……意见。<br>一、2021年工作回顾</p><p>2021年，……``)
is cut where a line break or a block tag ends a paragraph, whatever its
length: a tag is no part of a report's text (the markup repair drops it later).
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..inline import CLOSING, SENTENCE_END
from ..model import Line, RepairLog
from ..structure.numbering import could_be_heading, numbering_style

# A run of paragraphs is far longer than a paragraph's line in a scrape can be without being one
# (the longest heading stands at 56 characters; three paragraphs at least are this long).
MIN_LENGTH = 120
MIN_BOUNDARIES = 2
MAX_HEADING = 56  # characters of the longest numbered heading in the repository
_TITLE_WORDS = re.compile(r"报告|纲要|规划|计划|意见|决定|方案")
_GAP = re.compile(r"(?<=\S) {2,}(?=\S)")
# HTML a text field kept: a line break, or a block's end or start, ends a paragraph wherever it stands.
_BLOCK_TAG = re.compile(r"(?<=<br>)|(?<=<br/>)|(?<=<br />)|(?<=</p>)|(?<=</div>)|(?<=</li>)|(?<=</h[1-6]>)|(?=<p[ >])|(?=<p>)"
                        r"|(?=<div[ >])|(?=<li[ >])|(?=<h[1-6][ >])", re.IGNORECASE)
_ENDS_PARAGRAPH = SENTENCE_END + "：:；;" + CLOSING


def sure_boundaries(text: str) -> int:
    """How many gaps in ``text`` surely end a paragraph."""
    count, start = 0, 0
    for gap in _GAP.finditer(text):
        # Only the ends of the stretches are read, so a huge line is read once (no slice of it grows).
        last, previous = text[gap.start() - 1], text[gap.start() - 2: gap.start() - 1]
        ends = last in _ENDS_PARAGRAPH and (last not in CLOSING or previous in set(SENTENCE_END))
        short = gap.start() - start <= MAX_HEADING
        before = text[start: gap.start()] if short else ""
        heading_before = short and numbering_style(before) is not None and could_be_heading(before)
        if ends or heading_before or numbering_style(text[gap.end(): gap.end() + MAX_HEADING]) is not None:
            count += 1
            start = gap.end()
    return count


def paragraphs_of(text: str) -> list[str]:
    """A run-together line's paragraphs: split at every gap, a letter-spaced title's characters kept together
    (a run of single characters spelling no title is a page's widget row, 大 中 小, one a line)."""
    pieces: list[str] = []
    run: list[str] = []
    for piece in _GAP.split(text) + [""]:
        if len(piece) == 1:
            run.append(piece)
            continue
        if len(run) > 1 and _TITLE_WORDS.search("".join(run)):
            pieces.append(" ".join(run))
        else:
            pieces += run
        run = []
        if piece:
            pieces.append(piece)
    return pieces


def _cut_at_tags(text: str) -> list[str]:
    """A line of HTML cut where its block tags end a paragraph: after <br> and a closing </p>, before <p>."""
    pieces = [piece.strip() for piece in _BLOCK_TAG.split(text)]
    return [piece for piece in pieces if piece] or [text]


def _cut(text: str) -> list[str]:
    pieces = []
    # The cheap tests first: most lines hold neither a tag nor a gap.
    for piece in _cut_at_tags(text) if "<" in text and _BLOCK_TAG.search(text) else [text]:
        run_together = len(piece) >= MIN_LENGTH and "  " in piece and sure_boundaries(piece) >= MIN_BOUNDARIES
        pieces += paragraphs_of(piece) if run_together else [piece]
    return pieces


def split_run_together(lines: list[Line], log: RepairLog) -> list[Line]:
    """Each line holding several paragraphs as several lines of the same number, recorded as a repair."""
    out: list[Line] = []
    for line in lines:
        pieces = _cut(line.text)
        if len(pieces) < 2:
            out.append(line)
            continue
        # Each piece is a paragraph set on a line of its own, as a scrape gives it; the first keeps
        # what the line had (its indent, a page start).
        out += [replace(line, text=piece, extent=None) if n == 0 else
                Line(line.no, piece, 2, False, line.role, None, line.font) for n, piece in enumerate(pieces)]
        log.removed("run-together", [line.no], f"{len(pieces)} paragraphs on one line")
    return out
