"""The site as editors and CI use it: new reports, bad input, the CLI, the README's promise."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import BUILD_ENV, ROOT, SEEDS, mkdocs_build, project_copy

ENV = BUILD_ENV


def generator(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=project, capture_output=True, text=True,
                          env={**ENV, "PYTHONPATH": str(project)})


def test_a_new_report_without_manifest_entry_gets_a_page(tmp_path):
    project = project_copy(tmp_path)
    # A report that arrives GB18030-encoded with CRLF line ends and a Chinese file name.
    text = (SEEDS / "huimin-2022-work-report.txt").read_text(encoding="utf-8").replace("回民区", "新城区")
    (project / "seeds" / "新城区报告.txt").write_bytes(text.replace("\n", "\r\n").encode("gb18030"))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    pages = list((project / "site" / "reports").glob("report-*.html"))
    assert len(pages) == 1 and pages[0].name.isascii()
    html = pages[0].read_text(encoding="utf-8")
    assert "2022年新城区政府工作报告" in html and "名词解释" in html
    home = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert "新城区2022年政府工作报告" in home and f"reports/{pages[0].name}" in home


def test_an_undecodable_report_stops_the_build_naming_the_file(tmp_path):
    project = project_copy(tmp_path)
    assert generator(project, "build").returncode == 0
    before = {p: p.read_bytes() for p in (project / "docs").rglob("*.md")}
    (project / "seeds" / "broken.txt").write_bytes(b"\x81\x30\xff\xfd\xa1" * 10)
    cli = generator(project, "build")
    assert cli.returncode == 1
    assert re.search(r"^seeds/broken\.txt: error: cannot decode this file", cli.stderr, re.MULTILINE), cli.stderr
    build = mkdocs_build(project)
    assert build.returncode != 0 and "broken.txt" in build.stdout + build.stderr
    # Nothing already written was lost or changed.
    assert {p: p.read_bytes() for p in (project / "docs").rglob("*.md")} == before


def test_cli_convert_and_outline():
    convert = generator(ROOT, "convert", "seeds/shiguai-2024-work-report.txt")
    assert convert.returncode == 0
    assert convert.stdout.startswith("---\ntitle: 石拐区2024年政府工作报告\n")
    assert "\n## 名词解释\n" in convert.stdout
    outline = generator(ROOT, "outline", "seeds/shiguai-2024-work-report.txt")
    expected = (ROOT / "tests/expected_outlines/shiguai-2024-work-report.txt").read_text(encoding="utf-8")
    assert outline.stdout == expected


def test_generator_core_does_not_import_mkdocs():
    code = (
        "import sys, generator.site.pages, generator.cli, generator.render.report;"
        "assert not [m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material')], 'mkdocs imported'"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_generated_pages_are_not_committed():
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    # /.venv without the slash: a link named .venv is ignored too, not only a folder.
    for path in ("/site/", "/docs/index.md", "/docs/reports/", "/docs/archive/", "/.venv"):
        assert path in ignored


def test_readme_quick_start_is_the_two_make_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"^(make \w+)", quick_start.split("```sh", 1)[1].split("```", 1)[0], re.MULTILINE)
    assert commands == ["make site", "make test"]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("site", "test", "serve"):
        assert re.search(rf"^{target}: \$\(STAMP\)$", makefile, re.MULTILINE), target
    assert "python -m venv" in makefile or "-m venv" in makefile
    assert re.search(r"^site: .*\n\t\$\(BIN\)/python -m generator site$", makefile, re.MULTILINE)
    ci = (ROOT / ".ci/run").read_text(encoding="utf-8")
    assert ci.rstrip().endswith("\nmake test")
    assert "apt-get install" in ci and "chromium" in ci and "fonts-noto-cjk" in ci


@pytest.mark.parametrize("slug", ["yuquan-2023-work-report", "huimin-2022-work-report", "shiguai-2024-work-report"])
def test_glossary_entries_are_data(slug, reports):
    entries = reports[slug].glossary
    assert [e.position for e in entries] == list(range(1, len(entries) + 1))
    assert len(entries) == {"yuquan-2023-work-report": 12, "huimin-2022-work-report": 19, "shiguai-2024-work-report": 9}[slug]


def test_every_build_prints_a_line_per_report(tmp_path):
    project = project_copy(tmp_path)
    lines = generator(project, "build").stdout.splitlines()
    assert "qinghai-2026-work-report: read by text (utf-8); lines; 15 headings, 61 paragraphs, 0 glossary entries; dropped lines: " \
           "page-metadata 3, editor-line 1" in lines
    assert sum(line.split(":")[0] in {p.stem for p in (project / "seeds").glob("*.txt")} for line in lines) == 10
    build = mkdocs_build(project)
    assert build.returncode == 0 and "sichuan-2026-work-report: read by text (utf-8); lines; 4 headings" in build.stdout + build.stderr
