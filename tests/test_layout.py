"""The layout stage: page furniture, regions, and how lines become paragraphs."""

from __future__ import annotations

import pytest

from generator.model import Line, RepairLog
from generator.sources.layout import first_unit, lay_out, width
from generator.sources.page_furniture import find_page_furniture, page_number
from generator.sources.read import split_lines
from generator.structure.blocks import join_lines

from .helpers import convert
from .layouts import wrap


def lines_of(text: str) -> list[Line]:
    texts, indents, page_starts = split_lines(text)
    return [Line(n, t, indents[n - 1], n in page_starts) for n, t in enumerate(texts, 1)]


def paragraphs(text: str) -> list[str]:
    """The paragraphs the layout stage finds, each joined as structure joins it."""
    return [join_lines([line.text for line in chunk.lines]) for chunk in lay_out(lines_of(text), RepairLog("f")).chunks]


# ------------------------------------------------------------------ page furniture


@pytest.mark.parametrize(("text", "shape"), [
    ("— 3 —", ("dashed", 3)), ("- 12 -", ("dashed", 12)), ("－3－", ("dashed", 3)), ("·7·", ("dashed", 7)),
    ("第3页", ("nth", 3)), ("第 3 页 共 25 页", ("nth", 3)), ("3/25", ("of", 3)), ("3 / 25", ("of", 3)),
    ("Page 4", ("page", 4)), ("17", ("bare", 17)),
])
def test_page_number_styles(text, shape):
    assert page_number(text) == shape


@pytest.mark.parametrize("text", ["——2026年1月25日", "26/25", "2.5", "第三章", "3个", "- 3 - 4 -"])
def test_lines_that_are_no_page_number(text):
    assert page_number(text) is None


def test_bare_numbers_are_page_numbers_only_when_they_count_up_page_by_page():
    text = ["正文。"] * 6 + ["1"] + ["正文。"] * 6 + ["2"] + ["正文。"] * 6 + ["3"]
    found = find_page_furniture([Line(n, t) for n, t in enumerate(text, 1)])
    assert found == {7: "page-number", 14: "page-number", 21: "page-number"}
    alone = ["正文。"] * 6 + ["2035"] + ["正文。"] * 6 + ["120"]
    assert find_page_furniture([Line(n, t) for n, t in enumerate(alone, 1)]) == {}


def test_a_running_header_at_every_page_edge_is_furniture_but_the_title_on_page_one_is_not():
    page = ["　　各项工作取得新进展，经济运行稳中有进，" + "发展" * 8, "质量效益持续提升。"]
    text = "\n".join(["政府工作报告", "", *page, "— 1 —", "\f政府工作报告", *page, "— 2 —", "\f政府工作报告", *page,
                      "— 3 —", "\f政府工作报告", *page, "— 4 —"])
    found = find_page_furniture(lines_of(text))
    assert 1 not in found  # the title on page one
    assert sorted(n for n, rule in found.items() if rule == "running-header") == [6, 10, 14]
    assert sorted(n for n, rule in found.items() if rule == "page-number") == [5, 9, 13, 17]


def test_link_text_repeated_a_few_lines_apart_is_no_running_header():
    """四川's 名词解释 7: the scrape left the link text 揭榜 on three lines of its own."""
    text = ["7.“双向揭榜挂帅”：企业找技术、成果找市场“双向", "揭榜", "挂帅”的简称，……由技术供给方带团队、带技术", "揭榜",
            "；“成果找市场”……由成果需求方带资金、带场景", "揭榜", "。"]
    assert find_page_furniture([Line(n, t) for n, t in enumerate(text, 1)]) == {}


def test_form_feeds_are_page_starts_and_do_not_shift_line_numbers():
    lines, indents, page_starts = split_lines("第一行\n第二行\f\n第三行\n\f第四行")
    assert lines == ["第一行", "第二行", "第三行", "第四行"] and page_starts == {3, 4}


# ------------------------------------------------------------------ regions


def test_a_web_scrape_is_one_paragraph_per_line():
    text = "各位代表：\n现在，我代表省人民政府向大会报告工作。\n一、2025年工作回顾\n2025年是“十四五”收官之年。"
    assert paragraphs(text) == text.split("\n")
    assert lay_out(lines_of(text), RepairLog("f")).describe() == "lines"


def test_blank_line_blocks_join_their_wrapped_lines():
    """The seeds: a cover line wrapped inside its block (yuquan-2023-work-report.txt:8–9)."""
    text = "政府工作报告\n\n——2023年1月7日在玉泉区第十八届\n人民代表大会第二次会议上\n\n玉泉区人民政府区长 南 男"
    assert paragraphs(text) == ["政府工作报告", "——2023年1月7日在玉泉区第十八届人民代表大会第二次会议上", "玉泉区人民政府区长 南 男"]
    assert lay_out(lines_of(text), RepairLog("f")).describe() == "blocks"


def test_a_block_splits_after_a_sentence_and_after_a_numbered_heading():
    text = "各位代表：\n现在，我代表区人民政府向大会报告工作。\n\n一、2022年工作回顾\n过去的一年，极不平凡。\n\n正文。"
    assert paragraphs(text) == ["各位代表：", "现在，我代表区人民政府向大会报告工作。", "一、2022年工作回顾", "过去的一年，极不平凡。", "正文。"]


BEIJING = [  # paragraphs of beijing-2026-work-report.txt (lines 19, 20 and 32, shortened)
    "2025年是“十四五”规划收官之年。习近平总书记高度重视首都工作，在听取纪念活动总结报告时发表重要讲话，充分肯定纪念活动服务保障工作。",
    "过去一年，我们坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大和二十届历次全会精神，"
    "较好完成了目标任务。全市地区生产总值5.2万亿元、增长5.4%。",
    "二、“十四五”时期发展成就和“十五五”时期主要目标任务",
    "过去五年，首都发展取得新的重大成就。我们坚持以新时代首都发展为统领，推动首都功能持续优化提升，经济实力迈上新台阶，"
    "城市面貌发生深刻变化，人民生活水平显著提高。",
    "一是首都功能持续优化提升。圆满完成纪念活动服务保障，建立高效协同指挥体系。",
]


def pdf_text(indent: str = "\u3000\u3000") -> str:
    """BEIJING as a PDF text layer: 28 characters a line, a page break after line 9 (— 3 —, a form feed)."""
    lines = []
    for paragraph in BEIJING:
        if paragraph.startswith("二、"):
            lines += wrap(paragraph, 56, 0)
        else:
            lines += [indent + line if i == 0 else line for i, line in enumerate(wrap(paragraph, 56, width(indent)))]
    return "\n".join(lines[:9] + ["                         — 3 —", "\f" + lines[9]] + lines[10:]) + "\n"


def test_hard_wrapped_pdf_text_becomes_paragraphs_across_a_page_break():
    text = pdf_text()
    assert text.split("\n")[8].endswith("，经济实力迈上新") and text.split("\n")[10].startswith("\f台阶")
    assert paragraphs(text) == BEIJING
    log = RepairLog("f")
    layout = lay_out(lines_of(text), log)
    assert layout.describe() == "wrapped at 56 columns"
    assert [(r.rule, r.text) for r in log.removals] == [("page-number", "— 3 —")]


def test_without_indents_a_short_last_line_ends_the_paragraph():
    assert paragraphs(pdf_text(indent="")) == BEIJING


def test_a_heading_after_a_line_ending_a_sentence_stands_alone():
    """A full line ending in 。 then a flush-left numbered or bare heading: a new block, not a continuation."""
    text = (
        "　　各位代表！奋进正当其时，实干成就未来。让我们更加紧密地团结。\n"
        "三、2026年工作安排\n"
        "　　2026年是“十五五”第一年，开好局起好步十分重要。今年经济社会\n发展的主要预期目标是：地区生产总值增长5%左右。\n"
    ) * 3 + "附件\n"
    found = paragraphs(text)
    assert found[1] == "三、2026年工作安排" and found[-1] == "附件"


def test_first_unit_is_what_would_have_moved_to_the_line_before():
    assert first_unit("城市面貌") == 2
    assert first_unit("“四新”产业") == 4  # an opening quote travels with what follows it
    assert first_unit("2049万平方米") == 4  # numbers are never broken
    assert first_unit("展，深化") == 4  # a comma may not start a line: the character before it comes along
    assert width("各位代表：2026") == 14


def test_a_break_between_latin_words_stands_for_a_space_and_no_other_does():
    assert join_lines(["以PM", "2.5浓度"]) == "以PM 2.5浓度"
    assert join_lines(["Hello,", "World"]) == "Hello, World"
    assert join_lines(["三次产业比重为4.0∶37.7∶", "58.3"]) == "三次产业比重为4.0∶37.7∶58.3"
    assert join_lines(["推动", "2026年"]) == "推动2026年"


def test_a_cover_line_too_wide_for_the_page_runs_on_into_the_next_region():
    """A meeting line wrapped at the page width above the body (the chrome around it is no wrapped text)."""
    cover = ["下载", "打印", "政府工作报告", "    2026年2月3日在四川省第十四届人民代表大会第五次会",
             "议上", "四川省人民政府省长 施小琳", "各位代表："]
    body = ["　　现在，我代表省人民政府，向大会报告工作，请予审议，并请省政", "协委员提出意见。"] * 20
    report = convert("\n".join(cover + body))
    assert report.meta.meeting == "四川省第十四届人民代表大会第五次会议"
    assert report.meta.subtitle == "2026年2月3日在四川省第十四届人民代表大会第五次会议上"
