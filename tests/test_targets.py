"""Targets and results: the extraction on real fragments of every form, the seeds against
expectations read by hand, editors' corrections, the comparison with other years, and the
open data (targets.json against its schema, targets.csv for Excel)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import yaml

from generator.model import Heading, Paragraph, Problem, Report, ReportMeta
from generator.pipeline import convert_seed, seeds_of
from generator.targets.archive import FigureIndex, met, shown
from generator.targets.corrections import apply_corrections
from generator.targets.extract import Figure, extract_figures
from generator.targets.vocabulary import load_vocabulary

from .conftest import ALL_SLUGS, ROOT

VOCABULARY = load_vocabulary(ROOT / "annotations" / "indicators.yml")
EXPECTED = ROOT / "tests" / "expected_targets"


def report_of(*blocks: str, year: int = 2026, region: str = "北京市") -> Report:
    """A report from its blocks: '# text' is a top-level heading, '## text' one below, anything else a paragraph."""
    made = []
    for line, text in enumerate(blocks, 1):
        if text.startswith("## "):
            made.append(Heading([line], text[3:], "paren", level=3))
        elif text.startswith("# "):
            made.append(Heading([line], text[2:], "chapter", level=2))
        else:
            made.append(Paragraph([line], text))
    return Report(ReportMeta(slug="test-report", source_file="test.txt", region=region, year=year), made)


def read(*blocks: str, year: int = 2026, region: str = "北京市") -> list[tuple]:
    extraction = extract_figures(report_of(*blocks, year=year, region=region), VOCABULARY)
    return [(f.kind, f.year, f.indicator, f.value, f.value_high, f.unit, f.modifier, f.text) for f in extraction.figures]


def targets(sentence: str, **kwargs) -> list[tuple]:
    return [row[2:] for row in read("# 三、2026年工作安排", "今年经济社会发展主要预期目标是：" + sentence, **kwargs)]


def results(*paragraphs: str, **kwargs) -> list[tuple]:
    return [row[2:] for row in read("# 一、2025年工作回顾", *paragraphs, **kwargs)]


# ---------------------------------------------------------------- the seeds, read by hand


def _expected(slug: str) -> list[dict]:
    data = yaml.safe_load((EXPECTED / f"{slug}.yml").read_text(encoding="utf-8"))
    return data["records"]


@pytest.fixture(scope="module")
def seed_figures() -> dict[str, list[Figure]]:
    return {seed.slug: extract_figures(convert_seed(seed), VOCABULARY).figures for seed in seeds_of(ROOT)}


@pytest.mark.parametrize("slug", ALL_SLUGS)
def test_each_seed_gives_exactly_the_figures_read_by_hand(slug, seed_figures):
    found = []
    for figure in seed_figures[slug]:
        record = {"kind": figure.kind, "year": figure.year, "indicator": figure.indicator}
        if figure.indicator == "other":
            record["name"] = figure.name
        record["value"] = figure.value
        if figure.value_high is not None:
            record["value_high"] = figure.value_high
        record.update(unit=figure.unit, modifier=figure.modifier, text=figure.text)
        found.append(record)
    assert found == _expected(slug)


def test_every_seed_has_expectations_and_the_work_reports_have_targets():
    assert sorted(path.stem for path in EXPECTED.glob("*.yml")) == sorted(ALL_SLUGS)
    for slug in ALL_SLUGS:
        kinds = {record["kind"] for record in _expected(slug)}
        assert kinds == (set() if slug == "yuquan-15th-five-year-plan" else {"target", "result"}), slug


# ---------------------------------------------------------------- every form, on real fragments


def test_a_sentence_of_targets_after_its_cue():
    assert targets("地区生产总值增长5%左右，一般公共预算收入增长4%左右，城镇调查失业率控制在5%以内，"
                   "居民消费价格涨幅2%左右，居民收入增长和经济增长同步，细颗粒物年均浓度控制在29微克/立方米左右、争取更优水平，"
                   "能源、水资源、碳排放等指标达到国家要求。") == [
        ("gdp_growth", 5, None, "%", "左右", "地区生产总值增长5%左右"),
        ("budget_revenue_growth", 4, None, "%", "左右", "一般公共预算收入增长4%左右"),
        ("unemployment_rate", 5, None, "%", "以内", "城镇调查失业率控制在5%以内"),
        ("cpi", 2, None, "%", "左右", "居民消费价格涨幅2%左右"),
        ("income_growth", None, None, "", "和经济增长同步", "居民收入增长和经济增长同步"),
        ("other", 29, None, "微克/立方米", "左右", "细颗粒物年均浓度控制在29微克/立方米左右"),
    ]


def test_targets_listed_one_per_paragraph_after_a_cue_that_ends_its_paragraph():
    rows = read("# 三、2026年工作安排", "今年全市经济社会发展的主要预期目标是：", "1.全市生产总值增长8%；",
                "2.地方一般预算收入增长10%；", "3.城镇登记失业率控制在4.5%以内。", "（一）抓好项目建设。全年新开工项目50个。")
    assert [row[2:5] + row[6:7] for row in rows] == [
        ("gdp_growth", 8, None, ""), ("budget_revenue_growth", 10, None, ""),
        ("registered_unemployment_rate", 4.5, None, "以内")]


def test_targets_spread_over_a_paragraph_and_the_sentences_after_them():
    assert targets("生产总值增长8.5%。规模工业增加值增长12%。城镇固定资产投资增长15%以上。"
                   "这样的目标，是综合考虑各方面因素提出的，实现5%左右的增长需要付出艰苦努力。") == [
        ("gdp_growth", 8.5, None, "%", "", "生产总值增长8.5%"),
        ("industry_growth", 12, None, "%", "", "规模工业增加值增长12%"),
        ("investment_growth", 15, None, "%", "以上", "城镇固定资产投资增长15%以上"),
    ]


def test_one_phrase_with_several_numbers_in_order():
    assert targets("一产、二产、三产增加值分别增长5%左右、5%以上、5%左右。") == [
        ("other", 5, None, "%", "左右", "一产、二产、三产增加值分别增长5%左右、5%以上、5%左右"),
        ("other", 5, None, "%", "以上", "一产、二产、三产增加值分别增长5%左右、5%以上、5%左右"),
        ("other", 5, None, "%", "左右", "一产、二产、三产增加值分别增长5%左右、5%以上、5%左右"),
    ]
    names = [f.name for f in extract_figures(report_of("主要预期目标是：一产、二产、三产增加值分别增长5%、6%、7%。"),
                                             VOCABULARY).figures]
    assert names == ["一产", "二产", "三产增加值"]


def test_a_qualifier_printed_once_after_two_numbers_holds_for_both():
    assert targets("城乡居民人均可支配收入分别增长6%和7%左右。") == [
        ("urban_income_growth", 6, None, "%", "左右", "城乡居民人均可支配收入分别增长6%和7%左右"),
        ("rural_income_growth", 7, None, "%", "左右", "城乡居民人均可支配收入分别增长6%和7%左右"),
    ]


def test_a_group_name_with_one_number_sets_it_for_each():
    assert targets("城乡居民人均可支配收入增长6%以上。") == [
        ("urban_income_growth", 6, None, "%", "以上", "城乡居民人均可支配收入增长6%以上"),
        ("rural_income_growth", 6, None, "%", "以上", "城乡居民人均可支配收入增长6%以上"),
    ]


@pytest.mark.parametrize("printed, low, high", [
    ("地区生产总值增长5%—5.5%", 5, 5.5), ("地区生产总值增长5.5%-6%", 5.5, 6), ("地区生产总值增长4.5%—5%", 4.5, 5),
    ("地区生产总值增长７％－８％", 7, 8), ("地区生产总值增长 6% 至 7%", 6, 7)])
def test_ranges(printed, low, high):
    (row,) = targets(printed + "，在实际工作中争取更好结果。")
    assert row[:3] == ("gdp_growth", low, high)


def test_a_figure_the_budget_is_planned_on():
    assert targets("一般公共预算收入按增长5%安排。") == [
        ("budget_revenue_growth", 5, None, "%", "", "一般公共预算收入按增长5%安排")]


def test_qualitative_targets():
    assert targets("居民收入增长与经济增长同步；单位地区生产总值能耗下降完成国家下达任务；"
                   "完成国家下达的粮食生产、单位生产总值二氧化碳减排目标任务。") == [
        ("income_growth", None, None, "", "与经济增长同步", "居民收入增长与经济增长同步"),
        ("energy_intensity", None, None, "", "完成国家下达任务", "单位地区生产总值能耗下降完成国家下达任务"),
        ("grain_output", None, None, "", "完成国家下达目标任务", "完成国家下达的粮食生产、单位生产总值二氧化碳减排目标任务"),
    ]


@pytest.mark.parametrize("printed, indicator", [
    ("生产总值增长9%", "gdp_growth"), ("全市生产总值增长9%", "gdp_growth"), ("地方一般预算收入增长12%", "budget_revenue_growth"),
    ("公共财政预算收入增长12%", "budget_revenue_growth"), ("农民人均纯收入增长11%", "rural_income_growth"),
    ("城镇固定资产投资增长20%", "investment_growth"), ("规模工业增加值增长15%", "industry_growth"),
    ("城镇居民人均可支配收入增长9%", "urban_income_growth"), ("研发经费投入强度达到2.5%", "rnd_intensity")])
def test_older_and_local_names(printed, indicator):
    (row,) = targets(printed + "。", year=2010)
    assert row[0] == indicator


def test_declines_are_negative():
    assert targets("单位生产总值能耗降低3%。") == [("energy_intensity", -3, None, "%", "", "单位生产总值能耗降低3%")]
    assert results("单位GDP能耗下降7.5%以上、节约标准煤30万吨以上。") == [
        ("energy_intensity", -7.5, None, "%", "以上", "单位GDP能耗下降7.5%以上")]


def test_results_of_the_year():
    assert results("过去一年，全年地区生产总值增长5.4%，居民消费价格上涨0.1%。",
                   "全市地区生产总值达到4856.2亿元、增长6.1%，规模以上工业增加值增长8%。") == [
        ("gdp_growth", 5.4, None, "%", "", "地区生产总值增长5.4%"),
        ("cpi", 0.1, None, "%", "", "居民消费价格上涨0.1%"),
        ("gdp_growth", 6.1, None, "%", "", "地区生产总值达到4856.2亿元、增长6.1%"),
        ("industry_growth", 8, None, "%", "", "规模以上工业增加值增长8%"),
    ]


def test_an_estimate_says_so_for_each_figure_of_its_sentence():
    assert [row[4] for row in results("预计全区地区生产总值实现309亿元，同比增长8%；固定资产投资完成53亿元，同比增长8%。"
                                      "一般公共预算收入增长5%。")] == ["预计", "预计", ""]


def test_results_are_the_years_only():
    assert results(
        "过去一年，地区生产总值增长5.1%，县域经济增长5.5%以上，城市副中心地区生产总值增长6%。",  # parts of the region
        "一季度地区生产总值增长5%，“十四五”时期地区生产总值年均增长5.2%，城镇累计新增就业522万人。",  # not the year
        "五年来，我们坚定不移推动高质量发展，城镇新增就业522万人，粮食产量连续18年保持在100万吨以上。",  # five years
        "转移、新增就业近4000人，人均地区生产总值增长5%。",  # a subject that is not the indicator's alone
    ) == [("gdp_growth", 5.1, None, "%", "", "地区生产总值增长5.1%")]


def test_plans_after_the_review_are_not_results():
    rows = read("# 一、2025年工作回顾", "地区生产总值增长5.4%。", "# 二、“十五五”时期主要目标",
                "地区生产总值年均增长5%左右，城镇新增就业40万人以上。", "# 三、2026年重点工作",
                "今年要确保城镇新增就业不少于28万人。")
    assert [(row[0], row[2]) for row in rows] == [("result", "gdp_growth")]


def test_five_year_targets_are_not_the_years():
    assert read("# 二、“十五五”时期的主要目标", "“十五五”时期经济社会发展的主要预期目标是：地区生产总值年均增长5%左右。") == []


def test_unclear_figures_are_left_out_and_listed():
    extraction = extract_figures(report_of("# 一、2025年工作回顾", "地区生产总值增长较快，城镇调查失业率下降0.2个百分点。",
                                           "# 三、2026年工作安排", "主要预期目标是：地区生产总值、固定资产投资分别增长6%、7%、8%。"),
                                 VOCABULARY)
    assert extraction.figures == []
    assert [(u.kind, u.line, u.text) for u in extraction.unclear] == [
        ("result", 2, "城镇调查失业率下降0.2个百分点"),
        ("target", 4, "地区生产总值、固定资产投资分别增长6%、7%、8%")]


def test_the_phrases_are_marked_in_the_text():
    report = report_of("# 三、2026年工作安排", "主要预期目标是：地区生产总值增长5%左右，居民收入增长和经济增长同步。")
    figures = extract_figures(report, VOCABULARY).figures
    assert [f.anchor for f in figures] == ["fig-1", "fig-2"]
    text = report.blocks[1].text
    assert text.count("\ue004") == 2 and "\uec00地区生产总值增长5%左右\ue004" in text


# ---------------------------------------------------------------- corrections


def _correct(tmp_path: Path, yml: str, *blocks: str):
    report = report_of(*blocks)
    extraction = extract_figures(report, VOCABULARY)
    path = tmp_path / "test-report.yml"
    path.write_text(yml, encoding="utf-8")
    problems: list[Problem] = []
    return apply_corrections(report, extraction, path, VOCABULARY, problems), problems, report


TARGET_BLOCKS = ("# 三、2026年工作安排", "主要预期目标是：地区生产总值增长5%左右，城镇新增就业85万人，粮食产量730亿斤以上。")


def test_editors_fix_drop_and_add_records(tmp_path):
    corrected, problems, report = _correct(tmp_path, (
        "- quote: 城镇新增就业 85万人\n  fix: {modifier: 以上}\n"
        "- quote: 地区生产总值增长5%左右\n  indicator: gdp_growth\n  drop: true\n"
        "- quote: 今年要确保耕地保有量\n  add: {indicator: other, name: 耕地保有量, kind: target, value: 100, unit: 万亩}\n"),
        *TARGET_BLOCKS, "今年要确保耕地保有量100万亩。")
    assert problems == []
    assert [(f.indicator, f.value, f.modifier, f.anchor, f.year) for f in corrected.figures] == [
        ("new_urban_jobs", 85, "以上", "fig-2", 2026), ("grain_output", 730, "以上", "fig-3", 2026),
        ("other", 100, "", "fig-4", 2026)]
    assert "\uec03今年要确保耕地保有量\ue004" in report.blocks[2].text


@pytest.mark.parametrize("yml, line, message", [
    ("- quote: 地区生产总值增长6%左右\n  drop: true\n", 1, "no record of test-report has the phrase"),
    ("- quote: 地区生产总值增长5%左右\n  fix: {indicator: gdp}\n", 2, "unknown indicator 'gdp'"),
    ("- quote: 地区生产总值增长5%左右\n  fix:\n    value: 五\n", 3, "'value' must be a number"),
    ("- quote: 地区生产总值增长5%左右\n  drop: true\n  fix: {value: 5}\n", 1, "exactly one of"),
    ("- quote: 火星\n  add: {indicator: other, kind: target}\n", 1, "quote not found"),
    ("- quote: 地区生产总值\n  add: {indicator: gdp_growth}\n", 2, "needs 'indicator' and 'kind'"),
    ("- quote: 地区生产总值增长5%左右\n  remove: true\n", 2, "unknown field 'remove'"),
    ("- quote: 目标是：地区生产总值\n  add: {indicator: other, kind: target}\n", 1, "overlaps a phrase already recorded"),
])
def test_a_mistake_in_a_correction_names_file_and_line(tmp_path, yml, line, message):
    _, problems, _ = _correct(tmp_path, yml, *TARGET_BLOCKS)
    assert len(problems) == 1
    assert problems[0].severity == "error" and problems[0].file.endswith("test-report.yml")
    assert problems[0].line == line and message in problems[0].message, problems[0]


def test_a_mistake_in_the_vocabulary_names_file_and_line(tmp_path):
    path = tmp_path / "indicators.yml"
    path.write_text("indicators:\n  - id: gdp_growth\n    name: 增长\n    names: [生产总值]\n    unit: '%'\n    measure: growth\n"
                    "  - id: other_gdp\n    name: 又一个\n    names: [生产总值]\n    unit: '%'\n    measure: speed\n",
                    encoding="utf-8")
    problems: list[Problem] = []
    load_vocabulary(path, problems)
    assert [(p.line, p.message) for p in problems] == [(11, "indicator 'other_gdp': measure 'speed'")]


# ---------------------------------------------------------------- the same region's other years


def _summary(slug: str, year: int, figures: list[Figure]):
    from generator.pipeline import ReportSummary

    meta = ReportMeta(slug=slug, source_file=f"{slug}.txt", title=f"北京市{year}年政府工作报告", region="北京市",
                      region_code="110000", level="省级", kind="政府工作报告", date=f"{year}-01-20", year=year)
    return ReportSummary(meta, {}, {}, [], [], figures=figures)


def _figure(kind: str, year: int, value, modifier: str = "", anchor: str = "fig-1", indicator: str = "gdp_growth"):
    return Figure(indicator, "地区生产总值", "…", value, None, "%", modifier, kind, year, anchor, 1)


def test_a_targets_note_gives_last_years_target_and_outcome_and_a_results_note_whether_it_was_met():
    summaries = [
        _summary("beijing-2025", 2025, [_figure("result", 2024, 5.2), _figure("target", 2025, 5, "左右", "fig-2")]),
        _summary("beijing-2026", 2026, [_figure("result", 2025, 5.4), _figure("target", 2026, 5, "左右", "fig-2")]),
    ]
    index = FigureIndex.of(summaries, VOCABULARY)
    notes = index.notes(summaries[1])
    assert notes["fig-2"] == "地区生产总值增长：2026年目标 5%左右；2025年目标 5%左右 · 实际 5.4% · 完成目标"
    assert notes["fig-1"] == "地区生产总值增长：2025年实绩 5.4%；2025年目标 5%左右 · 完成目标"
    assert index.notes(summaries[0])["fig-1"] == "地区生产总值增长：2024年实绩 5.2%；本站尚无2024年的目标"


@pytest.mark.parametrize("indicator, target, modifier, outcome, verdict", [
    ("gdp_growth", 5, "左右", 4.9, False), ("gdp_growth", 5, "以上", 5, True), ("cpi", 2, "左右", 0.1, True),
    ("unemployment_rate", 5.5, "左右", 5.6, False), ("energy_intensity", -3, "", -3.4, True),
    ("gdp_growth", None, "与经济增长同步", 5, None)])
def test_met_is_read_strictly(indicator, target, modifier, outcome, verdict):
    assert met(_figure("target", 2025, target, modifier, indicator=indicator),
               _figure("result", 2025, outcome, indicator=indicator)) is verdict


def test_figures_are_shown_as_printed():
    assert shown(Figure("gdp_growth", "", "", 4.5, 5, "%", "", "target", 2026, "fig-1", 1)) == "4.5%—5%"
    assert shown(Figure("energy_intensity", "", "", -7.5, None, "%", "以上", "result", 2021, "fig-1", 1)) == "下降7.5%以上"
    assert shown(Figure("new_urban_jobs", "", "", 6, None, "万人", "以上", "target", 2026, "fig-1", 1)) == "6万人以上"


# ---------------------------------------------------------------- the open data


def test_targets_json_validates_against_its_schema(built_site):
    import jsonschema

    data = json.loads((built_site / "targets.json").read_text(encoding="utf-8"))
    schema = json.loads((built_site / "targets.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    expected = sum(len(_expected(slug)) for slug in ALL_SLUGS)
    assert len(data["records"]) == expected
    first = next(r for r in data["records"] if r["report"] == "beijing-2026-work-report" and r["kind"] == "target")
    assert first["region_code"] == "110000" and first["url"].startswith("reports/beijing-2026-work-report.html#fig-")


def test_targets_csv_opens_in_excel_with_one_row_per_record(built_site):
    raw = (built_site / "targets.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    data = json.loads((built_site / "targets.json").read_text(encoding="utf-8"))
    assert rows[0] == ["report", "title", "region", "region_code", "level", "kind", "year", "indicator", "name", "text",
                       "value", "value_high", "unit", "modifier", "anchor", "url"]
    assert len(rows) - 1 == len(data["records"])
    assert rows[1][rows[0].index("text")] == data["records"][0]["text"]


@pytest.mark.parametrize("slug", ["beijing-2026-work-report", "guangdong-2026-work-report", "shaanxi-2026-work-report"])
def test_a_hard_wrapped_pdf_text_of_a_report_gives_the_same_figures(slug, seed_figures):
    """The extraction reads the structured report, so another layout of the same text reads the same."""
    from generator.convert import convert_lines
    from generator.sources.manifest import apply_manifest
    from generator.sources.read import split_lines

    from .layouts import PageStyle, as_wrapped, paragraphs_of

    texts = paragraphs_of((ROOT / "seeds" / f"{slug}.txt").read_text(encoding="utf-8"))
    lines, indents, page_starts = split_lines(as_wrapped(texts, PageStyle(columns=56, numbers="dash", header="政府工作报告")))
    seed = next(s for s in seeds_of(ROOT) if s.slug == slug)
    report = convert_lines(lines, seed.meta(), file="report.txt", indents=indents, page_starts=page_starts)
    apply_manifest(report.meta, seed.entry)
    wrapped = [(f.kind, f.year, f.indicator, f.value, f.value_high, f.unit, f.modifier, f.text)
               for f in extract_figures(report, VOCABULARY).figures]
    assert wrapped == [(f.kind, f.year, f.indicator, f.value, f.value_high, f.unit, f.modifier, f.text)
                       for f in seed_figures[slug]]


def test_older_wordings_of_a_targets_sentence():
    assert targets("全区生产总值增长8%；一般公共预算收入同口径增长6%；财政总收入增长10%，其中地方财政收入增长9%；"
                   "城乡居民人均收入分别增长8%、9%；人口自然增长率控制在6‰以内。", year=2012) == [
        ("gdp_growth", 8, None, "%", "", "生产总值增长8%"),
        ("budget_revenue_growth", 6, None, "%", "", "一般公共预算收入同口径增长6%"),
        ("other", 10, None, "%", "", "财政总收入增长10%"),
        ("other", 9, None, "%", "", "地方财政收入增长9%"),
        ("urban_income_growth", 8, None, "%", "", "城乡居民人均收入分别增长8%、9%"),
        ("rural_income_growth", 9, None, "%", "", "城乡居民人均收入分别增长8%、9%"),
        ("other", 6, None, "‰", "以内", "人口自然增长率控制在6‰以内"),
    ]


def test_results_at_comparable_prices_and_with_thousands_separators():
    assert results("全年实现地区生产总值1,234.5亿元，按可比价格计算，增长7.1%；城镇居民人均可支配收入达到32,150元，"
                   "比上年增长8.2%。", year=2015) == [
        ("gdp_growth", 7.1, None, "%", "", "地区生产总值1,234.5亿元，按可比价格计算，增长7.1%"),
        ("urban_income_growth", 8.2, None, "%", "", "城镇居民人均可支配收入达到32,150元，比上年增长8.2%"),
    ]


def test_a_price_index_is_not_a_rise_and_is_listed_as_unclear():
    extraction = extract_figures(report_of("主要预期目标是：居民消费价格指数控制在103左右。"), VOCABULARY)
    assert extraction.figures == []
    assert [u.text for u in extraction.unclear] == ["居民消费价格指数控制在103左右"]


def test_targets_under_a_heading_that_names_them():
    rows = read("# 三、2024年工作安排", "## （一）主要预期目标", "地区生产总值增长6%左右；一般公共预算收入增长5%。",
                "城镇新增就业1万人以上。", "## （二）重点工作", "全年新开工项目50个，城镇新增就业不少于1.2万人。", year=2024)
    assert [(row[0], row[2], row[3]) for row in rows] == [
        ("target", "gdp_growth", 6), ("target", "budget_revenue_growth", 5), ("target", "new_urban_jobs", 1)]


def test_check_lists_unclear_figures_with_file_and_line_and_misnamed_corrections_files(tmp_path):
    from generator.check import target_problems
    from generator.targets.extract import Unclear

    folder = tmp_path / "annotations" / "targets"
    folder.mkdir(parents=True)
    (folder / "no-such-report.yml").write_text("[]\n", encoding="utf-8")
    summary = _summary("beijing-2026", 2026, [])
    summary.unclear = [Unclear("target", 48, "居民消费价格指数控制在103左右", "no figure in the indicator's unit")]
    facts = [type("Facts", (), {"slug": "beijing-2026"})()]
    problems = target_problems(tmp_path, facts, [summary])
    assert [(p.severity, p.file, p.line) for p in problems] == [
        ("error", str(folder / "no-such-report.yml"), 1), ("warning", "seeds/beijing-2026.txt", 48)]
    assert "居民消费价格指数控制在103左右" in problems[1].message and "annotations/targets/beijing-2026.yml" in problems[1].hint


def test_a_report_with_figures_links_its_corrections_file_for_editors(built_site):
    from .conftest import article

    links = article(built_site, "beijing-2026-work-report").select_one(".edit-links").get_text()
    assert "修正目标和实绩：annotations/targets/beijing-2026-work-report.yml" in links
    assert "修正目标和实绩" not in article(built_site, "yuquan-15th-five-year-plan").select_one(".edit-links").get_text()
