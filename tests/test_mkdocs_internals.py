"""The MkDocs layer cannot break silently: each undocumented attribute it uses, removed in turn, stops
the build with a message naming it (generator/site/mkdocs_internals.py)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.site import mkdocs_internals as internals

from .conftest import BUILD_ENV, ROOT, SEEDS, project_copy


@pytest.fixture(scope="module")
def small_project(tmp_path_factory) -> Path:
    """The project with one report and no term files: a build that gets to its pages in a few seconds."""
    project = project_copy(tmp_path_factory.mktemp("internals"))
    shutil.rmtree(project / "seeds")
    (project / "seeds").mkdir()
    shutil.copy(SEEDS / "qinghai-2026-work-report.txt", project / "seeds")
    for folder in ("terms", "notes", "targets"):  # they name the other reports
        shutil.rmtree(project / "annotations" / folder, ignore_errors=True)
    (project / "annotations" / "terms").mkdir()
    return project


def _gone(monkeypatch, internal: internals.Internal) -> None:
    """Make the attribute disappear as a release that renamed it would."""
    from material.plugins.search.plugin import SearchIndex, SearchPlugin
    from mkdocs.structure.pages import Page

    from generator.site import mkdocs_render

    if internal.on_class:
        owner = SearchIndex if "SearchIndex" in internal.owner else Page
        monkeypatch.delattr(owner, internal.name)
    elif internal is internals.PAGE_TITLE:  # MkDocs sets it when it renders a page
        original = mkdocs_render._render_page

        def render(page, config, files):
            original(page, config, files)
            page.__dict__.pop(internal.name, None)

        monkeypatch.setattr(mkdocs_render, "_render_page", render)
        monkeypatch.setattr(Page, "__init__", _without(Page.__init__, internal.name))
    elif internal is internals.SEARCH_INDEX:  # the plugin creates it in its on_config
        monkeypatch.setattr(SearchPlugin, "on_config", _without(SearchPlugin.on_config, internal.name))
    else:  # the index creates its list of entries when it is made
        monkeypatch.setattr(SearchIndex, "__init__", _without(SearchIndex.__init__, internal.name))


def _without(method, name):
    def wrapped(self, *args, **kwargs):
        result = method(self, *args, **kwargs)
        self.__dict__.pop(name, None)
        return result

    return wrapped


@pytest.mark.parametrize("internal", internals.INTERNALS, ids=str)
def test_each_internal_removed_stops_the_build_naming_it(internal, small_project, monkeypatch, tmp_path, caplog):
    from mkdocs.commands import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, PluginError

    monkeypatch.chdir(small_project)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setattr("generator.site.mkdocs_render.PARALLEL_FROM", 10**9)  # render in this process
    _gone(monkeypatch, internal)
    config = load_config(str(small_project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    with pytest.raises((PluginError, Abort)) as error:
        build.build(config)
    # Raised in an event, or logged by MkDocs as it reads a page ("Error reading page 'x.md': …") and aborted.
    said = str(error.value) if isinstance(error.value, PluginError) else caplog.text
    assert internals.message(internal) in said
    assert str(internal) in said and internal.reason in said
    assert not (tmp_path / "site" / "index.html").exists()


def test_the_message_the_command_prints(small_project, tmp_path):
    """What an editor sees after an upgrade that dropped one: the attribute, why it is used, what to do."""
    script = ("import material.plugins.search.plugin as p; del p.SearchIndex._segment_chinese; "
              "import sys; from mkdocs.__main__ import cli; sys.argv = ['mkdocs', 'build', '-d', sys.argv[1]]; cli()")
    result = subprocess.run([sys.executable, "-c", script, str(tmp_path / "site")], cwd=small_project,
                            capture_output=True, text=True, env={**BUILD_ENV, "PYTHONPATH": str(ROOT)}, timeout=300)
    assert result.returncode == 1
    version = internals.message(internals.SEGMENTATION).split(" has no ")[0].removeprefix("annotated-reports: ")
    assert (f"ERROR   -  annotated-reports: {version} has no material.plugins.search.plugin.SearchIndex._segment_chinese, "
            "which the build uses because Material cuts Chinese text into words with jieba") in result.stderr


def test_the_tested_releases_are_the_bounds(tmp_path):
    """pyproject.toml bounds MkDocs and Material to the releases these tests ran on."""
    from importlib.metadata import version

    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"mkdocs>=1.6.1,<1.7"' in text and '"mkdocs-material>=9.8,<9.9"' in text
    assert version("mkdocs").startswith("1.6.") and version("mkdocs-material").startswith("9.8.")
