"""A PDF with a text layer: its lines with their page, position and font.

Two libraries, each for what it reads right (the evaluation is in the README):

* **pdfplumber** (on pdfminer.six) gives the geometry: every glyph's box, font
  name and size, and the cells of tables drawn with ruling lines;
* **pypdfium2** (PDFium, Chrome's PDF engine) gives the characters. pdfminer
  maps the glyphs of common CJK fonts (Noto / Source Han) to Kangxi and CJK
  radicals, 工 as ⼯ and 民 as ⺠, which no normalisation repairs; PDFium reads
  them as the text they are. Each pdfminer glyph takes the PDFium characters
  inside its box.

What the page knows goes to the pipeline with the lines:

* exact page boundaries (each page's first line starts a page);
* the header and footer, by position: a page's first or last line standing
  apart from the text block in the margin (``— 3 —`` and its kin);
* the indent and the extent of each line, in half-em columns of the body font;
* the role of a line by its font: set whole in a font other than the body's
  (GB/T 9704 sets parts in 黑体, sub-parts in 楷体 or bold 仿宋), it is a
  heading; larger than the body, the title; a run in another font inside a
  body line is bold;
* tables with ruling lines, as TAB-separated rows.

A PDF without a text layer (a scan), an encrypted one and a damaged one stop
the build with an error that names the file and says what to do.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from ..model import FOOTER, HEADER, HEADING, TITLE, SourceText
from . import limits
from .read import SourceError, clean_text

_SUBSET = re.compile(r"^[A-Z]{6}\+")
_BOLD = re.compile(r"bold|black|heavy|semibold|demibold|w[6-9]\b", re.IGNORECASE)
_SPACE_GAP = 0.6  # a gap of this many ems between two glyphs on a line is a space
_APART = 2.0  # a first or last line this many line pitches away from the text block stands apart
_MARGIN = 0.15  # ... and in the top or bottom 15 % of the page: a header or footer
_TITLE_SIZE = 1.25  # this much larger than the body: the title
_SUPERSCRIPT = 0.8  # a glyph this much smaller than its line's, and raised: a superscript
_FULL_SHORT = 6  # a full line may stop this many half-em columns short (a character moved down)


@dataclass
class _Glyph:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    font: str


@dataclass
class _Line:
    page: int
    page_height: float
    glyphs: list[_Glyph] = field(default_factory=list)

    @property
    def top(self) -> float:
        return min(g.top for g in self.glyphs)

    @property
    def bottom(self) -> float:
        return max(g.bottom for g in self.glyphs)

    @property
    def x0(self) -> float:
        return self.glyphs[0].x0

    @property
    def x1(self) -> float:
        return self.glyphs[-1].x1

    @property
    def table_row(self) -> bool:
        return any("\t" in g.text for g in self.glyphs)

    def font(self) -> str:
        return Counter(g.font for g in self.glyphs for _ in g.text).most_common(1)[0][0]

    def size(self) -> float:
        return Counter(round(g.size, 1) for g in self.glyphs).most_common(1)[0][0]


def reader_name() -> str:
    return f"pdfplumber {version('pdfplumber')} + pypdfium2 {version('pypdfium2')}"


def read_pdf(path: Path) -> SourceText:
    import pdfplumber
    import pypdfium2

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # it warns of every font descriptor it repairs
    try:
        pdfium = pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError as error:
        if "password" in str(error).lower():
            raise SourceError(path, None, "this PDF is encrypted",
                              "save an unprotected copy (print it to PDF, or remove the password) and add that") from None
        raise SourceError(path, None, "this PDF is damaged or incomplete", "download or export it again") from None
    check_pages(path, len(pdfium))
    try:
        with pdfplumber.open(str(path)) as document:
            pages = [_page_lines(number, page, pdfium[number]) for number, page in enumerate(document.pages)]
    except SourceError:
        raise
    except Exception:  # pdfminer's many ways of failing on a broken file  # noqa: BLE001
        raise SourceError(path, None, "this PDF is damaged or incomplete", "download or export it again") from None
    lines = [line for page in pages for line in page]
    if sum(len(g.text) for line in lines for g in line.glyphs) < 20:
        raise SourceError(path, None, "this PDF has no text layer: it is a scan",
                          "run OCR on it (for example `ocrmypdf --language chi_sim`) and add the result")
    if unreadable_share("".join(g.text for line in lines for g in line.glyphs)) > _UNREADABLE:
        raise SourceError(path, None, "this PDF's text layer cannot be read: its fonts do not say which "
                          "characters they draw", "export the PDF again with fonts embedded as Unicode, or run OCR "
                          "on it (for example `ocrmypdf --force-ocr --language chi_sim`) and add the result")
    source = _source(path, lines, len(pages))
    try:
        source.title = str(pdfium.get_metadata_dict().get("Title") or "").strip()
    except Exception:  # a damaged information dictionary loses the title, not the report  # noqa: BLE001
        source.title = ""
    return source


_UNREADABLE = 0.3
_PDF_HINT = "a government report is never like this; if the file is genuine, print it to PDF again from its source"


def check_pages(path: Path, pages: int) -> None:
    """Refuse a PDF of more than limits.PDF_PAGES pages, or a page whose content streams inflate beyond
    PAGE_CONTENT_BYTES: each stream is inflated with its output capped, before any page is parsed."""
    import zlib

    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    if pages > limits.PDF_PAGES:
        raise SourceError(path, None, f"it has {pages:,} pages, more than the {limits.PDF_PAGES:,} a report may have "
                          "(the longest we know has 103)", _PDF_HINT)
    try:
        with path.open("rb") as handle:
            document = PDFDocument(PDFParser(handle))
            for number, page in enumerate(PDFPage.create_pages(document), 1):
                contents = resolve1(page.attrs.get("Contents"))
                streams = contents if isinstance(contents, list) else [contents]
                total = 0
                for stream in streams:
                    stream = resolve1(stream)
                    raw = getattr(stream, "rawdata", None)
                    if raw is None:
                        continue
                    filters = resolve1(stream.attrs.get("Filter"))
                    names = [getattr(resolve1(f), "name", f) for f in (filters if isinstance(filters, list) else [filters])]
                    if names and names[0] in ("FlateDecode", "Fl"):
                        left = limits.PAGE_CONTENT_BYTES - total + 1
                        try:
                            total += len(zlib.decompressobj().decompress(raw, left))
                        except zlib.error:
                            continue  # pdfminer and PDFium say what is wrong with it
                    else:
                        total += len(raw)
                    if total > limits.PAGE_CONTENT_BYTES:
                        raise SourceError(path, None, f"page {number} draws more than {limits.PAGE_CONTENT_BYTES // limits.MIB} "
                                          "MiB of content (a report's page draws at most a few hundred KB)", _PDF_HINT)
    except SourceError:
        raise
    except Exception:  # noqa: BLE001 - a broken file: the readers below report it as damaged
        return
# What a Chinese report is written in: Han characters, CJK and general punctuation, full-width
# forms, ASCII. A font without a Unicode map gives glyph numbers instead, which land anywhere.
_READABLE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u2000-\u206f\u2100-\u22ff"
                       r"\u2460-\u24ff\u2500-\u257f\u25a0-\u25ff\u00b7\u00d7\u00f7\u00b0\u00b1\x21-\x7e]")


def unreadable_share(text: str) -> float:
    """The share of a text layer that is no character of a report: glyph numbers read as code
    points (a font without a Unicode map), private-use code points, controls, pdfminer's (cid:N)."""
    visible = "".join(char for char in text if not char.isspace())
    if not visible:
        return 0.0
    unmapped = sum(len(match) for match in re.findall(r"\(cid:\d+\)", visible))
    return (len(visible) - len(_READABLE.findall(visible)) + unmapped) / len(visible)


def _page_lines(number: int, page, pdfium_page) -> list[_Line]:
    glyphs = _glyphs(page, pdfium_page)
    lines: list[_Line] = []
    for glyph in sorted(glyphs, key=lambda g: (round((g.top + g.bottom) / 2), g.x0)):
        middle = (glyph.top + glyph.bottom) / 2
        line = next((line for line in reversed(lines[-3:])
                     if line.top - 0.3 * glyph.size <= middle <= line.bottom + 0.3 * glyph.size
                     and abs((line.top + line.bottom) / 2 - middle) < 0.5 * glyph.size), None)
        if line is None:
            line = _Line(number, page.height)
            lines.append(line)
        line.glyphs.append(glyph)
    for line in lines:
        line.glyphs.sort(key=lambda g: g.x0)
    lines.sort(key=lambda line: line.top)
    return _with_tables(page, lines)


def _glyphs(page, pdfium_page) -> list[_Glyph]:
    """pdfminer's glyphs, each with the characters PDFium reads inside its box."""
    height = page.height
    textpage = pdfium_page.get_textpage()
    characters = []
    for index in range(textpage.count_chars()):
        text = textpage.get_text_range(index, 1)
        if not text or text in "\r\n":
            continue
        try:
            left, bottom, right, top = textpage.get_charbox(index)
        except Exception:  # noqa: BLE001 - a generated character has no box
            continue
        characters.append((text, (left + right) / 2, height - (top + bottom) / 2))
    glyphs: list[_Glyph] = []
    position = 0
    chars = [char for char in page.chars if char.get("upright", True)]
    for index, char in enumerate(chars):
        following = chars[index + 1] if index + 1 < len(chars) else None
        taken = ""
        while position < len(characters):
            text, x, y = characters[position]
            if text.isspace():
                position += 1
            elif _inside(char, x, y) and not (taken and following is not None and _inside(following, x, y)):
                taken += text  # one glyph can stand for two characters (⸺ for ——)
                position += 1
            else:
                break
        glyphs.append(_Glyph(clean_text(taken or unicodedata.normalize("NFKC", char["text"])), char["x0"], char["x1"],
                             char["top"], char["bottom"], char["size"], _SUBSET.sub("", char["fontname"])))
    # A space glyph is the text's own space (producers that set none leave a gap: see _text).
    return [_Glyph(" ", g.x0, g.x1, g.top, g.bottom, g.size, g.font) if g.text.isspace() else g for g in glyphs if g.text]


def _inside(char: dict, x: float, y: float) -> bool:
    return char["x0"] - 1 <= x <= char["x1"] + 1 and char["top"] - 1 <= y <= char["bottom"] + 1


def _with_tables(page, lines: list[_Line]) -> list[_Line]:
    """Tables drawn with ruling lines become TAB-separated rows, where their text was."""
    try:
        tables = page.find_tables()
    except Exception:  # noqa: BLE001 - a table finder failing is no reason to lose the page
        return lines
    for table in tables:
        x0, top, x1, bottom = table.bbox
        inside = [line for line in lines if x0 - 1 <= line.x0 and line.x1 <= x1 + 1 and top - 1 <= line.top <= bottom + 1]
        if not inside:
            continue
        glyphs = [g for line in inside for g in line.glyphs if g.text.strip()]
        table_font = Counter(g.font for g in glyphs).most_common(1)[0][0] if glyphs else ""
        rows = []
        for row in table.rows:
            cells = []
            for cell in row.cells:
                if cell is None:
                    cells.append("")
                    continue
                cx0, ctop, cx1, cbottom = cell
                in_cell = [g for g in glyphs if cx0 - 1 <= (g.x0 + g.x1) / 2 <= cx1 + 1
                           and ctop - 1 <= (g.top + g.bottom) / 2 <= cbottom + 1]
                text = "".join(g.text for g in in_cell).strip()
                # A cell set whole in another font than the table's (a group label) is bold.
                cells.append(f"**{text}**" if text and all(g.font != table_font for g in in_cell) else text)
            row_line = _Line(inside[0].page, inside[0].page_height, [_Glyph("\t".join(cells), x0, x1, row.bbox[1], row.bbox[3],
                                                                         inside[0].size(), table_font)])
            rows.append(row_line)
        first = lines.index(inside[0])
        lines = [line for line in lines if line not in inside]
        lines[first:first] = rows
    return lines


def _text(line: _Line, body_font: str, body_size: float, whole_bold: bool) -> str:
    """The line's text: spaces where glyphs stand apart, bold runs and superscripts (note marks) marked."""
    out: list[str] = []
    bold_open = sup_open = False
    previous: _Glyph | None = None
    superscript = _superscripts(line)
    for glyph in line.glyphs:
        if glyph.text == " ":
            if out and out[-1] != " ":
                out.append(" ")
            previous = glyph
            continue
        if previous is not None and glyph.x0 - previous.x1 > _SPACE_GAP * glyph.size and out and out[-1] != " ":
            out.append(" ")
        sup = id(glyph) in superscript
        if sup != sup_open:
            out.append("<sup>" if sup else "</sup>")
            sup_open = sup
        bold = not sup and not whole_bold and glyph.font != body_font and "\t" not in glyph.text
        if bold != bold_open and not sup:
            out.append("**")
            bold_open = bold
        out.append(glyph.text)
        previous = glyph
    if sup_open:
        out.append("</sup>")
    if bold_open:
        out.append("**")
    return "".join(out).strip(" ")


def _superscripts(line: _Line) -> set[int]:
    """Glyphs set small and raised above the line's baseline: note marks such as ¹."""
    sizes = Counter(round(g.size, 1) for g in line.glyphs if g.text.strip())
    if len(sizes) < 2:
        return set()
    main = sizes.most_common(1)[0][0]
    bottoms = sorted(g.bottom for g in line.glyphs if round(g.size, 1) == main)
    baseline = bottoms[len(bottoms) // 2]
    return {id(g) for g in line.glyphs
            if g.size <= _SUPERSCRIPT * main and g.bottom < baseline - 0.2 * main and g.text.strip()}


def _source(path: Path, lines: list[_Line], pages: int) -> SourceText:
    fonts = Counter(g.font for line in lines for g in line.glyphs for _ in g.text)
    body_font = fonts.most_common(1)[0][0]
    sizes = Counter(round(g.size, 1) for line in lines for g in line.glyphs if g.font == body_font)
    body_size = sizes.most_common(1)[0][0]
    body_lines = [line for line in lines if line.font() == body_font]
    left = Counter(round(line.x0) for line in body_lines).most_common(1)[0][0] if body_lines else 0
    column = body_size / 2
    furniture = _furniture(lines, body_size)
    right = Counter(round(line.x1) for line in body_lines).most_common(1)[0][0] if body_lines else 0
    roles_of = [_role(line, furniture, body_font, body_size) for line in lines]
    for index in range(len(lines) - 2, -1, -1):  # from the end: a lead-in may fill several lines
        line, following = lines[index], lines[index + 1]
        # A lead-in filling a paragraph's first lines runs on into body text: no heading.
        if roles_of[index] == HEADING and not roles_of[index + 1] and line.x1 >= right - _FULL_SHORT * column \
                and round(following.x0) <= left + 1 and not following.table_row:
            roles_of[index] = ""
    for index in range(1, len(lines)):
        line, previous = lines[index], lines[index - 1]
        # The rest of a paragraph whose full first line ends in this line's font (一、**a bold
        # item title that wraps**): it runs on, it is no heading of its own.
        if roles_of[index] == HEADING and not roles_of[index - 1] and round(line.x0) <= left + 1 \
                and previous.x1 >= right - _FULL_SHORT * column and _last_font(previous) == _first_font(line):
            roles_of[index] = ""
    texts, indents, roles, extents, fonts, starts = [], [], [], [], [], set()
    previous_page = -1
    for line, role in zip(lines, roles_of):
        texts.append(_text(line, body_font, body_size, whole_bold=role in (HEADING, TITLE, HEADER, FOOTER)))
        fonts.append(line.font())
        indents.append(max(0, round((line.x0 - left) / column)))
        extents.append(max(0, round((line.x1 - left) / column)))
        roles.append(role)
        if line.page != previous_page:
            starts.add(len(texts))
            previous_page = line.page
    return SourceText(path=path, lines=texts, indents=indents, page_starts=frozenset(starts - {1}), roles=roles,
                      extents=extents, fonts=fonts, reader=reader_name(), pages=pages)


def _first_font(line: _Line) -> str:
    return next((g.font for g in line.glyphs if g.text.strip()), "")


def _last_font(line: _Line) -> str:
    return next((g.font for g in reversed(line.glyphs) if g.text.strip()), "")


def _role(line: _Line, furniture: dict[int, str], body_font: str, body_size: float) -> str:
    """HEADER or FOOTER by position, TITLE by size, HEADING when every glyph is in a font not the body's."""
    if id(line) in furniture:
        return furniture[id(line)]
    if line.size() >= _TITLE_SIZE * body_size:
        return TITLE
    glyphs = [g for g in line.glyphs if g.text.strip()]
    if glyphs and all(g.font != body_font for g in glyphs) and not any("\t" in g.text for g in glyphs):
        return HEADING
    return ""


def _furniture(lines: list[_Line], body_size: float) -> dict[int, str]:
    """Headers and footers: a page's first or last line apart from its text, in the margin."""
    found: dict[int, str] = {}
    by_page: dict[int, list[_Line]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(line)
    pitches = [b.top - a.top for page in by_page.values() for a, b in zip(page, page[1:]) if b.top > a.top]
    pitch = Counter(round(p) for p in pitches).most_common(1)[0][0] if pitches else 2 * body_size
    for page in by_page.values():
        if len(page) < 2:
            continue
        height = page[0].page_height
        last, before_last = page[-1], page[-2]
        if last.top - before_last.top > _APART * pitch and last.top > (1 - _MARGIN) * height:
            found[id(last)] = FOOTER
        first, second = page[0], page[1]
        if second.top - first.top > _APART * pitch and first.bottom < _MARGIN * height:
            found[id(first)] = HEADER
    return found
