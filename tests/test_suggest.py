"""`python -m generator suggest`: the editors' to-do list."""

from __future__ import annotations

import subprocess
import sys

from generator.glossary.annotations import TERMS_DIR, load_term_files
import pytest

from generator.glossary.suggest import candidates_in, find_candidates, format_candidates, suggest
from generator.glossary.terms import build_glossary

from .conftest import ROOT


def test_candidate_kinds():
    text = "坚定做到“两个维护”，深化“放管服”改革，划定三区三线，落实四个最严，推进一老一小服务，迎接党的二十大胜利召开，抓好三个方面工作。"
    found = candidates_in(text)
    for expected in ("两个维护", "放管服", "三区三线", "四个最严", "一老一小"):
        assert expected in found, expected
    assert "十大胜利" not in found and "十大" not in "".join(found)  # part of 二十大
    assert "三个方面" not in found  # ordinary language


def test_suggest_lists_unannotated_jargon_with_counts_and_context(reports):
    files, _ = load_term_files(ROOT / TERMS_DIR)
    without = [f for f in files if f.term not in ("断头路", "一网通办")]
    glossary = build_glossary(list(reports.values()), without)
    candidates = suggest(list(reports.values()), glossary, limit=20)
    by_text = {c.text: c for c in candidates}
    road = by_text["断头路"]
    assert dict(road.counts) == {
        "hohhot-2022-work-report": 4, "huimin-2022-work-report": 4,
        "yuquan-15th-five-year-plan": 2, "yuquan-2023-work-report": 2,
        "beijing-2026-work-report": 2, "guangdong-2026-work-report": 1, "sichuan-2026-work-report": 1,
    }
    assert "断头路" in road.context and road.where.split(":")[0] in road.counts
    assert by_text["一网通办"].total == 10
    totals = [c.total for c in candidates]
    assert totals == sorted(totals, reverse=True)
    # Annotated terms are not suggested.
    full = build_glossary(list(reports.values()), files)
    assert not {"断头路", "一网通办", "放管服", "两个维护"} & {c.text for c in suggest(list(reports.values()), full, 200)}


def test_suggest_output_format(reports):
    files, _ = load_term_files(ROOT / TERMS_DIR)
    glossary = build_glossary(list(reports.values()), [f for f in files if f.term != "断头路"])
    text = format_candidates(suggest(list(reports.values()), glossary, limit=200))
    lines = text.split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith("断头路\t"))
    assert lines[index] == ("断头路\t16\t(beijing-2026-work-report 2, guangdong-2026-work-report 1, "
                            "hohhot-2022-work-report 4, huimin-2022-work-report 4, sichuan-2026-work-report 1, "
                            "yuquan-15th-five-year-plan 2, yuquan-2023-work-report 2)")
    assert lines[index + 1].startswith("    yuquan-15th-five-year-plan:708: …") and "断头路" in lines[index + 1]


def test_cli_suggest_runs_on_the_repository():
    result = subprocess.run([sys.executable, "-m", "generator", "suggest", "--limit", "5"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.strip().split("\n")) == 10


def test_what_is_not_a_candidate():
    """Classes of false candidate, each from a real report sentence."""
    cases = {
        "在第二个百年奋斗目标新征程上实现良好开局": "二个百年",  # an ordinal: 第二个
        "制定国民经济和社会发展第十五个五年规划": "十五个五年",
        "积极融入全国统一大市场建设": "一大市场",  # inside a word: 统一
        "提供不少于10万个高校毕业生就业岗位": "万个高校",  # part of a number
        "让我们每一个石拐人都深知": "一个石拐",  # 一个 is the article
        "涌现出一个又一个先进典型": "一个又一个",  # a count, not a slogan
        "市委十三届七次全会": "十三届七次",  # a session number
        "千方百计促进农民稳定增收": "千方百计",  # an idiom in the dictionary
        "道路清扫保洁面积达到“00”": "00",  # digits that are no code
    }
    for sentence, wrong in cases.items():
        assert wrong not in candidates_in(sentence), sentence


def test_coded_slogans_count_only_when_quoted(reports):
    """“1310” is 广东's plan; 1310 万平方米 in 玉泉区 is an area."""
    assert "1310" in candidates_in("全面落实省委“1310”具体部署")
    assert "1310" not in candidates_in("道路清扫保洁面积达到 1310 万平方米")
    found = {c.text: c for c in find_candidates(list(reports.values()))}
    assert dict(found["1310"].counts) == {"guangdong-2026-work-report": 2}
    assert dict(found["1571"].counts) == {"yuquan-15th-five-year-plan": 2}  # “1571” and ‘1571’


def test_a_candidate_counts_where_it_is_a_word_of_its_own(reports):
    """Quoted, 群众心 counts; in 群众心坎上 it does not, since 心坎 is a word."""
    from generator.glossary.suggest import _occurrences, word_boundaries

    text = "暖好“群众心”。真正做到群众心坎上。"
    assert _occurrences(text, "群众心", word_boundaries(text)) == [text.index("群众心")]


def test_dismissed_candidates_are_hidden(reports):
    files, _ = load_term_files(ROOT / TERMS_DIR)
    glossary = build_glossary(list(reports.values()), files)
    shown = {c.text for c in suggest(list(reports.values()), glossary, 10_000)}
    assert "全覆盖" in shown
    hidden = {c.text for c in suggest(list(reports.values()), glossary, 10_000, {"全覆盖"})}
    assert hidden == shown - {"全覆盖"}


def test_cli_suggest_stats_and_dismissed_file(tmp_path):
    """suggest --stats on a small project: a term, a dismissal, an open candidate."""
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "test-report.txt").write_text(
        "政府工作报告\n\n各位代表：\n\n一、工作回顾\n\n深化“放管服”改革，“放管服”成效明显。实现“全覆盖”，"
        "城乡环卫“全覆盖”。推进“一网通办”，“一网通办”事项增加。开展“暖企”行动，“暖企”见效。\n", encoding="utf-8")
    terms = tmp_path / "annotations" / "terms"
    terms.mkdir(parents=True)
    (terms / "fang-guan-fu.md").write_text(
        "---\nterm: 放管服\nsummary: 简政放权、放管结合、优化服务改革的简称。\ncategory: 改革与营商环境\n"
        "summary_en: Streamlining administration\nsources:\n  - title: 《国务院关于……的通知》\n---\n", encoding="utf-8")
    (tmp_path / "annotations" / "dismissed.yml").write_text("- term: 全覆盖\n  reason: 普通词语\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "generator", "suggest", "--stats", "--root", str(tmp_path)],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split("\n")[:5] == [
        "candidates with at least 2 occurrences: 4",
        "covered: 2 of 4 (50.0 %)",
        "  terms: 1 (25.0 %)",
        "  dismissed: 1 (25.0 %)",
        "open: 2 (50.0 %): 一网通办、暖企",
    ]
    listed = subprocess.run([sys.executable, "-m", "generator", "suggest", "--root", str(tmp_path)],
                            cwd=ROOT, capture_output=True, text=True).stdout
    assert [line.split("\t")[0] for line in listed.split("\n") if line and not line.startswith(" ")] == ["一网通办", "暖企"]


def test_chief_systems_are_candidates_quoted_or_not():
    """河长制 and its kind are jargon even unquoted; 局长制定 is two words."""
    assert candidates_in("严格落实林长制，完成植被恢复") == ["林长制"]
    assert candidates_in("深化河湖长制改革") == ["河湖长制"]
    assert candidates_in("全面推行街长制") == ["街长制"]
    assert candidates_in("和林草长制") == ["林草长制"]
    assert candidates_in("局长制定了方案") == []


@pytest.mark.parametrize("sentence, expected", [
    # Abbreviations with a numeral, with the word they qualify.
    ("严格控制“三公”经费支出，三公经费同比下降5%。", ["三公经费"]),
    ("圆满完成八五普法规划，启动实施九五普法。", ["八五普法", "九五普法"]),
    ("深化三医联动改革，推进一窗受理。", ["三医联动", "一窗受理"]),
    # + forms: the word before a + that no number follows; a formula's elements are none.
    ("深入实施“互联网+政务服务”，推进互联网+医疗健康。", ["互联网+政务服务", "互联网+"]),
    ("实施名师+工程，扩大名校长+覆盖面。", ["名师+", "名校长+"]),
    ("构建“公建+商业+住宅”区域大物业组团，完成“1+20”改革试点。", ["公建+商业+住宅"]),
    # Paired slogans: two four-character phrases built alike.
    ("坚持外防输入、内防反弹，坚决守住不发生规模性疫情的底线。", ["外防输入、内防反弹"]),
    ("深入实施藏粮于地、藏粮于技战略。", ["藏粮于地、藏粮于技"]),
])
def test_unquoted_jargon(sentence, expected):
    assert sorted(set(candidates_in(sentence))) == sorted(set(expected))


@pytest.mark.parametrize("sentence", [
    "大力发展数字经济、绿色经济，培育银发经济、首发经济。",  # one head word listed: no slogan
    "加强文明单位、文明校园创建。",  # one head word first: a list
    "新建三支队伍，开工十件民生实事，建成五金机电城。",  # counts and names, not abbreviations
    "第二个五年，一季度增长6%，3+2模式。",
])
def test_what_unquoted_jargon_is_not(sentence):
    assert candidates_in(sentence) == []
