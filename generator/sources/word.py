"""A Word document (.docx): its paragraphs, headings, tables and footnotes, with python-docx.

Each paragraph is a line. A heading is known by its paragraph style (标题 1,
Heading 2, Title), an outline level on the paragraph or its style, or, as in
most government files that use no heading styles, by direct formatting: the
whole paragraph set in a font other than the body's (黑体, 楷体, bold 仿宋).
Fonts come from the run, its character style, the paragraph style chain and
the document defaults, East Asian font first, as Word resolves them. Bold runs
inside a paragraph are marked bold; a line break inside a paragraph ends a
line; Word's automatic numbers (一、 （一） 1. ①), which the paragraph text
lacks, are written out; tables become TAB-separated rows; footnote references
become note marks and the footnotes follow the text. Content controls (w:sdt)
are read through.

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
from . import limits
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

    check_package(path)
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError):
        raise SourceError(path, None, "this is no Word document (.docx), or it is damaged",
                          "open it in Word or WPS and save it again as .docx") from None
    numbering = _Numbering(document)
    defaults = _Defaults(_document_defaults(document), {style.style_id: style for style in document.styles})
    paragraphs = [paragraph for element in _body(document.element.body)
                  for paragraph in _paragraphs(element, document, numbering, defaults)]
    source = _source(path, paragraphs, _footnotes(document))
    source.title = (document.core_properties.title or "").strip()
    return source


def check_package(path: Path) -> None:
    """Refuse a .docx whose parts inflate beyond limits.PART_BYTES (each) or PACKAGE_BYTES (together):
    by their declared sizes first, then by inflating each part and counting, in case a size lies."""
    try:
        package = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        return  # python-docx says what is wrong with it
    hint = "a Word file this large is no government report; if the file is genuine, save it again from Word or WPS"
    with package:
        members = package.infolist()
        total = 0
        for info in members:
            if info.file_size > limits.PART_BYTES:
                raise SourceError(path, None, f"its part {info.filename} inflates to {info.file_size // limits.MIB:,} MiB, more "
                                  f"than the {limits.PART_BYTES // limits.MIB} MiB a report's part may hold", hint)
            total += info.file_size
        if total > limits.PACKAGE_BYTES:
            raise SourceError(path, None, f"its parts inflate to {total // limits.MIB:,} MiB together, more than the "
                              f"{limits.PACKAGE_BYTES // limits.MIB} MiB a report may hold", hint)
        total = 0
        for info in members:
            try:
                with package.open(info) as part:
                    size = 0
                    while chunk := part.read(1 << 20):
                        size += len(chunk)
                        total += len(chunk)
                        if size > limits.PART_BYTES or total > limits.PACKAGE_BYTES:
                            raise SourceError(path, None, f"its part {info.filename} inflates to more than its declared "
                                              f"size and beyond the {limits.PART_BYTES // limits.MIB} MiB a report's part "
                                              "may hold", hint)
            except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError):
                return  # python-docx says what is wrong with it


def _body(container):
    """Paragraphs and tables in the order they stand, inside content controls too."""
    for element in container.iterchildren():
        if element.tag in (f"{_W}p", f"{_W}tbl"):
            yield element
        elif element.tag == f"{_W}sdt":
            content = element.find(f"{_W}sdtContent")
            if content is not None:
                yield from _body(content)


class _Run:
    def __init__(self, text: str, font: str, bold: bool, size: float | None):
        self.text, self.font, self.bold, self.size = text, font, bold, size


class _Paragraph:
    def __init__(self, runs: list[_Run], style: str, level: int | None, centred: bool, table: list[list[str]] | None = None):
        self.runs, self.style, self.level, self.centred, self.table = runs, style, level, centred, table

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


class _Defaults:
    """What a run's formatting falls back on: the document defaults, and the styles by id."""

    def __init__(self, run: tuple[str, bool | None, float | None], styles: dict):
        self.run, self.styles = run, styles


_NO_DEFAULTS = _Defaults(("", None, None), {})


def _paragraphs(element, document, numbering: "_Numbering", defaults: _Defaults) -> list[_Paragraph]:
    """The paragraph, or the table, as lines: a line break (Shift+Enter) inside a paragraph ends a line."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    if element.tag == f"{_W}tbl":
        table = Table(element, document)
        rows = [[_cell_text(cell, defaults) for cell in row.cells] for row in table.rows]
        return [_Paragraph([], "", None, False, table=rows)]
    paragraph = Paragraph(element, document)
    style = paragraph.style
    lines: list[list[_Run]] = [[]]
    for child in element.iter(f"{_W}r"):
        run_format = _run_format(child, style, defaults)
        run_text = ""
        for node in child.iterchildren():
            if node.tag == f"{_W}t":
                run_text += clean_text(node.text or "")
            elif node.tag == f"{_W}tab":
                run_text += " "
            elif node.tag == f"{_W}footnoteReference":
                run_text += f"<sup>\ue000{node.get(f'{_W}id')}</sup>"  # numbered in reading order below
            elif node.tag in (f"{_W}br", f"{_W}cr"):
                if run_text:
                    lines[-1].append(_Run(run_text, *run_format))
                run_text = ""
                lines.append([])
        if run_text:
            lines[-1].append(_Run(run_text, *run_format))
    label = numbering.label(element, style)
    first = next((line for line in lines if any(run.text.strip() for run in line)), None)
    if label and first is not None:
        lead = next(run for run in first if run.text.strip())
        first.insert(0, _Run(label, lead.font, lead.bold, lead.size))
    alignment = paragraph.paragraph_format.alignment
    centred = alignment is not None and int(alignment) == 1
    name, level = (style.name if style is not None else ""), _outline_level(element, style)
    return [_Paragraph(runs, name, level, centred) for runs in lines if runs or len(lines) == 1]


def _cell_text(cell, defaults: _Defaults) -> str:
    """A table cell's text; a cell set whole in bold (a group label) is marked bold."""
    text = clean_text(cell.text.replace("\n", " ").replace("\t", " ")).strip()
    runs = [(run, paragraph.style) for paragraph in cell.paragraphs for run in paragraph._element.iter(f"{_W}r")
            if "".join(node.text or "" for node in run.iter(f"{_W}t")).strip()]
    if text and runs and all(_run_format(run, style, defaults)[1] for run, style in runs):
        return f"**{text}**"
    return text


def _properties(properties) -> tuple[str, bool | None, float | None]:
    """Font (East Asian first), bold and size that one w:rPr sets; empty or None where it is silent."""
    if properties is None:
        return "", None, None
    font, bold, size = "", None, None
    fonts = properties.find(f"{_W}rFonts")
    if fonts is not None:
        font = fonts.get(f"{_W}eastAsia") or fonts.get(f"{_W}ascii") or ""
    flag = properties.find(f"{_W}b")
    if flag is not None:
        bold = flag.get(f"{_W}val") not in ("0", "false", "off")
    measure = properties.find(f"{_W}sz")
    if measure is not None and measure.get(f"{_W}val", "").isdigit():
        size = int(measure.get(f"{_W}val")) / 2
    return font, bold, size


def _document_defaults(document) -> tuple[str, bool | None, float | None]:
    """The run formatting of w:docDefaults, what a run without formatting of its own is set in."""
    styles = document.styles.element
    defaults = styles.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr")
    return _properties(defaults)


def _run_format(run, style, defaults: _Defaults = _NO_DEFAULTS) -> tuple[str, bool, float | None]:
    """The run's East Asian font, bold and size, as Word resolves them: the run's own formatting,
    its character style's chain, its paragraph style's chain, the document defaults."""
    font, bold, size = _properties(run.find(f"{_W}rPr"))
    chain = []
    character = run.find(f"{_W}rPr/{_W}rStyle")
    if character is not None and character.get(f"{_W}val") in defaults.styles:
        chain.append(defaults.styles[character.get(f"{_W}val")])
    chain.append(style)
    for start in chain:
        current = start
        while current is not None and (not font or bold is None or size is None):
            own_font, own_bold, own_size = _properties(current.element.find(f"{_W}rPr"))
            font = font or own_font
            bold = own_bold if bold is None else bold
            size = own_size if size is None else size
            current = current.base_style
    font = font or defaults.run[0]
    bold = defaults.run[1] if bold is None else bold
    size = defaults.run[2] if size is None else size
    return font, bool(bold), size


_CN_DIGITS = "〇一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_LABEL_PLACE = re.compile(r"%([1-9])")


def _chinese(number: int) -> str:
    """11 -> 十一, 20 -> 二十, 105 -> 一百零五: how chineseCounting numbers."""
    if number < 10:
        return _CN_DIGITS[number]
    if number < 100:
        tens, ones = divmod(number, 10)
        return (_CN_DIGITS[tens] if tens > 1 else "") + "十" + (_CN_DIGITS[ones] if ones else "")
    if number < 1000:
        hundreds, rest = divmod(number, 100)
        tail = "" if not rest else ("零" + _CN_DIGITS[rest] if rest < 10 else
                                   (_chinese(rest) if rest >= 20 else "一" + _chinese(rest)))
        return _CN_DIGITS[hundreds] + "百" + tail
    return str(number)


def _roman(number: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while number >= value:
            out, number = out + letters, number - value
    return out


def _formatted(number: int, number_format: str) -> str:
    """A counter written in a w:numFmt (the formats government documents use, decimal otherwise)."""
    if number_format in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified",
                         "ideographDigital", "taiwaneseCounting", "taiwaneseCountingThousand"):
        return _chinese(number)
    if number_format in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and number <= len(_CIRCLED):
        return _CIRCLED[number - 1]
    if number_format == "ideographTraditional" and number <= len(_STEMS):
        return _STEMS[number - 1]
    if number_format == "decimalFullWidth":
        return "".join(chr(ord(digit) + 0xFEE0) for digit in str(number))
    if number_format in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)
        return letter.upper() if number_format == "upperLetter" else letter
    if number_format in ("lowerRoman", "upperRoman"):
        return _roman(number).upper() if number_format == "upperRoman" else _roman(number)
    if number_format == "decimalEnclosedParen":
        return f"({number})"
    if number_format == "decimalEnclosedFullstop":
        return f"{number}."
    return str(number)


class _Numbering:
    """Word's automatic list numbers: a paragraph numbered 一、 or （一） has no number in its text.

    Counters run per abstract list, as Word counts them: a paragraph at one level
    advances its counter and restarts the levels below; a w:num's startOverride
    restarts its list where that w:num is first used.
    """

    def __init__(self, document):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.instances: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        for abstract in root.iter(f"{_W}abstractNum"):
            levels = {}
            for level in abstract.iter(f"{_W}lvl"):
                number_format = level.find(f"{_W}numFmt")
                text = level.find(f"{_W}lvlText")
                start = level.find(f"{_W}start")
                levels[int(level.get(f"{_W}ilvl", "0"))] = (
                    number_format.get(f"{_W}val", "decimal") if number_format is not None else "decimal",
                    text.get(f"{_W}val", "") if text is not None else "",
                    int(start.get(f"{_W}val", "1")) if start is not None else 1)
            self.levels[abstract.get(f"{_W}abstractNumId")] = levels
        for instance in root.iter(f"{_W}num"):
            abstract = instance.find(f"{_W}abstractNumId")
            overrides = {}
            for override in instance.iter(f"{_W}lvlOverride"):
                start = override.find(f"{_W}startOverride")
                if start is not None:
                    overrides[int(override.get(f"{_W}ilvl", "0"))] = int(start.get(f"{_W}val", "1"))
            if abstract is not None:
                self.instances[instance.get(f"{_W}numId")] = (abstract.get(f"{_W}val"), overrides)

    def label(self, element, style) -> str:
        """The number Word shows before this paragraph, with what follows it; '' if it has none."""
        number_id, level = self._reference(element, style)
        if number_id is None or number_id not in self.instances:
            return ""
        abstract, overrides = self.instances[number_id]
        levels = self.levels.get(abstract, {})
        if level not in levels:
            return ""
        counters = self.counters.setdefault(abstract, {})
        if number_id not in self.started:
            self.started.add(number_id)
            for overridden, start in overrides.items():
                counters[overridden] = start - 1
                for deeper in [key for key in counters if key > overridden]:
                    del counters[deeper]
        counters[level] = counters.get(level, levels[level][2] - 1) + 1
        for deeper in [key for key in counters if key > level]:
            del counters[deeper]
        number_format, text, _ = levels[level]
        if number_format in ("bullet", "none") or not text:
            return ""

        def place(match: re.Match[str]) -> str:
            shown = int(match.group(1)) - 1
            value = counters.get(shown, levels.get(shown, ("decimal", "", 1))[2])
            return _formatted(value, levels.get(shown, ("decimal",))[0])

        label = _LABEL_PLACE.sub(place, text)
        # Word puts a tab or a space after the number (w:suff); after 、 ） or ① our text needs none.
        return label if label[-1] in "、）．，：" + _CIRCLED else label + " "

    @staticmethod
    def _reference(element, style) -> tuple[str | None, int]:
        """numId and ilvl of the paragraph's own w:numPr, else of its style chain's."""
        candidates = [element.find(f"{_W}pPr/{_W}numPr")]
        while style is not None:
            candidates.append(style.element.find(f"{_W}pPr/{_W}numPr"))
            style = style.base_style
        number_id, level = None, None
        for properties in candidates:
            if properties is None:
                continue
            if number_id is None and properties.find(f"{_W}numId") is not None:
                number_id = properties.find(f"{_W}numId").get(f"{_W}val")
            if level is None and properties.find(f"{_W}ilvl") is not None:
                level = int(properties.find(f"{_W}ilvl").get(f"{_W}val", "0"))
        return (None if number_id in (None, "0") else number_id), level or 0


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
