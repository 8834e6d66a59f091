"""名词解释 in every common form: headings, numbering, one line or two, separators, cut entries, endnotes."""

from __future__ import annotations

import pytest

from generator.glossary.annotate import annotate_reports
from generator.glossary.terms import build_glossary
from generator.inline import strip_markers
from generator.model import Heading

from .helpers import convert, markdown

COVER = "政府工作报告\n\n——2024年1月23日在石拐区第十七届人民代表大会第三次会议上\n\n各位代表：\n\n一、2023年工作回顾\n\n推进“两闲一空”盘活起效专项行动。\n\n"


def entries(glossary: str, cover: str = COVER) -> list[tuple[int | None, str, list[str], str]]:
    report = convert(cover + glossary)
    return [(e.number, e.label, e.terms, strip_markers(e.definition)) for e in report.glossary]


@pytest.mark.parametrize("heading", ["名词解释", "【名词解释】", "附件2 名词解释", "附件：名词解释", "名词注释", "名 词 解 释",
                                     "《政府工作报告》有关内容名词注释", "注释"])
def test_every_heading_form(heading):
    found = entries(f"{heading}\n\n1.“两闲一空”：实施闲置国有资产、闲置土地和“空心村”盘活起效专项行动。\n\n2.“三清零”：即研发投入清零。")
    assert [(n, terms) for n, _, terms, _ in found] == [(1, ["两闲一空"]), (2, ["三清零"])]


@pytest.mark.parametrize("number", ["{}.", "{}、", "［{}］", "[{}]", "（{}）", "{circled}"])
def test_every_numbering_style(number):
    circled = "①②"
    text = "\n\n".join(number.format(n, circled=circled[n - 1]) + body for n, body in
                      ((1, "“两闲一空”：实施闲置土地盘活起效专项行动。"), (2, "“三清零”：即研发投入清零。")))
    assert [(n, terms) for n, _, terms, _ in entries("名词解释\n\n" + text)] == [(1, ["两闲一空"]), (2, ["三清零"])]


def test_unnumbered_entries_and_every_separator():
    found = entries("名词解释\n\n“两闲一空”：实施闲置土地盘活。\n\n“三清零”:即研发投入清零。\n\n“智改数转”——指智能化改造和数字化转型。")
    assert [(n, terms, definition) for n, _, terms, definition in found] == [
        (None, ["两闲一空"], "实施闲置土地盘活。"), (None, ["三清零"], "即研发投入清零。"), (None, ["智改数转"], "指智能化改造和数字化转型。")]


def test_term_and_definition_on_two_lines():
    """guangdong-2026-work-report.txt:183–186, one paragraph per line."""
    found = entries("附件2\n名词解释\n1.“四上”企业：\n现阶段统计工作实践中对达到一定规模的法人单位的一种习惯称谓。\n2.“双高计划”：\n"
                    "是“中国特色高水平高职学校和专业建设计划”的简称。", cover=COVER.replace("\n\n", "\n"))
    assert found == [(1, "“四上”企业", ["四上"], "现阶段统计工作实践中对达到一定规模的法人单位的一种习惯称谓。"),
                     (2, "“双高计划”", ["双高计划"], "是“中国特色高水平高职学校和专业建设计划”的简称。")]


def test_a_label_line_without_a_separator_ends_where_the_definition_begins():
    found = entries("名词解释\n\n1.“四上”企业\n\n现阶段统计工作实践中的一种习惯称谓。\n\n2.可信数据空间\n\n指基于共识规则实现数据资源共享共用的基础设施。")
    assert found == [(1, "“四上”企业", ["四上"], "现阶段统计工作实践中的一种习惯称谓。"),
                     (2, "可信数据空间", ["可信数据空间"], "指基于共识规则实现数据资源共享共用的基础设施。")]


def test_the_district_report_circled_numbers_dashes_and_page_numbers_cutting_entries():
    """【名词解释】 numbered ①②③, —— separators, entries cut by - 12 - page numbers (blocks)."""
    glossary = ("【名词解释】\n\n①“两闲一空”——实施闲置国有资产、闲置土地和\n\n- 12 -\n\n“空心村”盘活起效专项行动。\n\n"
                "②“三清零”——即研发投入清零、研发机构清零、发明专利清零。\n\n③“智改数转”——指智能化改造和数字化\n- 13 -\n转型。\n\n"
                "④“五大战役”——即全面打好固本培元增极攻坚战。\n\n⑤“四项清单”——项目促落地行动清单。\n\n"
                "⑥“一治三转”——“一治”指对环保问题开展大起底；“三转”指逐步实现三个转变。")
    report = convert(COVER + glossary)
    assert [(e.number, e.terms, strip_markers(e.definition)) for e in report.glossary] == [
        (1, ["两闲一空"], "实施闲置国有资产、闲置土地和“空心村”盘活起效专项行动。"),
        (2, ["三清零"], "即研发投入清零、研发机构清零、发明专利清零。"),
        (3, ["智改数转"], "指智能化改造和数字化转型。"),
        (4, ["五大战役"], "即全面打好固本培元增极攻坚战。"),
        (5, ["四项清单"], "项目促落地行动清单。"),
        (6, ["一治三转"], "“一治”指对环保问题开展大起底；“三转”指逐步实现三个转变。"),
    ]
    assert [h.text for h in report.headings() if isinstance(h, Heading)] == ["一、2023年工作回顾", "名词解释"]
    assert sorted(r.text for r in report.removals if r.rule == "page-number") == ["- 12 -", "- 13 -"]


def test_an_entry_number_followed_by_figures_is_no_decimal():
    found = entries("名词解释\n\n19.“三清零”：即研发投入清零。\n\n20.2026年10件民生实事：指省政府确定的十件民生实事。\n\n"
                    "21.5+2就业之家：指五个就业服务站和两个零工市场。")
    assert [(n, label) for n, label, _, _ in found] == [(19, "“三清零”"), (20, "2026年10件民生实事"), (21, "5+2就业之家")]


def test_link_text_left_on_its_own_lines_rejoins_its_entry():
    """sichuan-2026-work-report.txt:108–114."""
    glossary = ("名词解释\n7.“双向揭榜挂帅”：企业找技术、成果找市场“双向\n揭榜\n挂帅”的简称，由技术供给方带团队、带技术\n揭榜\n"
                "；“成果找市场”由成果需求方带资金、带场景\n揭榜\n。\n8.“灯塔工厂”：全球智能制造示范性工厂。")
    found = entries(glossary, cover=COVER.replace("\n\n", "\n"))
    assert found[0][3] == "企业找技术、成果找市场“双向揭榜挂帅”的简称，由技术供给方带团队、带技术揭榜；“成果找市场”由成果需求方带资金、带场景揭榜。"
    assert [n for n, _, _, _ in found] == [7, 8]


def test_labels_naming_two_things_and_quoted_numbers():
    """sichuan-2026-work-report.txt:105 and 118."""
    found = entries("名词解释\n\n4.稳增长“21”条：提出加快消费恢复提振等4个方面21条措施。\n\n"
                    "5.科技英才领航工程和“双千”计划：科技英才领航工程是指每年布局实施一批人才专项。“双千”计划是指实施千项合作项目。")
    assert [terms for _, _, terms, _ in found] == [["稳增长21条"], ["科技英才领航工程", "双千"]]
    glossary = build_glossary([convert(COVER + "名词解释\n\n17.科技英才领航工程和“双千”计划：科技英才领航工程是指每年布局实施一批人才专项。"
                                       "“双千”计划是指实施千项合作项目。")], [])
    forms = glossary.by_form()
    assert forms["双千计划"].term == "双千" and forms["双千"].definitions[0].text == "“双千”计划是指实施千项合作项目。"
    assert forms["科技英才领航工程"].definitions[0].text == "科技英才领航工程是指每年布局实施一批人才专项。"


ENDNOTES = ("政府工作报告\n\n——2026年1月20日在某某省第十四届人民代表大会第四次会议上\n\n各位代表：\n\n一、2025年工作回顾\n\n"
            "扎实推进“两重”［1］建设和“两新”［2］工作，落实“两重”［1］项目，推进“稳增长八条”［3］。\n\n注释\n\n"
            "［1］“两重”：是指国家重大战略实施和重点领域安全能力建设。\n\n［2］“两新”：是指大规模设备更新和消费品以旧换新。\n\n"
            "［3］稳增长“8”条：省政府出台的8条稳增长措施。")


def test_endnote_markers_link_to_their_entry_and_back():
    page = markdown(ENDNOTES)
    assert ('“两重”<sup class="endnote-ref" id="endnote-1-1"><a href="#gloss-1" aria-label="名词解释1">［1］</a></sup>建设'
            in page)
    assert 'id="endnote-1-2"' in page and 'id="endnote-2-1"' in page
    assert '是指国家重大战略实施和重点领域安全能力建设。 [↩](#endnote-1-1 "回到正文")' in page
    assert "［1］“两重”" not in page  # the entries' own numbers are their numbering, not markers


def test_the_term_at_an_endnote_marker_is_annotated():
    report = convert(ENDNOTES)
    glossary = build_glossary([report], [])
    annotate_reports([report], glossary)
    found = [(o.term, o.surface) for o in report.occurrences]
    assert found == [("liang-zhong", "两重"), ("liang-xin", "两新"), ("liang-zhong", "两重"), ("wen-zeng-zhang-8-tiao", "稳增长八条")]


def test_numeric_forms_match_whole_numbers_and_codes_only_in_quotes():
    from generator.glossary.matching import TermMatcher

    matcher = TermMatcher({"1571": "code", "12345热线": "hotline", "4+5": "projects", "稳增长21条": "measures"})

    def found(text: str) -> list[str]:
        return [match.surface for match in matcher.find(text)]

    assert found("在落实自治区党委“1571”工作部署上当好先锋") == ["1571"]
    assert found("为首府“在落实自治区党委‘1571’工作部署上当好先锋”") == ["1571"]
    assert found("投资1571万元，面积15710平方米") == []  # quantities, not the code
    assert found("优化12345热线运行管理") == ["12345热线"]
    assert found("拨打912345热线") == []
    assert found("重点实施“4+5”文旅项目，完成14+5项") == ["4+5"]
    assert found("出台稳增长21条，不是稳增长21.5条") == ["稳增长21条"]
