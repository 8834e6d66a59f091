"""Web-page chrome, one rule per class, on fragments of the provincial scrapes (seeds/*-2026-*)."""

from __future__ import annotations

import pytest

from generator.model import Chunk, Line, RepairLog
from generator.repair.web_chrome import drop_web_chrome, iso_published


def dropped(lines: list[str]) -> tuple[list[str], list[tuple[str, tuple[int, ...]]], dict[str, str]]:
    """What is left of one-paragraph-per-line text, what was dropped by which rule, and the metadata found."""
    log = RepairLog("f")
    kept = drop_web_chrome([Chunk([Line(n, text)]) for n, text in enumerate(lines, 1)], log)
    return [line.text for chunk in kept for line in chunk.lines], [(r.rule, r.lines) for r in log.removals], log.found


BODY = ["各位代表：", "现在，我代表市人民政府，向大会报告政府工作，请予审议。", "一、2025年工作回顾", "2025年是“十四五”规划收官之年。" * 8]


def test_widget_rows_one_word_a_line():
    """beijing-2026-work-report.txt:1–9 and sichuan-2026-work-report.txt:5–10."""
    kept, rules, _ = dropped(["下载", "打印", "全屏", "收藏", "【字号：", "加大", "还原", "减小", "】", "2026年北京市政府工作报告"] + BODY)
    assert kept == ["2026年北京市政府工作报告"] + BODY
    assert rules == [("widget", (1, 2, 3, 4, 5, 6, 7, 8, 9))]
    kept, rules, _ = dropped(["【字体：", "大", "中", "小", "】", "分享：", "2026年2月3日在四川省……会议上"] + BODY)
    assert rules == [("widget", (1, 2, 3, 4, 5, 6))]


def test_size_words_alone_are_text_not_widgets():
    kept, rules, _ = dropped(["大", "中", "小"] + BODY)
    assert rules == [] and kept[:3] == ["大", "中", "小"]


def test_a_breadcrumb_one_crumb_a_line():
    """shaanxi-2026-work-report.txt:4–10."""
    kept, rules, _ = dropped(["首页", ">", "政府信息公开", ">", "政府工作报告", ">", "省政府工作报告", "陕西省2026年政府工作报告"] + BODY)
    assert rules == [("breadcrumb", (1, 2, 3, 4, 5, 6, 7))] and kept[0] == "陕西省2026年政府工作报告"
    kept, rules, _ = dropped(["您的位置：首页 > 政务公开 > 政府工作报告"] + BODY)
    assert rules == [("widget", (1,))]


@pytest.mark.parametrize(("line", "rule"), [
    ("殷勇同志作政府工作报告。本报记者 戴冰摄", "photo-caption"),  # beijing:15
    ("省长赵刚作政府工作报告", "photo-caption"),  # shaanxi:18
    ("（新华社记者 李贺 摄）", "photo-caption"),
    ("扫一扫在手机打开当前页", "qr-code"),  # shaanxi:84, sichuan:130
    ("阅读量：1024", "counter"),
    ("abcd39f1fb7f426d9dfb6bd0fa1f2146:", "page-id"),  # sichuan:133
    ("编辑：何继红", "editor-line"),  # qinghai:122
    ("打印本页", "widget"),
    ("关闭窗口", "widget"),
    ("上一页 1 2 3 下一页", "pager"),
    ("首页 上一页 下一页 尾页", "pager"),
    ("共3页：上一页12下一页", "pager"),
    ("上一篇：关于2011年预算执行情况的报告", "prev-next"),
    ("下一篇：2012年国民经济和社会发展计划", "prev-next"),
])
def test_single_chrome_lines(line, rule):
    kept, rules, _ = dropped(BODY + [line])
    assert kept == BODY and rules == [(rule, (5,))]


def test_an_editor_line_with_the_name_below():
    """sichuan-2026-work-report.txt:128–129."""
    assert dropped(BODY + ["责任编辑：", "李莎莎"])[1] == [("editor-line", (5, 6))]


@pytest.mark.parametrize("line", [
    "（三）发展3D打印产业", "资料来源：国家统计局", "推广扫码支付、刷脸支付", "图书馆、文化馆免费开放", "大力发展“摄影+旅游”",
    "编辑出版地方志", "来源于群众、服务于群众。", "发布时间表和路线图", "1 2 3", "翻开历史新的一页", "下一篇章",
])
def test_report_text_that_looks_like_chrome_is_kept(line):
    kept, rules, _ = dropped(BODY + [line])
    assert rules == [] and kept[-1] == line


def test_related_content_and_everything_after_it():
    """sichuan-2026-work-report.txt:131–142: links, ids, 打印本页, the title again, the page description."""
    tail = ["相关附件>>", "相关链接>>", "abcd39f1fb7f426d9dfb6bd0fa1f2146:", "四川省第十四届人民代表大会第五次会议关于政府工作报告的决议",
            "打印本页", "关闭窗口", "2026年四川省人民政府工作报告", "各位代表：现在，我代表省人民政府，向大会报告工作。"]
    kept, rules, _ = dropped(["2026年四川省人民政府工作报告"] + BODY + tail)
    assert kept == ["2026年四川省人民政府工作报告"] + BODY
    assert rules == [("related-content", tuple(range(6, 14)))]


def test_a_report_section_named_like_related_content_is_kept():
    section = ["相关文件", "《关于推进……的意见》明确提出，要加快推进……。" * 5]
    kept, rules, _ = dropped(BODY + section)
    assert rules == [] and kept[-2:] == section


def test_page_metadata_becomes_source_and_published():
    # beijing:12–13 on one line each; shaanxi:13–16 with the values on the next line; qinghai:4 a bare timestamp.
    kept, rules, found = dropped(["来源：北京日报", "时间：2026-02-02"] + BODY)
    assert kept == BODY and found == {"source": "北京日报", "published": "2026-02-02"}
    assert rules == [("page-metadata", (1,)), ("page-metadata", (2,))]
    kept, rules, found = dropped(["时间：", "2026-02-02 09:20", "来源：", "陕西省人民政府"] + BODY)
    assert found == {"published": "2026-02-02", "source": "陕西省人民政府"}
    assert rules == [("page-metadata", (1, 2)), ("page-metadata", (3, 4))]
    kept, rules, found = dropped(["2026-01-31 07:00:44", "来源：青海日报"] + BODY + ["（来源：青海日报）"])
    assert kept == BODY and found == {"published": "2026-01-31", "source": "青海日报"}
    kept, _, found = dropped(["2026年02月10日 07时41分"] + BODY)  # sichuan:2
    assert kept == BODY and found == {"published": "2026-02-10"}


def test_a_cover_date_is_no_page_timestamp():
    kept, rules, found = dropped(["呼和浩特市玉泉区国民经济和社会发展第十五个五年规划纲要", "2026年4月"] + BODY)
    assert rules == [] and found == {} and kept[1] == "2026年4月"


def test_iso_published():
    assert iso_published("2026-02-02 09:20") == "2026-02-02"
    assert iso_published("2026年02月10日 07时41分") == "2026-02-10"
    assert iso_published("2026/1/5") == "2026-01-05"
    assert iso_published("北京日报") == ""


def test_the_page_title_and_the_title_line_repeated_above_the_document():
    """shaanxi-2026-work-report.txt:2–3 repeat lines 11–12: the page's own copies go."""
    head = ["陕西省2026年政府工作报告", "2026年1月27日在陕西省第十四届人民代表大会第四次会议上 陕西省省长 赵刚", "首页", ">", "政府信息公开",
            "陕西省2026年政府工作报告", "2026年1月27日在陕西省第十四届人民代表大会第四次会议上 陕西省省长 赵刚"]
    kept, rules, _ = dropped(head + BODY)
    assert kept == head[5:] + BODY
    assert ("duplicate-page-title", (1,)) in rules and ("duplicate-page-title", (2,)) in rules


def test_the_title_repeated_at_the_end():
    kept, rules, _ = dropped(["2026年四川省人民政府工作报告"] + BODY * 3 + ["2026年四川省人民政府工作报告"])
    assert rules == [("repeated-title", (14,))] and kept[-1] == BODY[-1]
