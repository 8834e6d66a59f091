"""Stage 5, site: every seed report -> Markdown files under ``docs/``.

Reports are all converted in memory first; files are written only when every
report converted, and only when their content changed (so ``mkdocs serve``
does not rebuild in a loop). ``docs/reports/`` and ``docs/index.md`` belong
to the generator; stale report pages are removed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .check import check_project
from .export import glossary_json
from .model import Notice, Problem, Report
from .read import SourceError
from .render import render_index, render_report
from .terms import Glossary

REPORTS_DIR = "reports"


class BuildError(SourceError):
    """The sources have errors; nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        first = problems[0]
        super().__init__(first.file, first.line, first.message, first.hint)
        self.args = ("\n".join(str(p) for p in problems),)

    def __str__(self) -> str:
        return self.args[0]


@dataclass
class Generated:
    reports: list[Report]
    glossary: Glossary
    pages: dict[str, str]  # path under docs/ -> content
    notices: list[Notice] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def nav(self) -> list[dict]:
        return [
            {"首页": "index.md"},
            {"报告": [{r.meta.title: f"{REPORTS_DIR}/{r.meta.slug}.md"} for r in self.reports]},
        ]


def generate(root: Path) -> Generated:
    """Convert and validate everything under ``root``; raise BuildError on any error."""
    result = check_project(root)
    if result.errors or result.glossary is None:
        raise BuildError(result.errors)
    reports, glossary = result.reports, result.glossary
    pages = {f"{REPORTS_DIR}/{r.meta.slug}.md": render_report(r) for r in reports}
    pages["index.md"] = render_index(reports)
    pages["glossary.json"] = glossary_json(glossary, reports, root)
    notices = [notice for report in reports for notice in report.notices]
    return Generated(reports, glossary, pages, notices, result.warnings)


def write_pages(docs: Path, pages: dict[str, str]) -> list[Path]:
    """Write changed pages; remove generated report pages that no longer exist."""
    written = []
    for relative, content in pages.items():
        target = docs / relative
        if target.exists() and target.read_text(encoding="utf-8") == content:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_suffix(target.suffix + ".tmp")
        temporary.write_text(content, encoding="utf-8")
        temporary.replace(target)
        written.append(target)
    owned = docs / REPORTS_DIR
    if owned.is_dir():
        for stale in owned.glob("*.md"):
            if f"{REPORTS_DIR}/{stale.name}" not in pages:
                stale.unlink()
    return written
