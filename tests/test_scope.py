"""Term scopes: a local term stays in its region, a national one applies everywhere, a report's own
definition wins, and the build says what a scope left unmarked."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.audit import scope_lines
from generator.check import CheckResult, cross_check
from generator.glossary.annotate import annotate_reports
from generator.glossary.annotations import TermFile, load_term_file
from generator.glossary.terms import build_glossary
from generator.regions.divisions import divisions
from generator.regions.place import apply_placement, place
from generator.review import summarise_change

from .helpers import convert

YUQUAN = ("玉泉区2024年政府工作报告\n\n——2024年1月10日在玉泉区第十八届人民代表大会第三次会议上\n\n各位代表：\n\n"
          "一、工作回顾\n\n推进“两个基地”建设，落实“三新”要求，实施“双高计划”，谋划“十五五”。\n\n"
          "名词解释\n\n1.“两个基地”：指国家重要能源和战略资源基地、农畜产品生产基地。\n\n2.“双高计划”：指玉泉区职业学校的高水平建设计划。")
HAINAN = ("海南省2026年政府工作报告\n\n——2026年1月25日在海南省第七届人民代表大会第五次会议上\n\n各位代表：\n\n"
          "一、工作回顾\n\n建设“两个基地”，扩大“三新”消费，推进“双高计划”，谋划“十五五”。两个基地建设加快。\n\n"
          "名词解释\n\n1.“双高计划”：指中国特色高水平高职学校和专业建设计划。")
NEIMENGGU = ("内蒙古自治区2026年政府工作报告\n\n——2026年1月20日在内蒙古自治区第十四届人民代表大会第四次会议上\n\n"
             "各位代表：\n\n一、工作回顾\n\n立足“三新”。\n\n名词解释\n\n1.“三新”：指新发展阶段、新发展理念、新发展格局。")


def placed(text: str, slug: str):
    report = convert(text)
    report.meta.slug = slug
    apply_placement(report, place(report, divisions()), level_given=False)
    return report


def term_file(term: str, summary: str, scope: list[str] | None = None) -> TermFile:
    return TermFile(path=Path(f"annotations/terms/{term}.md"), slug=f"t{abs(hash(term)) % 10000}", term=term,
                    summary=summary, category="地方工作部署", scope=scope)


def build(files: list[TermFile] = ()):
    reports = [placed(YUQUAN, "yuquan"), placed(HAINAN, "hainan"), placed(NEIMENGGU, "neimenggu")]
    files = list(files) + [term_file("十五五", "第十五个五年规划时期，即2026—2030年。")]
    glossary = build_glossary(reports, files)
    annotate_reports(reports, glossary)
    return {r.meta.slug: r for r in reports}, glossary, {t.term: t for t in glossary.terms}


def test_the_reports_are_placed():
    reports, glossary, _ = build()
    assert {slug: r.meta.region_code for slug, r in reports.items()} == {
        "yuquan": "150104", "hainan": "460000", "neimenggu": "150000"}


def test_a_local_term_is_not_marked_in_another_provinces_report():
    reports, glossary, terms = build()
    bases = terms["两个基地"]
    assert bases.occurrences == {"yuquan": 1}
    assert bases.unmarked == {"hainan": 2}
    assert glossary.scope_names(bases) == ["玉泉区"] and not glossary.applies(bases, "hainan")
    assert "两个基地" not in [o.surface for o in reports["hainan"].occurrences]


def test_a_provinces_definition_explains_the_term_below_it_with_its_source():
    reports, glossary, terms = build()
    three = terms["三新"]
    assert three.occurrences == {"neimenggu": 1, "yuquan": 1}
    assert three.unmarked == {"hainan": 1}  # 海南's “三新”消费 is not 内蒙古's 三新
    assert glossary.explanation(three, "yuquan") == (
        "新发展阶段、新发展理念、新发展格局。", "内蒙古自治区2026年政府工作报告")
    assert glossary.explanation(three, "neimenggu") == ("新发展阶段、新发展理念、新发展格局。", "")


def test_a_national_term_is_marked_everywhere():
    _, glossary, terms = build()
    assert terms["十五五"].scope.national and terms["十五五"].occurrences == {"yuquan": 1, "hainan": 1}
    assert terms["十五五"].unmarked == {}


def test_a_reports_own_definition_wins_in_that_report():
    _, glossary, terms = build()
    double = terms["双高计划"]
    assert double.occurrences == {"yuquan": 1, "hainan": 1}
    assert glossary.explanation(double, "yuquan") == ("玉泉区职业学校的高水平建设计划。", "")
    assert glossary.explanation(double, "hainan") == ("中国特色高水平高职学校和专业建设计划。", "")
    # Narrowed by an editor to another region, the term still applies where a report defines it.
    _, glossary, terms = build([term_file("双高计划", "高职学校建设计划。", ["北京市"])])
    assert terms["双高计划"].occurrences == {"yuquan": 1, "hainan": 1}
    assert glossary.explanation(terms["双高计划"], "hainan")[0] == "中国特色高水平高职学校和专业建设计划。"


def test_a_term_file_widens_the_scope():
    _, glossary, terms = build([term_file("两个基地", "内蒙古的两个基地。", ["内蒙古自治区"])])
    assert terms["两个基地"].occurrences == {"yuquan": 1} and terms["两个基地"].unmarked == {"hainan": 2}
    _, glossary, terms = build([term_file("两个基地", "能源和农畜产品基地。", ["全国"])])
    bases = terms["两个基地"]
    assert bases.occurrences == {"yuquan": 1, "hainan": 2} and bases.unmarked == {}
    assert glossary.explanation(bases, "hainan") == ("能源和农畜产品基地。", "")  # the editors' words, not 玉泉区's


def test_a_longer_term_out_of_scope_leaves_a_shorter_one_inside_it_marked():
    _, glossary, terms = build([term_file("基地", "生产基地。"), term_file("两个基地", "x", ["玉泉区"])])
    assert terms["基地"].occurrences == {"hainan": 2}
    assert terms["两个基地"].unmarked == {"hainan": 2}


def test_the_build_says_where_a_scope_kept_a_term_unmarked():
    _, glossary, _ = build()
    assert scope_lines(glossary) == [
        "scope: 两个基地 (玉泉区) left 2 occurrences unmarked in 1 reports: hainan 2",
        "scope: 三新 (内蒙古自治区) left 1 occurrences unmarked in 1 reports: hainan 1",
    ] or sorted(scope_lines(glossary)) == sorted([
        "scope: 两个基地 (玉泉区) left 2 occurrences unmarked in 1 reports: hainan 2",
        "scope: 三新 (内蒙古自治区) left 1 occurrences unmarked in 1 reports: hainan 1",
    ])


def test_check_diff_says_what_a_scope_change_gains():
    reports, glossary, _ = build([term_file("两个基地", "内蒙古的两个基地。", ["内蒙古自治区"])])
    before = CheckResult([], list(reports.values()), glossary)
    reports, glossary, _ = build([term_file("两个基地", "内蒙古的两个基地。", ["全国"])])
    after = CheckResult([], list(reports.values()), glossary)
    summary = summarise_change(before, after, "main")
    assert "  范围：两个基地 内蒙古自治区 → 全国：标注 +2 处（1 份报告）" in summary.split("\n")
    assert "  hainan：+2（两个基地 +2）" in summary.split("\n")


@pytest.mark.parametrize("scope, message", [
    ("[海南]", None),
    ("[全国]", None),
    ("全国", None),
    ("[火星市]", "region '火星市' is not a region of the code table or of a report"),
    ("[新城区]", "region '新城区' is ambiguous"),
    ("[全国, 北京市]", "'全国' cannot be combined with regions"),
])
def test_check_validates_a_scope_with_its_file_and_line(tmp_path, scope, message):
    path = tmp_path / "liang-ge-ji-di.md"
    path.write_text(f"---\nterm: 两个基地\nsummary: 基地。\ncategory: 地方工作部署\nscope: {scope}\n---\n\n说明。\n", encoding="utf-8")
    problems = []
    record = load_term_file(path, problems)
    assert problems == [] and record is not None
    found = cross_check([record], [])
    if message is None:
        assert found == []
    else:
        assert [(p.severity, p.file, p.line) for p in found] == [("error", str(path), 5)]
        assert found[0].message.startswith(message)
