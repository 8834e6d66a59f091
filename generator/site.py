"""Stage 5, site: every seed report -> Markdown files under ``docs/``.

Reports are all converted in memory first; files are written only when every
report converted, and only when their content changed (so ``mkdocs serve``
does not rebuild in a loop). ``docs/reports/``, ``docs/concepts/``,
``docs/index.md`` and ``docs/glossary.json`` belong to the generator; stale
pages are removed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .check import check_project
from .concepts import CONCEPTS_DIR, MATRIX_FILE, render_concept_page, render_matrix
from .concepts import render_index as render_concept_index
from .export import glossary_json
from .model import Notice, Problem, Report
from .notes import NOTES_DIR
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
    extra_nav: list[dict] = field(default_factory=list)  # hand-written pages that exist in docs/

    def nav(self) -> list[dict]:
        return [
            {"首页": "index.md"},
            {"报告": [{r.meta.title: f"{REPORTS_DIR}/{r.meta.slug}.md"} for r in self.reports]},
            {"名词索引": f"{CONCEPTS_DIR}/index.md"},
            *self.extra_nav,
        ]


def generate(root: Path, annotate: bool = True, edit_base: str = "") -> Generated:
    """Convert and validate everything under ``root``; raise BuildError on any error.

    ``annotate=False`` renders report pages without term annotations (the
    baseline the page-weight check compares against).
    """
    result = check_project(root)
    if result.errors or result.glossary is None:
        raise BuildError(result.errors)
    reports, glossary = result.reports, result.glossary
    occurrences = {r.meta.slug: r.occurrences or [] for r in reports}
    by_slug = {r.meta.slug: r for r in reports}
    edit_base = edit_base.rstrip("/")
    pages = {}
    for report in reports:
        overrides = f"seeds/{Path(report.meta.source_file).stem}.overrides.yml"
        pages[f"{REPORTS_DIR}/{report.meta.slug}.md"] = render_report(
            report, glossary if annotate else None, reports, edit_base=edit_base,
            notes_exist=(root / NOTES_DIR / f"{report.meta.slug}.yml").exists(), overrides_file=overrides,
        )
    pages["index.md"] = render_index(reports)
    for term in glossary.terms:
        pages[f"{CONCEPTS_DIR}/{term.slug}.md"] = render_concept_page(term, glossary, by_slug, occurrences, edit_base)
    pages[f"{CONCEPTS_DIR}/index.md"] = render_concept_index(glossary, reports)
    pages[f"{CONCEPTS_DIR}/{MATRIX_FILE}"] = render_matrix(glossary, reports)
    pages["glossary.json"] = glossary_json(glossary, reports, root)
    notices = [notice for report in reports for notice in report.notices]
    extra = [{title: name} for title, name in (("编辑指南", "editing.md"), ("性能基准", "benchmark.md"))
             if (root / "docs" / name).exists()]
    return Generated(reports, glossary, pages, notices, result.warnings, extra)


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
    for folder in (REPORTS_DIR, CONCEPTS_DIR):
        owned = docs / folder
        if owned.is_dir():
            for stale in owned.iterdir():
                if stale.is_file() and f"{folder}/{stale.name}" not in pages:
                    stale.unlink()
    return written
