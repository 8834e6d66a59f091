"""Reports straight from the source: PDF, Word and saved web pages.

Each original is made by the test from a report as the text route converted
it (tests/source_fixtures.py): an official-document PDF printed by chromium,
a .docx with direct formatting and one with heading styles, a GBK portal page.
Read back, each must give the same outline, texts, boxes, tables, notes and
glossary as the .txt. Bad originals must stop the build with an error that
names the file and says what to do.
"""

from __future__ import annotations

import base64
import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from generator.convert import convert_file, convert_source
from generator.model import HEADING, Box, ReportMeta, Table
from generator.sources.manifest import discover
from generator.inline import strip_markers
from generator.sources.overrides import ErratumSpec, Overrides, load_overrides
from generator.sources.read import SourceError, format_lines, read_source
from tests.conftest import SEEDS
from tests.source_fixtures import official_pdf, portal_page, structure, word_document

SLUGS = sorted(path.stem for path in SEEDS.glob("*.txt"))
# The PDFs: a plan with boxes, a table across pages and a footnote; a report with an appendix list
# and a 名词解释; a report whose topic headings sit under unnumbered parts; a web scrape.
PDF_SLUGS = ["yuquan-15th-five-year-plan", "guangdong-2026-work-report", "huimin-2022-work-report",
             "sichuan-2026-work-report"]


def text_route(slug: str, with_overrides: bool = False):
    overrides_path = SEEDS / f"{slug}.overrides.yml"
    overrides = load_overrides(overrides_path) if with_overrides and overrides_path.exists() else None
    return convert_file(SEEDS / f"{slug}.txt", ReportMeta(slug=slug, source_file=f"{slug}.txt"), overrides)


def converted(path: Path, overrides=None):
    return convert_source(read_source(path), ReportMeta(slug=path.stem, source_file=path.name), overrides,
                          file=str(path))


@pytest.fixture(scope="module")
def text_reports():
    return {slug: text_route(slug) for slug in SLUGS}


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory, browser, text_reports):
    folder = tmp_path_factory.mktemp("pdf")
    return {slug: official_pdf(text_reports[slug], folder / f"{slug}.pdf", browser) for slug in PDF_SLUGS}


@pytest.fixture(scope="module")
def pdf_source(pdfs):
    """Each PDF read once (reading is the slow part; converting never changes what was read)."""
    read: dict[str, object] = {}

    def source(slug: str):
        if slug not in read:
            read[slug] = read_source(pdfs[slug])
        return read[slug]

    return source


# ------------------------------------------------------------------ the same report in every format


@pytest.mark.parametrize("slug", PDF_SLUGS)
def test_a_printed_pdf_gives_what_the_text_gives(slug, pdfs, pdf_source, text_reports):
    report = convert_source(pdf_source(slug), ReportMeta(slug=slug, source_file=f"{slug}.pdf"), file=str(pdfs[slug]))
    assert structure(report) == structure(text_reports[slug])


def test_a_pdfs_running_header_is_known_by_its_place_and_left_out(text_reports, browser, tmp_path):
    slug = "huimin-2022-work-report"
    path = official_pdf(text_reports[slug], tmp_path / "gazette.pdf", browser, header="回民区人民政府公报　2022年第2期")
    source = read_source(path)
    headers = [line.text for line in source.as_lines() if line.role == "header"]
    assert len(headers) == source.pages and set(headers) == {"回民区人民政府公报 2022年第2期"}
    report = convert_source(source, ReportMeta(slug=slug, source_file="gazette.pdf"))
    assert structure(report) == structure(text_reports[slug])


@pytest.mark.parametrize("form", ["direct-formatting", "heading-styles", "automatic-numbering"])
@pytest.mark.parametrize("slug", SLUGS)
def test_a_word_document_gives_what_the_text_gives(slug, form, text_reports, tmp_path):
    path = word_document(text_reports[slug], tmp_path / f"{slug}.docx", styles=form == "heading-styles",
                         numbered=form == "automatic-numbering")
    assert structure(converted(path)) == structure(text_reports[slug])


@pytest.mark.parametrize("layout", ["strong", "br-tags"])
@pytest.mark.parametrize("slug", SLUGS)
def test_a_saved_portal_page_gives_what_the_text_gives(slug, layout, text_reports, tmp_path):
    path = portal_page(text_reports[slug], tmp_path / f"{slug}.html", breaks=layout == "br-tags",
                       tags=layout == "br-tags")
    assert structure(converted(path)) == structure(text_reports[slug])


# ------------------------------------------------------------------ what each format knows


def test_a_pdf_has_exact_pages_its_footers_found_by_position_and_headings_by_font(pdfs, pdf_source):
    source = pdf_source("yuquan-15th-five-year-plan")
    report = convert_source(source, ReportMeta(slug="plan", source_file="plan.pdf"))
    import pypdfium2

    pages = len(pypdfium2.PdfDocument(str(pdfs["yuquan-15th-five-year-plan"])))
    assert source.pages == pages and report.pages == pages
    assert len(source.page_starts) == pages - 1  # every page but the first starts one
    footers = [line for line in source.as_lines() if line.role == "footer"]
    assert [line.text for line in footers] == [f"— {n} —" for n in range(1, pages + 1)]
    dropped = [removal for removal in report.removals if removal.rule == "page-number"]
    assert sum(len(removal.lines) for removal in dropped) == pages
    assert all(heading.by_format for heading in report.headings())
    assert report.reader.startswith("pdfplumber ") and " + pypdfium2 " in report.reader


def test_a_pdf_table_comes_from_its_ruling_lines_and_a_note_mark_from_its_superscript(pdf_source):
    report = convert_source(pdf_source("yuquan-15th-five-year-plan"), ReportMeta(slug="plan", source_file="plan.pdf"))
    box = next(block for block in report.blocks if isinstance(block, Box) and block.table)
    table = box.table
    assert table.header == ["指标", "2025年", "2030年", "年均/累计", "指标属性"]
    assert [row.cells[0] for row in table.rows if row.group] == ["经济发展（2）", "创新驱动（2）", "绿色生态（5）",
                                                              "民生福祉（5）"]
    assert len(table.rows) == 18 and table.note == "注释：（）表示累计数。"
    assert table.rows[1].cells == ["1.地区生产总值增长（%）", "5.2", "-", "5左右", "预期性"]
    assert report.footnotes == {1: "注：GDP在103个旗县区排第12位、人均GDP达到81490元，数据均为2024年数据。"}


def test_a_word_documents_footnotes_are_its_own_and_its_tables_are_tables(text_reports, tmp_path):
    path = word_document(text_reports["yuquan-15th-five-year-plan"], tmp_path / "plan.docx")
    with zipfile.ZipFile(path) as package:
        assert "word/footnotes.xml" in package.namelist()
        assert "footnoteReference" in package.read("word/document.xml").decode()
    report = converted(path)
    assert report.footnotes == {1: "注：GDP在103个旗县区排第12位、人均GDP达到81490元，数据均为2024年数据。"}
    tables = [block.table for block in report.blocks if isinstance(block, Box) and block.table]
    assert len(tables) == 1 and tables[0].rows[0].group and len(tables[0].rows) == 18
    assert report.reader.startswith("python-docx ")


W_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def raw_docx(path: Path, body: str, styles: str = "", defaults_font: str = "", numbering: str = "") -> Path:
    """A .docx whose body is the given WordprocessingML, with extra styles, a default East Asian font
    and list definitions: the constructs python-docx cannot write itself."""
    import docx
    from lxml import etree

    document = docx.Document()
    element = document.element.body
    for child in list(element):
        if child.tag != f"{{{W_NAMESPACE}}}sectPr":
            element.remove(child)
    for child in etree.fromstring(f'<w:body xmlns:w="{W_NAMESPACE}">{body}</w:body>'):
        element.insert(len(element) - 1, child)
    style_root = document.styles.element
    for child in etree.fromstring(f'<w:styles xmlns:w="{W_NAMESPACE}">{styles}</w:styles>'):
        style_root.append(child)
    if defaults_font:
        fonts = style_root.find(f"{{{W_NAMESPACE}}}docDefaults/{{{W_NAMESPACE}}}rPrDefault/{{{W_NAMESPACE}}}rPr")
        fonts = fonts.find(f"{{{W_NAMESPACE}}}rFonts")
        fonts.set(f"{{{W_NAMESPACE}}}eastAsia", defaults_font)
    if numbering:
        root = document.part.numbering_part.element
        for child in etree.fromstring(f'<w:numbering xmlns:w="{W_NAMESPACE}">{numbering}</w:numbering>'):
            root.append(child)
    document.save(str(path))
    return path


def run(text: str, font: str = "", bold: bool = False, style: str = "") -> str:
    properties = ((f'<w:rStyle w:val="{style}"/>' if style else "")
                  + (f'<w:rFonts w:eastAsia="{font}"/>' if font else "") + ("<w:b/>" if bold else ""))
    return f'<w:r><w:rPr>{properties}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def para(*runs: str, properties: str = "") -> str:
    return f"<w:p><w:pPr>{properties}</w:pPr>{''.join(runs)}</w:p>"


SENTENCE = "全面贯彻党的二十届四中全会精神，扎实推进高质量发展，持续保障和改善民生。"


def test_word_fonts_resolve_through_character_styles_and_document_defaults(tmp_path):
    # The body sets no font (the default, 仿宋); headings take 黑体 from a character style only.
    styles = ('<w:style w:type="character" w:styleId="Hei"><w:name w:val="一级标题字符"/>'
              '<w:rPr><w:rFonts w:eastAsia="黑体"/></w:rPr></w:style>')
    body = (para(run("一、总体要求", style="Hei")) + "".join(para(run(SENTENCE)) for _ in range(4))
            + para(run("二、主要任务", style="Hei")) + para(run(SENTENCE)))
    source = read_source(raw_docx(tmp_path / "fonts.docx", body, styles=styles, defaults_font="仿宋_GB2312"))
    assert [(line, role) for line, role in zip(source.lines, source.roles) if role] == [
        ("一、总体要求", HEADING), ("二、主要任务", HEADING)]
    assert set(font for font, role in zip(source.fonts, source.roles) if role) == {"黑体"}


def test_a_line_break_inside_a_word_paragraph_ends_a_line_and_content_controls_are_read(tmp_path):
    broken = para(run("一、总体要求", font="黑体") + '<w:r><w:br/></w:r>' + run(SENTENCE)
                  + '<w:r><w:t>第二行</w:t><w:cr/><w:t>第三行。</w:t></w:r>')
    control = f"<w:sdt><w:sdtPr/><w:sdtContent>{para(run('控件里的段落。'))}</w:sdtContent></w:sdt>"
    source = read_source(raw_docx(tmp_path / "breaks.docx", broken + control + para(run(SENTENCE))))
    assert source.lines == ["一、总体要求", SENTENCE + "第二行", "第三行。", "控件里的段落。", SENTENCE]
    assert source.roles[:2] == [HEADING, ""]


NUMBERING = ('<w:abstractNum w:abstractNumId="7">'
             '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
             '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
             '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>'
             '<w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%4"/></w:lvl>'
             '</w:abstractNum>'
             '<w:abstractNum w:abstractNumId="8"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>'
             '</w:abstractNum>'
             '<w:num w:numId="71"><w:abstractNumId w:val="7"/></w:num>'
             '<w:num w:numId="72"><w:abstractNumId w:val="7"/></w:num>'
             '<w:num w:numId="73"><w:abstractNumId w:val="7"/>'
             '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="9"/></w:lvlOverride></w:num>'
             '<w:num w:numId="80"><w:abstractNumId w:val="8"/></w:num>')


def numbered(text: str, number_id: int, level: int) -> str:
    return para(run(text), properties=f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{number_id}"/></w:numPr>')


def test_word_automatic_numbers_are_written_out_as_word_shows_them(tmp_path):
    body = "".join([
        numbered("总体要求", 71, 0), numbered("指导思想", 71, 1), numbered("基本原则", 71, 1),
        numbered("坚持稳中求进", 71, 2), numbered("坚持创新", 71, 3), numbered("坚持协调", 71, 3),
        numbered("主要任务", 72, 0),  # another instance of the same list continues its count
        numbered("重点项目", 72, 1),  # the level below restarts under a new 二、
        numbered("附则", 73, 0),  # an instance told to start at 9
        numbered("一项要点", 80, 0),  # bullets carry no number
        para(run("不在列表里的段落。")),
    ])
    source = read_source(raw_docx(tmp_path / "numbers.docx", body, numbering=NUMBERING))
    assert source.lines == ["一、总体要求", "（一）指导思想", "（二）基本原则", "1. 坚持稳中求进", "①坚持创新",
                            "②坚持协调", "二、主要任务", "（一）重点项目", "九、附则", "一项要点", "不在列表里的段落。"]


def test_chinese_counting_and_other_number_formats():
    from generator.sources.word import _chinese, _formatted

    assert [_chinese(n) for n in (1, 10, 11, 20, 23, 99, 100, 105, 110, 120)] == [
        "一", "十", "十一", "二十", "二十三", "九十九", "一百", "一百零五", "一百一十", "一百二十"]
    assert [_formatted(3, fmt) for fmt in ("decimal", "decimalEnclosedCircle", "ideographTraditional",
                                           "upperRoman", "lowerLetter", "decimalFullWidth")] == [
        "3", "③", "丙", "III", "c", "３"]


def test_the_portal_page_is_gbk_its_chrome_is_gone_its_table_is_a_table(text_reports, tmp_path):
    path = portal_page(text_reports["yuquan-15th-five-year-plan"], tmp_path / "plan.html")
    data = path.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    source = read_source(path)
    assert source.encoding == "gb18030"  # GB2312 as declared, read as its superset
    report = convert_source(source, ReportMeta(slug="plan", source_file="plan.html"))
    text = "".join(line for line in source.lines)
    for chrome in ("长者模式", "政民互动", "请输入关键字", "您当前的位置", "分享到", "打印本页", "相关链接",
                   "一图读懂", "网站标识码", "公网安备", "_hmt", "hm.js"):
        assert chrome not in text, chrome
    assert (report.meta.source, report.meta.published) == ("人民政府办公室", "2026-01-20")
    tables = [block.table for block in report.blocks if isinstance(block, Box) and block.table]
    assert len(tables) == 1 and tables[0].header[0] == "指标"
    assert report.reader.startswith("beautifulsoup4 ") and " + lxml " in report.reader


# ------------------------------------------------------------------ web pages: charsets, layouts, marks

ARTICLE = "".join(f"<p>第{n}段：全面贯彻党的二十届四中全会精神，扎实推进高质量发展，持续保障和改善民生。</p>" for n in range(1, 9))


def page(body: str, head: str = "") -> str:
    return f"<html><head>{head}<title>某市政府工作报告</title></head><body>{body}</body></html>"


@pytest.mark.parametrize("head,encoding", [
    ('<meta charset="gbk">', "gbk"),
    ('<meta http-equiv="Content-Type" content="text/html; charset=GB2312">', "gb2312"),
    ('<meta charset="utf-8">', "utf-8"),
    ("", "utf-8"),
    ("", "gb18030"),
])
def test_a_web_page_is_read_in_the_charset_it_declares_or_else_the_one_that_fits(head, encoding, tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(page("<div class='nav'><a href='/'>首页</a></div><div id='zoom'>" + ARTICLE + "</div>",
                          head).encode(encoding))
    lines = read_source(path).lines
    assert lines[0].startswith("第1段：全面贯彻") and len(lines) == 8


def test_a_page_that_lies_about_its_charset_gets_an_error_naming_the_line(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(page("\n<div>" + ARTICLE + "</div>", '<meta charset="utf-8">').encode("gbk"))
    with pytest.raises(SourceError) as error:
        read_source(path)
    assert str(error.value).startswith(f"{path}:1: the page says it is UTF-8, but this line is not")


def test_an_old_portal_laid_out_with_tables_still_gives_its_article(tmp_path):
    layout = (
        "<table width='1000'><tr><td><img src='logo.gif'><a href='/'>首页</a> <a href='/zw'>政务公开</a></td></tr>"
        "<tr><td><table><tr><td class='left'><a href='/a'>通知公告</a><br><a href='/b'>政策解读</a></td>"
        f"<td class='zw'><div align='center'><b>2026年某县政府工作报告</b></div>{ARTICLE}</td></tr></table></td></tr>"
        "<tr><td class='bottom'>版权所有：某县人民政府 地址：人民路1号，邮编：000000</td></tr></table>"
    )
    path = tmp_path / "page.html"
    path.write_text(page(layout), encoding="utf-8")
    lines = read_source(path).lines
    assert lines[0] == "2026年某县政府工作报告" and lines[1].startswith("第1段") and len(lines) == 9
    assert not any("版权所有" in line or "通知公告" in line for line in lines)


def test_web_page_marks_bold_lead_ins_notes_breaks_and_spanning_cells(tmp_path):
    body = (
        "<div class='TRS_Editor'>"
        "<p><strong>一、总体要求</strong></p>"
        "<p>　　<b>坚持稳中求进。</b>统筹发展和安全<sup>1</sup>，推进<font color='red'>改革</font>开放。"
        "<br>　　持续改善民生，增进人民福祉。</p>"
        "<table border='1'><tr><td colspan='3'>表1 主要指标</td></tr><tr><th>指标</th><th>2025年</th><th>2030年</th></tr>"
        "<tr><td rowspan='2'>经济</td><td>5</td><td>6</td></tr><tr><td>7</td><td>8</td></tr></table>"
        + ARTICLE + "</div>"
    )
    path = tmp_path / "page.html"
    path.write_text(page(body), encoding="utf-8")
    source = read_source(path)
    assert source.lines[:10] == [
        "一、总体要求",
        "**坚持稳中求进。**统筹发展和安全<sup>1</sup>，推进改革开放。",
        "持续改善民生，增进人民福祉。",
        "",
        "表1 主要指标\t\t",
        "指标\t2025年\t2030年",
        "经济\t5\t6",
        "\t7\t8",
        "",
        ARTICLE[3:ARTICLE.index("</p>")],
    ]
    assert source.roles[0] == "heading"
    report = convert_source(source, ReportMeta(slug="x", source_file="x.html"))
    table = next(block for block in report.blocks if isinstance(block, Table))
    assert (table.caption, table.header, [row.cells for row in table.rows]) == (
        "表1主要指标", ["指标", "2025年", "2030年"], [["经济", "5", "6"], ["", "7", "8"]])


def test_a_hostile_page_brings_no_script_and_no_marker_characters(tmp_path):
    body = ("<div id='zoom'><p onclick='steal()'>正文\ue100<img src=x onerror=alert(1)>第一句，第二句。"
            "<script>alert(1)</script><iframe src='//evil'></iframe></p>" + ARTICLE + "</div>")
    path = tmp_path / "page.html"
    path.write_text(page(body), encoding="utf-8")
    lines = read_source(path).lines
    assert lines[0] == "正文第一句，第二句。"
    assert not any("alert" in line or "\ue100" in line or "<img" in line for line in lines)


# ------------------------------------------------------------------ bad originals

def _scan_pdf(path: Path, browser) -> Path:
    """A page that is one picture of text, as a scanner makes it."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(image)
    for row in range(30):
        draw.rectangle((150, 200 + row * 45, 1090 - (row % 4) * 80, 225 + row * 45), fill=0)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    data = base64.b64encode(buffer.getvalue()).decode()
    tab = browser.new_page()
    tab.set_content(f"<body style='margin:0'><img style='width:210mm' src='data:image/png;base64,{data}'></body>")
    tab.pdf(path=str(path), format="A4")
    tab.close()
    return path


def _encrypted(source: Path, path: Path, user_password: str) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(str(source)))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="AES-128")
    writer.write(str(path))
    return path


def _assert_error(path: Path, message: str, remedy: str) -> None:
    with pytest.raises(SourceError) as error:
        read_source(path)
    assert str(error.value) == f"{path}: {message} ({remedy})"


def test_a_scanned_pdf_says_it_needs_ocr(tmp_path, browser):
    path = _scan_pdf(tmp_path / "scan.pdf", browser)
    _assert_error(path, "this PDF has no text layer: it is a scan",
                  "run OCR on it (for example `ocrmypdf --language chi_sim`) and add the result")


def test_an_encrypted_pdf_says_so_and_one_only_restricted_still_reads(pdfs, pdf_source, tmp_path):
    source = pdfs["huimin-2022-work-report"]
    locked = _encrypted(source, tmp_path / "locked.pdf", user_password="secret")
    _assert_error(locked, "this PDF is encrypted",
                  "save an unprotected copy (print it to PDF, or remove the password) and add that")
    # An owner password alone (no printing or copying allowed) still opens for reading.
    restricted = _encrypted(source, tmp_path / "restricted.pdf", user_password="")
    assert read_source(restricted).lines == pdf_source("huimin-2022-work-report").lines


def _without_unicode_maps(source: Path, path: Path) -> Path:
    """The PDF with every font's ToUnicode map taken out, as some export tools write them."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    writer = PdfWriter(clone_from=PdfReader(str(source)))
    for page in writer.pages:
        fonts = page["/Resources"]["/Font"]
        for name in fonts:
            font = fonts[name].get_object()
            if "/ToUnicode" in font:
                del font[NameObject("/ToUnicode")]
    writer.write(str(path))
    return path


def test_a_pdf_whose_fonts_name_no_characters_says_to_export_again_or_ocr(pdfs, pdf_source, tmp_path):
    from generator.sources.pdf import unreadable_share

    source = pdfs["huimin-2022-work-report"]
    _assert_error(_without_unicode_maps(source, tmp_path / "glyphs.pdf"),
                  "this PDF's text layer cannot be read: its fonts do not say which characters they draw",
                  "export the PDF again with fonts embedded as Unicode, or run OCR on it "
                  "(for example `ocrmypdf --force-ocr --language chi_sim`) and add the result")
    # Every report's own text, with its ①, ％, ≥ and ℃, is readable.
    for slug in PDF_SLUGS:
        assert unreadable_share("".join(pdf_source(slug).lines)) < 0.01, slug
    assert unreadable_share("(cid:12)(cid:40)发展") > 0.5


def test_a_truncated_or_mislabelled_pdf_says_it_is_damaged(pdfs, tmp_path):
    data = pdfs["huimin-2022-work-report"].read_bytes()
    for name, content in (("truncated.pdf", data[: len(data) // 2]), ("empty.pdf", b""),
                          ("page.pdf", b"<html><body>404 Not Found</body></html>")):
        path = tmp_path / name
        path.write_bytes(content)
        _assert_error(path, "this PDF is damaged or incomplete", "download or export it again")


def test_a_docx_that_is_no_word_document_and_a_legacy_doc_say_what_to_do(tmp_path):
    not_zip = tmp_path / "report.docx"
    not_zip.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 an OLE file renamed")
    _assert_error(not_zip, "this is no Word document (.docx), or it is damaged",
                  "open it in Word or WPS and save it again as .docx")
    other_zip = tmp_path / "archive.docx"
    with zipfile.ZipFile(other_zip, "w") as package:
        package.writestr("readme.txt", "not a document")
    _assert_error(other_zip, "this is no Word document (.docx), or it is damaged",
                  "open it in Word or WPS and save it again as .docx")
    legacy = tmp_path / "report.doc"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    _assert_error(legacy, "this is a Word 97–2003 document (.doc), which cannot be read",
                  "open it in Word or WPS and save it as .docx")


def test_a_web_page_without_article_text_says_so(tmp_path):
    path = tmp_path / "index.html"
    path.write_text(page("<div class='nav'><a href='/'>首页</a><a href='/zw'>政务公开</a></div>"
                         "<div id='app'></div><script src='app.js'></script>"
                         "<div class='footer'>版权所有：某市人民政府</div>"), encoding="utf-8")
    _assert_error(path, "found no article text on this web page",
                  "save the page after its text has loaded (or copy the report's text into a .txt file)")


# ------------------------------------------------------------------ seeds/ in every format, editors' files


def test_seeds_holds_reports_in_every_format_and_skips_what_is_no_report(tmp_path, text_reports):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    word_document(text_reports["hohhot-2022-work-report"], seeds / "hohhot.docx")
    portal_page(text_reports["qinghai-2026-work-report"], seeds / "qinghai.htm")
    (seeds / "beijing.txt").write_bytes((SEEDS / "beijing-2026-work-report.txt").read_bytes())
    (seeds / "~$hohhot.docx").write_bytes(b"lock")  # Word's lock file beside an open document
    (seeds / ".qinghai.htm.swp").write_bytes(b"swap")
    (seeds / "notes.md").write_text("an editor's notes", encoding="utf-8")
    assert [seed.path.name for seed in discover(seeds)] == ["beijing.txt", "hohhot.docx", "qinghai.htm"]


@pytest.mark.parametrize("kind", ["docx", "html"])
def test_errata_and_overrides_work_on_every_format(kind, tmp_path):
    # The original as published carries the conversion errors the overrides correct.
    slug = "yuquan-2023-work-report"
    expected = text_route(slug, with_overrides=True)
    path = tmp_path / f"{slug}.{kind}"
    if kind == "docx":
        word_document(expected, path)
    else:
        portal_page(expected, path)
    overrides = load_overrides(SEEDS / f"{slug}.overrides.yml")
    report = converted(path, overrides)
    assert structure(report) == structure(expected)
    assert [(e.original, e.correction) for e in report.errata] == [(e.original, e.correction) for e in expected.errata]
    assert len(report.errata) == 3


def test_an_erratum_whose_context_a_pdf_wrapped_over_two_lines_is_found(pdf_source):
    source = pdf_source("huimin-2022-work-report")
    lines = source.as_lines()
    # A context that starts on one printed line and ends on the next one, the erratum across the break.
    first = next(line for line in lines[20:] if len(line.text) > 20 and not line.role and lines[line.no].text)
    context = first.text[-4:] + lines[first.no].text[:4]
    overrides = Overrides(path=Path("seeds/h.overrides.yml"))
    overrides.errata.append(ErratumSpec(text=context[2:6], correction="〔改〕", context=context, note="", line=3))
    report = convert_source(source, ReportMeta(slug="h", source_file="h.pdf"), overrides)
    assert [(e.original, e.correction, e.line) for e in report.errata] == [(context[2:6], "〔改〕", first.no)]
    text = "".join(strip_markers(block.text) for block in report.blocks if hasattr(block, "text"))
    assert context[:2] + context[6:] in text  # the erratum's text is out of the text, its marker in


def test_the_lines_command_shows_what_a_reader_made(pdf_source):
    text = format_lines(pdf_source("huimin-2022-work-report"))
    head = text.splitlines()
    assert head[0].startswith("# huimin-2022-work-report.pdf: read by pdfplumber ") and head[0].endswith(" pages")
    assert "[title]" in head[1] and "---- page 2" in text and "[footer] — 1 —" in text


# ------------------------------------------------------------------ the site, built from originals


def _as_original(project: Path, slug: str, kind: str, report) -> Path:
    """Replace seeds/SLUG.txt by the report in another format; its manifest entry names the new file."""
    (project / "seeds" / f"{slug}.txt").unlink()
    path = project / "seeds" / f"{slug}.{kind}"
    if kind == "docx":
        word_document(report, path)
    else:
        portal_page(report, path)
    manifest = project / "seeds" / "manifest.yml"
    text = manifest.read_text(encoding="utf-8")
    entry = text.index(f"source_file: {slug}.txt")
    received = text.index("original_file:", entry)
    end = text.index("\n", received)
    text = (text[:entry] + f"source_file: {slug}.{kind}" + text[entry + len(f"source_file: {slug}.txt"):received]
            + f"original_file: 原件_{slug}.{kind}" + text[end:])
    manifest.write_text(text, encoding="utf-8")
    return path


def _comparable(page: str) -> str:
    """A report page without what names its source (front matter, the source note, source line numbers)."""
    body = page.split("---\n", 2)[2]
    body = "\n".join(line for line in body.splitlines() if not line.startswith("原文文件："))
    return re.sub(r"第\d+行", "第N行", body.replace("{: .report-source data-search-exclude }\n", ""))


def test_originals_in_seeds_build_the_same_pages_with_their_manifest_overrides_and_notes(tmp_path):
    from generator.site.pages import generate

    from tests.conftest import project_copy

    project = project_copy(tmp_path)
    before = dict(generate(project).pages)  # report pages are files: keep this build's text
    plan, qinghai = "yuquan-15th-five-year-plan", "qinghai-2026-work-report"
    # The originals as published: before the editors' errata (the overrides correct them again).
    _as_original(project, plan, "docx", text_route(plan, with_overrides=True))
    _as_original(project, qinghai, "html", text_route(qinghai, with_overrides=True))
    after = generate(project).pages
    for slug, kind, reader in ((plan, "Word 文档", "python-docx "), (qinghai, "网页", "beautifulsoup4 ")):
        page = after[f"reports/{slug}.md"]
        assert _comparable(page) == _comparable(before[f"reports/{slug}.md"])
        front = yaml.safe_load(page.split("---\n", 2)[1])["report"]
        assert front["source_file"].startswith(slug) and front["original_file"] == f"原件_{front['source_file']}"
        assert front["reader"].startswith(reader)
        note = next(line for line in page.splitlines() if line.startswith("原文文件："))
        assert note.startswith(f"原文文件：原件\\_{slug}.") and f"（{kind}），由 {front['reader']} 读取" in note
    assert "编者注" in after[f"reports/{plan}.md"]  # the passage notes found their quotes in the Word text


@pytest.fixture(scope="module")
def bad_originals(tmp_path_factory, pdfs, browser):
    folder = tmp_path_factory.mktemp("bad")
    data = pdfs["huimin-2022-work-report"].read_bytes()
    (folder / "truncated.pdf").write_bytes(data[: len(data) // 2])
    _encrypted(pdfs["huimin-2022-work-report"], folder / "locked.pdf", user_password="secret")
    _scan_pdf(folder / "scan.pdf", browser)
    (folder / "notzip.docx").write_bytes(b"PK but not really a zip")
    (folder / "legacy.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    (folder / "empty.html").write_text(page("<div class='nav'><a href='/'>首页</a></div><div id='app'></div>"),
                                       encoding="utf-8")
    return folder


def test_a_bad_original_stops_make_site_with_its_error_and_the_last_good_site_stays(tmp_path, bad_originals, capfd):
    from generator.site.publish import build_site

    from tests.conftest import project_copy
    from tests.test_editors import _digest

    project = project_copy(tmp_path)
    assert build_site(project) == 0
    good = _digest(project / "site")
    capfd.readouterr()
    messages = {
        "truncated.pdf": "this PDF is damaged or incomplete (download or export it again)",
        "locked.pdf": "this PDF is encrypted (save an unprotected copy",
        "scan.pdf": "this PDF has no text layer: it is a scan (run OCR on it",
        "notzip.docx": "this is no Word document (.docx), or it is damaged (open it in Word or WPS and save it again",
        "legacy.doc": "this is a Word 97–2003 document (.doc), which cannot be read (open it in Word or WPS and save it as .docx)",
        "empty.html": "found no article text on this web page (save the page after its text has loaded",
    }
    for name, message in messages.items():
        bad = project / "seeds" / name
        bad.write_bytes((bad_originals / name).read_bytes())
        assert build_site(project) != 0, name
        output = capfd.readouterr()
        assert f"seeds/{name}: error: {message}" in output.out + output.err, name
        assert _digest(project / "site") == good, name
        bad.unlink()
    # Every bad original at once: the check names each of them, not only the first.
    for name in messages:
        (project / "seeds" / name).write_bytes((bad_originals / name).read_bytes())
    check = subprocess.run([sys.executable, "-m", "generator", "check"], cwd=project, capture_output=True, text=True,
                           env={"PYTHONPATH": str(project), "PATH": "/usr/bin:/bin"})
    assert check.returncode == 1
    assert all(f"seeds/{name}: error: {message}" in check.stderr for name, message in messages.items()), check.stderr
