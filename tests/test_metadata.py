"""Cover and metadata in every common form: meeting line, date, speaker and role, level, kind, title."""

from __future__ import annotations

import pytest

from generator.model import CoverLine, ReportMeta
from generator.sources.metadata import detect, kind_of, level_of
from generator.structure.numbering import chinese_number

from .helpers import convert


def meta_of(*cover: str, body: str = "") -> ReportMeta:
    lines = [CoverLine([n], text) for n, text in enumerate(cover, 1)]
    return detect(lines, body, ReportMeta(slug="x", source_file="x.txt"))


@pytest.mark.parametrize("line", [
    "——2026年1月25日在北京市第十六届人民代表大会第四次会议上",  # beijing
    "――2026年1月25日在北京市第十六届人民代表大会第四次会议上",  # qinghai prints U+2015
    "（2026年1月25日在北京市第十六届人民代表大会第四次会议上）",
    "2026年1月25日在北京市第十六届人民代表大会第四次会议上",  # sichuan
    "——二〇二六年一月二十五日在北京市第十六届人民代表大会第四次会议上",
])
def test_the_meeting_line_in_every_form(line):
    meta = meta_of("政府工作报告", line)
    assert (meta.date, meta.meeting, meta.region, meta.level) == (
        "2026-01-25", "北京市第十六届人民代表大会第四次会议", "北京市", "省级")
    assert meta.title == "北京市2026年政府工作报告"


def test_a_meeting_line_wrapped_over_two_lines():
    """guangdong-2026-work-report.txt:2–3."""
    meta = meta_of("政府工作报告", "——2026年1月26日在广东省第十四届", "人民代表大会第五次会议上", "广东省省长 孟凡利")
    assert meta.subtitle == "——2026年1月26日在广东省第十四届人民代表大会第五次会议上"
    assert (meta.meeting, meta.speaker, meta.title) == ("广东省第十四届人民代表大会第五次会议", "广东省省长 孟凡利", "广东省2026年政府工作报告")


def test_a_meeting_line_with_the_speaker_on_it():
    """shaanxi-2026-work-report.txt:12."""
    meta = meta_of("陕西省2026年政府工作报告", "2026年1月27日在陕西省第十四届人民代表大会第四次会议上 陕西省省长 赵刚")
    assert (meta.speaker, meta.subtitle) == ("陕西省省长 赵刚", "2026年1月27日在陕西省第十四届人民代表大会第四次会议上")


@pytest.mark.parametrize(("line", "speaker"), [
    ("北京市市长 殷勇", "北京市市长 殷勇"),
    ("省长 罗东川", "省长 罗东川"),
    ("四川省人民政府省长 施小琳", "四川省人民政府省长 施小琳"),
    ("上海市市长 龚 正", "上海市市长 龚正"),  # a two-character name spaced out on the cover
    ("代省长 王某某", "代省长 王某某"),
    ("内蒙古自治区人民政府主席 王莉霞", "内蒙古自治区人民政府主席 王莉霞"),
    ("石拐区人民政府代区长 张晓飞", "石拐区人民政府代区长 张晓飞"),
    ("土默特左旗人民政府旗长 某某", "土默特左旗人民政府旗长 某某"),
    ("延边朝鲜族自治州州长 某某某", "延边朝鲜族自治州州长 某某某"),
    ("锡林郭勒盟行政公署盟长 某某", "锡林郭勒盟行政公署盟长 某某"),
    ("乌鲁木齐市市长 艾尔肯·吐尼亚孜", "乌鲁木齐市市长 艾尔肯·吐尼亚孜"),
])
def test_speaker_lines(line, speaker):
    assert meta_of("政府工作报告", line).speaker == speaker


@pytest.mark.parametrize(("region", "level"), [
    ("北京市", "省级"), ("天津市", "省级"), ("上海市", "省级"), ("重庆市", "省级"), ("广东省", "省级"),
    ("内蒙古自治区", "省级"), ("香港特别行政区", "省级"),
    ("呼和浩特市", "地级"), ("延边朝鲜族自治州", "地级"), ("锡林郭勒盟", "地级"), ("阿里地区", "地级"),
    ("玉泉区", "县级"), ("海淀区", "县级"), ("土默特左旗", "县级"), ("长阳土家族自治县", "县级"), ("", ""),
])
def test_levels(region, level):
    assert level_of(region) == level


def test_a_district_of_a_municipality_is_county_level():
    meta = meta_of("政府工作报告", "——2026年1月10日在北京市海淀区第十七届人民代表大会第五次会议上")
    assert (meta.region, meta.level) == ("海淀区", "县级")


@pytest.mark.parametrize(("title", "kind"), [
    ("政府工作报告", "政府工作报告"), ("2026年北京市政府工作报告", "政府工作报告"),
    ("呼和浩特市玉泉区国民经济和社会发展第十五个五年规划纲要", "五年规划纲要"),
    ("玉泉区“十五五”规划纲要", "五年规划纲要"), ("北京城市总体规划纲要", "规划纲要"),
])
def test_kinds(title, kind):
    assert kind_of(title) == kind


def test_chinese_numerals():
    assert [chinese_number(t) for t in ("二〇二六", "一", "十", "十二", "二十七", "三十一", "两", "27")] == [
        2026, 1, 10, 12, 27, 31, 2, 27]
    assert [chinese_number(t) for t in ("", "十二三", "第一", "①")] == [None, None, None, None]


def test_what_the_text_does_not_state_stays_empty():
    meta = meta_of("政府工作报告", "各位代表：")
    assert (meta.region, meta.level, meta.date, meta.speaker) == ("", "", "", "")


def test_a_web_scrape_cover_through_the_whole_converter():
    """qinghai-2026-work-report.txt:1–6: a bare title, the meeting line, 省长 with no region, a page timestamp."""
    report = convert("\n".join(["政府工作报告", "――2026年1月27日在青海省第十四届人民代表大会第四次会议上", "省长 罗东川",
                                "2026-01-31 07:00:44", "来源：青海日报", "各位代表：", "现在，我代表省人民政府向大会报告工作。"]))
    meta = report.meta
    assert (meta.title, meta.region, meta.level, meta.date, meta.speaker) == (
        "青海省2026年政府工作报告", "青海省", "省级", "2026-01-27", "省长 罗东川")
    assert (meta.source, meta.published) == ("青海日报", "2026-01-31")
