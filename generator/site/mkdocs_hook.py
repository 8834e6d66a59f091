"""The thin MkDocs layer: MkDocs's events, adapted to the pipeline and to ``mkdocs_render``.

Registered as a hook in mkdocs.yml, so plain ``mkdocs build`` and ``mkdocs
serve`` need no extra step. ``on_config`` runs the pipeline (stages 1 to 4,
``generator/pipeline.py``) and hands MkDocs the navigation; the generated
pages reach MkDocs in memory (``on_files``: nothing is written into docs/
during a build, so ``mkdocs serve`` rebuilds once per edit, not twice). Every
other event passes the page to ``mkdocs_render``, which holds the render
cache, the page stash and the parallel renderer. ``python -m generator build``
writes the same Markdown to disk, which is what the Zensical build reads.
"""

from __future__ import annotations

import copy
import logging
import os
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from generator.site import mkdocs_render as render
from generator.site.pages import SitePages, generate_pages
from generator.sources.read import SourceError

log = logging.getLogger("mkdocs.hooks.annotated_reports")
_generated: SitePages | None = None


@event_priority(-100)  # after the search plugin has set up its index
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _generated
    root = Path(config.config_file_path).parent
    try:
        # REPORTS_PLAIN=1 builds report pages without term annotations (for the page-weight check).
        _generated = generate_pages(
            root, annotate=os.environ.get("REPORTS_PLAIN") != "1", edit_base=config.extra.get("edit_base") or ""
        )
    except SourceError as error:
        raise PluginError(str(error)) from None
    for line in _generated.summaries:
        log.info("%s", line)
    for notice in _generated.notices:
        # Source defects are for editors to see; they must not fail a --strict build.
        log.info("notice: %s", notice)
    for warning in _generated.warnings:
        log.info("%s", warning)
    log.info("annotated-reports: %d reports, %d terms", _generated.report_count, _generated.term_count)
    config.nav = copy.deepcopy(_generated.nav)  # MkDocs owns what it is given
    render.open_build(config)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert _generated is not None
    files = render.hand_pages(_generated, files, config)
    render.files_changed()
    return files


@event_priority(-100)  # after every other plugin has seen the navigation
def on_nav(nav: Any, config: MkDocsConfig, files: Files) -> Any:
    render.render_in_parallel(config, files)
    return nav


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    return render.keep_templates(env, config)


@event_priority(-100)  # the last word on a page's HTML, after every plugin's
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return render.page_rendered(html, page, config)


@event_priority(100)  # before any other plugin looks at the page's HTML
def on_page_context(context: Any, page: Page, config: MkDocsConfig, nav: Any) -> Any:
    return render.page_context(context, page, config)


@event_priority(-100)  # after every other plugin has seen the written page
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    render.page_written(page, config)
    return output


@event_priority(-50)  # after the search plugin writes the index, before offline inlines it (-100)
def on_post_build(config: MkDocsConfig) -> None:
    render.finish_build(config)


def on_build_error(error: Exception) -> None:
    render.abandon_build()
