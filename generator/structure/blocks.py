"""Stage 3a, recover blocks: chunks -> cover lines, headings, paragraphs, footnotes.

A heading is a stand-alone line with no sentence in it that is either
numbered (第一章, 第一节, 一、, （一）, 专栏1), marked with ``#`` in the dump,
short and bare (本届政府工作回顾), or one of a run of parallel topic lines
(一年来，我们……) that are all stand-alone. Numbered lines that carry a
sentence (（一）经济实力稳步推进。……) are run-in lead-ins and stay paragraphs.
"""

from __future__ import annotations

import re
from collections import defaultdict

from ..inline import footnote_number, plain
from ..model import HEADING, Block, Chunk, CoverLine, FootnoteBody, Heading, Paragraph, Table
from ..repair.page_breaks import is_unfinished
from ..segmentation import word_end
from ..sources.overrides import Anchor, Overrides, anchor_key
from .numbering import SALUTATION, could_be_topic, heading_style, number_of, numbering_style, topic_key
from ..sources.read import SourceError

_MAX_COVER_LINE = 60
_BODY_STYLES = {"chapter", "section", "part", "paren", "glossary"}


def join_lines(lines: list[str]) -> str:
    """Lines hard-wrapped inside one block, joined as the text ran before the wrap.

    Chinese text wraps between any two characters, so lines join with no
    space; a word processor breaks Latin text only at a space, so a break
    between two Latin words or numbers stands for one.
    """
    text = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if text and _latin_break(plain(text)[-1:], plain(line)[:1]):
            text += " "
        text += line
    return text


def _latin_break(before: str, after: str) -> bool:
    return before.isascii() and after.isascii() and after.isalnum() and (before.isalnum() or before in ",.;:!?)%")


def chunk_text(chunk: Chunk) -> str:
    return join_lines([line.text for line in chunk.lines])


def body_start(units: list[Chunk | Table]) -> int:
    """Index of the first unit after the cover (title, meeting, date, speaker lines)."""
    for index, unit in enumerate(units):
        if isinstance(unit, Table):
            return index
        text = plain(chunk_text(unit)).strip()
        if SALUTATION.match(text) or len(text) > _MAX_COVER_LINE or re.search(r"[。；！？]", text):
            return index
        if numbering_style(text) in _BODY_STYLES:
            return index
    return len(units)


def _resolve(anchors: list[Anchor], units: list[Chunk | Table], overrides: Overrides) -> dict[int, Anchor]:
    """Map each anchor to the one chunk it quotes (by index)."""
    if not anchors:
        return {}
    keys = [anchor_key(chunk_text(unit)) if isinstance(unit, Chunk) else "" for unit in units]
    resolved: dict[int, Anchor] = {}
    for anchor in anchors:
        hits = [index for index, key in enumerate(keys) if anchor.key and anchor.key in key]
        if len(hits) != 1:
            problem = "not found" if not hits else f"found in {len(hits)} blocks"
            raise SourceError(
                overrides.name, anchor.line, f"'{anchor.match}' {problem} in the report",
                "quote text that occurs in exactly one block of the seed file",
            )
        resolved[hits[0]] = anchor
    return resolved


def split_chunks(units: list[Chunk | Table], overrides: Overrides) -> list[Chunk | Table]:
    """Apply the editor's ``split`` entries: a new block starts at the quoted text."""
    if not overrides.split:
        return units
    for index, anchor in sorted(_resolve(overrides.split, units, overrides).items(), reverse=True):
        chunk = units[index]
        assert isinstance(chunk, Chunk)
        for position, line in enumerate(chunk.lines):
            start = _find_loose(line.text, anchor.match)
            if start > 0:
                from ..model import Line

                tail = Chunk([Line(line.no, line.text[start:])] + chunk.lines[position + 1:])
                chunk.lines = chunk.lines[:position] + [Line(line.no, line.text[:start])]
                units.insert(index + 1, tail)
                break
            if start == 0 and position > 0:
                tail = Chunk(chunk.lines[position:])
                chunk.lines = chunk.lines[:position]
                units.insert(index + 1, tail)
                break
    return units


def _find_loose(text: str, quote: str) -> int:
    """Position of ``quote`` in ``text`` ignoring whitespace and ``*``; -1 if absent."""
    wanted = anchor_key(quote)
    for start in range(len(text)):
        if anchor_key(text[start:]).startswith(wanted) and text[start] not in " *":
            return start
    return -1


def classify(units: list[Chunk | Table], overrides: Overrides) -> list[Block]:
    """Typed blocks; paragraphs carry the editor's join / keep-apart decisions."""
    units = split_chunks(units, overrides)
    forced = _resolve(overrides.force_headings, units, overrides)
    refused = set(_resolve(overrides.refuse_headings, units, overrides))
    joined_at = _resolve(overrides.join, units, overrides)
    # What a block is joined to continues in it, so it cannot be a heading.
    refused |= {i - 1 for i in joined_at if i > 0}
    apart = set(_resolve(overrides.keep_apart, units, overrides))

    start = body_start(units)
    blocks: list[Block] = []
    for index, unit in enumerate(units):
        if isinstance(unit, Table):
            blocks.append(unit)
            continue
        text = chunk_text(unit)
        lines = unit.line_numbers
        if index < start and index not in forced:
            blocks.append(CoverLine(lines, text))
            continue
        number = footnote_number(text[0]) if text else None
        if number is not None and len(text) > 1:
            blocks.append(FootnoteBody(lines, number, text[1:].strip()))
            continue
        if index in forced:
            anchor = forced[index]
            style = numbering_style(text) or "forced"
            blocks.append(Heading(lines, text, style, level=anchor.level or 0, forced=True))
            continue
        by_format = all(line.role == HEADING for line in unit.lines)
        style = None if index in refused else heading_style(text, marked=unit.marked_level > 0 or by_format)
        if style in _UNNUMBERED and _continues(blocks) and not by_format:
            style = None  # the rest of a sentence cut short before it, not a title
        if style == "marked" and by_format:
            if unit.lines[0].font:
                style = f"marked {unit.lines[0].font}"  # each heading font is a level of its own (GB/T 9704)
            else:  # one bold for every level (a web page): the wording tells the levels apart
                style = heading_style(text) or style
        if style:
            blocks.append(Heading(lines, text, style, by_format=by_format))
        else:
            join = True if index in joined_at else False if index in apart else None
            blocks.append(Paragraph(lines, text, join_previous=join))
    _mark_topic_headings(blocks, {units[i].first for i in refused})  # type: ignore[union-attr]
    _demote_cut_headings(blocks)
    _demote_lone_plain_heading(blocks)
    _align_numbered_siblings(blocks, {index for index in forced})
    return blocks


_SEQUENCE_STYLES = {"part", "paren"}
_SIBLING_REACH = 80  # blocks searched on either side for the items numbered one less and one more


def _align_numbered_siblings(blocks: list[Block], forced: set[int]) -> None:
    """Items of one numbered sequence are the same kind of block.

    Where （三） and （五） open paragraphs with a run-in lead-in, a heading-shaped
    （四） followed by a paragraph is that paragraph cut by a page break inside
    its lead-in (（四）加强生态建设，推 ⏎ 进发展方式转型。……): it becomes a paragraph
    again, and the page-break rule joins it. Two siblings must agree.
    """
    numbered = [(i, number_of(b.text)) for i, b in enumerate(blocks) if isinstance(b, (Heading, Paragraph))]
    by_index = {i: value for i, value in numbered if value is not None}
    for index, block in enumerate(blocks):
        if not (isinstance(block, Heading) and block.style in _SEQUENCE_STYLES and not block.forced and not block.by_format):
            continue
        value = by_index.get(index)
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if value is None or not isinstance(following, Paragraph):
            continue
        style, number = value
        wanted = [(style, number - 1), (style, number + 1)] if number > 1 else [(style, 2), (style, 3)]
        siblings = [_nearest(blocks, by_index, index, target) for target in wanted]
        if all(isinstance(sibling, Paragraph) for sibling in siblings) or _mostly_paragraphs(blocks, by_index, index):
            blocks[index] = Paragraph(block.lines, block.text)


def _mostly_paragraphs(blocks: list[Block], by_index: dict[int, tuple[str, int]], index: int) -> bool:
    """The other items of the sequence, followed outward from ``index`` number by number, are
    mostly paragraphs: page breaks may cut two neighbouring lead-ins, and neither has two
    paragraph siblings then."""
    style, number = by_index[index]
    kinds = []
    for step in (-1, 1):
        position, current = index, number
        while current + step >= 1:
            found = _nearest(blocks, by_index, position, (style, current + step))
            if found is None:
                break
            kinds.append(isinstance(found, Paragraph))
            position, current = next(i for i, b in enumerate(blocks) if b is found), current + step
    paragraphs = sum(kinds)
    return paragraphs >= 2 and paragraphs > len(kinds) - paragraphs


def _nearest(blocks: list[Block], by_index: dict[int, tuple[str, int]], index: int, target: tuple[str, int]) -> Block | None:
    """The block numbered ``target`` nearest to ``index`` within reach, before or after it as its number says."""
    style, number = target
    here = by_index[index][1]
    step = -1 if number < here else 1
    position = index + step
    while 0 <= position < len(blocks) and abs(position - index) <= _SIBLING_REACH:
        value = by_index.get(position)
        if value is not None and value[0] == style:
            return blocks[position] if value[1] == number else None  # the nearest item must be the sibling
        position += step
    return None


_UNNUMBERED = {"plain", "marked"}


def _continues(blocks: list[Block]) -> bool:
    """The block before is a paragraph cut short: what follows continues it.

    Web scrapes put a bold word or a link on a line of its own (发展的 ⏎ 主要目标
    ⏎ 是：……), page breaks cut sentences; neither leaves a heading behind.
    """
    previous = blocks[-1] if blocks else None
    return isinstance(previous, Paragraph) and previous.join_previous is not False and is_unfinished(previous.text)


def _demote_lone_plain_heading(blocks: list[Block]) -> None:
    """Bare unnumbered part titles come in sets (本届政府工作回顾, 今后五年工作建议, ……).

    A single short bare line is more likely the start of a sentence cut by a
    page break (改造背街小巷 ⏎ 140条……); an editor can force it to be a heading.
    """
    plain_headings = [i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.style == "plain" and not b.forced
                      and not b.by_format and not _titles_an_appendix(blocks, i)]
    if len(plain_headings) == 1:
        index = plain_headings[0]
        blocks[index] = Paragraph(blocks[index].lines, blocks[index].text)  # type: ignore[attr-defined]


def _cut_in_a_word(block: Block, following: Block | None) -> bool:
    """A word runs on from the end of this block into the next (国防动 ⏎ 员能力……): a page break cut it."""
    if not isinstance(following, Paragraph):
        return False
    return word_end(plain(block.text), plain(following.text)) > 0  # type: ignore[attr-defined]


def _demote_cut_headings(blocks: list[Block]) -> None:
    """A topic line that ends inside a word is the start of a paragraph cut by a page break.

    (Only topic lines: a short title may end in a word that fuses with the next
    paragraph's first one, 回顾 + 过去, where a topic line runs on into no word.)
    """
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if isinstance(block, Heading) and block.style == "topic" and _cut_in_a_word(block, following):
            blocks[index] = Paragraph(block.lines, block.text)


def _titles_an_appendix(blocks: list[Block], index: int) -> bool:
    """附件1 ⏎ 2026年省十件民生实事: the line after an appendix label is its title."""
    previous = blocks[index - 1] if index else None
    return isinstance(previous, Heading) and previous.style == "appendix"


_PART_STYLES = {"chapter", "part", "plain", "glossary", "appendix"}


def _mark_topic_headings(blocks: list[Block], refused: set[int]) -> None:
    """Parallel stand-alone lines with the same opening words, within one part, are sub-headings."""
    groups: dict[tuple[str, int], list[int]] = defaultdict(list)
    part = 0
    for index, block in enumerate(blocks):
        if isinstance(block, Heading) and block.style in _PART_STYLES:
            part += 1
        elif isinstance(block, Paragraph):
            groups[(topic_key(block.text), part)].append(index)
    for members in groups.values():
        if len(members) < 2:
            continue
        members = [i for i in members if blocks[i].lines[0] not in refused and not _continues(blocks[:i])]
        candidates = [blocks[i] for i in members]
        if len(members) >= 2 and all(could_be_topic(b.text) and len(b.lines) == 1 for b in candidates):  # type: ignore[attr-defined]
            for i in members:
                block = blocks[i]
                blocks[i] = Heading(block.lines, block.text, "topic")  # type: ignore[attr-defined]
