"""The region hierarchy: the code table, each report's place in it, ambiguous and unknown names."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.audit import audit_report
from generator.regions.divisions import divisions
from generator.regions.place import apply_placement, place
from generator.regions.tree import build_region_tree, division_slugs

from .helpers import convert


def chain(name: str) -> list[tuple[str, str, str]]:
    table = divisions()
    (division,) = table.lookup(name)
    return [(d.name, d.code, d.level) for d in table.chain(division)]


def test_a_district_lies_in_its_city_and_its_province():
    assert chain("玉泉区") == [("内蒙古自治区", "150000", "省级"), ("呼和浩特市", "150100", "地级"), ("玉泉区", "150104", "县级")]
    assert chain("石拐区") == [("内蒙古自治区", "150000", "省级"), ("包头市", "150200", "地级"), ("石拐区", "150205", "县级")]


def test_a_municipality_district_lies_directly_in_the_municipality():
    # The table lists 北京市 again as its own prefecture (110100); the district's parent is the province.
    assert chain("东城区") == [("北京市", "110000", "省级"), ("东城区", "110101", "县级")]
    assert chain("城口县") == [("重庆市", "500000", "省级"), ("城口县", "500229", "县级")]


def test_county_level_cities_and_counties_governed_by_the_province():
    assert chain("霍林郭勒市")[-1] == ("霍林郭勒市", "150581", "县级")  # a 县级市 is no 地级 city
    assert chain("仙桃市") == [("湖北省", "420000", "省级"), ("仙桃市", "429004", "县级")]


def test_names_short_and_with_their_parents():
    table = divisions()
    assert [d.code for d in table.lookup("内蒙古")] == ["150000"]
    assert [d.code for d in table.lookup("北京")] == ["110000"]
    assert table.get("150000").short == "内蒙古" and table.get("513400").short == "凉山"
    assert table.get("522600").short == "黔东南"  # 苗族侗族自治州: two nationalities before the kind
    assert sorted(d.code for d in table.lookup("新城区")) == ["150102", "610102"]
    assert [d.code for d in table.lookup("呼和浩特市新城区")] == ["150102"]
    assert [d.code for d in table.lookup("西安新城区")] == ["610102"]
    assert [d.code for d in table.lookup("150104")] == ["150104"]


def test_region_page_names_are_fixed_by_the_code_table():
    slugs = division_slugs(divisions())
    assert slugs["150104"] == "yu-quan-qu"
    assert slugs["150102"] == "hu-he-hao-te-shi-xin-cheng-qu" and slugs["610102"] == "xi-an-shi-xin-cheng-qu"
    assert slugs["610000"] == "shan-xi-sheng-610000" and slugs["140000"] == "shan-xi-sheng-140000"  # 陕西 and 山西
    assert len(set(slugs.values())) == len(slugs)


XINCHENG = ("新城区2024年政府工作报告\n\n——2024年1月10日在新城区第十七届人民代表大会第三次会议上\n\n"
            "各位代表：\n\n现在，我代表新城区人民政府，向大会报告工作。{body}\n\n一、2023年工作回顾\n\n经济运行稳中向好。")


@pytest.mark.parametrize("body, code", [
    ("过去一年，我们全力服务首府呼和浩特高质量发展，助力内蒙古建设“两个屏障”。", "150102"),
    ("过去一年，我们在西安市委、市政府的坚强领导下，助力陕西高质量发展。", "610102"),
])
def test_an_ambiguous_name_is_resolved_from_the_report_text(body, code):
    report = convert(XINCHENG.format(body=body))
    assert report.meta.region == "新城区"
    placement = place(report, divisions())
    assert placement.division is not None and placement.division.code == code
    apply_placement(report, placement, level_given=False)
    assert (report.meta.region_code, report.meta.level, report.region_problem) == (code, "县级", None)


def test_an_ambiguous_name_the_text_cannot_settle_warns_with_a_manifest_hint():
    report = convert(XINCHENG.format(body="过去一年，全区经济运行稳中向好。"))
    apply_placement(report, place(report, divisions()), level_given=False)
    assert report.meta.region_code == ""
    problems = [p for p in audit_report(report, Path("seeds/xincheng.txt")) if "ambiguous" in p.message]
    assert len(problems) == 1
    problem = problems[0]
    assert problem.severity == "warning" and problem.file == "seeds/xincheng.txt" and problem.line == 7  # 我代表新城区人民政府
    assert "内蒙古自治区呼和浩特市新城区（150102）" in problem.message and "陕西省西安市新城区（610102）" in problem.message
    assert "region_code: 150102" in problem.hint and "manifest" in problem.hint


def test_an_unknown_name_warns_and_a_manifest_code_settles_it():
    report = convert(XINCHENG.replace("新城区", "玉泉新区").format(body=""))
    apply_placement(report, place(report, divisions()), level_given=False)
    problems = [p for p in audit_report(report, "seeds/x.txt") if "code table" in p.message]
    assert [(p.line, p.message) for p in problems] == [
        (7, f"region '玉泉新区' is not in the code table of administrative divisions ({divisions().source})")]
    report.meta.region_code = "150104"
    apply_placement(report, place(report, divisions()), level_given=True)
    assert (report.meta.region, report.region_problem) == ("玉泉区", None)
    report.meta.region_code = "159999"
    assert "not in the code table" in place(report, divisions()).problem


def test_the_seed_reports_resolve(reports):
    found = {slug: (r.meta.region, r.meta.region_code, r.meta.level) for slug, r in reports.items()}
    assert found == {
        "yuquan-2023-work-report": ("玉泉区", "150104", "县级"),
        "yuquan-15th-five-year-plan": ("玉泉区", "150104", "县级"),
        "hohhot-2022-work-report": ("呼和浩特市", "150100", "地级"),
        "huimin-2022-work-report": ("回民区", "150103", "县级"),
        "shiguai-2024-work-report": ("石拐区", "150205", "县级"),
        "beijing-2026-work-report": ("北京市", "110000", "省级"),
        "guangdong-2026-work-report": ("广东省", "440000", "省级"),
        "sichuan-2026-work-report": ("四川省", "510000", "省级"),
        "shaanxi-2026-work-report": ("陕西省", "610000", "省级"),
        "qinghai-2026-work-report": ("青海省", "630000", "省级"),
    }


def test_the_tree_holds_every_region_above_a_report(reports):
    tree = build_region_tree(list(reports.values()), divisions())
    inner_mongolia = tree.regions["nei-meng-gu-zi-zhi-qu"]
    assert inner_mongolia.reports == [] and inner_mongolia.report_count == 5
    assert inner_mongolia.children == ["hu-he-hao-te-shi", "bao-tou-shi"]  # by code: 150100, 150200
    assert tree.regions["hu-he-hao-te-shi"].children == ["hui-min-qu", "yu-quan-qu"]
    assert tree.regions["bao-tou-shi"].reports == [] and tree.regions["bao-tou-shi"].children == ["shi-guai-qu"]
    assert [r.name for r in tree.chain(tree.of_report["yuquan-2023-work-report"])] == ["内蒙古自治区", "呼和浩特市", "玉泉区"]
    assert tree.report_chain("yuquan-2023-work-report") == ("150000", "150100", "150104")
    assert sorted(r.slug for r in tree.roots()) == sorted(["nei-meng-gu-zi-zhi-qu", "bei-jing-shi", "guang-dong-sheng",
                                                          "si-chuan-sheng", "shan-xi-sheng-610000", "qing-hai-sheng"])


def test_a_region_the_table_does_not_know_still_gets_its_page():
    report = convert(XINCHENG.replace("新城区", "玉泉新区").format(body=""))
    report.meta.slug = "x"
    tree = build_region_tree([report], divisions())
    assert [(r.slug, r.name, r.code, r.parent) for r in tree.regions.values()] == [("yu-quan-xin-qu", "玉泉新区", "", None)]
    assert tree.report_chain("x") == ("?玉泉新区",)


def test_a_name_cut_at_an_inner_unit_character_is_completed_from_the_text():
    report = convert(XINCHENG.format(body="").replace("新城区", "云州区"))
    report.meta.region = "云州"  # as the cover's 州 cut it
    apply_placement(report, place(report, divisions()), level_given=False)
    assert (report.meta.region, report.meta.region_code) == ("云州区", "140215")
