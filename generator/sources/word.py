"""A Word document (.docx): its paragraphs, headings, tables and footnotes, with python-docx.

Each paragraph is a line. A heading is known by its paragraph style (标题 1,
Heading 2, Title), an outline level on the paragraph or its style, or, as in
most government files that use no heading styles, by direct formatting: the
whole paragraph set in a font other than the body's (黑体, 楷体, bold 仿宋).
Bold runs inside a paragraph are marked bold; tables become TAB-separated
rows; footnote references become note marks and the footnotes follow the text.

A legacy .doc, or a file that is no Word document, stops the build with an
error saying what to do.
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from importlib.metadata import version
from pathlib import Path

from ..model import HEADING, TITLE, SourceText
from .read import SourceError, clean_text

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
_TITLE_STYLE = re.compile(r"^(?:title|标题)$", re.IGNORECASE)
_TITLE_SIZE = 1.25
_REFERENCE = re.compile("<sup>\ue000(-?\\d+)</sup>")


def reader_name() -> str:
    return f"python-docx {version('python-docx')}"


def read_word(path: Path) -> SourceText:
    if path.suffix.lower() == ".doc":
        raise SourceError(path, None, "this is a Word 97–2003 document (.doc), which cannot be read",
                          "open it in Word or WPS and save it as .docx")
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError):
        raise SourceError(path, None, "this is no Word document (.docx), or it is damaged",
                          "open it in Word or WPS and save it again as .docx") from None
    paragraphs = [_paragraph(element, document) for element in _body(document)]
    return _source(path, paragraphs, _footnotes(document))


def _body(document):
    """Paragraphs and tables in the order they stand."""
    for element in document.element.body.iterchildren():
        if element.tag in (f"{_W}p", f"{_W}tbl"):
            yield element


class _Run:
    def __init__(self, text: str, font: str, bold: bool, size: float | None):
        self.text, self.font, self.bold, self.size = text, font, bold, size


class _Paragraph:
    def __init__(self, runs: list[_Run], style: str, level: int | None, centred: bool, table: list[list[str]] | None = None):
        self.runs, self.style, self.level, self.centred, self.table = runs, style, level, centred, table

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


def _paragraph(element, document) -> _Paragraph:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    if element.tag == f"{_W}tbl":
        table = Table(element, document)
        rows = [[_cell_text(cell) for cell in row.cells] for row in table.rows]
        return _Paragraph([], "", None, False, table=rows)
    paragraph = Paragraph(element, document)
    style = paragraph.style
    runs = []
    for child in element.iter(f"{_W}r"):
        run_text = ""
        for node in child.iterchildren():
            if node.tag == f"{_W}t":
                run_text += clean_text(node.text or "")
            elif node.tag == f"{_W}tab":
                run_text += " "
            elif node.tag == f"{_W}footnoteReference":
                run_text += f"<sup>\ue000{node.get(f'{_W}id')}</sup>"  # numbered in reading order below
        if run_text:
            runs.append(_Run(run_text, *_run_format(child, style)))
    alignment = paragraph.paragraph_format.alignment
    return _Paragraph(runs, style.name if style is not None else "", _outline_level(element, style),
                      alignment is not None and int(alignment) == 1)


def _cell_text(cell) -> str:
    """A table cell's text; a cell set whole in bold (a group label) is marked bold."""
    text = clean_text(cell.text.replace("\n", " ").replace("\t", " ")).strip()
    runs = [(run, paragraph.style) for paragraph in cell.paragraphs for run in paragraph._element.iter(f"{_W}r")
            if "".join(node.text or "" for node in run.iter(f"{_W}t")).strip()]
    if text and runs and all(_run_format(run, style)[1] for run, style in runs):
        return f"**{text}**"
    return text


def _run_format(run, style) -> tuple[str, bool, float | None]:
    """The run's East Asian font, bold and size: its own formatting, else its paragraph style's."""
    properties = run.find(f"{_W}rPr")
    font, bold, size = "", None, None
    if properties is not None:
        fonts = properties.find(f"{_W}rFonts")
        if fonts is not None:
            font = fonts.get(f"{_W}eastAsia") or fonts.get(f"{_W}ascii") or ""
        flag = properties.find(f"{_W}b")
        if flag is not None:
            bold = flag.get(f"{_W}val") not in ("0", "false")
        measure = properties.find(f"{_W}sz")
        if measure is not None and measure.get(f"{_W}val", "").isdigit():
            size = int(measure.get(f"{_W}val")) / 2
    while style is not None and (not font or bold is None or size is None):
        if not font:
            font = style.font.name or ""
        if bold is None and style.font.bold is not None:
            bold = style.font.bold
        if size is None and style.font.size is not None:
            size = style.font.size.pt
        style = style.base_style
    return font, bool(bold), size


def _outline_level(element, style) -> int | None:
    properties = element.find(f"{_W}pPr")
    level = properties.find(f"{_W}outlineLvl") if properties is not None else None
    while level is None and style is not None:
        style_properties = style.element.find(f"{_W}pPr")
        level = style_properties.find(f"{_W}outlineLvl") if style_properties is not None else None
        style = style.base_style
    value = level.get(f"{_W}val") if level is not None else None
    return int(value) + 1 if value is not None and value.isdigit() and int(value) < 9 else None


def _footnotes(document) -> dict[str, str]:
    """Footnote texts by id, from the document's footnotes part (its separators are no notes)."""
    for relationship in document.part.rels.values():
        if relationship.reltype.endswith("/footnotes"):
            from lxml import etree

            root = etree.fromstring(relationship.target_part.blob)
            notes = {}
            for note in root.iter(f"{_W}footnote"):
                identifier = note.get(f"{_W}id")
                text = clean_text("".join(node.text or "" for node in note.iter(f"{_W}t"))).strip()
                if text and identifier and note.get(f"{_W}type") in (None, "normal"):
                    notes[identifier] = text
            return notes
    return {}


def _format_key(run: _Run) -> tuple[str, bool]:
    return run.font, run.bold


def _source(path: Path, paragraphs: list[_Paragraph], footnotes: dict[str, str]) -> SourceText:
    formats = Counter(_format_key(run) for p in paragraphs if p.table is None and not _styled(p)
                      for run in p.runs for _ in run.text.strip())
    body = formats.most_common(1)[0][0] if formats else ("", False)
    sizes = Counter(run.size for p in paragraphs for run in p.runs if _format_key(run) == body and run.size)
    body_size = sizes.most_common(1)[0][0] if sizes else None
    lines, roles, fonts = [], [], []
    for paragraph in paragraphs:
        if paragraph.table is not None:
            lines += [""] + ["\t".join(row) for row in paragraph.table] + [""]
            roles += [""] * (len(paragraph.table) + 2)
            fonts += [""] * (len(paragraph.table) + 2)
            continue
        role, font = _role(paragraph, body, body_size)
        lines.append(_text(paragraph, body, whole=role in (HEADING, TITLE)))
        roles.append(role)
        fonts.append(font)
    # Word numbers footnotes in the order they are referenced, whatever their ids.
    numbers: dict[str, int] = {}

    def number(match: re.Match[str]) -> str:
        return f"<sup>{numbers.setdefault(match.group(1), len(numbers) + 1)}</sup>"

    lines = [_REFERENCE.sub(number, line) for line in lines]
    for identifier in footnotes:
        numbers.setdefault(identifier, len(numbers) + 1)
    for identifier, shown in sorted(numbers.items(), key=lambda item: item[1]):
        if identifier in footnotes:
            lines += ["", f"<sup>{shown}</sup>{footnotes[identifier]}"]
            roles += ["", ""]
            fonts += ["", ""]
    return SourceText(path=path, lines=[line.strip(" ") for line in lines], roles=roles, fonts=fonts,
                      reader=reader_name())


def _styled(paragraph: _Paragraph) -> bool:
    return bool(_HEADING_STYLE.match(paragraph.style) or _TITLE_STYLE.match(paragraph.style) or paragraph.level)


def _role(paragraph: _Paragraph, body: tuple[str, bool], body_size: float | None) -> tuple[str, str]:
    """TITLE or HEADING, and the style or font that says so (each one a heading level of its own)."""
    text_runs = [run for run in paragraph.runs if run.text.strip() and not _REFERENCE.fullmatch(run.text)]
    if not text_runs:
        return "", ""
    if _TITLE_STYLE.match(paragraph.style):
        return TITLE, paragraph.style
    heading = _HEADING_STYLE.match(paragraph.style)
    if heading or paragraph.level:
        return HEADING, f"level {heading.group(1) if heading else paragraph.level}"
    if body_size and paragraph.centred and all(run.size and run.size >= _TITLE_SIZE * body_size for run in text_runs):
        return TITLE, "title"
    if all(_format_key(run) != body for run in text_runs):
        font, bold = _format_key(text_runs[0])
        return HEADING, f"{font}{' bold' if bold else ''}"
    return "", ""


def _text(paragraph: _Paragraph, body: tuple[str, bool], whole: bool) -> str:
    """The paragraph's text with runs not in the body format (bold lead-ins) marked bold."""
    out, bold_open = [], False
    for run in paragraph.runs:
        if _REFERENCE.fullmatch(run.text):
            out.append(run.text)  # a note mark is set as a superscript, never as bold text
            continue
        bold = not whole and run.text.strip() != "" and _format_key(run) != body and (run.bold or run.font != body[0])
        if bold != bold_open and run.text.strip():
            out.append("**")
            bold_open = bold
        out.append(run.text)
    if bold_open:
        out.append("**")
    return "".join(out)
