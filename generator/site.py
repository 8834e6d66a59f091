"""Stage 5, site: every seed report -> Markdown files under ``docs/``.

Reports are all converted in memory first; files are written only when every
report converted, and only when their content changed (so ``mkdocs serve``
does not rebuild in a loop). ``docs/reports/`` and ``docs/index.md`` belong
to the generator; stale report pages are removed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .convert import convert_file
from .manifest import apply_manifest, discover
from .model import Notice, Report
from .overrides import Overrides, load_overrides
from .render import render_index, render_report

REPORTS_DIR = "reports"


@dataclass
class Generated:
    reports: list[Report]
    pages: dict[str, str]  # path under docs/ -> Markdown
    notices: list[Notice] = field(default_factory=list)

    def nav(self) -> list[dict]:
        return [
            {"首页": "index.md"},
            {"报告": [{r.meta.title: f"{REPORTS_DIR}/{r.meta.slug}.md"} for r in self.reports]},
        ]


def _sort_key(report: Report) -> tuple[str, str]:
    return (report.meta.date or str(report.meta.year or ""), report.meta.slug)


def convert_seeds(seeds: Path) -> list[Report]:
    reports = []
    for seed in discover(seeds):
        overrides = load_overrides(seed.overrides_path) if seed.overrides_path.exists() else Overrides()
        report = convert_file(seed.path, seed.meta(), overrides)
        apply_manifest(report.meta, seed.entry)
        reports.append(report)
    return sorted(reports, key=_sort_key, reverse=True)


def generate(seeds: Path) -> Generated:
    reports = convert_seeds(seeds)
    pages = {f"{REPORTS_DIR}/{r.meta.slug}.md": render_report(r) for r in reports}
    pages["index.md"] = render_index(reports)
    notices = [notice for report in reports for notice in report.notices]
    return Generated(reports, pages, notices)


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
