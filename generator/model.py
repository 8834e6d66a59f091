"""Typed data passed between the stages: read -> repair -> structure -> render.

Text fields hold inline text as described in :mod:`generator.inline`.
Every block remembers the physical source lines it came from (1-based), so
messages can name the line and tests can check provenance.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Notice:
    """Something an editor should know: a source defect or a repair made."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Removal:
    """Source text dropped by a rule (table of contents, scrape junk, ...)."""

    rule: str
    lines: tuple[int, ...]
    text: str


@dataclass
class RepairLog:
    """Where the conversion's rules record what they removed and what editors should know."""

    file: str
    removals: list[Removal] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    # Facts found in text a rule removed: a web page's 来源 and 发布时间 (source, published).
    found: dict[str, str] = field(default_factory=dict)

    def removed(self, rule: str, lines: list[int] | tuple[int, ...], text: str) -> None:
        self.removals.append(Removal(rule, tuple(lines), text))

    def notice(self, line: int | None, message: str) -> None:
        self.notices.append(Notice(self.file, line, message))


@dataclass
class Line:
    """One physical line of the source, with what its layout shows."""

    no: int
    text: str
    indent: int = 0  # leading blank columns (a U+3000 counts 2), before the text was stripped
    page_start: bool = False  # a form feed (or a PDF page) put this line at the top of a new page
    # What a format knows beyond the text (PDF, Word, HTML readers): the line's role by its font
    # or style (HEADING, TITLE, or page furniture: HEADER, FOOTER), and where it ends, in columns.
    role: str = ""
    extent: int | None = None
    font: str = ""  # the font (or style) the line is set in, where the reader knows it


HEADING, TITLE, HEADER, FOOTER = "heading", "title", "header", "footer"


@dataclass
class Chunk:
    """Lines between two blank lines, as the source has them."""

    lines: list[Line]
    # Number of '#' the source put in front of the first line (0 = none).
    marked_level: int = 0

    @property
    def first(self) -> int:
        return self.lines[0].no

    @property
    def line_numbers(self) -> list[int]:
        return [line.no for line in self.lines]


@dataclass(frozen=True)
class Erratum:
    """An editorial correction: shown to readers, never applied silently."""

    original: str
    correction: str
    note: str
    line: int


# ---------------------------------------------------------------- blocks


@dataclass
class Block:
    lines: list[int]


@dataclass
class CoverLine(Block):
    text: str


@dataclass
class Paragraph(Block):
    text: str
    # An editor's word on the page-break join with the block before: True = join, False = keep apart.
    join_previous: bool | None = None


@dataclass
class Heading(Block):
    text: str
    style: str  # numbering style: chapter, section, part, paren, box, topic, plain, glossary
    level: int = 0
    forced: bool = False
    by_format: bool = False  # the original set it as a heading (its font or style): no guess undoes it


@dataclass
class TableRow:
    cells: list[str]
    group: bool = False  # a group label row such as 经济发展（2）


@dataclass
class Table(Block):
    header: list[str]
    rows: list[TableRow]
    caption: str | None = None
    note: str | None = None


@dataclass
class FootnoteBody(Block):
    number: int
    text: str


@dataclass
class Box(Block):
    """A 专栏: a titled block holding numbered items or paragraphs."""

    title: Heading
    items: list[Paragraph] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    table: Table | None = None


@dataclass
class ListItem:
    """One numbered item of an appendix list: its text and the paragraphs under it."""

    number: int
    text: str
    lines: list[int]
    paragraphs: list[Paragraph] = field(default_factory=list)
    marker: str = ""  # the number as printed: 一、, 1.


@dataclass
class NumberedList(Block):
    """Numbered items (一、 …, 1. …) of an appendix, as an ordered list."""

    items: list[ListItem]


@dataclass
class GlossaryEntry(Block):
    """One 名词解释 item: the label as printed, the terms it defines, the definition."""

    label: str
    terms: list[str]
    definition: str
    number: int | None
    position: int  # 1-based position in the report's glossary
    anchor: str = ""
    variants: list[str] = field(default_factory=list)  # other forms the body uses (at an endnote marker)


@dataclass
class GlossarySection(Block):
    heading: Heading
    entries: list[GlossaryEntry]


# ---------------------------------------------------------------- reports


@dataclass
class ReportMeta:
    slug: str
    source_file: str
    title: str = ""  # as readers call it, e.g. 玉泉区2023年政府工作报告
    doc_title: str = ""  # as the document prints it
    region: str = ""
    region_code: str = ""  # the region's six-digit administrative code (GB/T 2260), once resolved
    level: str = ""
    kind: str = ""
    date: str = ""  # ISO: YYYY-MM-DD or YYYY-MM or YYYY
    year: int | None = None
    meeting: str = ""
    speaker: str = ""
    original_file: str = ""
    cover_lines: list[str] = field(default_factory=list)  # meeting / document-number lines
    subtitle: str = ""
    date_line: str = ""  # a cover line that is only a date, as printed (2026年4月)
    source: str = ""  # where a web page says it took the text from (来源：北京日报)
    published: str = ""  # when the web page was published (ISO date)
    source_url: str = ""  # the address the text was taken from (a crawler's 来源URL：, a dataset's url column)
    title_from: str = ""  # where the title came from when the text's cover has none (see sources.metadata.TITLE_FALLBACKS)


@dataclass
class Report:
    meta: ReportMeta
    blocks: list[Block]
    footnotes: dict[int, str] = field(default_factory=dict)
    errata: list[Erratum] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    removals: list[Removal] = field(default_factory=list)
    occurrences: list | None = None  # glossary term occurrences, once annotated
    notes: list = field(default_factory=list)  # editors' passage notes, once attached
    figures: list = field(default_factory=list)  # its targets and results, once extracted (targets.extract.Figure)
    layout: str = ""  # how the source was laid out, as the layout stage found it
    reader: str = "text"  # what read the source file (see SourceText.reader)
    pages: int = 0  # the original's pages, where it has pages (PDF)
    region_problem: tuple[str, str] | None = None  # why the region is not resolved: (message, hint)
    # What check should warn about that only the conversion knows: (line, message, hint).
    warnings: list[tuple[int | None, str, str]] = field(default_factory=list)

    @property
    def glossary(self) -> list[GlossaryEntry]:
        for block in self.blocks:
            if isinstance(block, GlossarySection):
                return block.entries
        return []

    def body_slots(self) -> Iterator[TextSlot]:
        """Every piece of report text outside the 名词解释 section, in reading order."""
        for block in self.blocks:
            line = block.lines[0] if block.lines else 0
            if isinstance(block, (Heading, Paragraph)):
                yield TextSlot(block, "text", None, line)
            elif isinstance(block, Table):
                yield from _table_slots(block, line)
            elif isinstance(block, Box):
                yield TextSlot(block.title, "text", None, line)
                if block.table:
                    yield from _table_slots(block.table, line)
                for paragraph in block.items + block.paragraphs:
                    yield TextSlot(paragraph, "text", None, paragraph.lines[0])
            elif isinstance(block, NumberedList):
                for item in block.items:
                    yield TextSlot(item, "text", None, item.lines[0] if item.lines else line)
                    for paragraph in item.paragraphs:
                        yield TextSlot(paragraph, "text", None, paragraph.lines[0])
        for number in sorted(self.footnotes):
            yield TextSlot(self.footnotes, number, None, 0)

    def body_texts(self) -> Iterator[tuple[str, int]]:
        for slot in self.body_slots():
            yield slot.get(), slot.line

    def headings(self) -> list[Heading]:
        found: list[Heading] = []
        for block in self.blocks:
            if isinstance(block, Heading):
                found.append(block)
            elif isinstance(block, Box):
                found.append(block.title)
            elif isinstance(block, GlossarySection):
                found.append(block.heading)
        return found


@dataclass
class TextSlot:
    """Where a piece of inline text lives, so a stage can read and replace it."""

    owner: object
    key: object  # attribute name, or dict key for footnotes
    index: int | None  # position in a list attribute (table cells)
    line: int

    def get(self) -> str:
        value = self.owner[self.key] if isinstance(self.owner, dict) else getattr(self.owner, self.key)  # type: ignore[index]
        return value[self.index] if self.index is not None else value

    def set(self, text: str) -> None:
        if isinstance(self.owner, dict):
            self.owner[self.key] = text
        elif self.index is not None:
            getattr(self.owner, self.key)[self.index] = text  # type: ignore[arg-type]
        else:
            setattr(self.owner, self.key, text)  # type: ignore[arg-type]


def _table_slots(table: Table, line: int) -> Iterator[TextSlot]:
    if table.caption:
        yield TextSlot(table, "caption", None, line)
    for index in range(len(table.header)):
        yield TextSlot(table, "header", index, line)
    for row in table.rows:
        for index in range(len(row.cells)):
            yield TextSlot(row, "cells", index, line)
    if table.note:
        yield TextSlot(table, "note", None, line)


@dataclass(frozen=True)
class Problem:
    """A validation finding for editors: where, what, and how to fix it."""

    severity: str  # "error" or "warning"
    file: str
    line: int | None
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        text = f"{where}: {self.severity}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


@dataclass
class SourceText:
    path: Path
    lines: list[str]  # the text of each physical line, stripped
    indents: list[int] = field(default_factory=list)  # per line, see Line.indent
    page_starts: frozenset[int] = frozenset()  # line numbers a form feed puts on a new page
    encoding: str = ""
    roles: list[str] = field(default_factory=list)  # per line, see Line.role
    extents: list[int | None] = field(default_factory=list)  # per line, see Line.extent
    fonts: list[str] = field(default_factory=list)  # per line, see Line.font
    reader: str = "text"  # what read the file: "text", or a library with its version
    pages: int = 0  # how many pages the original has, where it has pages
    title: str = ""  # the title in the file's properties (a PDF's or a Word file's), as the file states it

    def as_lines(self) -> list[Line]:
        """The physical lines with everything the reader knows about them."""
        count = len(self.lines)
        indents = self.indents or [0] * count
        roles = self.roles or [""] * count
        extents = self.extents or [None] * count
        fonts = self.fonts or [""] * count
        return [Line(number, text, indents[number - 1], number in self.page_starts, roles[number - 1],
                     extents[number - 1], fonts[number - 1]) for number, text in enumerate(self.lines, 1)]

    @property
    def name(self) -> str:
        return self.path.name
