"""The reports as their originals are published: PDF, Word and a saved web page.

Each fixture is made from a report as the text route converted it, the way
the originals are made:

* ``official_pdf``: an official document (GB/T 9704-like: A4, the body in
  Noto Serif CJK, parts in Noto Sans CJK, the title larger and bold, ``— N —``
  in the footer), printed by chromium;
* ``word_document``: a .docx written with python-docx, formatted directly
  (fonts, bold, centring, first-line indents: no heading styles), or with
  heading styles;
* ``portal_page``: a government portal's page around the report (navigation,
  a search form, breadcrumbs, a share bar, related links, a footer, scripts),
  GBK-encoded, optionally with a table.

``structure`` is what the three must give back: the outline, the paragraphs
and the glossary of the report.
"""

from __future__ import annotations

import copy
import html
import re
from pathlib import Path

from generator.inline import BOLD_CLOSE, BOLD_OPEN, endnote_number, erratum_index, footnote_number, strip_markers
from generator.model import Box, GlossarySection, Heading, NumberedList, Paragraph, Report, Table

CN = "一二三四五六七八九十"


def structure(report: Report) -> dict:
    """Outline, texts, boxes, tables, notes and glossary: what every format of a report must share."""
    paragraphs, boxes, tables = [], [], []
    for block in report.blocks:
        if isinstance(block, Paragraph):
            paragraphs.append(_visible(block.text))
        elif isinstance(block, NumberedList):
            for item in block.items:
                paragraphs += [_visible(item.text)] + [_visible(p.text) for p in item.paragraphs]
        elif isinstance(block, Box):
            boxes.append((_visible(block.title.text), [_visible(p.text) for p in block.items + block.paragraphs],
                          _table_structure(block.table) if block.table else None))
        elif isinstance(block, Table):
            tables.append(_table_structure(block))
    return {
        "title": report.meta.title,
        "outline": [(h.level, h.text) for h in report.headings()],
        "paragraphs": paragraphs,
        "boxes": boxes,
        "tables": tables,
        "footnotes": {number: _visible(text) for number, text in report.footnotes.items()},
        "glossary": [(e.label, _visible(e.definition)) for e in report.glossary],
    }


def _table_structure(table: Table) -> tuple:
    return ([_visible(c) for c in table.header], [([_visible(c) for c in row.cells], row.group) for row in table.rows],
            _visible(table.note or ""))


def _visible(text: str) -> str:
    """The text as a reader sees it: note marks as printed, no other markers."""
    out = []
    for char in text:
        if footnote_number(char) is not None:
            out.append(f"^{footnote_number(char)}")
        elif endnote_number(char) is not None:
            out.append(f"［{endnote_number(char)}］")
        else:
            out.append(char)
    return strip_markers("".join(out))


def as_published(report: Report) -> Report:
    """The report as its original prints it: where an editor corrected an erratum, the error stands."""
    if not report.errata:
        return report
    report = copy.deepcopy(report)

    def restore(text: str) -> str:
        return "".join(report.errata[erratum_index(char)].original if erratum_index(char) is not None else char
                       for char in text)

    for slot in report.body_slots():
        slot.set(restore(slot.get()))
    for entry in report.glossary:
        entry.definition = restore(entry.definition)
    return report


def _rich(text: str) -> str:
    """Report text with its bold spans as <strong>, escaped."""
    out = []
    for char in text:
        if char == BOLD_OPEN:
            out.append("<strong>")
        elif char == BOLD_CLOSE:
            out.append("</strong>")
        elif footnote_number(char) is not None:
            out.append(f"<sup>{footnote_number(char)}</sup>")
        elif endnote_number(char) is not None:
            out.append(f"［{endnote_number(char)}］")
        else:
            out.append(html.escape(strip_markers(char)))
    return "".join(out)


def _cover(report: Report) -> list[tuple[str, str]]:
    meta = report.meta
    lines = [("cover", line) for line in meta.cover_lines]
    lines.append(("title", meta.doc_title or meta.title))
    lines += [("cover", line) for line in (meta.subtitle, meta.speaker, meta.date_line) if line]
    return lines


def _body(report: Report):
    """(kind, text) in reading order: h2/h3/h4 headings, p paragraphs, tables, footnote bodies.

    A footnote's body follows the paragraph that marks it, in ("footnote", (number, text)).
    """
    def with_notes(kind, text):
        yield kind, text
        for char in text:
            number = footnote_number(char)
            if number is not None and number in report.footnotes:
                yield "footnote", (number, report.footnotes[number])

    for block in report.blocks:
        if isinstance(block, Heading):
            yield f"h{min(block.level, 4)}", block.text
        elif isinstance(block, Paragraph):
            yield from with_notes("p", block.text)
        elif isinstance(block, NumberedList):
            for item in block.items:
                yield "p", f"{item.marker}{BOLD_OPEN if item.paragraphs else ''}{item.text}{BOLD_CLOSE if item.paragraphs else ''}"
                for paragraph in item.paragraphs:
                    yield from with_notes("p", paragraph.text)
        elif isinstance(block, GlossarySection):
            yield "h2", block.heading.text
            for entry in block.entries:
                yield "p", f"{entry.number}.{entry.label}：{entry.definition}" if entry.number else f"{entry.label}：{entry.definition}"
        elif isinstance(block, Box):
            yield "h4", block.title.text
            if block.table:
                yield "table", block.table
            for paragraph in block.items + block.paragraphs:
                yield from with_notes("p", paragraph.text)
        elif isinstance(block, Table):
            yield "table", block


# ------------------------------------------------------------------ PDF

OFFICIAL_CSS = """
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body { font-family: "Noto Serif CJK SC"; font-size: 16pt; line-height: 28pt; margin: 0; }
p { text-indent: 2em; margin: 0; text-align: justify; }
.title { font-weight: bold; font-size: 22pt; line-height: 36pt; text-align: center; text-indent: 0; margin: 0 0 12pt; }
.cover { text-align: center; text-indent: 0; }
h2 { font-family: "Noto Sans CJK SC"; font-size: 16pt; font-weight: normal; margin: 0; text-indent: 2em; }
h3, h4 { font-size: 16pt; font-weight: bold; margin: 0; text-indent: 2em; }
table { border-collapse: collapse; margin: 6pt 0; font-size: 12pt; line-height: 18pt; }
td, th { border: 1px solid black; padding: 2pt 4pt; font-weight: normal; }
.footnote { font-size: 12pt; line-height: 18pt; }
sup { font-size: 60%; vertical-align: super; line-height: 0; }
"""
FOOTER = ('<div style="font-family:\'Noto Serif CJK SC\';font-size:14pt;width:100%;text-align:center;">'
          '— <span class="pageNumber"></span> —</div>')


def official_html(report: Report) -> str:
    report = as_published(report)
    parts = [f"<!doctype html><html><head><meta charset='utf-8'><style>{OFFICIAL_CSS}</style></head><body>"]
    for kind, text in _cover(report):
        parts.append(f'<p class="{kind}">{_rich(text)}</p>')
    for kind, content in _body(report):
        if kind == "table":
            parts.append(_html_table(content))
            if content.note:
                parts.append(f"<p>{_rich(content.note)}</p>")
        elif kind == "footnote":
            number, text = content
            parts.append(f'<p class="footnote"><sup>{number}</sup>{_rich(text)}</p>')
        elif kind == "p":
            parts.append(f"<p>{_rich(content)}</p>")
        else:
            parts.append(f"<{kind}>{_rich(content)}</{kind}>")
    return "".join(parts) + "</body></html>"


def _html_table(table: Table) -> str:
    head = "".join(f"<th>{_rich(cell)}</th>" for cell in table.header)
    rows = "".join("<tr>" + "".join(f"<td>{_cell(row, index)}</td>" for index, c in enumerate(row.cells)) + "</tr>"
                   for row in table.rows)
    caption = f'<p class="cover">{_rich(table.caption)}</p>' if table.caption else ""
    return f"{caption}<table><tr>{head}</tr>{rows}</table>"


def _cell(row, index: int) -> str:
    """A cell's HTML: a group row's label in bold."""
    text = _rich(row.cells[index])
    return f"<strong>{text}</strong>" if row.group and index == 0 and text else text


def official_pdf(report: Report, path: Path, browser, header: str = "") -> Path:
    """The report printed as a 公文 on A4; ``header`` is a running header on every page (a 公报's name)."""
    page = browser.new_page()
    header_template = (f'<div style="width:100%;margin:0 28mm 0 28mm;border-bottom:1px solid #000;'
                       f'font-family:\'Noto Sans CJK SC\';font-size:9pt;text-align:right">{html.escape(header)}</div>'
                       if header else "<div></div>")
    try:
        page.set_content(official_html(report))
        page.pdf(path=str(path), format="A4", display_header_footer=True, header_template=header_template,
                 footer_template=FOOTER, margin={"top": "37mm", "bottom": "35mm", "left": "28mm", "right": "26mm"})
    finally:
        page.close()
    return path


# ------------------------------------------------------------------ Word

# GB/T 9704 fonts: the title in 小标宋, parts in 黑体, sub-parts in 楷体, the
# third level in bold 仿宋, the body in 仿宋 at 三号 (16 pt).
WORD_FONTS = {"title": ("方正小标宋简体", 22, False), "h2": ("黑体", 16, False), "h3": ("楷体_GB2312", 16, False),
              "h4": ("仿宋_GB2312", 16, True), "p": ("仿宋_GB2312", 16, False), "cover": ("仿宋_GB2312", 16, False)}
WORD_STYLES = {"title": "Title", "h2": "Heading 1", "h3": "Heading 2", "h4": "Heading 3"}


def word_document(report: Report, path: Path, styles: bool = False, numbered: bool = False) -> Path:
    """The report as a .docx: formatted directly (``styles=False``), or with Title and Heading styles.

    Footnotes are Word's own (a footnotes part, referenced from the text); a
    table's group labels are bold, its note a paragraph after it. ``numbered``
    gives the 一、 and （一） headings Word's automatic numbering instead of typed
    numbers, restarting a list (startOverride) wherever the report restarts it.
    """
    import docx

    report = as_published(report)
    document = docx.Document()
    numbering = _WordNumbering(document) if numbered else None
    footnotes: dict[int, str] = {}
    for kind, text in _cover(report):
        _word_paragraph(document, kind, text, styles)
    for kind, content in _body(report):
        if kind == "table":
            rows = [content.header] + [row.cells for row in content.rows]
            if content.caption:
                _word_paragraph(document, "cover", content.caption, styles)
            table = document.add_table(rows=len(rows), cols=max(len(row) for row in rows))
            for index, (cells, row) in enumerate(zip(table.rows, rows)):
                group = index > 0 and content.rows[index - 1].group
                for column, (cell, text) in enumerate(zip(cells.cells, row)):
                    run = cell.paragraphs[0].add_run(strip_markers(text))
                    run.font.bold = group and column == 0
            if content.note:
                _word_paragraph(document, "p", content.note, styles)
        elif kind == "footnote":
            number, text = content
            footnotes[number] = strip_markers(text)
        else:
            _word_paragraph(document, kind, content, styles, numbering)
    if footnotes:
        _add_footnotes(document, footnotes)
    document.save(str(path))
    return path


def _add_footnotes(document, footnotes: dict[int, str]) -> None:
    """Word's footnotes part: the two separators, then each note."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    namespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    notes = "".join(f'<w:footnote w:id="{number}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                    f'<w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {html.escape(text)}</w:t></w:r></w:p></w:footnote>'
                    for number, text in sorted(footnotes.items()))
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{namespace}">'
           '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
           '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
           f'{notes}</w:footnotes>')
    part = Part(PackURI("/word/footnotes.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                xml.encode("utf-8"), document.part.package)
    document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)


class _WordNumbering:
    """An abstract list numbering 一、 (level 0) and （一） (level 1), and its w:num instances."""

    _NUMBER = re.compile(r"^(?:(?P<part>[一二三四五六七八九十]{1,3})、|（(?P<paren>[一二三四五六七八九十]{1,3})）)")
    _NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    def __init__(self, document):
        from lxml import etree

        self.root = document.part.numbering_part.element
        w = f"{{{self._NAMESPACE}}}"
        abstract = etree.fromstring(
            f'<w:abstractNum xmlns:w="{self._NAMESPACE}" w:abstractNumId="90">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>'
            '<w:suff w:val="nothing"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/>'
            '<w:suff w:val="nothing"/></w:lvl></w:abstractNum>')
        first_num = self.root.find(f"{w}num")
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            self.root.append(abstract)
        self.instance, self.counters, self.next_id = None, {}, 90

    def number(self, paragraph, text: str) -> str:
        """Numbers the paragraph if its text opens with 一、 or （一）; returns the text without the number."""
        from lxml import etree
        from docx.oxml.ns import qn
        from generator.structure.numbering import chinese_number

        match = self._NUMBER.match(strip_markers(text).replace(BOLD_OPEN, "").replace(BOLD_CLOSE, ""))
        if not match:
            return text
        level = 0 if match.group("part") else 1
        value = chinese_number(match.group("part") or match.group("paren"))
        expected = self.counters.get(level, 0) + 1
        if self.instance is None or value != expected:
            # Instances of one abstract list continue its count, as in Word, unless told to restart.
            override = (f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="{value}"/></w:lvlOverride>'
                        if self.instance is not None or value != 1 else "")
            self.next_id += 1
            self.instance = str(self.next_id)
            self.root.append(etree.fromstring(
                f'<w:num xmlns:w="{self._NAMESPACE}" w:numId="{self.instance}"><w:abstractNumId w:val="90"/>'
                f'{override}</w:num>'))
        self.counters[level] = value
        if level == 0:
            self.counters.pop(1, None)
        properties = paragraph._p.get_or_add_pPr()
        numbering = etree.SubElement(properties, qn("w:numPr"))
        etree.SubElement(numbering, qn("w:ilvl")).set(qn("w:val"), str(level))
        etree.SubElement(numbering, qn("w:numId")).set(qn("w:val"), self.instance)
        # The number is the list's now: take it out of the text, markers and bold kept.
        position, seen = 0, 0
        while seen < len(match.group(0)):
            if text[position] not in (BOLD_OPEN, BOLD_CLOSE) and strip_markers(text[position]):
                seen += 1
            position += 1
        kept = "".join(char for char in text[:position] if char in (BOLD_OPEN, BOLD_CLOSE))
        return kept + text[position:]


def _word_paragraph(document, kind: str, text: str, styles: bool, numbering: _WordNumbering | None = None) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    styled = styles and kind in WORD_STYLES
    paragraph = document.add_paragraph(style=WORD_STYLES[kind] if styled else None)
    if numbering is not None and kind in ("h2", "h3"):
        text = numbering.number(paragraph, text)
    if kind in ("title", "cover"):
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    else:
        paragraph.paragraph_format.first_line_indent = Pt(32)
    font, size, whole_bold = WORD_FONTS[kind]
    for run_text, bold in _spans(text):
        run = paragraph.add_run()
        number = footnote_number(run_text[0]) if len(run_text) == 1 else None
        if number is not None:
            reference = OxmlElement("w:footnoteReference")
            reference.set(qn("w:id"), str(number))
            run._element.append(reference)
            run.font.superscript = True
            continue
        run.text = run_text
        if styled:
            continue  # the style says how it looks
        run.font.size = Pt(size)
        run.font.bold = whole_bold or bold or kind == "title"
        run.font.name = font
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)


def _spans(text: str) -> list[tuple[str, bool]]:
    """The text in runs, each bold or not; a footnote mark is a run of its own, endnote marks printed."""
    spans, bold, current = [], False, []

    def close():
        if current:
            spans.append(("".join(current), bold))
        current.clear()

    for char in text:
        if char in (BOLD_OPEN, BOLD_CLOSE):
            close()
            bold = char == BOLD_OPEN
        elif footnote_number(char) is not None:
            close()
            spans.append((char, bold))
        elif endnote_number(char) is not None:
            current.append(f"［{endnote_number(char)}］")
        else:
            current.append(strip_markers(char))
    close()
    return [(text, bold) for text, bold in spans if text]


# ------------------------------------------------------------------ a saved portal page

PORTAL_HEAD = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<meta name="keywords" content="政府工作报告" /><title>{title}_人民政府门户网站</title>
<link rel="stylesheet" href="/css/index.css" type="text/css" />
<script type="text/javascript">var _hmt = _hmt || []; document.write("<div>统计</div>");</script>
<style>.TRS_Editor p {{ text-indent: 2em; }}</style>
</head><body>
<div class="top"><div class="top_l">今天是：<span id="today"></span></div>
<div class="top_r"><a href="/">无障碍</a> | <a href="/">长者模式</a> | <a href="/">English</a></div></div>
<div class="header"><img src="/images/logo.png" alt="人民政府门户网站" /></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/zmhd/">政民互动</a></li><li><a href="/bsfw/">办事服务</a></li></ul></div>
<div class="search"><form action="/search"><input type="text" name="q" value="请输入关键字" /><button>搜索</button></form></div>
<div class="main"><div class="position">您当前的位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/gzbg/">政府工作报告</a></div>
<div class="article"><div class="article_title"><h1>{title}</h1></div>
<div class="article_info"><span>来源：人民政府办公室</span> <span>发布时间：{published}</span>
<span class="font">【字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</span></div>
<div class="share bdsharebuttonbox">分享到：<a href="#" class="bds_weixin">微信</a> <a href="#" class="bds_tsina">微博</a></div>
<div class="article_con TRS_Editor" id="zoom">
"""
PORTAL_FOOT = """</div>
<div class="article_tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
<div class="related"><h3>相关链接</h3><ul><li><a href="/1.html">关于政府工作报告的解读</a></li>
<li><a href="/2.html">图解：一图读懂政府工作报告</a></li></ul></div></div></div>
<div class="footer"><p>主办：人民政府办公室　承办：大数据中心</p><p>网站标识码：1500000001　ICP备05000000号　公网安备 15010202000000号</p>
<p>地址：新华大街1号，邮编：010000，联系电话：0471-0000000</p></div>
<script>(function(){{ var s = document.createElement("script"); s.src = "https://hm.example.cn/hm.js"; }})();</script>
</body></html>
"""


def portal_page(report: Report, path: Path, breaks: bool = False, tags: bool = False) -> Path:
    """The report as a GBK page of a government portal around it.

    Headings are paragraphs set whole in <strong> (with ``tags``: <h2> to
    <h4>); with ``breaks`` the whole text is one block with ``<br>`` and U+3000
    indents between paragraphs, as older content systems write it.
    """
    report = as_published(report)
    meta = report.meta
    parts = [PORTAL_HEAD.format(title=html.escape(meta.doc_title or meta.title), published="2026-01-20 09:30")]
    cover = [text for kind, text in _cover(report) if kind == "cover"]
    body = []
    for text in cover:
        body.append(("center", _rich(text)))
    for kind, content in _body(report):
        if kind == "table":
            body.append(("table", _html_table(content)))
            if content.note:
                body.append(("p", _rich(content.note)))
        elif kind == "footnote":
            number, text = content
            body.append(("p", f"<sup>{number}</sup>{_rich(text)}"))
        elif kind == "p":
            body.append(("p", _rich(content)))
        elif tags:
            body.append(("tag", f"<{kind}>{_rich(content)}</{kind}>"))
        else:
            body.append(("p", f"<strong>{_rich(content)}</strong>"))
    if breaks:
        parts.append("<p>")
        for kind, content in body:
            if kind in ("table", "tag"):
                parts.append(f"</p>{content}<p>")
            elif kind == "center":
                parts.append(f'</p><p align="center">{content}</p><p>')
            else:
                parts.append(f"\u3000\u3000{content}<br />\n")
        parts.append("</p>")
    else:
        for kind, content in body:
            if kind in ("table", "tag"):
                parts.append(content)
            elif kind == "center":
                parts.append(f'<p style="text-align: center;">{content}</p>\n')
            else:
                parts.append(f"<p>{content}</p>\n")
    parts.append(PORTAL_FOOT.format())
    path.write_bytes("".join(parts).encode("gbk", errors="xmlcharrefreplace"))
    return path
