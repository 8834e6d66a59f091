"""Stage 4, render: a structured report -> Markdown for stock MkDocs + Material.

All report text is untrusted: it is escaped so that nothing in it can become
Markdown syntax or HTML. The only HTML in the output is written here (the
cover block, boxes and errata), with every piece of report text inside it
escaped.
"""

from __future__ import annotations

import html
import re

import yaml

from .inline import BOLD_CLOSE, BOLD_OPEN, erratum_index, footnote_number
from .model import Box, Erratum, GlossarySection, Heading, Paragraph, Report, Table
from .patterns import ITEM_NUMBER

_ESCAPE = re.compile(r"([\\`*_{}\[\]|~^=])")
_LINE_START = re.compile(r"^(\s*)(?:([#>+\-=:])|(\d+)([.)])(?=\s|$))")


def escape_text(text: str) -> str:
    """Report text -> Markdown that shows exactly that text."""
    text = html.escape(text, quote=False)
    return _ESCAPE.sub(r"\\\1", text)


def inline(text: str, errata: list[Erratum] | None = None) -> str:
    """Inline text with markers -> Markdown (bold, footnote refs, errata)."""
    out: list[str] = []
    plain_run: list[str] = []

    def flush() -> None:
        if plain_run:
            out.append(escape_text("".join(plain_run)))
            plain_run.clear()

    for char in text:
        if char == BOLD_OPEN or char == BOLD_CLOSE:
            flush()
            out.append("**")
        elif footnote_number(char) is not None:
            flush()
            out.append(f"[^{footnote_number(char)}]")
        elif erratum_index(char) is not None:
            flush()
            out.append(_erratum(erratum_index(char), errata or []))  # type: ignore[arg-type]
        else:
            plain_run.append(char)
    flush()
    markdown = "".join(out).replace("****", "")
    return _LINE_START.sub(_escape_line_start, markdown, count=1)


def _escape_line_start(match: re.Match[str]) -> str:
    """A paragraph must not start a heading, quote, list or definition."""
    if match.group(2):
        return match.group(1) + "\\" + match.group(2)
    return match.group(1) + match.group(3) + "\\" + match.group(4)


def _erratum(index: int, errata: list[Erratum]) -> str:
    if index >= len(errata):
        return ""
    erratum = errata[index]
    note = html.escape(erratum.note or "编者更正", quote=True)
    original = html.escape(erratum.original, quote=False)
    correction = html.escape(erratum.correction, quote=False)
    return (
        f'<span class="erratum" id="erratum-{index + 1}" title="{note}">'
        f'<del class="erratum-original">{original}</del>'
        f'<ins class="erratum-correction">{correction}</ins>'
        f'<a class="erratum-ref" href="#errata">[更正{index + 1}]</a></span>'
    )


def _heading(heading: Heading) -> str:
    return "#" * heading.level + " " + escape_text(heading.text)


def _table(table: Table, errata: list[Erratum]) -> list[str]:
    def row(cells: list[str]) -> str:
        return "| " + " | ".join(inline(cell, errata).replace("\n", " ") or " " for cell in cells) + " |"

    lines = [row(table.header), "| " + " | ".join("---" for _ in table.header) + " |"]
    for body_row in table.rows:
        cells = list(body_row.cells)
        if body_row.group:
            cells[0] = f"{BOLD_OPEN}{cells[0]}{BOLD_CLOSE}"
        lines.append(row(cells))
    out = ["\n".join(lines), ""]
    if table.note:
        out += [inline(table.note, errata) + "\n{: .table-note }", ""]
    return out


def _item_text(text: str) -> tuple[str, str]:
    """Split '**1.label：**body' into ('1', '**label：**body')."""
    leading = ""
    if text.startswith(BOLD_OPEN):
        leading, text = BOLD_OPEN, text[1:]
    match = ITEM_NUMBER.match(text)
    if not match:
        return "", leading + text
    number = next((g for g in match.groups() if g and g.isdigit()), "1")
    return number, leading + text[match.end():]


def _box(box: Box, errata: list[Erratum]) -> list[str]:
    out = ['<div class="report-box" markdown>', "", _heading(box.title), ""]
    if box.table:
        out += _table(box.table, errata)
    for number, item in enumerate(box.items, 1):
        printed, text = _item_text(item.text)
        out.append(f"{printed or number}. {inline(text, errata)}")
    if box.items:
        out.append("")
    for paragraph in box.paragraphs:
        out += [inline(paragraph.text, errata), ""]
    out += ["</div>", ""]
    return out


def _glossary(section: GlossarySection, errata: list[Erratum]) -> list[str]:
    out = [_heading(section.heading), ""]
    for entry in section.entries:
        out += [f"{escape_text(entry.label)} {{ #{entry.anchor} }}", f":   {inline(entry.definition, errata)}", ""]
    return out


def _cover(report: Report) -> list[str]:
    meta = report.meta
    lines = [escape_text(line) for line in meta.cover_lines]
    if meta.subtitle:
        lines.append(escape_text(meta.subtitle))
    if meta.speaker:
        lines.append(escape_text(meta.speaker))
    if meta.date_line:
        lines.append(escape_text(meta.date_line))
    if meta.doc_title and meta.doc_title not in page_heading(report):
        lines.insert(0, escape_text(meta.doc_title))
    if not lines:
        return []
    out = ['<div class="report-cover" markdown>', ""]
    for line in lines:
        out += [line, ""]
    return out + ["</div>", ""]


def front_matter(report: Report) -> str:
    meta = report.meta
    data = {
        "title": meta.title,
        "report": {
            "slug": meta.slug,
            "title": meta.title,
            "doc_title": meta.doc_title,
            "region": meta.region,
            "level": meta.level,
            "kind": meta.kind,
            "date": meta.date,
            "meeting": meta.meeting,
            "speaker": meta.speaker,
            "source_file": meta.source_file,
        },
    }
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n"


def page_heading(report: Report) -> str:
    """The page's H1: the document's own title when it names the region, else the reader title."""
    meta = report.meta
    if meta.doc_title and meta.region and meta.region in meta.doc_title:
        return meta.doc_title
    return meta.title or meta.doc_title


def render_report(report: Report) -> str:
    errata = report.errata
    out = [front_matter(report), f"# {escape_text(page_heading(report))}", ""]
    out += _cover(report)
    for block in report.blocks:
        if isinstance(block, Heading):
            out += [_heading(block), ""]
        elif isinstance(block, Paragraph):
            out += [inline(block.text, errata), ""]
        elif isinstance(block, Table):
            out += _table(block, errata)
        elif isinstance(block, Box):
            out += _box(block, errata)
        elif isinstance(block, GlossarySection):
            out += _glossary(block, errata)
    body = "\n".join(out)
    for number, text in sorted(report.footnotes.items()):
        if f"[^{number}]" in body:
            out += [f"[^{number}]: {inline(text, errata)}", ""]
        else:  # a note with no mark in the text is still the report's text
            out += [inline(text, errata) + "\n{: .report-note }", ""]
    if errata:
        out += ['!!! note "编者更正"', ""]
        out.append('    <span id="errata"></span>')
        out.append("")
        for index, erratum in enumerate(errata, 1):
            note = f"：{escape_text(erratum.note)}" if erratum.note else ""
            out.append(
                f"    {index}. [第{erratum.line}行](#erratum-{index})：原文“{escape_text(erratum.original.strip())}”"
                f"更正为“{escape_text(erratum.correction)}”{note}"
            )
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def display_date(iso: str) -> str:
    """2023-01-07 -> 2023年1月7日; 2026-04 -> 2026年4月."""
    parts = [int(part) for part in iso.split("-") if part]
    return "".join(f"{value}{unit}" for value, unit in zip(parts, "年月日"))


def render_index(reports: list[Report]) -> str:
    out = [
        "---", "title: 首页", "---", "", "# 地方政府报告注释本", "",
        "本站收录地方政府工作报告和五年规划纲要的规范文本：修复了原始转换造成的断句、错位标题和格式残留，"
        "保留报告原文的全部内容和层级结构。", "",
        "| 报告 | 地区 | 日期 | 类型 |", "| --- | --- | --- | --- |",
    ]
    for report in reports:
        meta = report.meta
        date = display_date(meta.date) if meta.date else (f"{meta.year}年" if meta.year else "")
        out.append(
            f"| [{escape_text(meta.title)}](reports/{meta.slug}.md) | {escape_text(meta.region)} "
            f"| {date} | {escape_text(meta.kind)} |"
        )
    return "\n".join(out) + "\n"
