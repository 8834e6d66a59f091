"""Stage 1b, layout: physical lines -> paragraphs.

Reports reach us laid out in three ways, sometimes mixed within one file,
and the same report must convert the same way whichever it came in:

* **blocks**: blank lines separate paragraphs, and a paragraph may run over
  several lines (the seeds; PDF dumps where a blank line can also be a page
  break, which the page-break rule of the repair stage rejoins);
* **lines**: one paragraph per line, with no blank lines (web scrapes);
* **wrapped**: the text layer of a PDF, lines hard-wrapped at the page width;
  an indent, or a line that ends before the next word would have filled it,
  starts a new paragraph, and a heading stands alone.

Page furniture (page numbers, running headers and footers, form feeds) is
removed first (see ``page_furniture``), so a paragraph runs on across a page.
A dataset's text run together on one line is then cut into its paragraphs
(see ``run_together``).
Regions are found line by line: a wrapped region is one where, around a
line, most lines reach the same width and almost none is wider.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..inline import CLOSING, OPENING, SENTENCE_END, strip_markers
from ..model import TITLE, Chunk, Line, RepairLog
from ..segmentation import word_end
from ..structure.numbering import could_be_heading, numbering_style
from .page_furniture import find_page_furniture
from .run_together import split_run_together

# Characters that take two columns: Han, kana, hangul, full-width forms, and the
# quotation marks, dashes and ellipsis that Chinese text sets full width.
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u2018\u2019\u201c\u201d\u2026\u2014\u00b7"
    "\U00020000-\U0003fffd]"
)
# Runs a word processor never breaks: numbers, Latin words, codes.
_UNBREAKABLE = re.compile(r"[A-Za-z0-9.,%‰+\-_/:#&@]+")
# Punctuation that may not start a line (it follows the character before it down).
_NO_LINE_START = CLOSING + "，。、；：？！…—·%,.;:?!)]"

_WINDOW = 15  # content lines on either side considered when deciding a line's region
_MIN_WIDTH = 16  # columns: shorter lines say nothing about a wrap width
_MAX_WIDTH = 120  # columns: 60 Han characters, more than any page sets on a line
_FULL_BELOW = 6  # a full line may fall this many columns short of the width ...
_FULL_ABOVE = 2  # ... or overhang it by hanging punctuation
_HANG = 6  # a line that runs on may hang this far past the width (a name kept on its line)
_MIN_WRAPPED_RUN = 4
_STANDALONE_MAX = 40  # characters of a heading standing on its own line


def width(text: str) -> int:
    """Display width in columns (a Han character is two)."""
    if len(text) > _MAX_WIDTH:
        return 2 * len(text)  # wider than any page however it is counted: the layout needs no more
    visible = strip_markers(text)
    return len(visible) + len(_WIDE.findall(visible))


def extent(line: Line) -> int:
    """Where the line ends, in columns: as a reader measured it, or from its indent and text."""
    return line.extent if line.extent is not None else line.indent + width(line.text)


def first_unit(text: str) -> int:
    """Columns of what must move to the previous line for this line to start later.

    An opening quote travels with what follows it, an unbreakable run moves
    whole, and punctuation that may not start a line travels with the unit
    before it.
    """
    visible = strip_markers(text)
    index = columns = 0
    while index < len(visible) and visible[index] in OPENING + "([":
        columns += width(visible[index])
        index += 1
    run = _UNBREAKABLE.match(visible, index)
    if run and run.end() > index:
        columns += run.end() - index
        index = run.end()
    elif index < len(visible):
        columns += width(visible[index])
        index += 1
    while index < len(visible) and visible[index] in _NO_LINE_START:
        columns += width(visible[index])
        index += 1
    return columns


def ends_sentence(text: str) -> bool:
    """The line ends a sentence (closing quotes and brackets after the mark allowed)."""
    visible = strip_markers(text).replace("**", "").rstrip(CLOSING + ")] ")
    return visible[-1:] in SENTENCE_END + "：:"


@dataclass(frozen=True)
class Region:
    """A stretch of the source laid out one way."""

    kind: str  # "blocks", "lines" or "wrapped"
    first: int  # first and last source line
    last: int
    width: int = 0  # wrapped: the line width in columns


@dataclass
class Layout:
    chunks: list[Chunk]
    regions: list[Region]

    def describe(self) -> str:
        """``wrapped at 56 columns``, ``lines``, ``blocks``, or the regions of a mixed file."""
        if not self.regions:
            return "empty"
        names = [_region_name(region) for region in self.regions]
        if len(set(names)) == 1:
            return names[0]
        return "mixed: " + ", ".join(f"{_region_name(r)} (lines {r.first}–{r.last})" for r in self.regions)


def _region_name(region: Region) -> str:
    return f"wrapped at {region.width} columns" if region.kind == "wrapped" else region.kind


def lay_out(lines: list[Line], log: RepairLog) -> Layout:
    """Paragraph chunks from physical lines; page furniture removed and recorded."""
    furniture = find_page_furniture(lines)
    kept: list[Line] = []
    page_start = False
    for line in lines:
        rule = furniture.get(line.no)
        if rule:
            log.removed(rule, [line.no], line.text)
            page_start = True  # the next line is the first of a page
            continue
        if line.text:
            line.page_start = line.page_start or page_start
            page_start = False
        else:
            page_start = page_start or line.page_start
        kept.append(line)
    # After the furniture (a text run together on one line has no pages), so that the furniture
    # rules, which know lines by number, never see the pieces that share their line's number.
    kept = split_run_together(kept, log)
    chunks: list[Chunk] = []
    regions: list[Region] = []
    runs = _regions(kept)
    # The page width of the file's wrapped text, if any: its other regions were on the same pages.
    wrapped_runs = [(len(run), run_width) for kind, run, run_width in runs if kind == "wrapped"]
    page_width = max(wrapped_runs)[1] if wrapped_runs else 0
    for kind, region_lines, wrap_width in runs:
        numbered = [line.no for line in region_lines if line.text]
        if not numbered:
            continue
        if kind == "wrapped":
            found = _wrapped_paragraphs(region_lines, wrap_width)
        else:
            kind, found = _unwrapped_paragraphs(region_lines)
            if kind == "lines" and page_width:
                found = _join_full_lines(found, page_width)
        if chunks and found and page_width and kind != "blocks" and (not regions or regions[-1].kind != "blocks"):
            # A paragraph runs on across the edge of a region as it does within one.
            joined = _join_full_lines([chunks[-1], found[0]], page_width)
            if len(joined) == 1:
                chunks[-1], found = joined[0], found[1:]
        chunks += found
        if regions and regions[-1].kind == kind and kind != "wrapped":
            regions[-1] = Region(kind, regions[-1].first, numbered[-1])
        else:
            regions.append(Region(kind, numbered[0], numbered[-1], wrap_width))
    return Layout(_join_titles(chunks), regions)


def _join_titles(chunks: list[Chunk]) -> list[Chunk]:
    """Lines a reader knows are set as the title (larger type) are one title, however it wrapped."""
    out: list[Chunk] = []
    for chunk in chunks:
        if out and all(line.role == TITLE for line in out[-1].lines + chunk.lines):
            out[-1].lines.extend(chunk.lines)
        else:
            out.append(chunk)
    return out


# ------------------------------------------------------------------ regions


def _line_width(extents: list[int]) -> int | None:
    """The width most lines reach: the commonest extent (the larger on a tie), as a page can hold it."""
    counts = Counter(extent for extent in extents if _MIN_WIDTH <= extent <= _MAX_WIDTH)
    if not counts:
        return None
    value, count = max(counts.items(), key=lambda item: (item[1], item[0]))
    return value if count >= 3 else None


def _is_full(extent: int, wrap_width: int) -> bool:
    return wrap_width - _FULL_BELOW <= extent <= wrap_width + _FULL_ABOVE


def _regions(lines: list[Line]) -> list[tuple[str, list[Line], int]]:
    """Consecutive runs of lines, each wrapped or not, with the wrap width."""
    content = [index for index, line in enumerate(lines) if line.text and "\t" not in line.text]
    extent_of = {index: extent(lines[index]) for index in content}
    extents = [extent_of[index] for index in content]
    wrapped = _wrapped_lines(extents)
    _drop_short_runs(wrapped)
    # Every line (blank and table lines too) takes the decision of the content line before it.
    decision = [False] * len(lines)
    position = 0
    current = wrapped[0] if wrapped else False
    for index in range(len(lines)):
        if position < len(content) and content[position] == index:
            current = wrapped[position]
            position += 1
        decision[index] = current
    # The page width of all wrapped text: a short run measures too few lines to tell its own.
    page_width = _line_width([extent for extent, is_wrapped in zip(extents, wrapped) if is_wrapped]) or 0
    runs: list[tuple[str, list[Line], int]] = []
    start = 0
    for index in range(1, len(lines) + 1):
        if index == len(lines) or decision[index] != decision[start]:
            run = lines[start:index]
            run_extents = [extent_of[i] for i in range(start, index) if i in extent_of]
            run_width = (_line_width(run_extents) or page_width) if decision[start] else 0
            runs.append(("wrapped" if run_width else "unwrapped", run, run_width))
            start = index
    return _merge_runs(runs)


def _merge_runs(runs: list[tuple[str, list[Line], int]]) -> list[tuple[str, list[Line], int]]:
    merged: list[tuple[str, list[Line], int]] = []
    for kind, run, run_width in runs:
        if merged and merged[-1][0] == kind and merged[-1][2] == run_width:
            merged[-1] = (kind, merged[-1][1] + run, run_width)
        else:
            merged.append((kind, run, run_width))
    return merged


def _wrapped_lines(extents: list[int]) -> list[bool]:
    """Per content line: do most lines around it reach one width, and almost none go past it?

    The window slides one line at a time, so its counts are kept, not recounted:
    only extents a page can hold are counted by value, longer lines by number.
    """
    wrapped = [False] * len(extents)
    if sum(_MIN_WIDTH <= extent <= _MAX_WIDTH for extent in extents) < _MIN_WRAPPED_RUN:
        return wrapped  # no page-wide lines at all: blocks or lines throughout
    counts: Counter[int] = Counter()
    longer = 0  # lines in the window wider than any page
    low = high = 0  # the window is extents[low:high]
    for position in range(len(extents)):
        while high < min(len(extents), position + _WINDOW + 1):
            extent = extents[high]
            if extent > _MAX_WIDTH:
                longer += 1
            elif extent >= _MIN_WIDTH:
                counts[extent] += 1
            high += 1
        while low < position - _WINDOW:
            extent = extents[low]
            if extent > _MAX_WIDTH:
                longer -= 1
            elif extent >= _MIN_WIDTH:
                counts[extent] -= 1
            low += 1
        size = high - low
        if longer > 0.1 * size or not counts:
            continue
        value, count = max(counts.items(), key=lambda item: (item[1], item[0]))
        if count < 3:
            continue
        full = sum(c for e, c in counts.items() if value - _FULL_BELOW <= e <= value + _FULL_ABOVE)
        over = longer + sum(c for e, c in counts.items() if e > value + _FULL_ABOVE)
        wrapped[position] = full >= 0.4 * size and over <= 0.1 * size
    return wrapped


def _drop_short_runs(wrapped: list[bool]) -> None:
    start = 0
    for index in range(1, len(wrapped) + 1):
        if index == len(wrapped) or wrapped[index] != wrapped[start]:
            if wrapped[start] and index - start < _MIN_WRAPPED_RUN:
                wrapped[start:index] = [False] * (index - start)
            start = index


# ------------------------------------------------------------------ blocks and lines


def _unwrapped_paragraphs(lines: list[Line]) -> tuple[str, list[Chunk]]:
    """Blank-line blocks, or one paragraph per line when the region has (almost) no blank lines."""
    groups: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        if not line.text or (line.page_start and current):
            if current:
                groups.append(current)
            current = [line] if line.text else []
        else:
            current.append(line)
    if current:
        groups.append(current)
    tables = [len(group) > 1 and _is_table(group) for group in groups]
    singles = sum(len(group) == 1 for group in groups)
    in_blocks = sum(len(group) for group, table in zip(groups, tables) if len(group) > 1 and not table)
    kind = "lines" if in_blocks > singles else "blocks"
    chunks: list[Chunk] = []
    for group, table in zip(groups, tables):
        if len(group) == 1 or table:
            chunks.append(Chunk(group))
        elif kind == "lines":
            chunks += _one_per_line(group)
        else:
            chunks += [Chunk(piece) for piece in _split_block(group)]
    return kind, chunks


def _join_full_lines(chunks: list[Chunk], page_width: int) -> list[Chunk]:
    """In a file whose text is wrapped, a line that fills the page width runs on (a wide cover line)."""
    wrap = _Wrap(page_width, 0, True, False)
    out: list[Chunk] = []
    for position, chunk in enumerate(chunks):
        line = chunk.lines[0]
        if out and len(out[-1].lines) >= 1 and "\t" not in line.text and "\t" not in out[-1].lines[-1].text:
            before = out[-1].lines[-1]
            following = chunks[position + 1].lines[0] if position + 1 < len(chunks) else None
            reach = extent(before)
            if page_width - _FULL_BELOW <= reach <= page_width + _HANG and not _starts_paragraph(
                    before, line, [before, line] + ([following] if following else []), 1, wrap, False):
                out[-1].lines.extend(chunk.lines)
                continue
        out.append(Chunk(list(chunk.lines)))
    return out


def _is_table(group: list[Line]) -> bool:
    return sum("\t" in line.text for line in group) * 2 > len(group)


def _one_per_line(group: list[Line]) -> list[Chunk]:
    """Each line a paragraph; consecutive TAB-separated lines stay together as a table."""
    chunks: list[Chunk] = []
    for line in group:
        if "\t" in line.text and chunks and "\t" in chunks[-1].lines[-1].text:
            chunks[-1].lines.append(line)
        else:
            chunks.append(Chunk([line]))
    return chunks


def _split_block(group: list[Line]) -> list[list[Line]]:
    """A block's lines are one paragraph, unless a line ends a sentence or is a numbered heading."""
    pieces: list[list[Line]] = [[]]
    for line in group:
        pieces[-1].append(line)
        if line is not group[-1] and (ends_sentence(line.text) or _numbered_heading(line.text)):
            pieces.append([])
    return [piece for piece in pieces if piece]


def _numbered_heading(text: str) -> bool:
    return numbering_style(text) is not None and could_be_heading(text)


# ------------------------------------------------------------------ wrapped text


@dataclass
class _Wrap:
    width: int
    base_indent: int
    uses_indents: bool
    blank_separated: bool

    def indented(self, line: Line) -> bool:
        return self.uses_indents and line.indent >= self.base_indent + 2

    def ends_early(self, line: Line, following: Line | None, slack: int = 1) -> bool:
        """The line stops before the next line's first unit would have filled it."""
        if following is None:
            return True
        return extent(line) + first_unit(following.text) <= self.width - slack


def _wrapped_paragraphs(lines: list[Line], wrap_width: int) -> list[Chunk]:
    content = [line for line in lines if line.text]
    gap_before = set()  # positions in content preceded by a blank line
    seen = 0
    for line in lines:
        if line.text:
            seen += 1
        elif seen:
            gap_before.add(seen)
    full = [line for line in content if _is_full(extent(line), wrap_width)]
    base = Counter(line.indent for line in full).most_common(1)[0][0] if full else 0
    probe = _Wrap(wrap_width, base, False, False)
    starts = [b for a, b in zip(content, content[1:]) if probe.ends_early(a, b)]
    uses_indents = len(starts) >= 3 and sum(line.indent >= base + 2 for line in starts) >= 0.5 * len(starts)
    ends = [i for i in range(len(content) - 1) if probe.ends_early(content[i], content[i + 1])]
    blank_separated = bool(ends) and sum(i + 1 in gap_before for i in ends) >= 0.5 * len(ends)
    wrap = _Wrap(wrap_width, base, uses_indents, blank_separated)

    chunks: list[Chunk] = []
    current: list[Line] = []
    for position, line in enumerate(content):
        if "\t" in line.text or (current and "\t" in current[-1].text):
            if current and ("\t" not in line.text or "\t" not in current[-1].text):
                chunks.append(Chunk(current))
                current = []
            current.append(line)
            continue
        if current and _starts_paragraph(current[-1], line, content, position, wrap, position in gap_before):
            chunks.append(Chunk(current))
            current = []
        current.append(line)
    if current:
        chunks.append(Chunk(current))
    return chunks


def _starts_paragraph(before: Line, line: Line, content: list[Line], position: int, wrap: _Wrap, gap: bool) -> bool:
    """Whether ``line`` starts a new paragraph after ``before`` in wrapped text."""
    if line.role != before.role:  # a heading's font or style begins or ends
        return True
    if wrap.indented(line):
        return True
    if wrap.ends_early(before, line):
        return True
    finished = ends_sentence(before.text)
    if finished and wrap.ends_early(before, line, slack=0):
        return True
    if not wrap.uses_indents and _complete_heading(before, line):
        return True
    if finished and numbering_style(line.text) is not None:
        return True
    following = content[position + 1] if position + 1 < len(content) else None
    if finished and _stands_alone(line, following, wrap):
        return True
    return gap and finished and wrap.blank_separated and not wrap.uses_indents


def _complete_heading(line: Line, following: Line) -> bool:
    """Text without indents: a numbered heading filling its line, then a line in which a new sentence
    begins and no word runs on from the heading's line: the heading was whole. (A run-in title wrapped
    at the line's end, （一）……促消 ⏎ 费扩投资。……, runs on inside a word.)"""
    text = strip_markers(line.text)
    return (numbering_style(text) is not None and could_be_heading(text)
            and re.search("[。！？].", strip_markers(following.text).rstrip(CLOSING + " ")) is not None
            and word_end(text, following.text) == 0)


def _stands_alone(line: Line, following: Line | None, wrap: _Wrap) -> bool:
    """A heading line after a full line: no end punctuation, and it ends its paragraph."""
    text = strip_markers(line.text)
    if not text or not could_be_heading(text) or len(text) > _STANDALONE_MAX or text[-1] in CLOSING + SENTENCE_END:
        return False
    return following is None or wrap.indented(following) or wrap.ends_early(line, following)
