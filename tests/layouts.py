"""Other layouts of the same report text, made the way the real sources make them.

A web scrape has one paragraph per line. From its paragraphs this module
writes the layouts reports also arrive in:

* ``as_blocks``: paragraphs separated by blank lines, some of them cut in two
  by a page break (a blank line inside a sentence), as PDF-to-text dumps do;
* ``as_wrapped``: a PDF text layer: lines hard-wrapped at a page width the way
  a word processor sets Chinese (no line starts with a closing mark, numbers
  and Latin words are never broken), paragraphs indented, headings not
  indented, the cover centred, and on every page a page number, a form feed
  and a running header;
* ``as_legacy_bytes``: CRLF line ends in GB18030;
* ``as_run_together``: the whole text on one line, each paragraph after the
  indent it had (two U+3000, spaces or no-break spaces) or the HTML tag that
  ended the one before, as a dataset's text field or a crawler that wrote a
  page as one line holds it.

The converter must turn every one of them into the same Markdown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.sources.layout import width
from generator.structure.numbering import could_be_heading

_OPENING = "“‘（《〈「『【(["
_NO_LINE_START = "”’）》〉」』】，。、；：？！…—·%,.;:?!)]"
_UNBREAKABLE = re.compile(r"[A-Za-z0-9.,%‰+\-_/:#&@]+")
_HAN = re.compile("[\u4e00-\u9fff]")
SENTENCE_END = "。！？：:!?"


def paragraphs_of(text: str) -> list[str]:
    """A scrape's paragraphs: its non-blank lines."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def as_lines(paragraphs: list[str]) -> str:
    return "\n".join(paragraphs) + "\n"


# A page ends after a printed line: the first half of a cut paragraph is at least one line
# long (the catalogue's 121 real cuts: 24 characters at the least; pages hold 24–40).
MIN_FIRST_HALF = 24
# Word processors keep a heading's lines on one page, and a cover is a page of its own: page
# breaks cut body paragraphs, which are longer than any heading.
MIN_CUT_PARAGRAPH = 80


def cuttable(paragraphs: list[str]) -> list[int]:
    """The paragraphs a page break may cut: body paragraphs (after the salutation) longer than a heading."""
    start = next((i for i, p in enumerate(paragraphs) if p.startswith("各位代表")), 0)
    return [i for i, p in enumerate(paragraphs) if i > start and len(p) > MIN_CUT_PARAGRAPH and cut_points(p)]


def cut_points(paragraph: str) -> list[int]:
    """Where a page break can fall inside a sentence of this paragraph.

    At least a printed line in, not after a sentence-final mark (that would be a paragraph end), not inside
    a number or a Latin word, not between two equal characters (the artefact of
    a character printed twice at a page break looks exactly like that), and not
    before an opening quote (a stray quote at a page break looks like that).
    """
    points = []
    for index in range(MIN_FIRST_HALF, len(paragraph) - 1):
        before, after = paragraph[index - 1], paragraph[index]
        if before in SENTENCE_END or before in "”’）" or after in _NO_LINE_START + _OPENING:
            continue
        if before.isascii() and after.isascii() and before.isalnum() and after.isalnum():
            continue
        if before == after or before == " " or after == " ":
            continue
        points.append(index)
    return points


def as_blocks(paragraphs: list[str], cuts: dict[int, int]) -> str:
    """Blank-line blocks; ``cuts`` maps a paragraph index to where a page break cuts it."""
    out = []
    for index, paragraph in enumerate(paragraphs):
        if index in cuts:
            out += [paragraph[: cuts[index]], paragraph[cuts[index]:]]
        else:
            out.append(paragraph)
    return "\n\n".join(out) + "\n"


def _units(text: str) -> list[str]:
    """What a line break may not split: an opening mark with what follows, a number or a
    Latin word whole, closing marks with what precedes them, Han-space-Han together."""
    units: list[str] = []
    index = 0
    while index < len(text):
        start = index
        while index < len(text) and text[index] in _OPENING:
            index += 1
        run = _UNBREAKABLE.match(text, index)
        if run and run.end() > index:
            index = run.end()
        elif index < len(text):
            index += 1
        while index < len(text) and text[index] in _NO_LINE_START:
            index += 1
        # A space between Han characters belongs to the text (殷 勇); never break at it.
        while (index + 1 < len(text) and text[index] == " " and _HAN.match(text[index - 1])
               and _HAN.match(text[index + 1])):
            index += 2
        units.append(text[start:index])
    return units


def wrap(text: str, columns: int, indent: int) -> list[str]:
    """Greedy line filling; the first line starts ``indent`` columns in.

    A space between two Han characters (陕西省省长 赵刚) is kept on its line
    and may hang past the margin: a break there would lose the space, which
    no reader of the text layer could restore.
    """
    lines: list[str] = []
    current, used = "", indent
    for unit in _units(text):
        unit_width = width(unit)
        hangs = " " in unit.strip(" ") and used + width(unit.split(" ")[0]) <= columns
        if current and used + unit_width > columns and not hangs:
            lines.append(current.rstrip(" "))
            current, used = unit.lstrip(" "), width(unit.lstrip(" "))
        else:
            current += unit
            used += unit_width
    if current:
        lines.append(current.rstrip(" "))
    return lines


@dataclass(frozen=True)
class PageStyle:
    columns: int = 56  # 28 Han characters, as GB/T 9704 sets them
    lines_per_page: int = 22
    numbers: str = "dash"  # dash, hyphen, nth, of, bare
    form_feeds: bool = True
    header: str = ""  # a running header on every page but the first
    indent: str = "\u3000\u3000"  # how a paragraph's first line is indented
    indent_headings: bool = False
    centre_cover: int = 12  # the first lines short enough are centred, up to this many
    blank_around_numbers: bool = False


def _page_number(style: str, number: int, total: int) -> str:
    return {
        "dash": f"— {number} —", "hyphen": f"- {number} -", "nth": f"第{number}页",
        "of": f"{number}/{total}", "bare": str(number),
    }[style]


def as_wrapped(paragraphs: list[str], style: PageStyle) -> str:
    """A PDF text layer of the paragraphs, in pages."""
    body: list[str] = []
    indent_columns = width(style.indent.replace(" ", "a"))
    for position, paragraph in enumerate(paragraphs):
        fits = width(paragraph) + indent_columns <= style.columns
        # A title is set flush left; a fragment a scrape split off (……发展的, 2.5) is no title.
        heading_like = fits and paragraph[-1] not in SENTENCE_END + "。" and _HAN.search(paragraph) and could_be_heading(paragraph)
        if position < style.centre_cover and width(paragraph) <= style.columns - 8:
            body.append(" " * ((style.columns - width(paragraph)) // 2) + paragraph)
        elif heading_like and not style.indent_headings:
            body += wrap(paragraph, style.columns, 0)
        else:
            body += [style.indent + line if i == 0 else line
                     for i, line in enumerate(wrap(paragraph, style.columns, indent_columns))]
    pages = [body[i: i + style.lines_per_page] for i in range(0, len(body), style.lines_per_page)]
    out: list[str] = []
    for number, page in enumerate(pages, 1):
        page = list(page)
        if number > 1 and style.header:
            page.insert(0, " " * ((style.columns - width(style.header)) // 2) + style.header)
        if number > 1 and style.form_feeds:
            page[0] = "\f" + page[0]
        out += page
        if style.blank_around_numbers:
            out.append("")
        out.append(" " * (style.columns // 2 - 3) + _page_number(style.numbers, number, len(pages)))
        if style.blank_around_numbers:
            out.append("")
    return "\n".join(out) + "\n"


def as_legacy_bytes(text: str) -> bytes:
    return text.replace("\n", "\r\n").encode("gb18030")


# What a dataset or crawler leaves between run-together paragraphs: the indent each had.
# A text field that kept its HTML has its line breaks and paragraph tags instead.
SEPARATORS = ("\u3000\u3000", "  ", "\u00a0\u00a0", "\u3000\u3000\u3000\u3000", "    ", "<br>", "<br/>\u3000\u3000",
              "</p><p>")


def as_run_together(paragraphs: list[str], separator: str, indented: bool) -> str:
    """The paragraphs on one line, each after ``separator`` (the first too, if ``indented``)."""
    return (separator if indented else "") + separator.join(paragraphs) + "\n"
