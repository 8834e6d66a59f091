"""Stage 5, site: every seed report -> Markdown files under ``docs/``.

Reports are all converted in memory first; files are written only when every
report converted, and only when their content changed (so ``mkdocs serve``
does not rebuild in a loop). ``docs/reports/``, ``docs/concepts/``,
``docs/index.md`` and ``docs/glossary.json`` belong to the generator; stale
pages are removed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..cache import ContentCache, code_version

from ..audit import conversion_line, scope_lines
from ..check import check_project
from ..render.concepts import CONCEPTS_DIR, MATRIX_FILE, render_concept_pages, render_matrix
from ..render.concepts import render_index as render_concept_index
from ..glossary.export import glossary_json
from ..model import Notice, Problem, Report
from ..glossary.notes import NOTES_DIR
from ..parallel import can_fork, fork_map
from ..sources.read import SourceError
from ..render.home import render_home
from ..render.regions import REGIONS_DIR, render_region_index, render_region_page, terms_by_report
from ..render.report import render_report
from ..glossary.terms import Glossary

REPORTS_DIR = "reports"
PARALLEL_FROM = 40  # pages: fewer are rendered in this process
HAND_WRITTEN = {"editing.md": "编辑指南", "benchmark.md": "性能基准"}  # listed in the navigation when present


class BuildError(SourceError):
    """The sources have errors; nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        first = problems[0]
        super().__init__(first.file, first.line, first.message, first.hint)
        self.args = ("\n".join(str(p) for p in problems),)

    def __str__(self) -> str:
        return self.args[0]

    def __reduce__(self):
        return (type(self), (self.problems,))


@dataclass
class Generated:
    reports: list[Report]
    glossary: Glossary
    pages: dict[str, str]  # path under docs/ -> content
    notices: list[Notice] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    extra_nav: list[dict] = field(default_factory=list)  # hand-written pages that exist in docs/

    @property
    def summaries(self) -> list[str]:
        """One line per report: how it was laid out and converted; then one per term a scope kept
        unmarked somewhere (see generator/audit.py)."""
        return [conversion_line(report) for report in self.reports] + scope_lines(self.glossary)

    def nav(self) -> list[dict]:
        return [
            {"首页": "index.md"},
            {"报告": report_nav(self.reports)},
            {"地区": f"{REGIONS_DIR}/index.md"},
            {"名词索引": f"{CONCEPTS_DIR}/index.md"},
            *self.extra_nav,
        ]


# Up to this many reports the sidebar lists them all; a larger archive lists them by year
# (with Material's navigation.prune, a page then carries only its own year's list).
NAV_FLAT_LIMIT = 20


def report_nav(reports: list[Report]) -> list[dict]:
    """The reports in the sidebar, newest first: flat, or by year for a large archive."""
    entries = [{r.meta.title: f"{REPORTS_DIR}/{r.meta.slug}.md"} for r in reports]
    if len(reports) <= NAV_FLAT_LIMIT:
        return entries
    by_year: dict[str, list[dict]] = {}
    for report, entry in zip(reports, entries):
        year = (report.meta.date or "")[:4] or (str(report.meta.year) if report.meta.year else "")
        by_year.setdefault(f"{year}年" if year else "年份不详", []).append(entry)
    return [{label: items} for label, items in by_year.items()]


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

    def render_page(path: str) -> list[tuple[str, str]]:
        folder, name = path.split("/")
        slug = name.removesuffix(".md")
        if folder == REPORTS_DIR:
            report = by_slug[slug]
            overrides = f"seeds/{Path(report.meta.source_file).stem}.overrides.yml"
            return [(path, render_report(
                report, glossary if annotate else None, reports, edit_base=edit_base,
                notes_exist=(root / NOTES_DIR / f"{slug}.yml").exists(), overrides_file=overrides, regions=tree,
            ))]
        if folder == REGIONS_DIR:
            return [(path, render_region_page(tree.regions[slug], tree, by_slug, glossary if annotate else None, used))]
        # A concept page, and the further pages of its occurrence list.
        return [(f"{CONCEPTS_DIR}/{name}", page)
                for name, page in render_concept_pages(terms[slug], glossary, by_slug, occurrences, edit_base).items()]

    terms = glossary.by_slug()
    tree = glossary.regions
    used = terms_by_report(glossary)
    paths = ([f"{REPORTS_DIR}/{r.meta.slug}.md" for r in reports] + [f"{CONCEPTS_DIR}/{t.slug}.md" for t in glossary.terms]
             + [f"{REGIONS_DIR}/{slug}.md" for slug in tree.regions])
    # Each page depends only on the finished reports and glossary: many pages are rendered in forked workers.
    results = fork_map(render_page, paths) if len(paths) >= PARALLEL_FROM and can_fork() else map(render_page, paths)
    rendered = {path: page for pairs in results for path, page in pairs}
    pages = {path: rendered[path] for path in paths if path.startswith(REPORTS_DIR)}
    pages["index.md"] = render_home(reports, tree)
    pages.update((path, rendered[path]) for path in paths if path.startswith(REGIONS_DIR))
    pages[f"{REGIONS_DIR}/index.md"] = render_region_index(tree)
    pages.update((path, page) for path, page in sorted(rendered.items()) if path.startswith(CONCEPTS_DIR))
    pages[f"{CONCEPTS_DIR}/index.md"] = render_concept_index(glossary, reports)
    pages[f"{CONCEPTS_DIR}/{MATRIX_FILE}"] = render_matrix(glossary, reports)
    pages["glossary.json"] = glossary_json(glossary, reports, root)
    notices = [notice for report in reports for notice in report.notices]
    extra = [{title: name} for name, title in HAND_WRITTEN.items() if (root / "docs" / name).exists()]
    return Generated(reports, glossary, pages, notices, result.warnings, extra)


@dataclass
class SitePages:
    """What a site build needs from one generation: small enough to keep whole in the cache."""

    pages: dict[str, str]
    nav: list[dict]
    notices: list[Notice]
    warnings: list[Problem]
    report_count: int
    term_count: int
    summaries: list[str] = field(default_factory=list)


_last_pages: dict[str, SitePages] = {}


def generate_pages(root: Path, annotate: bool = True, edit_base: str = "") -> SitePages:
    """``generate``, cached by its inputs: a build with nothing changed does no generation at all.

    The key covers every file under seeds/ and annotations/, the hand-written
    pages the navigation lists, the arguments and the generator's code.
    """
    key = _inputs_key(root, annotate, edit_base)
    if key in _last_pages:
        return _last_pages[key]
    disk = ContentCache(root / ".cache", "site")
    result = disk.get(key.encode())
    if result is None:
        generated = generate(root, annotate, edit_base)
        result = SitePages(generated.pages, generated.nav(), generated.notices, generated.warnings,
                           len(generated.reports), len(generated.glossary.terms), generated.summaries)
        disk.put(key.encode(), result)
    _last_pages.clear()
    _last_pages[key] = result
    return result


def _inputs_key(root: Path, annotate: bool, edit_base: str) -> str:
    digest = hashlib.sha256(f"{code_version()}\n{annotate}\n{edit_base}\n".encode())
    for folder in ("seeds", "annotations"):
        for path in sorted((root / folder).rglob("*")):
            if path.is_file():
                data = path.read_bytes()
                digest.update(f"{path.relative_to(root).as_posix()}\n{len(data)}\n".encode() + data)
    for name in HAND_WRITTEN:
        digest.update(f"{name}:{(root / 'docs' / name).exists()}\n".encode())
    return digest.hexdigest()


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
    for folder in (REPORTS_DIR, CONCEPTS_DIR, REGIONS_DIR):
        owned = docs / folder
        if owned.is_dir():
            for stale in owned.iterdir():
                if stale.is_file() and f"{folder}/{stale.name}" not in pages:
                    stale.unlink()
    return written
