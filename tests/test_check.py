"""`python -m generator check`: every error class, with its exact message, file and line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.check import check_project

from .conftest import ROOT

REPORT = """政府工作报告

——2024年1月23日在赛罕区第一届人民代表大会第一次会议上

赛罕区人民政府区长 张三

各位代表：

一、工作回顾

我们深化“放管服”改革，推进一网通办，开展两闲一空专项行动。

名词解释

两闲一空：实施闲置国有资产、闲置土地和“空心村”盘活起效专项行动。
"""

GOOD = ("---\nterm: 放管服\nsummary: 简政放权、放管结合、优化服务改革的简称。\ncategory: 改革与营商环境\n"
        "summary_en: Streamlining administration, delegating powers and improving services\n"
        "sources:\n  - title: 《国务院关于印发2015年推进简政放权放管结合转变政府职能工作方案的通知》\n---\n\n说明。\n")

REPORT_TERM = ("---\nterm: 两闲一空\ncategory: 地方工作部署\n"
               "summary_en: Reusing idle state assets, idle land and hollowed-out villages\n---\n")


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "test-report.txt").write_text(REPORT, encoding="utf-8")
    terms = tmp_path / "annotations" / "terms"
    terms.mkdir(parents=True)
    # The report defines 两闲一空; its file adds only what the report lacks (no summary needed).
    (terms / "liang-xian-yi-kong.md").write_text(REPORT_TERM, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return terms


def problems(terms: Path, files: dict[str, str]) -> list[str]:
    for name, text in files.items():
        (terms / name).write_text(text, encoding="utf-8")
    return [str(problem) for problem in check_project(Path(".")).problems]


F = "annotations/terms/"
CASES = {
    "malformed YAML": (
        {"fang-guan-fu.md": "---\nterm: 放管服\nsummary: [未闭合\ncategory: 改革与营商环境\n---\n"},
        [f"{F}fang-guan-fu.md:4: error: YAML error: expected ',' or ']', but got ':' (check indentation, colons and quotes)"],
    ),
    "no front matter": (
        {"fang-guan-fu.md": "term: 放管服\n"},
        [f"{F}fang-guan-fu.md:1: error: no front matter (start the file with '---', the fields, and '---')"],
    ),
    "missing field": (
        {"fang-guan-fu.md": "---\nterm: 放管服\ncategory: 改革与营商环境\n---\n"},
        [f"{F}fang-guan-fu.md:1: error: missing field 'summary' "
         "(add 'summary: …' to the front matter (only a term a report defines may leave it out))"],
    ),
    "empty field": (
        {"fang-guan-fu.md": "---\nterm: 放管服\nsummary: ''\ncategory: 改革与营商环境\n---\n"},
        [f"{F}fang-guan-fu.md:3: error: 'summary' must be non-empty text (write summary: … on one line)"],
    ),
    "unknown field": (
        {"fang-guan-fu.md": GOOD.replace("category:", "colour: 红\ncategory:")},
        [f"{F}fang-guan-fu.md:4: error: unknown field 'colour' (allowed fields: aliases, category, related, scope, senses, sources, summary, summary_en, term)"],
    ),
    "unknown category": (
        {"fang-guan-fu.md": GOOD.replace("改革与营商环境", "杂项")},
        [f"{F}fang-guan-fu.md:4: error: unknown category '杂项' (use one of: 党的建设与政治、民族团结、经济与产业、改革与营商环境、"
         "城乡建设与管理、生态环保、规划与空间布局、民生与社会事业、文化与旅游、社会治理与安全、地方工作部署)"],
    ),
    "summary over the limit": (
        {"fang-guan-fu.md": GOOD.replace("简政放权、放管结合、优化服务改革的简称。", "长" * 81)},
        [f"{F}fang-guan-fu.md:3: error: summary is 81 characters, over the limit of 80 "
         "(shorten it; put details in the explanation below the front matter)"],
    ),
    "raw HTML in a field": (
        {"fang-guan-fu.md": GOOD.replace("的简称。", "的简称<img src=x onerror=alert(1)>。")},
        [f"{F}fang-guan-fu.md:3: error: raw HTML or script in 'summary' "
         "(write plain text; Markdown is allowed only in the explanation)"],
    ),
    "script in the explanation": (
        {"fang-guan-fu.md": GOOD + "\n[点我](javascript:alert(1))\n"},
        [f"{F}fang-guan-fu.md:12: error: raw HTML or script in the explanation (use Markdown, not HTML; links must be http(s))"],
    ),
    "duplicate term": (
        {"fang-guan-fu.md": GOOD, "fang-guan-fu-2.md": GOOD},
        [f"{F}fang-guan-fu.md:2: error: term '放管服' is already annotated in {F}fang-guan-fu-2.md (merge the two files into one)"],
    ),
    "duplicate alias": (
        {"fang-guan-fu.md": GOOD.replace("category:", "aliases: [放管服改革]\ncategory:"),
         "yi-wang-tong-ban.md": GOOD.replace("放管服", "一网通办").replace("category:", "aliases: [放管服改革]\ncategory:")},
        [f"{F}yi-wang-tong-ban.md:4: error: alias '放管服改革' is also an alias in {F}fang-guan-fu.md (keep the alias in one file only)"],
    ),
    "alias naming another annotated term": (
        {"fang-guan-fu.md": GOOD, "yi-wang-tong-ban.md": GOOD.replace("term: 放管服", "term: 一网通办").replace("category:", "aliases: [放管服]\ncategory:")},
        [f"{F}yi-wang-tong-ban.md:4: error: alias '放管服' is the term of {F}fang-guan-fu.md (remove the alias, or merge the two terms)"],
    ),
    "alias naming a report-defined term": (
        {"fang-guan-fu.md": GOOD.replace("category:", "aliases: [两闲一空]\ncategory:")},
        [f"{F}fang-guan-fu.md:4: error: alias '两闲一空' is a term a report defines (annotate it in its own file (term: 两闲一空) instead)"],
    ),
    "related names an unknown term": (
        {"fang-guan-fu.md": GOOD.replace("category:", "related: [放管服改革]\ncategory:")},
        [f"{F}fang-guan-fu.md:4: error: related term '放管服改革' is not a known term "
         "(use a term or alias that has a file or a report definition)"],
    ),
    "sense names an unknown report": (
        {"fang-guan-fu.md": GOOD.replace("category:", "senses:\n  - reports: [no-such-report]\n    summary: 另一个意思。\ncategory:")},
        [f"{F}fang-guan-fu.md:5: error: sense names unknown report 'no-such-report' (use one of: test-report)"],
    ),
    "file name is not a slug": (
        {"放管服.md": GOOD},
        [f"{F}放管服.md:1: error: file name '放管服.md' is not a slug (use lowercase ASCII words joined by '-', e.g. fang-guan-fu.md)"],
    ),
    "term found in no report is a warning": (
        {"fang-guan-fu.md": GOOD, "wu-ci-ci.md": GOOD.replace("放管服", "无此词")},
        [f"{F}wu-ci-ci.md:2: warning: '无此词' occurs in no report (check the spelling, or add the form the reports use to 'aliases')"],
    ),
    "YAML tags cannot run code": (
        {"fang-guan-fu.md": "---\nterm: !!python/object/apply:os.system ['echo hacked']\n---\n"},
        [f"{F}fang-guan-fu.md:2: error: YAML error: could not determine a constructor for the tag "
         "'tag:yaml.org,2002:python/object/apply:os.system' (check indentation, colons and quotes)"],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_error_class(project, case):
    files, expected = CASES[case]
    assert problems(project, files) == expected


def test_a_good_file_passes(project):
    assert problems(project, {"fang-guan-fu.md": GOOD}) == []


def test_cli_exit_codes(project):
    (project / "fang-guan-fu.md").write_text(GOOD, encoding="utf-8")
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    ok = subprocess.run([sys.executable, "-m", "generator", "check"], capture_output=True, text=True, env=env)
    assert ok.returncode == 0 and ok.stdout.strip() == "0 errors, 0 warnings (1 reports, 2 terms)"
    (project / "broken.md").write_text("no front matter", encoding="utf-8")
    bad = subprocess.run([sys.executable, "-m", "generator", "check"], capture_output=True, text=True, env=env)
    assert bad.returncode == 1
    assert bad.stderr.startswith("annotations/terms/broken.md:1: error: no front matter")


def test_the_real_repository_passes_check():
    result = subprocess.run([sys.executable, "-m", "generator", "check"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("0 errors, 0 warnings (10 reports,")


def test_a_manifest_date_or_publication_date_in_another_form(project):
    manifest = Path("seeds") / "manifest.yml"
    manifest.write_text("reports:\n  - slug: test-report\n    source_file: test-report.txt\n    published: 2026年2月2日\n",
                        encoding="utf-8")
    assert [str(p) for p in check_project(Path(".")).problems] == [
        "seeds/manifest.yml:4: error: published '2026年2月2日' is not YYYY-MM-DD, YYYY-MM or YYYY (e.g. 2023-01-07)"]
    manifest.write_text("reports:\n  - slug: test-report\n    source_file: test-report.txt\n    date: 2026/2/2\n",
                        encoding="utf-8")
    assert [str(p) for p in check_project(Path(".")).problems] == [
        "seeds/manifest.yml:4: error: date '2026/2/2' is not YYYY-MM-DD, YYYY-MM or YYYY (e.g. 2023-01-07)"]


SOURCE_CASES = {
    "source without a title": (
        "sources:\n  - date: 2015-05\n",
        ["fang-guan-fu.md:5: error: a source needs a 'title' (name the document, e.g. 《关于全面推行河长制的意见》, "
         "or give 'report:' for a report in the archive)"],
    ),
    "source url that is not http": (
        "sources:\n  - title: 《通知》\n    url: javascript:alert(1)\n",
        ["fang-guan-fu.md:5: error: source url 'javascript:alert(1)' is not an http(s) address (give the full address, https://…)"],
    ),
    "source date that is not a date": (
        "sources:\n  - title: 《通知》\n    date: 2015年5月\n",
        ["fang-guan-fu.md:5: error: source date '2015年5月' is not a date (write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2016-12-11)"],
    ),
    "source names an unknown report": (
        "sources:\n  - report: no-such-report\n",
        ["fang-guan-fu.md:4: error: source names unknown report 'no-such-report' (use one of: test-report)"],
    ),
    "English summary in Chinese": (
        "summary_en: 简政放权\nsources:\n  - title: 《通知》\n",
        ["fang-guan-fu.md:4: error: 'summary_en' is not English (write a one-line English gloss)"],
    ),
    "no English summary is a warning": (
        "sources:\n  - title: 《通知》\n",
        ["fang-guan-fu.md:2: warning: '放管服' has no English summary (add 'summary_en: …', a one-line English gloss)"],
    ),
    "English summary over the limit is a warning": (
        f"summary_en: {'x' * 81}\nsources:\n  - title: 《通知》\n",
        ["fang-guan-fu.md:4: warning: summary_en is 81 characters, over 80 "
         "(keep it to one short line; details belong in the explanation)"],
    ),
    "editor term without sources is a warning": (
        "summary_en: Streamlining administration\n",
        ["fang-guan-fu.md:2: warning: '放管服' is written by the editors and names no source (add 'sources:' with the "
         "document that defines it (title, and url or date), or the report in the archive that explains it (report: slug))"],
    ),
}


@pytest.mark.parametrize("case", list(SOURCE_CASES))
def test_summary_en_and_sources(project, case):
    fields, expected = SOURCE_CASES[case]
    text = "---\nterm: 放管服\ncategory: 改革与营商环境\n" + fields + "summary: 简政放权、放管结合、优化服务改革的简称。\n---\n"
    assert problems(project, {"fang-guan-fu.md": text}) == [F + line for line in expected]


def test_a_report_source_and_a_report_defined_term_without_summary(project):
    """A source may name just a report; a report-defined term's file may leave the summary to the report."""
    text = GOOD.replace("  - title: 《国务院关于印发2015年推进简政放权放管结合转变政府职能工作方案的通知》\n",
                        "  - report: test-report\n")
    assert problems(project, {"fang-guan-fu.md": text}) == []
    glossary = check_project(Path(".")).glossary
    term = glossary.by_form()["放管服"]
    assert [(s.title, s.report, s.date) for s in glossary.sources(term)] == [
        ("赛罕区2024年政府工作报告", "test-report", "2024-01-23")]
    report_term = glossary.by_form()["两闲一空"]
    assert report_term.summary == "实施闲置国有资产、闲置土地和“空心村”盘活起效专项行动。"
    assert report_term.summary_en == "Reusing idle state assets, idle land and hollowed-out villages"
    assert [s.report for s in glossary.sources(report_term)] == ["test-report"]


def test_a_form_two_terms_share_is_a_warning(project):
    """A report's variant (the label as printed) and an editor's alias of another term."""
    report = Path("seeds") / "test-report.txt"
    report.write_text(REPORT.replace("两闲一空：", "“两闲一空”盘活起效专项行动：")
                      .replace("开展两闲一空专项行动", "开展两闲一空盘活起效专项行动"), encoding="utf-8")
    other = GOOD.replace("category:", "aliases: [两闲一空盘活起效专项行动]\ncategory:")
    assert problems(project, {"fang-guan-fu.md": other}) == [
        f"{F}fang-guan-fu.md:4: warning: '两闲一空盘活起效专项行动' is a form of both '放管服' and '两闲一空' "
        "(this file now describes '两闲一空': drop the alias, or write term: 两闲一空)",
    ]


def test_two_terms_sharing_a_form_is_a_warning():
    """Two terms with the same alias (two reports' variants, say): a form must name one term."""
    from generator.check import glossary_warnings
    from generator.glossary.terms import Definition, Glossary, Term

    def report_term(slug, name, report):
        return Term(slug=slug, term=name, aliases=["两闲"], summary="……", summary_en="Idle land",
                    definitions=[Definition("名词解释", "……", report, "gloss-1")], occurrences={report: 1})

    glossary = Glossary([report_term("liang-xian-yi-kong", "两闲一空", "a-report"),
                         report_term("liang-xian", "两闲整治", "b-report")])
    assert [str(p) for p in glossary_warnings(glossary, [], [])] == [
        "seeds: warning: '两闲' is a form of both '两闲一空' and '两闲整治' "
        "(a form must name one term: drop the alias from one of them, or merge them)",
        "seeds: warning: '两闲' is a form of both '两闲整治' and '两闲一空' "
        "(a form must name one term: drop the alias from one of them, or merge them)",
    ]


def test_dismissed_file_problems(project):
    dismissed = Path("annotations") / "dismissed.yml"
    dismissed.write_text("- term: 全覆盖\n  reason: 普通词语\n"
                         "- term: 全覆盖\n  reason: 重复\n"
                         "- term: 一网通办\n"
                         "- term: 放管服\n  reason: 不是术语\n"
                         "- term: 无此词\n  reason: 拼写\n"
                         "- term: 暖企\n  why: 字段名错\n", encoding="utf-8")
    REPORT_WITH = REPORT.replace("推进一网通办", "推进一网通办，实现全覆盖")
    (Path("seeds") / "test-report.txt").write_text(REPORT_WITH, encoding="utf-8")
    assert problems(project, {"fang-guan-fu.md": GOOD}) == [
        "annotations/dismissed.yml:3: error: '全覆盖' is already dismissed on line 1 (keep one entry)",
        "annotations/dismissed.yml:5: error: '一网通办' has no reason (say why it is not jargon, e.g. reason: 地名 / 活动名称 / 普通词语)",
        "annotations/dismissed.yml:11: error: unknown field 'why' (allowed: reason, term)",
    ]
    dismissed.write_text("- term: 全覆盖\n  reason: 普通词语\n- term: 放管服\n  reason: 不是术语\n"
                         "- term: 无此词\n  reason: 拼写\n", encoding="utf-8")
    assert problems(project, {}) == [
        "annotations/dismissed.yml:3: error: '放管服' is dismissed but is a term (annotations/terms/fang-guan-fu.md) "
        "(remove the entry: a term is explained, not dismissed)",
        "annotations/dismissed.yml:5: warning: dismissed '无此词' occurs in no report "
        "(remove the entry, or correct it to the text suggest lists)",
    ]
    dismissed.write_text("全覆盖: 普通词语\n", encoding="utf-8")
    assert problems(project, {}) == [
        "annotations/dismissed.yml:1: error: dismissed.yml is a list of entries "
        "(start each entry with '- term: …' and give a 'reason: …')"]
