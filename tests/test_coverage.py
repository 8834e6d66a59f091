"""Every term explained: coverage of the reports' jargon, English summaries and sources (issue 15).

These run over the repository's own annotations, so a pull request that adds a
term without ``summary_en`` or an editor's term without ``sources`` fails here
with the file named.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from generator.check import check_project
from generator.glossary.annotations import SUMMARY_LIMIT
from generator.glossary.dismissed import DISMISSED_FILE, load_dismissed
from generator.glossary.suggest import coverage, explained_by, find_candidates, suggest

from .conftest import ALL_SLUGS, ROOT


@pytest.fixture(scope="module")
def project():
    result = check_project(ROOT)
    assert not result.errors, [str(p) for p in result.errors]
    return result


def test_suggest_stats_on_the_repository():
    """The acceptance figures: at least 95 % of the candidates covered, at least 85 % by terms."""
    result = subprocess.run([sys.executable, "-m", "generator", "suggest", "--stats"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().split("\n")
    total = int(re.fullmatch(r"candidates with at least 2 occurrences: (\d+)", lines[0]).group(1))
    covered = int(re.fullmatch(rf"covered: (\d+) of {total} \([\d.]+ %\)", lines[1]).group(1))
    terms = int(re.fullmatch(r"  terms: (\d+) \([\d.]+ %\)", lines[2]).group(1))
    dismissed = int(re.fullmatch(r"  dismissed: (\d+) \([\d.]+ %\)", lines[3]).group(1))
    assert lines[4].startswith(f"open: {total - covered} ")
    assert total >= 200 and covered == terms + dismissed
    assert covered >= 0.95 * total and terms >= 0.85 * total


def test_every_term_has_an_english_summary(project):
    missing = [f"{t.term} ({t.editor_file or t.defined_in})" for t in project.glossary.terms if not t.summary_en]
    assert not missing
    too_long = [(t.editor_file, len(t.summary_en)) for t in project.glossary.terms if len(t.summary_en) > SUMMARY_LIMIT]
    assert not too_long
    for term in project.glossary.terms:
        assert re.search(r"[A-Za-z]", term.summary_en) and not re.search(r"[\u4e00-\u9fff]", term.summary_en), term.slug


def test_every_editor_written_term_names_its_sources(project):
    glossary = project.glossary
    missing = [t.editor_file for t in glossary.terms if t.editor_written and not t.sources]
    assert not missing
    for term in glossary.terms:
        for source in glossary.sources(term):
            assert source.title, term.slug
            assert source.report is None or source.report in ALL_SLUGS, (term.slug, source.report)
            assert source.date is None or re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", source.date), (term.slug, source)
    # A report-defined term cites the report whose 名词解释 defines it, with the report's title and date.
    by_form = glossary.by_form()
    assert glossary.sources(by_form["两闲一空"])[-1].title == "石拐区2024年政府工作报告·名词解释"
    assert glossary.sources(by_form["两闲一空"])[-1].date == "2024-01-23"
    # An editor's source that names a report takes the report's title.
    assert [s.title for s in glossary.sources(by_form["川超"])] == ["四川省2026年政府工作报告"]
    river = glossary.sources(by_form["河长制"])
    assert river[0].title == "中共中央办公厅、国务院办公厅《关于全面推行河长制的意见》" and river[0].date == "2016-12"


def test_the_repository_check_is_clean(project):
    """No warning either: every term is used, has its own forms, an English summary, and sources."""
    assert not project.warnings, [str(p) for p in project.warnings[:10]]


def test_the_jargon_the_issue_names_is_explained(project):
    for name in ("铸牢中华民族共同体意识", "双拥", "林长制", "碳达峰", "新质生产力"):
        term = project.glossary.by_form()[name]
        assert term.summary and term.summary_en and term.sources and term.occurrences, name
    assert sum(project.glossary.by_form()["铸牢中华民族共同体意识"].occurrences.values()) >= 18


def test_dismissed_candidates_are_not_terms_and_are_not_suggested(project):
    problems = []
    dismissed = load_dismissed(ROOT / DISMISSED_FILE, problems)
    assert not problems and len(dismissed) >= 10
    names = {entry.term for entry in dismissed}
    assert all(entry.reason for entry in dismissed)
    assert not names & set(project.glossary.by_form())
    listed = {c.text for c in suggest(project.reports, project.glossary, 10_000, names)}
    assert not listed & names
    shown = {c.text for c in suggest(project.reports, project.glossary, 10_000)}
    assert names <= shown  # without the file they would be suggested


def test_coverage_counts_each_candidate_once(project):
    dismissed = {entry.term for entry in project.dismissed}
    result = coverage(project.reports, project.glossary, dismissed)
    frequent = [c.text for c in find_candidates(project.reports) if c.total >= 2]
    assert sorted(result.terms + result.dismissed + result.open) == sorted(frequent)
    assert all(explained_by(name, project.glossary) for name in result.terms)
    assert set(result.dismissed) <= dismissed
