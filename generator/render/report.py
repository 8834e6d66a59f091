"""Stage 4, render: a structured report -> Markdown for stock MkDocs + Material.

All report text is untrusted: it is escaped so that nothing in it can become
Markdown syntax or HTML. The only HTML in the output is written here (the
cover block, boxes and errata), with every piece of report text inside it
escaped.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import yaml

from dataclasses import dataclass, field

from ..inline import (
    BOLD_CLOSE, BOLD_OPEN, FIGURE_CLOSE, MARKERS, TERM_CLOSE, endnote_number, erratum_index, figure_index,
    footnote_number, note_index, plain, term_index,
)
from ..model import Box, Erratum, GlossaryEntry, GlossarySection, Heading, NumberedList, Paragraph, Report, Table
from ..structure.numbering import ITEM_NUMBER
from .safe import safe_markdown
from ..glossary.terms import Glossary, Term
from ..regions.tree import RegionTree

NOTES_PATH = "annotations/notes"
TERMS_PATH = "annotations/terms"
TARGETS_PATH = "annotations/targets"


@dataclass
class PageContext:
    """What inline rendering needs beyond the text: errata, and terms when annotating."""

    errata: list[Erratum] = field(default_factory=list)
    report: Report | None = None
    glossary: Glossary | None = None  # None: render term occurrences as plain text
    terms_used: dict[str, Term] = field(default_factory=dict)
    endnotes_seen: dict[int, int] = field(default_factory=dict)  # entry number -> markers rendered

    def endnote_link(self, number: int) -> str:
        """［n］ in the body: a link to entry n of the 名词解释, with an id the entry links back to."""
        entry = next((e for e in (self.report.glossary if self.report else []) if e.number == number), None)
        if entry is None:
            return escape_text(f"［{number}］")
        count = self.endnotes_seen[number] = self.endnotes_seen.get(number, 0) + 1
        return (f'<sup class="endnote-ref" id="endnote-{number}-{count}"><a href="#{entry.anchor}" '
                f'aria-label="名词解释{number}">［{number}］</a></sup>')

    def figure_span(self, index: int) -> str:
        """A target or result phrase: focusable, described by its note (filled in at stage 4, FIGURES_SLOT)."""
        anchor = f"fig-{index + 1}"
        if self.report is None or not any(figure.anchor == anchor for figure in self.report.figures):
            return ""  # its records were dropped by an editor: the phrase is plain text again
        kind = "target" if any(f.anchor == anchor and f.kind == "target" for f in self.report.figures) else "result"
        return f'<span class="figure figure--{kind}" id="{anchor}" tabindex="0" aria-describedby="{anchor}-note">'

    def term_link(self, index: int) -> str:
        if self.glossary is None or self.report is None or self.report.occurrences is None:
            return ""
        occurrence = self.report.occurrences[index]
        term = self.glossary.by_slug()[occurrence.term]
        self.terms_used[term.slug] = term
        # The explanation is written once per page (see _term_definitions) and named by
        # aria-describedby; terms.js shows it as the tooltip, which keeps pages light. The
        # link carries nothing else: the term is named by its href and its description's id.
        return (f'<a class="term" id="{occurrence.anchor}" href="../concepts/{term.slug}.html" '
                f'aria-describedby="term-def-{term.slug}">')

_ESCAPE = re.compile(r"([\\`*_{}\[\]|~^=])")
_LINE_START = re.compile(r"^(\s*)(?:([#>+\-=:])|(\d+)([.)])(?=\s|$))")


def escape_text(text: str) -> str:
    """Report text -> Markdown that shows exactly that text."""
    text = html.escape(text, quote=False)
    return _ESCAPE.sub(r"\\\1", text)


def inline(text: str, context: PageContext | list[Erratum] | None = None) -> str:
    """Inline text with markers -> Markdown (bold, footnote refs, errata, terms, notes)."""
    if not isinstance(context, PageContext):
        context = PageContext(errata=context or [])
    out: list[str] = []
    in_term = False
    figures_open: list[bool] = []
    cursor = 0
    for match in MARKERS.finditer(text):  # plain runs are escaped whole; markers one by one
        if match.start() > cursor:
            out.append(escape_text(text[cursor:match.start()]))
        cursor = match.end()
        char = match.group()
        if char == BOLD_OPEN or char == BOLD_CLOSE:
            out.append("**")
        elif char == TERM_CLOSE:
            if in_term:
                out.append("</a>")
            in_term = False
        elif (number := footnote_number(char)) is not None:
            out.append(f"[^{number}]")
        elif (number := endnote_number(char)) is not None:
            out.append(context.endnote_link(number))
        elif (index := erratum_index(char)) is not None:
            out.append(_erratum(index, context.errata))
        elif (index := figure_index(char)) is not None:
            span = context.figure_span(index)
            out.append(span)
            figures_open.append(bool(span))
        elif char == FIGURE_CLOSE:
            if figures_open and figures_open.pop():
                out.append("</span>")
        elif (index := term_index(char)) is not None:
            link = context.term_link(index)
            out.append(link)
            in_term = bool(link)
        elif (index := note_index(char)) is not None:
            number = index + 1
            out.append(f'<sup class="note-ref" id="note-ref-{number}"><a href="#note-{number}" '
                       f'data-note="{number}" aria-label="编者注{number}">注{number}</a></sup>')
    if cursor < len(text):
        out.append(escape_text(text[cursor:]))
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


def _heading(heading: Heading, context: PageContext | None = None) -> str:
    return "#" * heading.level + " " + inline(heading.text, context).lstrip("\\")


def _table(table: Table, context: PageContext) -> list[str]:
    def row(cells: list[str]) -> str:
        return "| " + " | ".join(inline(cell, context).replace("\n", " ") or " " for cell in cells) + " |"

    lines = [row(table.header), "| " + " | ".join("---" for _ in table.header) + " |"]
    for body_row in table.rows:
        cells = list(body_row.cells)
        if body_row.group:
            cells[0] = f"{BOLD_OPEN}{cells[0]}{BOLD_CLOSE}"
        lines.append(row(cells))
    out = ["\n".join(lines), ""]
    if table.note:
        out += [inline(table.note, context) + "\n{: .table-note }", ""]
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


def _box(box: Box, context: PageContext) -> list[str]:
    out = ['<div class="report-box" markdown>', "", _heading(box.title, context), ""]
    if box.table:
        out += _table(box.table, context)
    for number, item in enumerate(box.items, 1):
        printed, text = _item_text(item.text)
        out.append(f"{printed or number}. {inline(text, context)}")
    if box.items:
        out.append("")
    for paragraph in box.paragraphs:
        out += [inline(paragraph.text, context), ""]
    out += ["</div>", ""]
    return out


def _numbered_list(numbered: NumberedList, context: PageContext) -> list[str]:
    """An appendix's items: ``1. **item**`` with the item's paragraphs indented under it."""
    out: list[str] = []
    for item in numbered.items:
        text = inline(item.text, context)
        if item.paragraphs and BOLD_OPEN not in item.text:
            text = f"**{text}**"
        out += [f"{item.number}. {text}", ""]
        for paragraph in item.paragraphs:
            out += ["    " + _indent(inline(paragraph.text, context)), ""]
    return out


def _entry_label(entry: GlossaryEntry, context: PageContext) -> str:
    """The entry's label as printed, each term in it linked to its concept page."""
    label = escape_text(entry.label)
    if context.glossary is None:
        return label
    forms = context.glossary.by_form()
    for name in entry.terms:
        term = forms.get(name)
        escaped = escape_text(name)
        if term is not None and escaped in label:
            link = f'<a class="glossary-term" href="../concepts/{term.slug}.html">{escaped}</a>'
            label = label.replace(escaped, link, 1)
    return label


def _glossary(section: GlossarySection, context: PageContext) -> list[str]:
    out = [_heading(section.heading), ""]
    for entry in section.entries:
        definition = inline(entry.definition, context)
        if entry.number is not None and context.endnotes_seen.get(entry.number):
            definition += f' [↩](#endnote-{entry.number}-1 "回到正文")'
        out += [f"{_entry_label(entry, context)} {{ #{entry.anchor} }}", f":   {definition}", ""]
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


def _region_line(report: Report, regions: RegionTree | None) -> list[str]:
    """地区：内蒙古自治区 › 呼和浩特市 › 玉泉区, each linking to its region page."""
    slug = regions.of_report.get(report.meta.slug) if regions else None
    if slug is None:
        return []
    path = " › ".join(f'<a href="../regions/{region.slug}.html">{html.escape(region.name)}</a>'
                      for region in regions.chain(slug))
    return [f'<p class="report-region" data-search-exclude>地区：{path}</p>', ""]


def front_matter(report: Report) -> str:
    meta = report.meta
    data = {
        "title": meta.title,
        "report": {
            "slug": meta.slug,
            "title": meta.title,
            "doc_title": meta.doc_title,
            "region": meta.region,
            "region_code": meta.region_code,
            "level": meta.level,
            "kind": meta.kind,
            "date": meta.date,
            "meeting": meta.meeting,
            "speaker": meta.speaker,
            "source_file": meta.source_file,
            "original_file": meta.original_file or meta.source_file,
            "reader": report.reader,
            "pages": report.pages or None,
            "source": meta.source,
            "published": meta.published,
        },
    }
    if meta.source_url:
        data["report"]["source_url"] = meta.source_url
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n"


def page_heading(report: Report) -> str:
    """The page's H1: the document's own title when it names the region, else the reader title."""
    meta = report.meta
    if meta.doc_title and meta.region and meta.region in meta.doc_title:
        return meta.doc_title
    return meta.title or meta.doc_title


def _concept_panel(report: Report, glossary: Glossary, related: list[tuple[Report, list[Term]]] | None = None,
                   counts: dict[str, int] | None = None) -> list[str]:
    """Collapsible panels: the concepts this report uses, and (given ``related``) reports sharing them.

    Without ``related`` the second panel's place is kept by RELATED_SLOT, for the archive-wide stage
    to fill (see fill_report_page): which reports are related depends on the whole archive.
    ``counts`` (term slug -> occurrences) are the report's own; else the terms' counts are read.
    """
    slug = report.meta.slug
    if counts is None:
        counts = {t.slug: t.occurrences[slug] for t in glossary.terms if slug in t.occurrences}
    terms = {t.slug: t for t in glossary.terms}
    used = sorted((terms[s] for s in counts), key=lambda t: (-counts[t.slug], t.slug))
    if not used:
        return []
    links = "、".join(
        f'<a href="../concepts/{t.slug}.html">{html.escape(t.term)}</a>（{counts[t.slug]}）' for t in used
    )
    out = [
        '<details class="concept-panel" data-search-exclude>',
        f"<summary>本报告涉及的名词（{len(used)}）</summary>",
        f"<p>{links}</p>",
        "</details>",
        "",
    ]
    if related is None:
        return out + [RELATED_SLOT, ""]
    return out + related_panel(related)


def related_panel(related: list[tuple[object, list[Term]]], total: int | None = None) -> list[str]:
    """相关报告: the closest reports (of ``total``, all of ``related`` when not given), as one line of
    raw HTML (rendered apart, see site/mkdocs_render.py)."""
    if not related:
        return []
    total = len(related) if total is None else total
    items = []
    for other, shared in related[:RELATED_SHOWN]:
        names = "、".join(html.escape(t.term) for t in shared[:8]) + ("等" if len(shared) > 8 else "")
        items.append(
            f'<li><a href="{other.meta.slug}.html">{html.escape(other.meta.title)}</a>'
            f"：共用{len(shared)}个名词（{names}）</li>"
        )
    count = f"{total}" if total <= RELATED_SHOWN else f"前{RELATED_SHOWN}份，共{total}份"
    return [
        '<details class="related-reports" data-search-exclude>'
        f"<summary>相关报告（{count}）</summary><ol>{''.join(items)}</ol></details>",
        "",
    ]


# Where the archive-wide stage puts a report page's related reports and its term explanations: both
# depend on more than the report (the other reports; the glossary's wording), so the report's own
# stage leaves these two lines for fill_report_page.
RELATED_SLOT = "<!-- related-reports -->"
DEFINITIONS_SLOT = "<!-- term-definitions -->"
FIGURES_SLOT = "<!-- figure-notes -->"


# The panel lists the closest reports only: with hundreds of reports, listing every one that
# shares a concept would make each page grow with the archive (and the site with its square).
RELATED_SHOWN = 10


def related_reports(report: Report, reports: list[Report], glossary: Glossary) -> list[tuple[Report, list[Term]]]:
    """Other reports ranked by how many concepts they share with this one."""
    slug = report.meta.slug
    mine = [t for t in glossary.terms if slug in t.occurrences]
    ranked = []
    for other in reports:
        if other is report:
            continue
        shared = [t for t in mine if other.meta.slug in t.occurrences]
        if shared:
            shared.sort(key=lambda t: -(t.occurrences[slug] + t.occurrences[other.meta.slug]))
            ranked.append((other, shared))
    ranked.sort(key=lambda pair: (-len(pair[1]), pair[0].meta.slug))
    return ranked


def term_definitions(report: str, used: list[str], glossary: Glossary | None) -> list[str]:
    """Each used term's explanation once per page, for screen readers and the tap panel."""
    if not used or glossary is None:
        return []
    terms = glossary.by_slug()
    spans = []
    for slug in sorted(used):
        term = terms[slug]
        summary, source = glossary.explanation(term, report)
        label = f"据{source}：" if source else ""
        spans.append(f'<span id="term-def-{slug}" data-term-name="{html.escape(term.term, quote=True)}">'
                     f'{html.escape(label + summary, quote=False)}</span>')
    spans = "".join(spans)
    # One line of raw HTML: the build's page cache renders it apart (see generator/site/mkdocs_render.py).
    return [f'<div class="term-definitions" hidden data-search-exclude>{spans}</div>', ""]


def figure_notes(notes: dict[str, str]) -> list[str]:
    """Each target or result phrase's note (its comparison with the region's other years), once per page."""
    if not notes:
        return []
    spans = "".join(f'<span id="{html.escape(anchor, quote=True)}-note">{html.escape(text, quote=False)}</span>'
                    for anchor, text in notes.items())
    return [f'<div class="figure-notes" hidden data-search-exclude>{spans}</div>', ""]


def fill_report_page(body: str, report: str, used: list[str], glossary: Glossary | None,
                     related: list[tuple[object, list[Term]]] | tuple[list, int],
                     notes: dict[str, str] | None = None) -> str:
    """The report page from its body (render_report_body): related reports (a list, or the closest
    ones and how many there are), term explanations and the notes of its figures in place."""
    top, total = related if isinstance(related, tuple) else (related, None)
    panel = "\n".join(related_panel(top, total)).rstrip("\n")
    page = body.replace(RELATED_SLOT + "\n\n", panel + "\n\n" if panel else "", 1)
    definitions = "\n".join(term_definitions(report, used, glossary)).rstrip("\n")
    page = page.replace(DEFINITIONS_SLOT, definitions, 1)
    page = page.replace(FIGURES_SLOT, "\n".join(figure_notes(notes or {})).rstrip("\n"), 1)
    return page.rstrip() + "\n"


def _indent(text: str) -> str:
    return text.replace("\n", "\n    ")


def _passage_notes(report: Report) -> list[str]:
    """All the editors' notes on this report, each linking back to its passage."""
    if not report.notes:
        return []
    out = ['<div class="passage-notes" markdown>', "", "**编者注**", ""]
    for note in report.notes:
        out.append(
            f'{note.number}. <span id="note-{note.number}"></span>{_indent(safe_markdown(note.note))} '
            f'[↩](#note-ref-{note.number} "回到正文")'
        )
    return out + ["", "</div>", ""]


def edit_links(edit_base: str, files: list[tuple[str, str, bool]]) -> list[str]:
    """编辑此页: links that open the source files an editor changes (never generated pages).

    ``files`` holds (label, repository path, exists). Without a repository
    address the paths are named, so the 编辑指南 still leads to them.
    """
    parts = []
    for label, path, exists in files:
        if edit_base:
            folder, _, name = path.rpartition("/")
            url = f"{edit_base}/edit/main/{path}" if exists else f"{edit_base}/new/main/{folder}?filename={name}"
            parts.append(f"[{label}]({url})")
        else:
            parts.append(f"{label}：`{path}`")
    return ["---", "", "编辑此页：" + "；".join(parts) + "（参见[编辑指南](../editing.md)）", "{: .edit-links }", ""]


def render_report(report: Report, glossary: Glossary | None = None, reports: list[Report] | None = None,
                  edit_base: str = "", notes_exist: bool = False, overrides_file: str = "",
                  regions: RegionTree | None = None) -> str:
    """The whole report page; with a glossary, term occurrences are annotated and panels added."""
    body, used = render_report_body(report, glossary, edit_base, notes_exist, overrides_file, regions)
    related = related_reports(report, reports or [report], glossary) if glossary is not None else []
    return fill_report_page(body, report.meta.slug, used, glossary, related)


def render_report_body(report: Report, glossary: Glossary | None = None, edit_base: str = "",
                       notes_exist: bool = False, overrides_file: str = "",
                       regions: RegionTree | None = None, counts: dict[str, int] | None = None,
                       targets_exist: bool | None = None) -> tuple[str, list[str]]:
    """The report page as the report and the glossary's forms give it, with RELATED_SLOT and
    DEFINITIONS_SLOT for fill_report_page; and the slugs of the terms it links."""
    context = PageContext(errata=report.errata, report=report, glossary=glossary)
    out = [front_matter(report), f"# {escape_text(page_heading(report))}", ""]
    out += _region_line(report, regions)
    out += _cover(report)
    if glossary is not None:
        out += _concept_panel(report, glossary, counts=counts)
    for block in report.blocks:
        if isinstance(block, Heading):
            out += [_heading(block, context), ""]
        elif isinstance(block, Paragraph):
            out += [inline(block.text, context), ""]
        elif isinstance(block, Table):
            out += _table(block, context)
        elif isinstance(block, Box):
            out += _box(block, context)
        elif isinstance(block, GlossarySection):
            out += _glossary(block, context)
        elif isinstance(block, NumberedList):
            out += _numbered_list(block, context)
    body = "\n".join(out)
    for number, text in sorted(report.footnotes.items()):
        if f"[^{number}]" in body:
            out += [f"[^{number}]: {inline(text, context)}", ""]
        else:  # a note with no mark in the text is still the report's text
            out += [inline(text, context) + "\n{: .report-note }", ""]
    out += _passage_notes(report)
    errata = report.errata
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
    out += source_note(report)
    files = [("添加或修改编者注" if notes_exist else "新建编者注", f"{NOTES_PATH}/{report.meta.slug}.yml", notes_exist)]
    if overrides_file:
        files.append(("修正标题、分段或勘误", overrides_file, True))
    if targets_exist is not None:  # a report with targets or results, or corrections of them
        files.append(("修正目标和实绩", f"{TARGETS_PATH}/{report.meta.slug}.yml", targets_exist))
    out += edit_links(edit_base, files)
    if context.terms_used:
        out += [DEFINITIONS_SLOT, ""]
    if report.figures:
        out += [FIGURES_SLOT, ""]
    return "\n".join(out).rstrip() + "\n", sorted(context.terms_used)


_FORMATS = {".pdf": "PDF", ".docx": "Word 文档", ".doc": "Word 文档", ".html": "网页", ".htm": "网页", ".txt": "文本"}


def source_note(report: Report) -> list[str]:
    """原文: the file the report was converted from, its format and pages, what read it; the page it came from."""
    meta = report.meta
    original = meta.original_file or meta.source_file
    if not original:
        return []
    kind = _FORMATS.get(Path(meta.source_file or original).suffix.lower(), "文件")
    pages = f"，{report.pages}页" if report.pages else ""
    parts = [f"原文文件：{escape_text(original)}（{kind}{pages}），由{_reader_label(report.reader)}读取"]
    if meta.source:
        parts.append(f"来源：{escape_text(meta.source)}")
    if meta.published:
        parts.append(f"发布于{display_date(meta.published)}")
    if meta.source_url:
        parts.append(f'原文网址：<a href="{html.escape(meta.source_url)}" rel="nofollow noopener">{escape_text(meta.source_url)}</a>')
    return ["；".join(parts) + "。", "{: .report-source data-search-exclude }", ""]


def _reader_label(reader: str) -> str:
    """``text (utf-8)`` -> 文本读取器（UTF-8）; a library reader by its name and version, spaced from the Han text."""
    if reader.startswith("text"):
        encoding = reader.partition("(")[2].rstrip(")").removesuffix("-sig").upper()
        return f"文本读取器（{encoding}）" if encoding else "文本读取器"
    return f" {escape_text(reader)} "


def display_date(iso: str) -> str:
    """2023-01-07 -> 2023年1月7日; 2026-04 -> 2026年4月."""
    parts = [int(part) for part in iso.split("-") if part]
    return "".join(f"{value}{unit}" for value, unit in zip(parts, "年月日"))


# The page-weight rule: a report page weighs at most twice its text plus a fixed chrome (Material's
# header, search box, the sidebar of entry points, footer and scripts), whatever the archive's size.
PAGE_CHROME_BYTES = 20_000


def text_bytes(report: Report) -> int:
    """The report's own text in UTF-8: cover, body, tables, notes and 名词解释, without markup."""
    parts = [page_heading(report), *report.meta.cover_lines, *(text for text, _ in report.body_texts())]
    for entry in report.glossary:
        parts += [entry.label, entry.definition]
    return sum(len(plain(part).encode("utf-8")) for part in parts)


def page_budget(report: Report) -> int:
    """The most bytes the report's built page may weigh (see PAGE_CHROME_BYTES)."""
    return 2 * text_bytes(report) + PAGE_CHROME_BYTES
