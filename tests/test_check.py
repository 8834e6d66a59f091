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
