"""Speed without changed results: forked workers and the build caches give the same site.

A cold build converts reports and renders pages in forked workers, and later
builds take pages from .cache/; the site must be byte for byte the one a
plain sequential build makes, an edit must show, and a warning must never be
cached away.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.parallel import can_fork, fork_map

from .conftest import BUILD_ENV, ROOT, project_copy

_spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)


def test_fork_map_runs_closures_and_returns_every_result():
    offset = 100
    assert sorted(fork_map(lambda n: n + offset, list(range(20)), processes=2)) == list(range(100, 120))


def test_a_failure_in_a_worker_is_raised_with_its_traceback():
    def fail(n: int) -> int:
        if n == 3:
            raise ValueError("item three is bad")
        return n

    with pytest.raises(RuntimeError, match="item three is bad"):
        list(fork_map(fail, [1, 2, 3, 4], processes=2))


def test_reports_workers_one_means_no_forking(monkeypatch):
    monkeypatch.setenv("REPORTS_WORKERS", "1")
    assert not can_fork()


def _build(project: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project,
                          capture_output=True, text=True, env={**BUILD_ENV, **env})


def _site_files(site: Path) -> dict[str, bytes]:
    # The gzipped sitemap carries its own timestamp; sitemap.xml is compared instead.
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and p.name != "sitemap.xml.gz"}


def _project(work: Path, reports: int) -> Path:
    project = project_copy(work)
    (project / "seeds").rename(project / "seeds.original")
    bench.make_corpus(reports, project)  # the seeds, then synthetic copies
    for path in (project / "seeds.original").iterdir():
        if not (project / "seeds" / path.name).exists():
            path.rename(project / "seeds" / path.name)
    return project


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """Ten reports (enough for every parallel stage) built sequentially, in parallel, and from the cache."""
    if os.cpu_count() == 1:
        pytest.skip("one core: nothing runs in parallel")
    sequential = _project(tmp_path_factory.mktemp("sequential"), 10)
    parallel = _project(tmp_path_factory.mktemp("parallel"), 10)
    built = {}
    for name, project, env in (("sequential", sequential, {"REPORTS_WORKERS": "1"}), ("parallel", parallel, {}),
                               ("cached", parallel, {})):
        result = _build(project, **env)
        assert result.returncode == 0, result.stderr
        built[name] = _site_files(project / "site")
    return built, parallel


def test_parallel_and_cached_builds_equal_the_sequential_build(sites):
    built, _ = sites
    assert len([name for name in built["sequential"] if name.startswith("reports/")]) == 10
    for name in ("parallel", "cached"):
        assert built[name].keys() == built["sequential"].keys()
        different = [path for path, data in built[name].items() if data != built["sequential"][path]]
        assert different == [], f"{name}: {different[:5]}"


def test_an_edit_shows_after_a_cached_build(sites):
    from generator.site.pages import generate

    _, project = sites
    before = dict(generate(project).pages)  # report pages are files: keep this build's text
    term = project / "annotations" / "terms" / "fang-guan-fu.md"
    term.write_text(term.read_text(encoding="utf-8").replace("简称。", "简称（已编辑）。", 1), encoding="utf-8")
    after = generate(project).pages
    changed = [path for path in after if path.endswith(".md") and after[path] != before.get(path)]
    rendered_before = set((project / ".cache" / "pages").glob("*.pickle"))
    result = _build(project)
    assert result.returncode == 0, result.stderr
    concept = (project / "site" / "concepts" / "fang-guan-fu.html").read_text(encoding="utf-8")
    assert "简称（已编辑）。" in concept
    using = [p for p in (project / "site" / "reports").glob("*.html") if 'aria-describedby="term-def-fang-guan-fu"' in p.read_text(encoding="utf-8")]
    assert len(using) >= 3 and all("简称（已编辑）。" in p.read_text(encoding="utf-8") for p in using)
    # Report pages carry the explanation, but only pages whose own text changed were rendered again:
    # of the pages whose Markdown the edit changed, the report pages using the term were not.
    rendered = set((project / ".cache" / "pages").glob("*.pickle")) - rendered_before
    assert {f"reports/{p.stem}.md" for p in using} <= set(changed)
    assert 1 <= len(rendered) <= len(changed) - len(using)


def test_a_warning_is_never_cached_away(tmp_path):
    project = project_copy(tmp_path)
    term = project / "annotations" / "terms" / "fang-guan-fu.md"
    term.write_text(term.read_text(encoding="utf-8").rstrip() + "\n\n参见[说明](nowhere.md)。\n", encoding="utf-8")
    for attempt in (1, 2):  # the second build finds every other page in the cache
        result = _build(project)
        assert result.returncode != 0, f"build {attempt} passed"
        assert "nowhere.md" in result.stderr, result.stderr


def test_generated_lines_rendered_apart_give_what_markdown_gives(tmp_path, monkeypatch):
    """The page cache renders a page's long generated HTML lines apart (a report's term explanations, a
    concept page's occurrence lists): the HTML and the search sections are what the whole page gives."""
    project = project_copy(tmp_path)
    monkeypatch.chdir(project)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands import build
    from mkdocs.config import load_config
    from mkdocs.structure.pages import Page

    config = load_config(str(project / "mkdocs.yml"))
    from generator.site import mkdocs_render as hook
    config = config.plugins.on_config(config)
    files = build.get_files(config)
    files.add_files_from_theme(config.theme.get_env(), config)
    files = config.plugins.on_files(files, config=config)
    build.get_navigation(files, config)
    index = config.plugins.get("material/search").search_index
    compared = {"reports": 0, "concepts": 0}
    for file in files.documentation_pages():
        folder = file.src_uri.split("/")[0]
        page = file.page or Page(None, file, config)
        page.read_source(config)
        if not hook._split_generated(page.markdown)[1]:
            continue
        Page._uncached_render(page, config, files)
        whole, anchors = page.content, page.present_anchor_ids
        type(index).add_entry_from_context(index, page)
        sections = [dict(s, title=hook.plain_text(s["title"]), text=hook.plain_text(s["text"])) for s in index.entries]
        index.entries.clear()
        for _ in range(2):  # rendered apart, then from the cache
            page.content = None
            page.render(config, files)
            assert page.content == whole and page.present_anchor_ids == anchors
            assert hook._search_sections(index, page) == sections
        compared[folder] += 1
    assert compared["reports"] == 10 and compared["concepts"] >= 50
