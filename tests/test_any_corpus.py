"""Reports from research datasets, old portals and crawlers: one rule per class, on real fragments.

* a crawler's metadata block above the text (``sources/metadata_block.py``);
* older covers: letter-spaced titles, U+2015 dashes, the meeting line and the
  speaker on one line, ASCII quotes (a repair the build line counts);
* headings glued to the text after them (``structure/glued_headings.py``);
* titles when the text has none: the file's properties, facts the text
  states, the file name, each named in the build line and warned about.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.audit import audit_report, conversion_line
from generator.convert import convert_file, convert_lines
from generator.model import Heading, Paragraph, RepairLog, ReportMeta
from generator.inline import plain
from generator.sources.metadata import document_title, region_in
from generator.sources.metadata_block import read_metadata_block
from generator.sources.read import split_lines

from .helpers import convert

BODY = ("各位代表：\n现在，我代表市人民政府，向大会报告工作，请予审议，并请各位政协委员和其他列席人员提出意见。\n"
        "一、2021年工作回顾\n2021年，面对严峻复杂的形势，全市地区生产总值增长6.8%。\n")
COVER = "政府工作报告\n——2022年1月23日在保定市第十五届人民代表大会第二次会议上\n保定市人民政府市长 张三\n"


def report_of(text: str, name: str = "fragment.txt"):
    lines, indents, page_starts = split_lines(text)
    return convert_lines(lines, ReportMeta(slug="fragment", source_file=name), file=name, indents=indents,
                         page_starts=page_starts)


def warnings(report) -> list[str]:
    return [str(problem) for problem in audit_report(report, "seeds/fragment.txt")]


def facts(report) -> tuple:
    meta = report.meta
    return meta.title, meta.date, meta.speaker, meta.region, meta.source_url


# ------------------------------------------------------------------ metadata blocks

CRAWLER = ("标题：2022年保定市政府工作报告\n发文单位：保定市人民政府\n发文时间：未知\n年份：2022\n报告人：张三\n"
           "来源URL：http://www.baoding.gov.cn/zwgk/2022.html\n采集时间：2023-05-01 10:00\n正文：\n==========\n")


def test_a_crawler_block_leaves_the_text_and_the_cover_is_found_below_it():
    report = report_of(CRAWLER + COVER + BODY)
    assert facts(report) == ("保定市2022年政府工作报告", "2022-01-23", "保定市人民政府市长 张三", "保定市",
                             "http://www.baoding.gov.cn/zwgk/2022.html")
    assert report.meta.subtitle == "——2022年1月23日在保定市第十五届人民代表大会第二次会议上"
    assert plain(report.blocks[0].text) == "各位代表："
    removed = [removal for removal in report.removals if removal.rule == "metadata-block"]
    assert [removal.lines for removal in removed] == [(1, 2, 3, 4, 5, 6, 7, 8, 9)]
    assert "采集时间：2023-05-01 10:00" in removed[0].text
    assert warnings(report) == []


def test_a_pages_own_date_is_when_it_was_published():
    report = report_of("来源：保定日报\n时间：2022-02-15 08:30\n" + COVER + BODY)
    assert (report.meta.date, report.meta.published, report.meta.source) == ("2022-01-23", "2022-02-15", "保定日报")
    assert warnings(report) == []


def test_the_block_fills_what_a_report_without_cover_does_not_state():
    # The bug this class had: 标题：2022年保定市政府工作报告 read as a cover line gave 年保定市2022年政府工作报告.
    report = report_of(CRAWLER + BODY)
    assert facts(report)[:4] == ("保定市2022年政府工作报告", "2022", "张三", "保定市")
    assert report.meta.title_from == "metadata block"
    assert conversion_line(report).endswith("; title from the crawler's metadata block")
    assert region_in("标题：2022年保定市政府工作报告") == "保定市"


@pytest.mark.parametrize("block", [
    "title: 2022年保定市政府工作报告\nregion: 保定市\nyear: 2022\nurl: http://www.baoding.gov.cn/zwgk/2022.html\ntext:\n",
    "---\ntitle: 2022年保定市政府工作报告\nurl: http://www.baoding.gov.cn/zwgk/2022.html\ncrawled: 2024-03-02\n---\n",
    "【标题】2022年保定市政府工作报告\n【地区】保定市\n【链接】http://www.baoding.gov.cn/zwgk/2022.html\n【正文】\n",
    "Title = 2022年保定市政府工作报告\nURL = http://www.baoding.gov.cn/zwgk/2022.html\n\n",
    "\n\n标题: 2022年保定市政府工作报告\n来源: http://www.baoding.gov.cn/zwgk/2022.html\n正文: 政府工作报告\n"
    "——2022年1月23日在保定市第十五届人民代表大会第二次会议上\n保定市人民政府市长 张三\n",
])
def test_other_crawlers_shapes(block):
    text = block + (COVER if "正文: 政府工作报告" not in block else "") + BODY
    assert facts(report_of(text)) == ("保定市2022年政府工作报告", "2022-01-23", "保定市人民政府市长 张三", "保定市",
                                      "http://www.baoding.gov.cn/zwgk/2022.html")


def test_unknown_values_and_keys():
    lines = report_of("标题：未知\n发文时间：不详\n栏目：政府工作报告\n来源URL：N/A\n正文：\n" + COVER + BODY)
    assert facts(lines) == ("保定市2022年政府工作报告", "2022-01-23", "保定市人民政府市长 张三", "保定市", "")
    log = RepairLog(file="x")
    source_lines = split_lines("标题：2022年保定市政府工作报告\n栏目：政府工作报告\n作者单位：市政府办\n正文：\n各位代表：")[0]
    from generator.model import Line

    block, rest = read_metadata_block([Line(n, t) for n, t in enumerate(source_lines, 1)], log)
    assert block is not None and block.values == {"title": "2022年保定市政府工作报告"}
    assert block.dropped == [(2, "栏目", "政府工作报告"), (3, "作者单位", "市政府办")]
    assert [line.text for line in rest] == ["各位代表："]


@pytest.mark.parametrize("text", [
    "各位代表：\n现在，我代表市人民政府，向大会报告工作。",  # a salutation is no field
    "来源：北京日报\n2026年北京市政府工作报告\n各位代表：",  # one stray field: web chrome's, not a block
    "主要预期目标是：地区生产总值增长5%左右。\n各位代表：",  # no known key
    "标题：网站首页\n2026年北京市政府工作报告\n各位代表：",  # a lone title that names no document
])
def test_what_is_no_block(text):
    from generator.model import Line

    lines = [Line(n, t) for n, t in enumerate(text.split("\n"), 1)]
    block, rest = read_metadata_block(lines, RepairLog(file="x"))
    assert block is None and rest == lines


def test_the_cover_wins_and_check_says_so():
    block = ("标题：2021年保定市政府工作报告\n发文单位：石家庄市人民政府\n会议日期：2022-02-15\n报告人：李四\n"
             "来源URL：http://www.baoding.gov.cn/zwgk/2022.html\n正文：\n")
    report = report_of(block + COVER + BODY)
    assert facts(report)[:4] == ("保定市2022年政府工作报告", "2022-01-23", "保定市人民政府市长 张三", "保定市")
    hint = "(the cover's value is used; if the cover is wrong, state the right one in seeds/manifest.yml)"
    assert warnings(report) == [
        f"seeds/fragment.txt:1: warning: the metadata block's 标题：2021年保定市政府工作报告 disagrees with the cover (2022年) {hint}",
        f"seeds/fragment.txt:3: warning: the metadata block's 会议日期：2022-02-15 disagrees with the cover (2022-01-23) {hint}",
        f"seeds/fragment.txt:4: warning: the metadata block's 报告人：李四 disagrees with the cover (保定市人民政府市长 张三) {hint}",
        f"seeds/fragment.txt:2: warning: the metadata block's 发文单位：石家庄市人民政府 disagrees with the cover (保定市) {hint}",
    ]



@pytest.mark.parametrize(("author", "speaker"), [
    ("报告人：郭建英", "郭建英"),
    ("报告人：市长 郭建英", "市长 郭建英"),
    ("报告人：保定市人民政府市长郭建英", "保定市人民政府市长 郭建英"),
    ("作者：艾尔肯·吐尼亚孜", "艾尔肯·吐尼亚孜"),
    ("作者：保定市人民政府办公室", ""),  # who published the page, not who spoke
    ("作者：新华社", ""),
    ("作者：市政府", ""),
    ("作者：保定日报记者 王五 李六", ""),
])
def test_a_blocks_speaker_is_a_person(author, speaker):
    report = report_of(f"标题：2022年保定市政府工作报告\n{author}\n正文：\n" + BODY)
    assert report.meta.speaker == speaker


def test_a_value_continued_on_the_next_lines():
    """A long title a crawler wrapped, and a cover's date under its title, continue the field above them."""
    report = report_of("标题：2022年保定市国民经济和社会发展第十四个五年规划和\n二〇三五年远景目标纲要\n"
                       "发文单位：保定市人民政府\n正文：\n" + BODY)
    assert report.meta.doc_title == "2022年保定市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"
    assert plain(report.blocks[0].text) == "各位代表："
    report = report_of("标题：2022年保定市政府工作报告\n（2022年1月23日）\n发文单位：保定市人民政府\n正文：\n" + BODY)
    assert facts(report)[:2] == ("保定市2022年政府工作报告", "2022-01-23")
    assert report.meta.doc_title == "2022年保定市政府工作报告" and report.meta.cover_lines == []
    assert [removal.lines for removal in report.removals if removal.rule == "metadata-block"] == [(1, 2, 3, 4)]


def test_no_value_continues_past_the_block():
    # Front matter closed by its rule, then a web page whose third line is a field: the page is text, not the block's.
    report = report_of("---\ntitle: 2026年四川省人民政府工作报告\nyear: 2026\n---\n2026年四川省人民政府工作报告\n"
                       "2026年02月10日 07时41分\n来源:\n四川日报\n" + BODY)
    assert report.meta.doc_title == "2026年四川省人民政府工作报告"
    assert [removal.lines for removal in report.removals if removal.rule == "metadata-block"] == [(1, 2, 3, 4)]
    # Two lines that no known field follows end the block: they are the cover.
    report = report_of("标题：2022年保定市政府工作报告\n年份：2022\n" + COVER + BODY)
    assert facts(report)[:3] == ("保定市2022年政府工作报告", "2022-01-23", "保定市人民政府市长 张三")
    assert report.meta.subtitle == "——2022年1月23日在保定市第十五届人民代表大会第二次会议上"


DISCLOSURE = ("索引号：\n000014349/2022-00012\n主题分类：\n综合政务\n发文机关：\n保定市人民政府\n成文日期：\n2022年01月25日\n"
              "标题：\n2022年保定市政府工作报告\n发文字号：\n发布日期：\n2022年01月28日\n")


@pytest.mark.parametrize("separator", ["\n", "\n\n"])
def test_a_disclosure_pages_table_a_cell_a_line(separator):
    """政府信息公开 pages: a table of key and value cells, scraped one cell a line; one cell empty."""
    text = DISCLOSURE.replace("\n", separator)
    report = report_of(text + COVER + BODY)
    assert facts(report)[:4] == ("保定市2022年政府工作报告", "2022-01-23", "保定市人民政府市长 张三", "保定市")
    assert (report.meta.doc_title, report.meta.published, report.meta.cover_lines) == ("政府工作报告", "2022-01-25", [])
    report = report_of(text + BODY)
    assert (report.meta.doc_title, report.meta.title_from) == ("2022年保定市政府工作报告", "metadata block")
    # An empty cell above the cover never takes the cover's title.
    report = report_of("标题：2022年保定市政府工作报告\n发文字号：\n" + COVER + BODY)
    assert (report.meta.doc_title, report.meta.subtitle[:6]) == ("政府工作报告", "——2022")


def test_the_page_after_a_block_is_no_value():
    # The page's own title and timestamp after the block, then its 来源: line: they are the page, not the date's.
    report = report_of("标题：2026年四川省人民政府工作报告\n发布日期：2023年02月03日\n2026年四川省人民政府工作报告\n"
                       "2026年02月10日 07时41分\n来源:\n四川日报\n" + BODY)
    assert (report.meta.doc_title, report.meta.published, report.meta.source) == (
        "2026年四川省人民政府工作报告", "2026-02-10", "四川日报")


def test_several_fields_on_one_line():
    from generator.model import Line

    text = "标题：2022年保定市政府工作报告\n发布时间：2022-01-25 09:30 来源：保定市人民政府 浏览次数：1234 字号：大 中 小\n正文：\n各位代表："
    block, rest = read_metadata_block([Line(n, t) for n, t in enumerate(text.split("\n"), 1)], RepairLog(file="x"))
    assert block is not None and block.values == {
        "title": "2022年保定市政府工作报告", "published": "2022-01-25", "source": "保定市人民政府"}
    assert block.dropped == [(2, "浏览次数", "1234"), (2, "字号", "大 中 小")]
    assert [line.text for line in rest] == ["各位代表："]


def test_a_block_after_the_text():
    report = report_of("标题：2022年保定市政府工作报告\n正文：\n" + COVER + BODY
                       + "\n原文链接：http://www.baoding.gov.cn/zwgk/2022.html\n采集时间：2023-05-01 10:00\n标题：另一个标题\n")
    assert facts(report) == ("保定市2022年政府工作报告", "2022-01-23", "保定市人民政府市长 张三", "保定市",
                             "http://www.baoding.gov.cn/zwgk/2022.html")
    assert plain(report.blocks[-1].text) == "2021年，面对严峻复杂的形势，全市地区生产总值增长6.8%。"
    assert [removal.lines for removal in report.removals if removal.rule == "metadata-block"] == [(1, 2), (11, 12, 13)]
    assert report_of(COVER + BODY + "原文链接：http://www.baoding.gov.cn/a.html\n").meta.source_url == \
        "http://www.baoding.gov.cn/a.html"
    # One field that is no address is a web page's (来源：保定日报), left to the web-chrome rules.
    report = report_of(COVER + BODY + "来源：保定日报\n")
    assert report.meta.source == "保定日报" and not any(r.rule == "metadata-block" for r in report.removals)


def test_a_block_of_two_cells_a_line():
    report = report_of("标题\t2022年保定市政府工作报告\n年份\t2022\n来源URL\thttp://www.baoding.gov.cn/zwgk/2022.html\n"
                       + COVER + BODY)
    assert facts(report) == ("保定市2022年政府工作报告", "2022-01-23", "保定市人民政府市长 张三", "保定市",
                             "http://www.baoding.gov.cn/zwgk/2022.html")
    # A table of three columns is no block.
    report = report_of("地区\t2021年\t2022年\n年份\t2021\t2022\n" + COVER + BODY)
    assert not any(removal.rule == "metadata-block" for removal in report.removals)


def test_a_lone_title_line_is_a_block():
    report = report_of("标题：2022年保定市政府工作报告\n" + BODY)
    assert (report.meta.doc_title, report.meta.title_from) == ("2022年保定市政府工作报告", "metadata block")
    report = report_of("标题：2022年保定市政府工作报告\n" + COVER + BODY)
    assert facts(report)[:3] == ("保定市2022年政府工作报告", "2022-01-23", "保定市人民政府市长 张三")
    assert plain(report.blocks[0].text) == "各位代表："


# ------------------------------------------------------------------ older covers

@pytest.mark.parametrize("cover", [
    "政 府 工 作 报 告\n――2022年1月23日在保定市第十五届人民代表大会第二次会议上\n保定市人民政府市长 张三\n",
    "政府工作报告\n――2022年1月23日在保定市第十五届人民代表大会第二次会议上 保定市人民政府市长 张三\n",
    "政  府  工  作  报  告\n——2022年1月23日在保定市第十五届\n人民代表大会第二次会议上 保定市人民政府市长 张 三\n",
])
def test_older_covers(cover):
    report = report_of(cover + BODY)
    assert facts(report)[:4] == ("保定市2022年政府工作报告", "2022-01-23", "保定市人民政府市长 张三", "保定市")
    assert (report.meta.doc_title, report.meta.subtitle) == (
        "政府工作报告", "——2022年1月23日在保定市第十五届人民代表大会第二次会议上")


def test_a_parenthesis_closed_after_the_speaker_and_a_date_under_the_title():
    report = report_of("政府工作报告\n（2010年1月20日在保定市第十二届人民代表大会第五次会议上 保定市市长 张三）\n" + BODY)
    assert facts(report)[:4] == ("保定市2010年政府工作报告", "2010-01-20", "保定市市长 张三", "保定市")
    assert report.meta.subtitle == "（2010年1月20日在保定市第十二届人民代表大会第五次会议上）"
    report = report_of("2010年保定市政府工作报告\n（2010年1月20日）\n" + BODY)
    assert (report.meta.date, report.meta.date_line, report.meta.cover_lines) == ("2010-01-20", "（2010年1月20日）", [])


def test_a_draft_cover_with_box_drawing_dashes_and_a_blank_day():
    # GB2312 decoders give —— as U+2015 twice; old word processors set it as box-drawing lines (U+2500).
    report = report_of("政 府 工 作 报 告\n(征求意见稿)\n──2012年3月 日在市十四届人大一次会议上\n代市长 杨鲁豫\n"
                       + BODY + "坚持稳中求进──这是总基调，建设――生产线，表格├────┼────┤。\n")
    assert (report.meta.date, report.meta.meeting, report.meta.speaker, report.meta.region) == (
        "2012-03", "市十四届人大一次会议", "代市长 杨鲁豫", "")  # 代市长 names no region
    assert report.meta.subtitle == "——2012年3月日在市十四届人大一次会议上"
    assert plain(report.blocks[-1].text) == "坚持稳中求进——这是总基调，建设——生产线，表格├────┼────┤。"
    report = report_of("政府工作报告\n——2012年2月27日在济南市第十五届人民代表大会第一次会议上\n济南市代市长 杨鲁豫\n" + BODY)
    assert facts(report)[2:4] == ("济南市代市长 杨鲁豫", "济南市")


def test_ascii_quotes_become_chinese_quotes_and_are_counted():
    report = convert(COVER + BODY + '四、扎实做好"三农"工作\n扎实推进"1+20"深化改革试点，深化"放管服"改革，"5G"基站达到3万个。\n')
    assert [plain(block.text) for block in report.blocks[-2:]] == [
        "四、扎实做好“三农”工作", "扎实推进“1+20”深化改革试点，深化“放管服”改革，“5G”基站达到3万个。"]
    assert conversion_line(report).endswith("; repaired: ascii-quotes 2")
    assert convert('Press "Enter" to continue, 按"确定"键。').blocks[0].text == 'Press "Enter" to continue，按“确定”键。'



# ------------------------------------------------------------------ a text run together on one line

def test_a_text_run_together_on_one_line_is_cut_at_its_indents():
    """A dataset's text field: every paragraph after its indent, the cover's lines too."""
    one = "　　".join(line for line in (COVER + BODY).split("\n") if line)
    for text in (one, "　　" + one, "标题：2022年保定市政府工作报告\n正文：" + one, one.replace("　", "\u00a0")):
        report = report_of(text + "\n")
        assert facts(report)[:4] == ("保定市2022年政府工作报告", "2022-01-23", "保定市人民政府市长 张三", "保定市")
        assert outline(report) == [
            ("Paragraph", "各位代表："),
            ("Paragraph", "现在，我代表市人民政府，向大会报告工作，请予审议，并请各位政协委员和其他列席人员提出意见。"),
            ("Heading", "一、2021年工作回顾"), ("Paragraph", "2021年，面对严峻复杂的形势，全市地区生产总值增长6.8%。"),
        ]
        assert "repaired: run-together 1" in conversion_line(report)


@pytest.mark.parametrize("separator", ["<br>", "<BR />", "</p><p>", "</p>\n<p style=\"text-indent:2em\">"])
def test_a_text_field_that_kept_its_html_is_cut_at_its_tags(separator):
    report = report_of(separator.join(line for line in (COVER + BODY).split("\n") if line) + "\n")
    assert facts(report)[:4] == ("保定市2022年政府工作报告", "2022-01-23", "保定市人民政府市长 张三", "保定市")
    assert [kind for kind, _ in outline(report)] == ["Paragraph", "Paragraph", "Heading", "Paragraph"]


def test_what_is_not_run_together():
    from generator.sources.run_together import paragraphs_of, sure_boundaries

    # A paragraph with one double space, and a table row laid out with spaces: no sure paragraph end.
    paragraph = "2021年，面对严峻复杂的形势，全市地区生产总值增长6.8%。一般公共预算收入增长8.2%，" * 3
    paragraph = paragraph.replace("。一般", "。  一般", 1)
    assert len(paragraph) > 120 and sure_boundaries(paragraph) == 1
    report = report_of(COVER + BODY + paragraph + "\n")
    assert plain(report.blocks[-1].text) == paragraph.replace("  ", "")
    assert sure_boundaries("指标  单位  2021年  2022年  增长  地区生产总值  亿元  3856.2  4211.6  6.8%" * 2) == 0
    # The gaps of a letter-spaced title stay together; a widget row's characters are one a line.
    assert paragraphs_of("政  府  工  作  报  告  【字体：  大  中  小  】  各位代表：") == [
        "政 府 工 作 报 告", "【字体：", "大", "中", "小", "】", "各位代表："]
    # A run-together line opening with a field is text, not a metadata block.
    report = report_of("分享:  陕西省2022年政府工作报告  来源：陕西省人民政府  " + "　　".join(BODY.strip().split("\n")) * 2)
    assert not [removal for removal in report.removals if removal.rule == "metadata-block"]
    assert report.meta.doc_title == "陕西省2022年政府工作报告"


# ------------------------------------------------------------------ glued headings

def outline(report) -> list[tuple[str, str]]:
    return [(type(block).__name__, plain(block.text)) for block in report.blocks if isinstance(block, (Heading, Paragraph))]


def test_a_part_heading_glued_to_its_stock_opening_is_split():
    report = convert(COVER + "各位代表：\n一、2018年工作回顾2018年，面对严峻复杂的形势，我们坚持稳中求进。\n"
                     "二、2019年工作安排今年是新中国成立70周年，做好今年工作意义重大。\n"
                     "三、过去五年工作回顾过去五年，我们团结奋斗。\n四、2022年工作安排主要预期目标是：地区生产总值增长6%左右。\n")
    assert outline(report) == [
        ("Paragraph", "各位代表："),
        ("Heading", "一、2018年工作回顾"), ("Paragraph", "2018年，面对严峻复杂的形势，我们坚持稳中求进。"),
        ("Heading", "二、2019年工作安排"), ("Paragraph", "今年是新中国成立70周年，做好今年工作意义重大。"),
        ("Heading", "三、过去五年工作回顾"), ("Paragraph", "过去五年，我们团结奋斗。"),
        ("Heading", "四、2022年工作安排"), ("Paragraph", "主要预期目标是：地区生产总值增长6%左右。"),
    ]
    assert conversion_line(report).endswith("; repaired: glued-heading 4")
    assert warnings(report) == []


def test_a_heading_the_table_of_contents_lists_is_split():
    text = ("目  录\n\n第一章 发展基础 .....\t1\n\n第一节 发展成就 .....\t1\n\n第二章 总体要求 .....\t5\n\n"
            "第一章 发展基础立足“十四五”时期取得的成就，把握新形势。\n\n第一节 发展成就五年来，我们团结奋斗。\n\n"
            "第二章 总体要求坚持稳中求进工作总基调，完整准确全面贯彻新发展理念。\n")
    report = convert(text)
    assert outline(report) == [
        ("Heading", "第一章 发展基础"), ("Paragraph", "立足“十四五”时期取得的成就，把握新形势。"),
        ("Heading", "第一节 发展成就"), ("Paragraph", "五年来，我们团结奋斗。"),
        ("Heading", "第二章 总体要求"), ("Paragraph", "坚持稳中求进工作总基调，完整准确全面贯彻新发展理念。"),
    ]
    assert [removal.rule for removal in report.removals].count("table-of-contents") == 1


def test_an_uncertain_split_is_left_alone_and_warned():
    text = (COVER + "各位代表：\n（一）着力扩大有效需求，推动经济稳中向好坚持扩大有效投资，全年实施重点项目500个，完成投资1200亿元。\n"
            "（二）经济实力稳步提升。全年地区生产总值增长6%。\n")
    report = convert(text)
    assert outline(report)[1:] == [
        ("Heading", "（一）着力扩大有效需求，推动经济稳中向好坚持扩大有效投资，全年实施重点项目500个，完成投资1200亿元。"),
        ("Paragraph", "（二）经济实力稳步提升。全年地区生产总值增长6%。")]
    assert warnings(report) == [
        "seeds/fragment.txt:5: warning: '（一）着力扩大有效需求，推动经济稳中向…' may be a heading glued to the text "
        "after it (if the heading ends inside this line, split it there with a 'split:' entry in the overrides file)"]


def test_a_heading_and_its_sentence_glued_with_a_space_is_warned():
    # A space tells no certain place (a plan's chapter titles hold one: 第一章 “十四五”发展成效显著 现代化建设面临新形势),
    # so the line stays; a sentence with a comma after the space is warned. A one-sentence heading is not.
    report = convert(COVER + "各位代表：\n（一）着力扩大有效需求 我们坚持扩大内需战略，消费持续恢复。\n"
                             "（二）坚持实体经济为本，加快构建现代化产业体系。\n第一章 “十四五”发展成效显著 现代化建设面临新形势\n")
    assert [heading for kind, heading in outline(report) if kind == "Heading"] == [
        "（一）着力扩大有效需求 我们坚持扩大内需战略，消费持续恢复。", "（二）坚持实体经济为本，加快构建现代化产业体系。",
        "第一章 “十四五”发展成效显著 现代化建设面临新形势"]
    assert warnings(report) == [
        "seeds/fragment.txt:5: warning: '（一）着力扩大有效需求 我们坚持扩大内…' may be a heading glued to the text "
        "after it (if the heading ends inside this line, split it there with a 'split:' entry in the overrides file)"]


def test_the_one_place_a_stock_opening_follows_a_title():
    # 2023年，我们 opens a sentence too, but 回首 is no title; 刚刚过去的 ends in 的, no title ends so.
    line = "一、回首2023年，我们实干笃行、担当作为，推动高质量发展取得新成效各位代表，刚刚过去的2023年是极不平凡的一年。"
    assert outline(convert(COVER + "各位代表：\n" + line + "\n"))[1:] == [
        ("Heading", "一、回首2023年，我们实干笃行、担当作为，推动高质量发展取得新成效"),
        ("Paragraph", "各位代表，刚刚过去的2023年是极不平凡的一年。")]


def test_a_title_that_runs_into_a_stock_opening_twice_is_not_split():
    # 2018年是 and 今年是 both open a sentence after a possible title: no single place, no split.
    line = "一、2018年工作回顾2018年是脱贫攻坚关键之年今年是全面建成小康社会决胜之年，我们要稳中求进。"
    report = convert(COVER + "各位代表：\n" + line + "\n")
    assert outline(report)[1] == ("Heading", line)
    assert warnings(report) == [
        "seeds/fragment.txt:5: warning: '一、2018年工作回顾2018年是脱…' may be a heading glued to the text "
        "after it (if the heading ends inside this line, split it there with a 'split:' entry in the overrides file)"]


# ------------------------------------------------------------------ titles

def test_a_title_from_the_word_files_properties(tmp_path):
    import docx

    document = docx.Document()
    document.core_properties.title = "Microsoft Word - 2022年保定市政府工作报告.docx"
    for line in BODY.strip().split("\n"):
        document.add_paragraph(line)
    path = tmp_path / "baoding.docx"
    document.save(str(path))
    report = convert_file(path, ReportMeta(slug="baoding", source_file="baoding.docx"))
    assert (report.meta.title, report.meta.title_from) == ("保定市2022年政府工作报告", "document properties")
    assert conversion_line(report).endswith("; title from the file's properties")
    assert warnings(report) == [
        "seeds/fragment.txt: warning: no title in the text: the title 保定市2022年政府工作报告 is taken from the file's "
        "properties (state the title in the report's entry in seeds/manifest.yml)",
        "seeds/fragment.txt: warning: no date found in the text or the manifest (state it in the report's entry in seeds/manifest.yml)",
    ]
    assert document_title("untitled") == "untitled" and document_title("2022政府工作报告.wps") == "2022政府工作报告"


def test_a_title_from_facts_the_text_states():
    body = ("各位代表：\n现在，我代表保定市人民政府，向大会报告工作，请予审议。\n一、2021年工作回顾\n"
            "2021年，全市地区生产总值增长6.8%。\n二、2022年工作安排\n今年是党的二十大召开之年。\n")
    report = report_of(body)
    assert (report.meta.title, report.meta.title_from, report.meta.year) == ("保定市2022年政府工作报告", "text facts", 2022)
    assert conversion_line(report).endswith("; title from the region, year and kind the text states")
    assert warnings(report)[0] == (
        "seeds/fragment.txt: warning: no title in the text: the title 保定市2022年政府工作报告 is taken from the region, "
        "year and kind the text states (state the title in the report's entry in seeds/manifest.yml)")


def test_a_title_from_the_file_name_and_never_a_guess():
    # No region stated: no title is built; the cover line with no title word is not taken for one.
    report = report_of("区十八届人大二次会议\n" + BODY, name="保定市2022年报告.txt")
    assert (report.meta.title, report.meta.title_from) == ("保定市2022年报告", "file name")
    assert conversion_line(report).endswith("; title from the file name")
    assert warnings(report)[0] == (
        "seeds/fragment.txt: warning: no title in the text: the title 保定市2022年报告 is taken from the file name "
        "(state the title in the report's entry in seeds/manifest.yml)")
    assert report.meta.cover_lines == ["区十八届人大二次会议"]


def test_the_manifest_title_is_no_fallback(tmp_path):
    from generator.pipeline import convert_seed
    from generator.sources.manifest import discover

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "baoding.txt").write_text(BODY, encoding="utf-8")
    (seeds / "manifest.yml").write_text("reports:\n  - slug: baoding-2022\n    source_file: baoding.txt\n"
                                        "    title: 保定市2022年政府工作报告\n    source_url: http://www.baoding.gov.cn/a.html\n",
                                        encoding="utf-8")
    report = convert_seed(discover(seeds)[0])
    assert (report.meta.title, report.meta.title_from, report.meta.source_url) == (
        "保定市2022年政府工作报告", "", "http://www.baoding.gov.cn/a.html")
    assert not any("no title" in warning for warning in warnings(report))
    assert Path  # noqa: B018


def test_a_pdf_with_no_cover_takes_its_properties_title(tmp_path, browser):
    """A PDF exported with no cover starts at 各位代表：; the exporter wrote the title into its properties."""
    page = browser.new_page()
    try:
        paragraphs = "".join(f"<p>{line}</p>" for line in BODY.strip().split("\n"))
        page.set_content(f"<html><head><title>2022年保定市政府工作报告</title></head>"
                         f"<body style=\"font-family:'Noto Sans CJK SC';font-size:16pt\">{paragraphs}</body></html>")
        page.pdf(path=str(tmp_path / "export.pdf"), format="A4")
    finally:
        page.close()
    report = convert_file(tmp_path / "export.pdf", ReportMeta(slug="export", source_file="export.pdf"))
    assert (report.meta.title, report.meta.title_from, report.meta.doc_title) == (
        "保定市2022年政府工作报告", "document properties", "2022年保定市政府工作报告")
    assert plain(report.blocks[0].text) == "各位代表："


def test_a_block_year_that_disagrees_with_the_cover():
    report = report_of("年份：2021\n来源URL：http://www.baoding.gov.cn/zwgk/2022.html\n正文：\n" + COVER + BODY)
    assert report.meta.date == "2022-01-23"
    assert warnings(report) == [
        "seeds/fragment.txt:1: warning: the metadata block's 年份：2021 disagrees with the cover (2022年) "
        "(the cover's value is used; if the cover is wrong, state the right one in seeds/manifest.yml)"]
