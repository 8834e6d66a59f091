"""The converter reports on itself: one line per report, and warnings where a report looks unconverted."""

from __future__ import annotations

import shutil
import subprocess
import sys

from generator.audit import audit_report, conversion_line

from .conftest import SEEDS
from .helpers import convert

COVER = "政府工作报告\n——2026年1月25日在北京市第十六届人民代表大会第四次会议上\n北京市市长 殷勇\n各位代表：\n"
SENTENCE = "全市地区生产总值5.2万亿元、增长5.4%，一般公共预算收入增长4.8%。"  # 37 characters


def warnings(text: str) -> list[str]:
    return [str(problem) for problem in audit_report(convert(text), "seeds/x.txt")]


def test_the_line_a_build_prints_per_report(reports):
    assert conversion_line(reports["sichuan-2026-work-report"]) == (
        "sichuan-2026-work-report: read by text (utf-8); lines; 4 headings, 85 paragraphs, 20 glossary entries; dropped lines: "
        "related-content 12, widget 6, page-metadata 3, editor-line 2, qr-code 1")
    assert conversion_line(reports["yuquan-15th-five-year-plan"]) == (
        "yuquan-15th-five-year-plan: read by text (utf-8); blocks; 93 headings, 301 paragraphs, 0 glossary entries; dropped lines: "
        "table-of-contents 83, repeated-table-caption 1, repeated-table-header 1; repaired: duplicate-character 1")


def test_a_converted_report_gives_no_warning():
    assert warnings(COVER + "一、2025年工作回顾\n" + SENTENCE * 3) == []


def test_no_heading_at_all():
    # The shape every web report had before this converter: one paragraph of the whole text.
    assert warnings(COVER + SENTENCE * 150) == [
        "seeds/x.txt:4: warning: no heading in 5,555 characters (the report may not be converted: check its layout, "
        "or force headings in the overrides file)",
        "seeds/x.txt:5: warning: paragraph of 5,550 characters (lines 5–5) (several paragraphs may have been joined: "
        "check the layout, or split it in the overrides file)",
    ]


def test_a_long_stretch_of_few_paragraphs_without_a_heading():
    text = COVER + "一、2025年工作回顾\n" + SENTENCE * 3 + "\n二、主要目标\n" + "\n".join([SENTENCE * 50, SENTENCE * 50, SENTENCE * 50])
    assert warnings(text)[0] == (
        "seeds/x.txt:8: warning: 5,550 characters without a heading in 3 paragraphs (lines 8–10) (the report may not be "
        "converted: check its layout, or force headings in the overrides file)")


def test_many_paragraphs_without_a_heading_are_a_converted_review():
    text = COVER + "一、2025年工作回顾\n" + "\n".join([SENTENCE * 4] * 40)
    assert warnings(text) == []


def test_a_numbered_heading_inside_a_paragraph():
    text = COVER + "一、2025年工作回顾\n" + SENTENCE + "二、2026年重点工作今年要做好以下工作。"
    assert warnings(text) == [
        "seeds/x.txt:6: warning: numbered heading '二、2026年重点工作今年要' inside a paragraph "
        "(a heading was joined into the paragraph: split it there in the overrides file)"]


def test_a_glossary_heading_with_no_entry():
    text = COVER + "一、2025年工作回顾\n" + SENTENCE + "\n名词解释\n这一部分没有可以解析的词条。"
    assert warnings(text) == [
        "seeds/x.txt:7: warning: '名词解释' heading with no entry parsed "
        "(write each entry as its term, a colon and its definition, numbered 1. 2. …)"]


def test_metadata_the_text_does_not_state():
    text = "报告\n各位代表：\n一、2025年工作回顾\n" + SENTENCE
    hint = "(state it in the report's entry in seeds/manifest.yml)"
    assert warnings(text) == [
        f"seeds/x.txt: warning: no date found in the text or the manifest {hint}",
        f"seeds/x.txt: warning: no region found in the text or the manifest {hint}",
        f"seeds/x.txt: warning: no administrative level found in the text or the manifest {hint}",
    ]
    assert warnings("各位代表：\n一、2025年工作回顾\n" + SENTENCE)[0] == (
        "seeds/x.txt: warning: no title in the text: the title fragment is taken from the file name "
        "(state the title in the report's entry in seeds/manifest.yml)")


def test_check_warns_with_file_and_line_and_the_repository_gives_none(tmp_path):
    project = tmp_path / "project"
    (project / "seeds").mkdir(parents=True)
    (project / "annotations" / "terms").mkdir(parents=True)
    shutil.copy(SEEDS / "beijing-2026-work-report.txt", project / "seeds")
    # The same report with every line break gone, as a broken scrape gives it.
    flat = (SEEDS / "qinghai-2026-work-report.txt").read_text(encoding="utf-8").replace("\n", "")
    (project / "seeds" / "flat.txt").write_text(flat, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "generator", "check", "--root", str(project)], capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stderr  # warnings do not fail a check
    lines = result.stderr.splitlines()
    assert any(line.startswith("seeds/flat.txt:1: warning: no heading in ") for line in lines)
    assert not any("beijing" in line for line in lines)
