"""Stage 4, the archive: the pages built from every report's summary, and the generated docs tree.

``generate`` runs the pipeline (see generator/pipeline.py) and returns the
generated pages: small ones (the home page, concept and region pages,
glossary.json) as text, report pages as files in the staging folder
(``.cache/docs``), written only when their content changed, so the archive's
Markdown is never in memory at once and ``mkdocs serve`` sees only real
changes. ``write_pages`` copies them into ``docs/`` for inspection
(``python -m generator build``); ``docs/reports/``, ``docs/concepts/``,
``docs/regions/``, ``docs/archive/``, ``docs/index.md`` and
``docs/glossary.json`` belong to the generator, and stale pages are removed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

from ..cache import ContentCache, code_version

from ..audit import scope_lines
from ..render.concepts import CONCEPTS_DIR, MATRIX_FILE, render_concept_pages, render_matrix
from ..render.concepts import render_index as render_concept_index
from ..glossary.export import glossary_json
from ..render.figures import TARGETS_DIR as FIGURE_YEARS_DIR
from ..render.figures import TARGETS_PAGE, region_tables, targets_pages
from ..targets.archive import FigureIndex
from ..targets.export import targets_csv, targets_json
from ..model import Notice, Problem
from ..parallel import can_fork, fork_map
from ..sources.read import SourceError
from ..render.home import ARCHIVE_DIR, render_archive
from ..render.regions import REGIONS_DIR, render_region_index, render_region_page, terms_by_report
from ..render.related import related_reports_of
from ..render.report import fill_report_page
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


class GeneratedPages(Mapping[str, str]):
    """The generated pages by path under docs/: small pages held as text, report pages as files."""

    def __init__(self, texts: dict[str, str], files: dict[str, Path]):
        self.texts = texts
        self.files = files  # path under docs/ -> the file holding it

    def __getitem__(self, path: str) -> str:
        if path in self.texts:
            return self.texts[path]
        return self.files[path].read_text(encoding="utf-8")

    def __iter__(self) -> Iterator[str]:
        yield from self.files
        yield from self.texts

    def __len__(self) -> int:
        return len(self.texts) + len(self.files)


@dataclass
class Generated:
    reports: list  # each report's summary (see pipeline.ReportSummary), newest first
    glossary: Glossary | None
    pages: Mapping[str, str]  # path under docs/ -> content
    notices: list[Notice] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    extra_nav: list[dict] = field(default_factory=list)  # hand-written pages that exist in docs/
    lines: list[str] = field(default_factory=list)  # one per report: how it was laid out and converted
    rendered: int = 0  # report page bodies made in this build (the others came from the cache)

    @property
    def summaries(self) -> list[str]:
        """One line per report: how it was laid out and converted; then one per term a scope kept
        unmarked somewhere (see generator/audit.py)."""
        return self.lines + (scope_lines(self.glossary) if self.glossary else [])

    def nav(self) -> list[dict]:
        return site_nav(self.extra_nav)


def site_nav(extra: list[dict]) -> list[dict]:
    """The sidebar: the archive's entry points, never the archive itself.

    Reports, regions and concepts are reached from the home page's list, the
    region index and the 名词索引. A sidebar listing them would grow every
    page with the archive (and the site with its square), and adding one
    report would change every page that lists it.
    """
    return [
        {"首页": "index.md"},
        {"地区": f"{REGIONS_DIR}/index.md"},
        {"名词索引": f"{CONCEPTS_DIR}/index.md"},
        {"主要指标": TARGETS_PAGE},
        *extra,
    ]


def generate(root: Path, annotate: bool = True, edit_base: str = "") -> Generated:
    """The pipeline over everything under ``root``; raise BuildError on any error.

    ``annotate=False`` renders report pages without term annotations (the
    baseline the page-weight check compares against).
    """
    from ..pipeline import run

    return run(root, annotate, edit_base)


def archive_pages(root: Path, summaries: list, glossary: Glossary, annotate: bool, edit_base: str,
                  staging: Path) -> GeneratedPages:
    """Stage 4: every page built from the summaries, and each report page finished from its body."""
    edit_base = edit_base.rstrip("/")
    by_slug = {summary.meta.slug: summary for summary in summaries}
    occurrences = {summary.meta.slug: summary.occurrences for summary in summaries}
    related = related_reports_of(summaries, glossary) if annotate else {}
    from ..pipeline import project_vocabulary

    figures = FigureIndex.of(summaries, project_vocabulary(root))
    files: dict[str, Path] = {}
    for summary in summaries:
        slug = summary.meta.slug
        body = (staging / "bodies" / f"{slug}.md").read_text(encoding="utf-8")
        page = fill_report_page(body, slug, summary.used, glossary if annotate else None, related.get(slug, []),
                                figures.notes(summary))
        target = staging / REPORTS_DIR / f"{slug}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        _write_if_changed(target, page)
        files[f"{REPORTS_DIR}/{slug}.md"] = target
    for stale in (staging / REPORTS_DIR).glob("*.md") if (staging / REPORTS_DIR).is_dir() else []:
        if f"{REPORTS_DIR}/{stale.name}" not in files:
            stale.unlink()

    def render_page(path: str) -> list[tuple[str, str]]:
        folder, name = path.split("/")
        slug = name.removesuffix(".md")
        if folder == REGIONS_DIR:
            region = tree.regions[slug]
            tables = region_tables(figures, SimpleNamespace(region_code=region.code, region=region.name))
            return [(path, render_region_page(region, tree, by_slug, glossary if annotate else None, used, tables))]
        # A concept page, and the further pages of its occurrence list.
        return [(f"{CONCEPTS_DIR}/{name}", page)
                for name, page in render_concept_pages(terms[slug], glossary, by_slug, occurrences, edit_base).items()]

    terms = glossary.by_slug()
    tree = glossary.regions
    used = terms_by_report(glossary)
    paths = [f"{CONCEPTS_DIR}/{t.slug}.md" for t in glossary.terms] + [f"{REGIONS_DIR}/{slug}.md" for slug in tree.regions]
    # Each page depends only on the summaries and the glossary: many pages are rendered in forked workers.
    results = fork_map(render_page, paths) if len(paths) >= PARALLEL_FROM and can_fork() else map(render_page, paths)
    rendered = {path: page for pairs in results for path, page in pairs}
    pages = render_archive(summaries, tree)  # the home page and its year files
    pages.update((path, rendered[path]) for path in paths if path.startswith(REGIONS_DIR))
    pages[f"{REGIONS_DIR}/index.md"] = render_region_index(tree)
    pages.update((path, page) for path, page in sorted(rendered.items()) if path.startswith(CONCEPTS_DIR))
    pages[f"{CONCEPTS_DIR}/index.md"] = render_concept_index(glossary, summaries)
    pages[f"{CONCEPTS_DIR}/{MATRIX_FILE}"] = render_matrix(glossary, summaries)
    pages["glossary.json"] = glossary_json(glossary, summaries, root)
    pages.update(targets_pages(figures, tree))  # 主要指标 and its year files
    # The open data grows with the archive (tens of MB at 3,000 reports): files in the staging folder, not
    # text held through the build.
    for name, make in (("targets.json", targets_json), ("targets.csv", targets_csv)):
        target = staging / "data" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        _write_if_changed(target, make(figures))
        files[name] = target
    return GeneratedPages(pages, files)


def _write_if_changed(target: Path, content: str) -> None:
    from ..pipeline import _write_if_changed as write

    write(target, content)


@dataclass
class SitePages:
    """What a site build needs from one generation: small enough to keep whole in the cache
    (report pages are named by their files in the staging folder, not held)."""

    texts: dict[str, str]  # path under docs/ -> content
    files: dict[str, str]  # path under docs/ -> the file holding it
    nav: list[dict]
    notices: list[Notice]
    warnings: list[Problem]
    report_count: int
    term_count: int
    summaries: list[str] = field(default_factory=list)
    sizes: dict[str, int] = field(default_factory=dict)  # file -> its size when generated

    def intact(self) -> bool:
        """Whether every report page file is still as this generation wrote it."""
        for path, size in self.sizes.items():
            try:
                if Path(path).stat().st_size != size:
                    return False
            except OSError:
                return False
        return True


_last_pages: dict[str, SitePages] = {}


def generate_pages(root: Path, annotate: bool = True, edit_base: str = "") -> SitePages:
    """``generate``, cached by its inputs: a build with nothing changed does no generation at all.

    The key covers every file under seeds/ and annotations/, the hand-written
    pages the navigation lists, the arguments and the generator's code.
    """
    key = _inputs_key(root, annotate, edit_base)
    result = _last_pages.get(key)
    if result is None or not result.intact():
        disk = ContentCache(root / ".cache", "site")
        result = disk.get(key.encode())
        if result is None or not result.intact():
            generated = generate(root, annotate, edit_base)
            pages = generated.pages
            files = {path: str(file) for path, file in pages.files.items()} if isinstance(pages, GeneratedPages) else {}
            texts = dict(pages.texts) if isinstance(pages, GeneratedPages) else dict(pages)
            result = SitePages(texts, files, generated.nav(), generated.notices, generated.warnings,
                               len(generated.reports), len(generated.glossary.terms), generated.summaries,
                               {file: Path(file).stat().st_size for file in files.values()})
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


def write_pages(docs: Path, pages: Mapping[str, str]) -> list[Path]:
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
    for folder in (REPORTS_DIR, CONCEPTS_DIR, REGIONS_DIR, ARCHIVE_DIR, FIGURE_YEARS_DIR):
        owned = docs / folder
        if owned.is_dir():
            for stale in owned.iterdir():
                if stale.is_file() and f"{folder}/{stale.name}" not in pages:
                    stale.unlink()
    return written
