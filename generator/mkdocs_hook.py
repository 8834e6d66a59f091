"""The thin MkDocs layer: regenerate docs/ from seeds/ at the start of every build.

Registered as a hook in mkdocs.yml, so plain ``mkdocs build`` and ``mkdocs
serve`` need no extra step. Everything else is MkDocs-free Python.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from generator.read import SourceError
from generator.search import SearchSegmenter
from generator.site import generate, write_pages

log = logging.getLogger("mkdocs.hooks.annotated_reports")


@event_priority(-100)  # after the search plugin has set up its index
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).parent
    docs = Path(config.docs_dir)
    try:
        # REPORTS_PLAIN=1 builds report pages without term annotations (for the page-weight check).
        generated = generate(
            root, annotate=os.environ.get("REPORTS_PLAIN") != "1", edit_base=config.extra.get("edit_base") or ""
        )
    except SourceError as error:
        raise PluginError(str(error)) from None
    written = write_pages(docs, generated.pages)
    for notice in generated.notices:
        # Source defects are for editors to see; they must not fail a --strict build.
        log.info("notice: %s", notice)
    for warning in generated.warnings:
        log.info("%s", warning)
    log.info("annotated-reports: %d reports, %d pages regenerated", len(generated.reports), len(written))
    config.nav = generated.nav()
    _segment_search_by_glossary(config, [form for term in generated.glossary.terms for form in term.forms])
    return config


def _segment_search_by_glossary(config: MkDocsConfig, words: list[str]) -> None:
    """Index Chinese text so that a term is found whole and by its parts."""
    search = config.plugins.get("material/search")
    index = getattr(search, "search_index", None)  # created by the search plugin's own on_config
    if index is None or not hasattr(index, "_segment_chinese"):
        log.warning("annotated-reports: Material's search index has changed; Chinese terms are segmented by plain jieba")
        return
    index._segment_chinese = SearchSegmenter(words).segment
