"""Headings in every layout: standalone numbered parts, wrapped headings, topic lead-ins, 附件 sections."""

from __future__ import annotations

from generator.inline import strip_markers
from generator.model import Heading, NumberedList, Paragraph

from .helpers import convert, markdown

COVER = "政府工作报告\n——2026年1月26日在广东省第十四届人民代表大会第五次会议上\n广东省省长 孟凡利\n各位代表：\n"


def outline(text: str) -> list[str]:
    return ["#" * h.level + " " + h.text for h in convert(COVER + text).headings()]


def paragraphs(text: str) -> list[str]:
    return [strip_markers(b.text) for b in convert(COVER + text).blocks if isinstance(b, Paragraph)]


def test_a_numbered_part_standing_alone_as_one_sentence_is_a_heading():
    """guangdong-2026-work-report.txt:69: （二）……体系。 on its own line, its paragraphs after it."""
    text = ("三、2026年工作安排\n（一）久久为功推动粤港澳大湾区建设，打造富有活力和国际竞争力的一流湾区和世界级城市群。\n"
            "深化规则衔接、机制对接，推动大湾区市场一体化取得更大突破。\n（二）坚持实体经济为本、制造业当家，加快构建更加强大的现代化产业体系。\n"
            "推动传统产业优化升级。")
    assert outline(text) == ["## 三、2026年工作安排",
                             "### （一）久久为功推动粤港澳大湾区建设，打造富有活力和国际竞争力的一流湾区和世界级城市群。",
                             "### （二）坚持实体经济为本、制造业当家，加快构建更加强大的现代化产业体系。"]


def test_a_numbered_line_carrying_a_sentence_stays_a_run_in_lead_in():
    text = "三、2026年工作安排\n（一）突出扩大内需战略基点，更大力度统筹促消费惠民生和扩投资增后劲。坚持惠民生和促消费紧密结合。"
    report = convert(COVER + text)
    assert [h.text for h in report.headings()] == ["三、2026年工作安排"]
    lead = next(b for b in report.blocks if isinstance(b, Paragraph) and "突出" in b.text)
    assert "**（一）突出扩大内需战略基点，更大力度统筹促消费惠民生和扩投资增后劲。**坚持" in markdown(COVER + text)
    assert lead.text.startswith("\ue000")


def test_a_numbered_heading_wrapped_at_a_comma_is_one_heading():
    text = "三、2026年重点工作\n（三）持续推动教育科技人才一体发展，\n构建有竞争优势的新质生产力发展格局\n坚持教育强国、科技强国、人才强国建设一体推进。"
    assert outline(text)[-1] == "### （三）持续推动教育科技人才一体发展，构建有竞争优势的新质生产力发展格局"


def test_what_follows_a_line_cut_short_continues_it():
    """guangdong-2026-work-report.txt:61–63: a bold word on a line of its own in the scrape."""
    text = "三、2026年工作安排\n2026年是“十五五”第一年，开好局起好步十分重要。今年经济社会发展的\n主要预期目标\n是：地区生产总值增长4.5%—5%。"
    assert paragraphs(text)[-1] == "2026年是“十五五”第一年，开好局起好步十分重要。今年经济社会发展的主要预期目标是：地区生产总值增长4.5%—5%。"
    assert outline(text) == ["## 三、2026年工作安排"]


def test_a_subscript_on_its_own_line_rejoins_its_word():
    """guangdong-2026-work-report.txt:125–127: PM ⏎ 2.5 ⏎ 浓度……"""
    text = "三、2026年工作安排\n持续改善空气质量，以PM\n2.5\n浓度持续下降为主线，推动氮氧化物和挥发性有机物协同减排。"
    assert paragraphs(text)[-1] == "持续改善空气质量，以PM2.5浓度持续下降为主线，推动氮氧化物和挥发性有机物协同减排。"


def test_an_enumeration_opening_is_never_a_title():
    text = "一、2025年工作回顾\n一是聚力\n在发展新质生产力上取得新突破。坚持创新驱动。"
    assert outline(text) == ["## 一、2025年工作回顾"]
    assert paragraphs(text)[-1] == "一是聚力在发展新质生产力上取得新突破。坚持创新驱动。"


def test_items_of_one_sequence_are_the_same_kind_of_block():
    """A run-in lead-in cut by a page break inside its first sentence (shaanxi:26–28 in blocks)."""
    text = ("\n一、2025年工作回顾\n\n（三）推动城乡融合，促进百姓共同富裕。加快推进西安都市圈同城化。\n\n（四）加强生态建设，推进发展方式转型。常态化\n\n"
            "整治秦岭“五乱”问题。\n\n（五）扩大内外开放，打造内陆改革开放高地。中欧班列开行量增长。")
    assert outline(text) == ["## 一、2025年工作回顾"]
    assert "（四）加强生态建设，推进发展方式转型。常态化整治秦岭“五乱”问题。" in paragraphs(text)


def test_two_neighbouring_lead_ins_cut_by_page_breaks_are_both_paragraphs():
    """sichuan-2026-work-report's （七） and （八）, each cut inside its first sentence (found by the
    layout property test): neither has two paragraph siblings, but most of the sequence are paragraphs."""
    text = ("\n二、2026年重点工作\n\n（五）突出扩大内需。坚持惠民生和促消费相结合。\n\n（六）突出城乡融合。推进新型城镇化。\n\n"
            "（七）突出加快全面绿色转型，持续筑牢长江黄河上游\n\n生态屏障。牢固树立和践行绿水青山就是金山银山理念。\n\n"
            "（八）突出提高民生工作质效，更好满足人民群众对美\n\n好生活的向往。坚持民生为大。\n\n"
            "（九）突出安全发展。统筹发展和安全。\n\n（十）突出政府建设。坚持依法行政。")
    assert outline(text) == ["## 二、2026年重点工作"]
    assert "（七）突出加快全面绿色转型，持续筑牢长江黄河上游生态屏障。牢固树立和践行绿水青山就是金山银山理念。" in paragraphs(text)
    assert "（八）突出提高民生工作质效，更好满足人民群众对美好生活的向往。坚持民生为大。" in paragraphs(text)


def test_a_sequence_of_headings_stays_headings():
    text = ("\n二、2026年重点工作\n\n（一）扩大内需\n\n坚持惠民生和促消费相结合。\n\n（二）城乡融合\n\n推进新型城镇化。\n\n"
            "（三）绿色转型\n\n协同推进降碳减污。\n\n（四）民生保障\n\n坚持民生为大。")
    assert outline(text) == ["## 二、2026年重点工作", "### （一）扩大内需", "### （二）城乡融合", "### （三）绿色转型",
                             "### （四）民生保障"]


def test_topic_lines_standing_alone_become_bold_lead_ins():
    """qinghai-2026-work-report.txt:10–13."""
    text = ("一、2025年和“十四五”时期工作回顾\n生态底色更加亮丽。\n始终坚持生态优先、绿色发展，推进生态文明高地建设迈上新台阶。\n"
            "经济运行持续向好。\n精准落实更加积极有为的宏观政策，全省以招商引资为抓手。")
    page = markdown(COVER + text)
    assert "**生态底色更加亮丽。**始终坚持生态优先" in page and "**经济运行持续向好。**精准落实" in page
    assert paragraphs(text)[1:] == ["生态底色更加亮丽。始终坚持生态优先、绿色发展，推进生态文明高地建设迈上新台阶。",
                                    "经济运行持续向好。精准落实更加积极有为的宏观政策，全省以招商引资为抓手。"]


def test_a_lone_short_sentence_and_a_list_introduction_stay_paragraphs():
    text = ("一、2025年工作回顾\n地区生产总值实现358亿元。\n一年来，我们坚定不移促改革。\n重点做好十方面工作。\n一是首都功能持续优化提升。"
            "圆满完成纪念活动服务保障。\n主要做了以下工作。\n二是科技创新加快引领新质生产力发展。持续提升创新中心能级。")
    assert "地区生产总值实现358亿元。" in paragraphs(text) and "重点做好十方面工作。" in paragraphs(text)
    assert "主要做了以下工作。" in paragraphs(text)


def test_an_appendix_takes_its_title_and_its_items_become_a_list():
    """guangdong-2026-work-report.txt:158–164."""
    text = ("各位代表！奋进正当其时，实干成就未来。\n附件1\n2026年省十件民生实事\n坚持民生为大，扎扎实实办好十件民生实事。\n"
            "一、提高低保、特困人员、孤儿基本生活与残疾人两项补贴和重点群体救助保障水平。\n农村低保标准占城镇低保标准的最低比例提高到80%以上。\n"
            "二、加快建立长期护理保险制度和提升养老服务供给水平。\n加快建立长期护理保险制度。\n附件2\n名词解释\n1.“四上”企业：\n"
            "现阶段统计工作实践中对达到一定规模、资质或限额的法人单位的一种习惯称谓。")
    report = convert(COVER + text)
    assert ["#" * h.level + " " + h.text for h in report.headings()] == ["## 附件1 2026年省十件民生实事", "## 附件2 名词解释"]
    numbered = next(b for b in report.blocks if isinstance(b, NumberedList))
    assert [(i.number, strip_markers(i.text), [strip_markers(p.text) for p in i.paragraphs]) for i in numbered.items] == [
        (1, "提高低保、特困人员、孤儿基本生活与残疾人两项补贴和重点群体救助保障水平。", ["农村低保标准占城镇低保标准的最低比例提高到80%以上。"]),
        (2, "加快建立长期护理保险制度和提升养老服务供给水平。", ["加快建立长期护理保险制度。"]),
    ]
    page = markdown(COVER + text)
    assert "1. **提高低保、特困人员" in page and "\n    农村低保标准占城镇低保标准" in page and "2. **加快建立长期护理" in page
    assert [e.terms for e in report.glossary] == [["四上"]]


def test_a_function_word_cannot_end_a_title():
    assert outline("一、2025年工作回顾\n“十五五”时期经济社会发展的\n主要目标\n是：地区生产总值年均增长5%左右。") == ["## 一、2025年工作回顾"]
    # 供给, 应对, 参与 end in the same characters, as words.
    assert outline("第一节 扩大优质文旅产品供给\n推动重点景区景点提档升级。")[-1] == "## 第一节 扩大优质文旅产品供给"
