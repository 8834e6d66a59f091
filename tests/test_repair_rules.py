"""One test group per repair rule, on real fragments of the seed reports."""

from __future__ import annotations

import pytest

from generator.inline import BOLD_CLOSE as B1
from generator.inline import BOLD_OPEN as B0
from generator.inline import SEAM, footnote_ref, strip_markers
from generator.model import Chunk, FootnoteBody, Heading, Line, Paragraph, Table
from generator.repair import RepairLog, pair_bold
from generator.repair.markup import convert_line
from generator.repair.page_breaks import is_unfinished, join_halves
from generator.repair.punctuation import normalise_punctuation
from generator.repair.web_chrome import drop_web_chrome, is_widget_line
from generator.repair.spacing import collapse_letter_spacing, normalise_spacing, remove_wrap_spaces
from generator.repair.tables import assemble_tables
from generator.repair.toc import drop_toc, toc_entry_title

from .helpers import blocks_of, convert, markdown


def chunks(*groups: list[str], start: int = 1) -> list[Chunk]:
    out, number = [], start
    for group in groups:
        lines = []
        for text in group:
            lines.append(Line(number, text))
            number += 1
        out.append(Chunk(lines))
        number += 1  # the blank line between chunks
    return out


# ------------------------------------------------------------------ markup


def test_html_bold_and_footnote_marks():
    assert convert_line("<b>经济发展（2）</b>\t\t\t\t") == ("**经济发展（2）**\t\t\t\t", [])
    assert convert_line("高于全国平均水平<sup>1</sup>。") == (f"高于全国平均水平{footnote_ref(1)}。", [])
    text, dropped = convert_line('<span style="x">两闲一空</span>&amp;<br/>盘活')
    assert (text, dropped) == ("两闲一空& 盘活", ['<span style="x">', "</span>"])


def test_markdown_heading_marks_are_a_hint_only():
    blocks, _ = blocks_of("## 第二节 面临形势\n\n#### **第四节 发展布局**\n\n## 专栏 1 标题行。")
    assert [(type(b).__name__, b.text) for b in blocks] == [
        ("Paragraph", "第二节 面临形势"), ("Paragraph", "第四节 发展布局"), ("Paragraph", "专栏1 标题行。"),
    ] or [b.style for b in blocks[:2]] == ["section", "section"]


# ------------------------------------------------------------------ scrape junk


def test_widget_lines():
    assert is_widget_line("区政府文件 字体(    )  打印")
    assert is_widget_line("首页 > 政务公开 > 政府工作报告")
    assert is_widget_line("发布时间：2022-01-10 来源：区政府办公室")
    for text in ("各位代表:", "名词解释", "（三）发展3D打印产业", "2022年回民区政府工作报告", "本届政府工作回顾"):
        assert not is_widget_line(text), text


def test_widgets_and_repeated_page_title_are_dropped():
    log = RepairLog("f")
    kept = drop_web_chrome(
        chunks(["2022年回民区政府工作报告", "区政府文件 字体(    )  打印"], ["2022年回民区政府工作报告"], ["各位代表:"]), log
    )
    assert [[line.text for line in c.lines] for c in kept] == [["2022年回民区政府工作报告"], ["各位代表:"]]
    assert [(r.rule, r.lines) for r in log.removals] == [("widget", (2,)), ("duplicate-page-title", (1,))]


# ------------------------------------------------------------------ table of contents

TOC = [
    "# 目 录",
    "第一章 “十四五”发展成效显著 现代化建设面临新形势\t1",
    "第一节 发展成就 .....\t1",
    "第二节 面临形势 .....\t6",
    "<b>第五章 统筹发展和安全 建设更高水平的平安玉泉 .....</b>\t<b>31</b>",
]


def test_toc_entry_titles():
    assert toc_entry_title("第一节 发展成就 .....\t1") == "第一节 发展成就"
    assert toc_entry_title("**第五章 统筹发展和安全 建设更高水平的平安玉泉 .....**\t**31**") == "第五章 统筹发展和安全 建设更高水平的平安玉泉"
    assert toc_entry_title("地区生产总值增长（%）\t5.2\t-\t5 左右\t预期性") is None


def test_toc_is_dropped_and_its_titles_kept():
    log, titles = RepairLog("f"), []
    from generator.repair.markup import convert_markup

    kept = drop_toc(convert_markup(chunks(TOC[:1], TOC[1:3], TOC[3:], ["“十五五”时期是关键时期。"]), log), log, titles)
    assert [[line.text for line in c.lines] for c in kept] == [["“十五五”时期是关键时期。"]]
    assert titles[0] == "第一章 “十四五”发展成效显著 现代化建设面临新形势"
    assert [r.rule for r in log.removals][-1] == "table-of-contents"


def test_a_two_column_table_is_not_a_toc():
    log, titles = RepairLog("f"), []
    rows = ["地区\t2023", "玉泉区\t358", "回民区\t412", "石拐区\t100", "新城区\t900", "赛罕区\t950", "土默特左旗\t300"]
    assert len(drop_toc(chunks(rows), log, titles)) == 1 and not titles


# ------------------------------------------------------------------ tables

TABLE_PAGE_1 = [
    "专栏 1 “十五五”时期玉泉区经济社会发展主要指标\t\t\t\t",
    "指 标\t2025 年\t2030 年\t年均/累计\t指标属性",
    "**经济发展（2）**\t\t\t\t",
    "1.地区生产总值增长（%）\t5.2\t-\t5 左右\t预期性",
]
TABLE_PAGE_2 = ["指 标\t2025 年\t2030 年\t年均/累计\t指标属性", "12.每千人医疗卫生机构床位数（张）\t5.87\t6.83\t-\t预期性"]


def test_table_split_across_pages_becomes_one_table():
    log = RepairLog("f")
    units = assemble_tables(
        chunks(TABLE_PAGE_1, ["专栏 1 “十五五”时期玉泉区经济社会发展主要指标"], TABLE_PAGE_2, ["注释：（）表示累计数。"], ["正文。"]), log
    )
    assert len(units) == 2 and isinstance(units[0], Table)
    table = units[0]
    assert table.caption == "专栏 1 “十五五”时期玉泉区经济社会发展主要指标"
    assert table.header == ["指 标", "2025 年", "2030 年", "年均/累计", "指标属性"]
    assert [(row.cells[0], row.group) for row in table.rows] == [
        ("经济发展（2）", True), ("1.地区生产总值增长（%）", False), ("12.每千人医疗卫生机构床位数（张）", False),
    ]
    assert table.note == "注释：（）表示累计数。"
    assert [(r.rule, r.lines) for r in log.removals] == [("repeated-table-caption", (6,)), ("repeated-table-header", (8,))]


# ------------------------------------------------------------------ spacing


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("文 件 之 十 八", "文件之十八"),
        ("玉泉区人民政府区长 南 男", "玉泉区人民政府区长 南男"),
        ("目 录", "目录"),
        ("“福地玉泉 田园优品”", "“福地玉泉 田园优品”"),
        ("A 和 B", "A 和 B"),
    ],
)
def test_letter_spacing(raw, expected):
    assert collapse_letter_spacing(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("达到自治 区、市要求", "达到自治区、市要求"),
        ("打造“福地玉泉 田园优品”品牌", "打造“福地玉泉 田园优品”品牌"),
        ("“古韵玉泉 石榴花开”民族工作品牌 内涵", "“古韵玉泉 石榴花开”民族工作品牌内涵"),
    ],
)
def test_wrap_spaces(raw, expected):
    assert remove_wrap_spaces(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("地区生产总值实现 358 亿元，同比增长 2%；", "地区生产总值实现358亿元，同比增长2%；"),
        ("联东 U 谷", "联东U谷"),
        ("注：GDP 在 103 个旗县区排第 12 位、人均 GDP 达到 81490 元", "注：GDP在103个旗县区排第12位、人均GDP达到81490元"),
        ("群众知晓率、满意度均达到 90% 以上", "群众知晓率、满意度均达到90%以上"),
        ("文创 IP “塞小萌”", "文创IP“塞小萌”"),
        ("S43 机场高速", "S43机场高速"),
        ("Hello World 项目", "Hello World项目"),
        ("推进 5G+、算力基础设施", "推进5G+、算力基础设施"),
    ],
)
def test_han_ascii_spacing(raw, expected):
    assert normalise_spacing(raw) == expected


def test_heading_label_keeps_its_space():
    assert normalise_spacing("第一章 “十四五”发展成效显著 现代化建设面临新形势", keep_han_spaces=True) == (
        "第一章 “十四五”发展成效显著 现代化建设面临新形势"
    )


# ------------------------------------------------------------------ punctuation


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("现在,我代表回民区人民政府,向大会报告工作,请予审议", "现在，我代表回民区人民政府，向大会报告工作，请予审议"),
        ("各位代表!", "各位代表！"),
        ("各位代表:", "各位代表："),
        ("140条;完成火车站北站房及配套工程;", "140条；完成火车站北站房及配套工程；"),
        ("推动市中(蒙)医院医养中心主体完工", "推动市中（蒙）医院医养中心主体完工"),
        ("(一) 着力扩大投资促进消费", "（一） 着力扩大投资促进消费"),
        ("华能国际能源先行区(北方中心)一期", "华能国际能源先行区（北方中心）一期"),
        ("“两个屏障”“两个基地”“一个桥头堡”:“两个屏障”指", "“两个屏障”“两个基地”“一个桥头堡”：“两个屏障”指"),
        ("投资 1.85 亿元", "投资 1.85 亿元"),
        ("细颗粒物（PM2.5）浓度", "细颗粒物（PM2.5）浓度"),
        ("投入 1,000 万元", "投入 1,000 万元"),
        ("三次产业结构为 1.0: 31.6 : 67.4", "三次产业结构为 1.0:31.6:67.4"),
        ("“十五五”时期（2026 - 2030 年）", "“十五五”时期（2026—2030 年）"),
        ("“实验室-生产线-市场”", "“实验室—生产线—市场”"),
        ("ＧＤＰ增长５％", "GDP增长5％"),
        ("Hello, world", "Hello, world"),
    ],
)
def test_punctuation(raw, expected):
    assert normalise_punctuation(raw) == expected


# ------------------------------------------------------------------ page breaks


def test_unfinished_paragraphs():
    assert is_unfinished("…**我们永远铭记**，以习近平")
    assert is_unfinished("…在落实自治区党委‘1571’工作部署上当好先锋”")
    assert is_unfinished("**着力打造特色服务业发展活力区。**…新一代信息技术产业；")
    for finished in ("各位代表：", "持续提升。", "各位代表!", "…的认同。”", f"{B0}坚持党的全面领导。{B1}", "主要目标是："):
        assert not is_unfinished(finished), finished


def test_join_plain_split():
    """The halves meet at a seam mark, which the structure stage reads and removes."""
    log = RepairLog("f")
    assert join_halves("…我们永远铭记，以习近平", "同志为核心的党中央", log, 21) == f"…我们永远铭记，以习近平{SEAM}同志为核心的党中央"


def test_join_extends_a_bold_span_cut_at_the_break():
    log = RepairLog("f")
    joined = join_halves("推进黄河流域生态保护和**高质量发**", "展，深化水环境综合治理", log, 111)
    assert joined == f"推进黄河流域生态保护和**高质量发展**{SEAM}，深化水环境综合治理"
    assert "bold span" in log.notices[0].message


def test_join_drops_a_character_printed_twice():
    log = RepairLog("f")
    assert join_halves("于一体的环境基", "基础设施体系", log, 356) == f"于一体的环境基{SEAM}础设施体系"
    assert [(r.rule, r.lines, r.text) for r in log.removals] == [("duplicate-character", (356,), "基")]
    # A real reduplicated word at the seam is kept.
    assert join_halves("任务要层", "层落实", RepairLog("f"), 1) == f"任务要层{SEAM}层落实"


def test_join_drops_a_stray_opening_quote():
    log = RepairLog("f")
    assert join_halves("文明乡风建设工程，发挥“一约", "“四会”作用", log, 990) == f"文明乡风建设工程，发挥“一约{SEAM}四会”作用"
    assert join_halves("派驻“企", "业帮扶管家”", RepairLog("f"), 1) == f"派驻“企{SEAM}业帮扶管家”"


def test_footnote_between_the_halves_stays_out_of_the_paragraph():
    blocks, _ = blocks_of(
        "正文开始。\n\n**现代化产业发展呈现新格局。**…华毅达、伯特利二期工程开工\n\n"
        "<sup>1</sup> 注：GDP 在 103 个旗县区排第 12 位。\n\n建设。现代商贸物流体系初具规模。"
    )
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Paragraph", "FootnoteBody"]
    assert strip_markers(blocks[1].text) == "现代化产业发展呈现新格局。…华毅达、伯特利二期工程开工建设。现代商贸物流体系初具规模。"
    assert isinstance(blocks[2], FootnoteBody) and blocks[2].number == 1
    assert blocks[2].text == "注：GDP在103个旗县区排第12位。"


def test_continuation_starting_with_a_number_is_not_a_list_item():
    page = markdown(
        "正文开始。\n\n**持续巩固生态环境品质。**推动重大生态建设保护工程落地，投资\n\n"
        "1.85 亿元实施五当沟流域生态修复与科技示范项目。\n\n**精致建设城市。**完成“断头路” 31 条、改造背街小巷\n\n"
        "140条;完成火车站北站房及配套工程。"
    )
    assert "投资1.85亿元实施五当沟流域" in page
    assert "\n1.85" not in page and "\n140" not in page
    assert "改造背街小巷140条；完成火车站北站房" in page


def test_paragraph_text_that_looks_like_markdown_is_escaped():
    page = markdown("正文开始。\n\n1. 项目<script>alert(1)</script>，*强调*，[链接](javascript:x)。")
    assert "<script" not in page and "项目alert" in page  # unknown tags are dropped, their text kept
    assert "\\*强调\\*" in page and "\\[链接\\]" in page
    assert "\n1\\. 项目" in page


# ------------------------------------------------------------------ bold pairs


def test_bold_pairs_and_literal_asterisks():
    assert pair_bold("**一是**经济总量偏小，**二是**招商") == f"{B0}一是{B1}经济总量偏小，{B0}二是{B1}招商"
    assert pair_bold("5**3") == "5**3"
    assert pair_bold("****空") == "空"


# ------------------------------------------------------------------ classification


def test_parallel_topic_lines_are_headings_but_not_when_a_sibling_is_a_paragraph():
    blocks, _ = blocks_of(
        "各位代表：\n\n一年来，我们全力以赴抓项目、谋转型，综合实力实现新提升\n\n地区生产总值实现 358 亿元。\n\n"
        "一年来，我们坚定不移促改革、优服务，发展动力得到新增强\n\n营商环境不断优化。"
    )
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Heading", "Paragraph", "Heading", "Paragraph"]
    blocks, _ = blocks_of(
        "各位代表：\n\n四年来，我们聚焦“稳增长、争进位”，综合实力稳步提\n\n高。地区生产总值跨过 3000 亿元大关。\n\n"
        "四年来，我们聚焦“抓改革、促开放”，发展活力更加强劲。开展优化营商环境行动计划。"
    )
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Paragraph", "Paragraph"]
    assert "综合实力稳步提高。" in strip_markers(blocks[1].text)


def test_numbered_lines_with_a_sentence_are_run_in_lead_ins():
    report = convert(
        "各位代表：\n\n一、2021年及本届政府工作回顾\n\n（一）经济实力稳步推进。粮食总产量达到35.4亿斤。\n\n"
        "(二) 全力推进创城“强引领”。深入践行社会主义核心价值观。\n\n三、2022年工作安排\n\n(一) 着力扩大投资促进消费\n\n积极扩大有效投资。"
    )
    outline = [("#" * h.level, h.text) for h in report.headings()]
    assert outline == [("##", "一、2021年及本届政府工作回顾"), ("##", "三、2022年工作安排"), ("###", "（一）着力扩大投资促进消费")]
    paragraphs = [b.text for b in report.blocks if isinstance(b, Paragraph)][1:]
    assert paragraphs[0] == f"{B0}（一）经济实力稳步推进。{B1}粮食总产量达到35.4亿斤。"
    assert paragraphs[1] == f"{B0}（二）全力推进创城“强引领”。{B1}深入践行社会主义核心价值观。"


def test_dash_lead_ins_and_punctuation_moved_into_the_bold():
    report = convert(
        "各位代表：\n\n——三大攻坚战成效明显。脱贫攻坚取得全面胜利。\n\n**管党治党展现新气象**，党内集中教育常态化推进。\n\n"
        "**“一核”**：以老城区作为玉泉区特色展示核心。"
    )
    texts = [b.text for b in report.blocks if isinstance(b, Paragraph)][1:]
    assert texts == [
        f"——{B0}三大攻坚战成效明显。{B1}脱贫攻坚取得全面胜利。",
        f"{B0}管党治党展现新气象，{B1}党内集中教育常态化推进。",
        f"{B0}“一核”：{B1}以老城区作为玉泉区特色展示核心。",
    ]


def test_levels_follow_the_documents_own_nesting():
    report = convert(
        "各位代表:\n\n本届政府工作回顾\n\n过去四年,我们坚持发展。\n\n一年来,我们坚定不移稳增长,动能转换取得明显进展\n\n正文。\n\n"
        "一年来,我们坚持不懈优环境,投资拉动取得明显成效\n\n正文。\n\n今后五年工作建议\n\n今后五年。\n\n"
        "一、精心培育四大产业集群,推动经济高质量发展\n\n正文。\n\n"
        "1.“六心合一”:指设置综治中心等。\n\n2.首店经济:指吸引品牌首次开设门店。\n\n3.产学研:指企业、高校、科研机构相结合。"
    )
    assert [("#" * h.level, h.text) for h in report.headings()] == [
        ("##", "本届政府工作回顾"),
        ("###", "一年来，我们坚定不移稳增长，动能转换取得明显进展"),
        ("###", "一年来，我们坚持不懈优环境，投资拉动取得明显成效"),
        ("##", "今后五年工作建议"),
        ("###", "一、精心培育四大产业集群，推动经济高质量发展"),
        ("##", "名词解释"),
    ]
    assert [e.terms for e in report.glossary] == [["六心合一"], ["首店经济"], ["产学研"]]


def test_box_items_become_a_list_and_box_levels():
    report = convert(
        "“十五五”时期是关键时期。\n\n## 第四章 加快推动绿色转型发展\n\n### 第一节 建设生态宜居美丽城区\n\n正文。\n\n"
        "## 专栏 2 美丽玉泉建设重点工程\n\n**1.山水林田湖草沙保护和系统修复工程：**实施小黑河河道治理。\n\n"
        "**2.全域绿化重点工程：**实施城区绿化建设项目，道路绿化\n\n建设项目。\n\n## 第五章 统筹发展和安全"
    )
    assert [("#" * h.level, h.text) for h in report.headings()] == [
        ("##", "第四章 加快推动绿色转型发展"), ("###", "第一节 建设生态宜居美丽城区"),
        ("####", "专栏2 美丽玉泉建设重点工程"), ("##", "第五章 统筹发展和安全"),
    ]
    page = markdown(
        "“十五五”时期是关键时期。\n\n## 专栏 2 美丽玉泉建设重点工程\n\n**1.山水林田湖草沙保护和系统修复工程：**实施小黑河河道治理。\n\n"
        "**2.全域绿化重点工程：**实施城区绿化建设项目。"
    )
    assert "1. **山水林田湖草沙保护和系统修复工程：**实施小黑河河道治理。\n2. **全域绿化重点工程：**实施城区绿化建设项目。" in page
    assert '<div class="report-box" markdown>' in page


def test_salutation_and_closing_lines_are_not_headings():
    blocks, _ = blocks_of("各位代表：\n\n现在，我代表区人民政府向大会报告工作。\n\n各位代表!\n\n2021年是极不平凡的一年。")
    assert not any(isinstance(b, Heading) for b in blocks)


def test_a_lone_bare_line_is_a_cut_sentence_not_a_heading():
    blocks, _ = blocks_of("各位代表：\n\n改造背街小巷\n\n140条;完成火车站北站房及配套工程。")
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Paragraph"]
    assert strip_markers(blocks[1].text) == "改造背街小巷140条；完成火车站北站房及配套工程。"
