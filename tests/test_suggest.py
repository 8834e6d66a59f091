"""`python -m generator suggest`: the editors' to-do list."""

from __future__ import annotations

import subprocess
import sys

from generator.glossary.annotations import TERMS_DIR, load_term_files
from generator.glossary.suggest import candidates_in, format_candidates, suggest
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
