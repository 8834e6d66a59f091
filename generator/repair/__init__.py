"""Stage 2, repair: the rules that undo conversion artefacts, in order.

Like Python-Markdown's processors, the order of work is visible here and
each rule lives in its own module with a docstring naming the artefact class
it fixes. Line rules run on the paragraph chunks the layout stage found; text
rules run on the blocks that classification recovered, because some of them
(page-break joins, wrap spaces) depend on what a block is.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import islice

from ..inline import BOLD_CLOSE, BOLD_OPEN, MARKER_CLASS, SEAM
from ..model import Block, Chunk, CoverLine, FootnoteBody, Heading, Paragraph, RepairLog, Table
from .markup import convert_markup
from .page_breaks import join_page_breaks
from .punctuation import normalise_punctuation
from .spacing import collapse_letter_spacing, normalise_spacing
from .tables import assemble_tables
from .toc import drop_toc
from .web_chrome import drop_web_chrome

__all__ = ["RepairLog", "repair_chunks", "repair_blocks", "pair_bold"]


def repair_chunks(chunks: list[Chunk], log: RepairLog, toc_titles: list[str]) -> list[Chunk | Table]:
    """Line rules, in order: markup, letter-spacing, web-page chrome, table of contents, tables."""
    rules: list[tuple[str, Callable[[list[Chunk]], list[Chunk]]]] = [
        ("markup", lambda c: convert_markup(c, log)),
        ("letter-spacing", _collapse_letter_spacing),
        ("web-chrome", lambda c: drop_web_chrome(c, log)),
        ("table-of-contents", lambda c: drop_toc(c, log, toc_titles)),
    ]
    for _name, rule in rules:
        chunks = rule(chunks)
    return assemble_tables(chunks, log)


def _collapse_letter_spacing(chunks: list[Chunk]) -> list[Chunk]:
    """Letter-spacing is a property of a printed line (文 件 之 十 八), so it is undone per line."""
    for chunk in chunks:
        for line in chunk.lines:
            line.text = "\t".join(collapse_letter_spacing(cell) for cell in line.text.split("\t"))
    return chunks


_BOLD_PAIR = re.compile(r"\*\*(.+?)\*\*")


def pair_bold(text: str) -> str:
    """Markdown ``**bold**`` pairs in the source become bold markers."""
    text = text.replace("****", "")
    return _BOLD_PAIR.sub(lambda m: BOLD_OPEN + m.group(1) + BOLD_CLOSE, text)


def drop_bold(text: str) -> str:
    return _BOLD_PAIR.sub(r"\1", text.replace("****", ""))


def running_text(text: str) -> str:
    """Paragraph text: bold paired, punctuation and spacing normalised.

    The rules see the text whole, across the seams of page-break joins (北京-
    ⏎ 雄安 is 北京—雄安); the seams are put back where they were, counted in
    characters that no rule adds or removes (spaces, ``*`` and marks change).
    """
    if SEAM not in text:
        return normalise_spacing(normalise_punctuation(pair_bold(text)))
    pieces = text.split(SEAM)
    repaired = normalise_spacing(normalise_punctuation(pair_bold("".join(pieces))))
    counted = _COUNTED.finditer(repaired)
    out, cursor, seen, total = [], 0, 0, 0
    for piece in pieces[:-1]:
        total += len(_UNCOUNTED.sub("", piece))
        if total > seen:  # the position just after the total-th counted character
            found = next(islice(counted, total - seen - 1, None), None)
            position = found.end() if found else len(repaired)
            seen = total
        else:
            position = cursor
        out.append(repaired[cursor:position] + SEAM)
        cursor = position
    out.append(repaired[cursor:])
    return "".join(out)


_UNCOUNTED = re.compile(rf"[\s*{MARKER_CLASS}]+")
_COUNTED = re.compile(rf"[^\s*{MARKER_CLASS}]")


def label_text(text: str) -> str:
    """Headings and cover lines: spaces between Han may be meaningful, bold is dropped."""
    return normalise_spacing(normalise_punctuation(drop_bold(text)), keep_han_spaces=True)


def repair_blocks(blocks: list[Block], log: RepairLog) -> list[Block]:
    """Text rules, in order: page-break joins, then spacing and punctuation per block."""
    blocks = join_page_breaks(blocks, log)
    for block in blocks:
        quotes = '"' in block.text if isinstance(block, (Paragraph, FootnoteBody, Heading, CoverLine)) else False
        before = block.text if quotes else ""  # type: ignore[attr-defined]
        if isinstance(block, (Paragraph, FootnoteBody)):
            block.text = running_text(block.text)
        elif isinstance(block, (Heading, CoverLine)):
            block.text = label_text(block.text)
        if quotes and block.text.count('"') < before.count('"'):  # type: ignore[attr-defined]
            # Straight quotes around Chinese text became “ ” (punctuation.py): a repair the build line counts.
            log.removed("ascii-quotes", block.lines, before)
        elif isinstance(block, Table):
            block.header = [label_text(cell) for cell in block.header]
            for row in block.rows:
                row.cells = [running_text(cell) for cell in row.cells]
            if block.caption:
                block.caption = label_text(block.caption)
            if block.note:
                block.note = running_text(block.note)
    return blocks
